"""Showing the case's figures in a notebook, from figures/ when it is current, without loading
matplotlib; otherwise they are drawn (clinicase.figures).

`python -m clinicase figures` writes figures/manifest.json with a fingerprint of the case data
the figures were drawn from; a stored figure is used only while that fingerprint still matches.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

from .loader import casedata_root

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


def figure_html(svg: bytes, alt: str, lang: str) -> str:
    """An accessible <figure>: the image with its alt text, and the same text as a caption."""
    data = base64.b64encode(svg).decode("ascii")
    alt = escape(alt, quote=True)
    return (
        f'<figure lang="{lang}" style="margin:0 0 1em 0">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}"'
        ' style="max-width:100%;height:auto">'
        f"<figcaption><small>{alt}</small></figcaption></figure>"
    )
