"""The case's figures: `draw` makes them with matplotlib from the case data, `stored` keeps them
in figures/ for notebooks, and `figure_html` shows one in a page.

Importing this package does not import matplotlib: a notebook whose figures are current in
figures/ never loads it.
"""

from __future__ import annotations

import base64
from html import escape

from ..i18n import N_, ui
from ..model import Case
from . import stored


def figure_html(case: Case, name: str, lang: str) -> str:
    """Figure `name` of the case in `lang` as an accessible <figure> (SVG: sharp at any zoom): the
    stored file while it is current, otherwise drawn now. A one-line caption; the full
    description is the alt text, and opens under "Describe this figure" for everyone."""
    svg = stored.stored_svg(case.id, name, lang)
    if svg is None:
        from .draw import FIGURES, figure_bytes

        plot = FIGURES[name](case, lang)
        svg, alt = figure_bytes(plot, "svg"), plot.alt
    else:
        alt = stored.alt_of(svg)
    data = base64.b64encode(svg).decode("ascii")
    alt = escape(alt, quote=True)
    return (
        f'<figure class="clinicase-figure" lang="{lang}">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
        f"<figcaption>{escape(ui(CAPTION[name], lang))}<details><summary>"
        f"{escape(ui('describe_figure', lang))}</summary><p><small>{alt}</small></p></details>"
        "</figcaption></figure>"
    )


CAPTION = {
    "body-map-patient": N_("fig_title_patient"),
    "body-map-usual": N_("fig_title_usual"),
    "body-map-skin": N_("fig_title_skin"),
    "timeline": N_("fig_caption_timeline"),
    "labs": N_("fig_caption_labs"),
}
FIGURE_NAMES = tuple(CAPTION)  # what a notebook call may name
