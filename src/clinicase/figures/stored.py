"""The figures stored in figures/: written by `python -m clinicase figures`, and read back by the
notebooks without loading matplotlib while they are current.

figures/manifest.json holds a fingerprint of the case data the figures were drawn from; a stored
figure is used only while that fingerprint still matches. The files are deterministic (no dates,
no software versions, fixed SVG ids), and each carries its alt text in its metadata.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from html import unescape
from pathlib import Path

from ..files import write_atomic
from ..loader import casedata_root
from ..model import Case

MANIFEST = "manifest.json"


def case_fingerprint(case_dir: Path) -> str:
    """A hash of every YAML file of a case: figures drawn from other data are stale."""
    digest = hashlib.sha256()
    for path in sorted(case_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _current(root: Path, case_id: str) -> bool:
    try:
        manifest = json.loads((root.parent / "figures" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get(case_id) == case_fingerprint(root / case_id)


def stored_svg(case_id: str, name: str, lang: str) -> bytes | None:
    """The SVG of figure `name` in `lang` from figures/, if it was drawn from the current data."""
    root = casedata_root()
    path = root.parent / "figures" / f"{name}.{lang}.svg"
    return path.read_bytes() if _current(root, case_id) and path.is_file() else None


def alt_of(svg: bytes) -> str:
    """The alt text stored in an SVG written by clinicase (its Dublin Core description)."""
    match = re.search(rb"<dc:description>(.*?)</dc:description>", svg, re.S)
    return unescape(match.group(1).decode("utf-8")) if match else ""


def write_all(case: Case, directory: Path) -> list[str]:
    """Draw every figure of a case into `directory` and write the manifest saying which data
    they show; only the files that changed are written. Returns their names."""
    from .draw import render_all  # matplotlib, only when figures are drawn

    directory.mkdir(parents=True, exist_ok=True)
    manifest = {case.id: case_fingerprint(casedata_root() / case.id)}
    files = [*render_all(case), (MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())]
    written = []
    for name, data in files:
        path = directory / name
        if not path.exists() or path.read_bytes() != data:
            write_atomic(path, data)
            written.append(name)
    return written
