"""The page's language and title, marked for the Voilà template `clinicase` (share/jupyter/voila/
templates/clinicase), which copies them onto <html lang> and <title>: the page speaks the
learner's language, not only each block in it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from .views import HTML, make, shared


def page_mark(title: Callable[[str], str]) -> widgets.HTML:
    """A hidden mark with the current language and `title(lang)`, updated on every switch."""
    return make(
        HTML,
        "clinicase-page",
        layout=shared(widgets.Layout, display="none"),
        value=lambda lang: (
            f'<span data-clinicase-page lang="{lang}" data-title="{escape(title(lang))}" hidden>'
            "</span>"
        ),
    )
