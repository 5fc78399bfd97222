"""Instructor mode: for a live session, show teaching notes and the answer key inline, and let
reveals open without waiting for the reasoning pauses. One switch per kernel."""

from __future__ import annotations

import ipywidgets as widgets
import traitlets

from ..i18n import ui
from .views import follow_language


class _InstructorMode(traitlets.HasTraits):
    on = traitlets.Bool(False)


instructor = _InstructorMode()


def instructor_switch() -> widgets.Checkbox:
    box = widgets.Checkbox(value=instructor.on, indent=False, layout=widgets.Layout(width="auto"))
    follow_language(box, "description", lambda lang: ui("instructor_mode", lang))
    box.add_class("clinicase-instructor")
    traitlets.link((box, "value"), (instructor, "on"))
    return box


def when_instructor(render) -> widgets.HTML:
    """An HTML view that shows `render(lang)` only while instructor mode is on."""
    from .language import current_language, observe_language

    view = widgets.HTML()

    def update(*_):
        view.value = render(current_language()) if instructor.on else ""

    instructor.observe(update, names="on")
    observe_language(update)
    update()
    return view
