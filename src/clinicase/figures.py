"""Write every figure of a case to figures/, as PNG and SVG, in every language.

The files are deterministic (no dates, no software versions, fixed SVG ids), and each carries
its alt text in its metadata (PNG text chunk and SVG <desc> "Description").
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path

import matplotlib

from . import plots
from .model import LANGUAGES, Case

FIGURES: dict[str, Callable[[Case, str], plots.Plot]] = {
    "body-map-patient": lambda case, lang: plots.body_map(case, "patient", lang),
    "body-map-usual": lambda case, lang: plots.body_map(case, "usual", lang),
    "body-map-skin": lambda case, lang: plots.body_map(case, "skin", lang),
    "timeline": plots.timeline,
    "labs": plots.labs,
}


def figure_bytes(plot: plots.Plot, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, the same on every run, with its alt text inside."""
    title = plot.figure.texts[0].get_text() if plot.figure.texts else ""
    if fmt == "png":
        metadata = {"Title": title, "Description": plot.alt, "Software": None}
    else:
        metadata = {"Title": title, "Description": plot.alt, "Date": None, "Creator": None}
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "clinicase", "svg.fonttype": "none"}):
        plot.figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def render_all(case: Case) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every figure, language and format."""
    for name, draw in FIGURES.items():
        for lang in LANGUAGES:
            plot = draw(case, lang)
            for fmt in ("png", "svg"):
                yield f"{name}.{lang}.{fmt}", figure_bytes(plot, fmt)


def write_all(case: Case, directory: Path) -> list[str]:
    """Write the figures that changed; return their names."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in render_all(case):
        path = directory / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(name)
    return written


def figure_html(plot: plots.Plot, lang: str) -> str:
    """An accessible <figure>: the image with its alt text, and the same text as a caption.
    SVG: sharp at any zoom, and faster to produce than a PNG."""
    data = base64.b64encode(figure_bytes(plot, "svg")).decode("ascii")
    alt = escape(plot.alt, quote=True)
    return (
        f'<figure lang="{lang}" style="margin:0 0 1em 0">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}"'
        ' style="max-width:100%;height:auto">'
        f"<figcaption><small>{alt}</small></figcaption></figure>"
    )
