"""Write every figure of a case to figures/, as PNG and SVG, in every language.

The files are deterministic (no dates, no software versions, fixed SVG ids), and each carries
its alt text in its metadata (PNG text chunk and SVG <desc> "Description").
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib

from . import gallery, plots
from .loader import casedata_root
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
    """Write the figures that changed, and the manifest saying which data they show; return the
    names of the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    manifest = {case.id: gallery.case_fingerprint(casedata_root() / case.id)}
    files = [
        *render_all(case),
        (gallery.MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode()),
    ]
    for name, data in files:
        path = directory / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(name)
    return written


def figure_html(plot: plots.Plot, lang: str) -> str:
    """A figure drawn now, as an accessible <figure> (SVG: sharp at any zoom, quick to make)."""
    return gallery.figure_html(figure_bytes(plot, "svg"), plot.alt, lang)
