"""Instructor mode: for a live session, show teaching notes and the answer key inline, and let
reveals open without waiting for the reasoning pauses. One switch per kernel: `state.instructor`."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from ..i18n import ui
from ..state import state
from .views import bilingual_view, follow_language, link


def instructor_switch() -> widgets.Checkbox:
    box = widgets.Checkbox(indent=False, layout=widgets.Layout(width="auto"))
    follow_language(box, "description", lambda lang: ui("instructor_mode", lang))
    box.add_class("clinicase-instructor")
    link(box, (box, "value"), (state, "instructor"))
    return box


def when_instructor(render: Callable[[str], str]) -> widgets.HTML:
    """An HTML view that shows `render(lang)` only while instructor mode is on."""
    return bilingual_view(
        lambda lang: render(lang) if state.instructor else "", "", (state, "instructor")
    )
