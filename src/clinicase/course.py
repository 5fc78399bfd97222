"""What the notebooks call: one line per cell, each returning a view in the course language.

    from clinicase import course
    course.language_switch()
    course.patient_at_presentation()

If the case data is broken, a call shows what is wrong instead of raising a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import ipywidgets as widgets

from . import render
from .loader import DEFAULT_CASE, CaseDataError, load_case
from .model import Case
from .widgets import bilingual_view, case_data_problem, language_switch

__all__ = [
    "case_source",
    "how_to_use",
    "language_switch",
    "lesson_intro",
    "lesson_outro",
    "patient_at_presentation",
]


@lru_cache(maxsize=4)
def _case(case_id: str) -> Case:
    return load_case(case_id)


def _show(case_id: str, build: Callable[[Case, str], str], css: str) -> widgets.HTML:
    try:
        case = _case(case_id)
    except CaseDataError as error:
        return case_data_problem(error)
    return bilingual_view(lambda lang: build(case, lang), css)


def lesson_intro(lesson_id: str, case_id: str = DEFAULT_CASE) -> widgets.HTML:
    """Title, objectives, prerequisites and time of a notebook."""
    return _show(case_id, lambda c, lang: render.lesson_intro(c.lesson(lesson_id), lang), "intro")


def lesson_outro(lesson_id: str, case_id: str = DEFAULT_CASE) -> widgets.HTML:
    """Key points of a notebook and a link to the next one."""
    return _show(
        case_id, lambda c, lang: render.lesson_outro(c, c.lesson(lesson_id), lang), "outro"
    )


def how_to_use(case_id: str = DEFAULT_CASE) -> widgets.HTML:
    """How to move through the notebooks without writing code."""
    return _show(case_id, lambda c, lang: render.how_to_use(lang), "how-to-use")


def case_source(case_id: str = DEFAULT_CASE) -> widgets.HTML:
    """The case report the case comes from, and the licence of the course text."""
    return _show(case_id, render.case_source, "source")


def patient_at_presentation(case_id: str = DEFAULT_CASE) -> widgets.HTML:
    """The patient in one line, and the facts of the presentation stage."""
    return _show(case_id, render.patient_at_presentation, "patient")
