"""Interface text of the course: one gettext catalog per language, `locales/<lang>.po`.

Keys are symbolic (`reveal_next`) and written out in full at every call site, as `ui("key", …)`
or, where a key is chosen before it is shown, `N_("key")`; tests/test_catalogs.py finds them all
by reading the source. Each message is a whole sentence with named placeholders; a message whose
text depends on a count has plural forms, chosen by the value of its `n`.

The languages of the course are the catalogs found, here and in the folders listed in
CLINICASE_LOCALES: that one list drives the case model (every text in every language), the
language switch and the catalogs. Adding a language is adding its catalog and the case's text in
it, with no change to the code.

Case content lives in casedata/, not here.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from ..files import cache_dir, write_atomic

LOCALES = Path(__file__).parent / "locales"


def _catalog_files() -> dict[str, Path]:
    extra = [Path(p) for p in os.environ.get("CLINICASE_LOCALES", "").split(os.pathsep) if p]
    found: dict[str, Path] = {}
    for folder in (LOCALES, *extra):
        for po in sorted(folder.glob("*.po")):
            found.setdefault(po.stem, po)
    return found


CATALOGS = _catalog_files()
LANGUAGES = tuple(CATALOGS)
DEFAULT_LANGUAGE = "en" if "en" in LANGUAGES else LANGUAGES[0]


def N_(key: str) -> str:
    """Marks an interface key chosen before it is shown (gettext's "no-op" marker)."""
    return key


def ui(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang`, its `{name}` fields filled from `values` (numbers
    written the language's way). A plural message takes its form from `values["n"]`."""
    if lang not in CATALOGS:
        raise KeyError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    messages, plural = _messages(lang)
    text = messages[key]
    if isinstance(text, list):
        text = text[min(plural(int(values["n"])), len(text) - 1)]
    if values:
        from .formatting import number

        text = text.format_map(
            {k: number(v, lang) if isinstance(v, float) else v for k, v in values.items()}
        )
    return text


@cache
def catalog(lang: str) -> dict:
    """The compiled catalog of `lang`: its messages, plural rule and decimal format."""
    return _compiled(CATALOGS[lang])


@cache
def _messages(lang: str):
    table = catalog(lang)
    return table["messages"], gettext.c2py(table["plural"])


def decimal_format(lang: str) -> dict | None:
    """How `lang` writes a plain number (`formatting.plain_decimal`), kept with its catalog."""
    return catalog(lang)["decimal"]


def _compiled(po: Path) -> dict:
    """The catalog as {key: text or [plural forms]}, read by Babel, with the language's decimal
    format from Babel's CLDR data. Reading a .po with Babel costs ~0.15 s (its import alone
    ~0.11 s), and loading a language's CLDR data ~30 ms, so the result is cached as JSON, keyed
    by the catalog's hash, in the package's cache folder (`files.cache_dir`)."""
    from .formatting import plain_decimal

    data = po.read_bytes()
    folder = cache_dir()
    digest = hashlib.sha256(data).hexdigest()[:16]
    cache = folder / f"catalog-{po.stem}-{digest}.v2.json"  # v2: with the decimal format
    try:
        return json.loads(cache.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    table = {**read_catalog(po), "decimal": plain_decimal(po.stem)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, json.dumps(table, ensure_ascii=False))
    except OSError:
        pass  # no cache: the next kernel reads the catalog again
    return table


def read_catalog(po: Path) -> dict:
    """Babel's reading of a catalog: its plural rule and its messages, untranslated ones left
    out (so that a test can name them)."""
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream, locale=po.stem)
    messages: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        key = message.id[0] if message.pluralizable else message.id
        text = list(message.string) if message.pluralizable else message.string
        if all(text) if isinstance(text, list) else text:
            messages[key] = text
    return {"plural": catalog.plural_expr, "messages": messages}
