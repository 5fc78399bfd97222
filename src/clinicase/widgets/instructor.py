"""Instructor mode: for a live session, show teaching notes and the answer key inline, and let
reveals open without waiting for the reasoning pauses. One switch per kernel: `state.instructor`."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import ui
from ..state import state
from .views import Checkbox, bilingual_view, link, make, shared


def instructor_switch() -> Checkbox:
    box = make(
        Checkbox, "clinicase-instructor", value=state.instructor, indent=False,
        layout=shared(widgets.Layout, width="auto"),
        description=lambda lang: ui("instructor_mode", lang),
    )  # fmt: skip
    link(box, (state, "instructor"), (box, "value"))
    return box


def when_instructor(render: Callable[[str], str]) -> widgets.HTML:
    """An HTML view that shows `render(lang)` only while instructor mode is on."""
    return bilingual_view(
        lambda lang: render(lang) if state.instructor else "", "", (state, "instructor")
    )
