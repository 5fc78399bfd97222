"""The language switch: one choice per kernel (`state.language`) that every view follows."""

from __future__ import annotations

from ipywidgets.widgets.widget_description import DescriptionStyle

from ..i18n import LANGUAGES, ui
from ..progress import ProgressStore
from ..state import state
from .views import RadioButtons, link, shared


def language_switch(store: ProgressStore) -> RadioButtons:
    """English / Français…, each language named in itself and the label in every language (the
    learner may read only one). Radio buttons show the choice by their checked mark, not by
    colour, and take the arrow keys.

    The learner's saved language is taken first, and every later choice is saved."""
    saved = store.read().language
    if saved:
        state.language = saved
    switch = RadioButtons(
        options=[(ui("language_name", lang), lang) for lang in LANGUAGES],
        value=state.language,
        description=" · ".join(ui("language", lang) for lang in LANGUAGES),
        style=shared(DescriptionStyle, description_width="initial"),
        _dom_classes=("clinicase-language",),
    )
    # Saved first, then every view follows: once the page shows the new language, the choice
    # is on disk, and a learner who closes the tab at once finds it on the next page.
    switch.observe(lambda change: store.update(_chosen(change["new"])), names="value")
    link(switch, (state, "language"), (switch, "value"))
    return switch


def _chosen(code: str):
    def change(progress) -> None:
        progress.language = code

    return change
