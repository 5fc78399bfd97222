"""The course state of a kernel: what every view follows.

One `CourseState`, `state`, holds the choices that change what all views show: the language and
instructor mode. Views observe it (`clinicase.widgets.views.follow`) and stop observing when they
are closed, so re-running a cell leaves no handler behind. Another kernel-wide choice, such as
the link to a live class, belongs here as one more trait.
"""

from __future__ import annotations

import os

import traitlets

from .model import LANGUAGES


class CourseState(traitlets.HasTraits):
    language = traitlets.Enum(LANGUAGES, default_value="en", help="the language of every view")
    instructor = traitlets.Bool(
        False, help="teaching notes and the answer key shown; reveals open without the pauses"
    )
    answers = traitlets.Int(0, help="how many answers were checked; tallies refresh on it")


def _requested_language() -> str:
    requested = os.environ.get("CLINICASE_LANG", "en")
    return requested if requested in LANGUAGES else "en"


state = CourseState(language=_requested_language())
