"""The course state of a kernel: what every view follows.

One `CourseState`, `state`, holds the choices that change what all views show: the language,
instructor mode, and the notebook being run. Views observe it (`clinicase.widgets.views.follow`)
and stop observing when they are closed, so re-running a cell leaves no handler behind. Another
kernel-wide choice, such as the link to a live class, belongs here as one more trait.
"""

from __future__ import annotations

import os

import traitlets

from .i18n import DEFAULT_LANGUAGE, LANGUAGES


class CourseState(traitlets.HasTraits):
    language = traitlets.Enum(
        LANGUAGES, default_value=DEFAULT_LANGUAGE, help="the language of every view"
    )
    instructor = traitlets.Bool(
        False, help="teaching notes and the answer key shown; reveals open without the pauses"
    )
    answers = traitlets.Int(0, help="how many answers were checked; tallies refresh on it")
    lesson = traitlets.Unicode(
        None, allow_none=True, help="the notebook this kernel runs, set by its introduction"
    )
    voila = traitlets.Bool(
        False, help="the page is a Voilà page, whose cells run by themselves: no 'Run All' hint"
    )
    alone = traitlets.Bool(
        False, help="a Voilà page served alone (`voila NOTEBOOK`): no other notebook opens from it"
    )
    saved = traitlets.Int(
        0, help="how many times the learner's progress changed; the course map refreshes on it"
    )


def _instructor_requested() -> bool:
    """Instructor mode is an instructor's or a hub's setting (CLINICASE_INSTRUCTOR=1), or the
    switch of the instructor guide; no learner notebook carries a switch."""
    return os.environ.get("CLINICASE_INSTRUCTOR", "").strip().lower() in ("1", "true", "yes", "on")


def _requested_language() -> str:
    requested = os.environ.get("CLINICASE_LANG", DEFAULT_LANGUAGE)
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def _in_voila() -> bool:
    """Voilà gives the kernel of each page it renders the address it serves (VOILA_BASE_URL)."""
    return "VOILA_BASE_URL" in os.environ


def _voila_alone() -> bool:
    """`voila NOTEBOOK.ipynb` serves that one page, at any address but under /voila/render/,
    where Voilà's tree and its server extension (Binder, JupyterHub) serve every notebook; it
    answers a link to another notebook with 403 Forbidden."""
    url = os.environ.get("VOILA_REQUEST_URL")
    return url is not None and "/voila/render/" not in url


state = CourseState(
    language=_requested_language(),
    instructor=_instructor_requested(),
    voila=_in_voila(),
    alone=_voila_alone(),
)
