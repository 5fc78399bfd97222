"""Move interface text written in the old `UI` dict (src/clinicase/i18n.py, before the catalogs)
into the gettext catalogs: for a branch that added or changed keys there.

    git show BASE:src/clinicase/i18n.py > /tmp/base.py      # the dict the branch started from
    git show BRANCH:src/clinicase/i18n.py > /tmp/branch.py  # the dict the branch left
    python tools/ui_dict_to_catalogs.py /tmp/base.py /tmp/branch.py

New keys are added to every catalog; changed texts replace the catalog's. A changed key that the
catalogs no longer have (renamed or split when they were made) is named, to port by hand.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parents[1] / "src" / "clinicase" / "i18n" / "locales"
NOISE = re.compile(
    rb'^"(Report-Msgid-Bugs-To|POT-Creation-Date|PO-Revision-Date|Generated-By):.*\n', re.M
)


def ui_dict(path: str) -> dict[str, dict[str, str]]:
    for node in ast.walk(ast.parse(Path(path).read_text("utf-8"))):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and getattr(node, "value", None):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", "") == "UI" for t in targets):
                return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no UI dict")


def main(base_path: str, branch_path: str) -> None:
    base, branch = ui_dict(base_path), ui_dict(branch_path)
    changed = {k: v for k, v in branch.items() if base.get(k) != v}
    for po in sorted(LOCALES.glob("*.po")):
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=po.stem)
        for key, texts in changed.items():
            if po.stem not in texts:
                print(f"{po.name}: {key} has no {po.stem} text; translate it by hand")
            elif key in base and key not in catalog:
                print(f"{po.name}: {key} was renamed or split in the catalogs; port it by hand")
            elif key in catalog:
                catalog[key].string = texts[po.stem]
            else:
                catalog.add(key, texts[po.stem])
        out = io.BytesIO()
        write_po(out, catalog, width=100, no_location=True, omit_header=False)
        po.write_bytes(NOISE.sub(b"", out.getvalue()))
    print(f"{len(changed)} key(s) moved: {', '.join(changed)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
