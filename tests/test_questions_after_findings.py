"""A page's questions wait for its findings: "Check yourself" says how many findings are still
hidden until the learner has revealed them all, then shows the questions; an instructor, and a
learner whose progress already has them revealed, get the questions at once. A reader without a
kernel (GitHub, the static site) reads the questions either way."""

from __future__ import annotations

from html import unescape

import pytest
from learner_view import text

import clinicase
from clinicase import course
from clinicase.i18n import ui
from clinicase.progress import store_for
from clinicase.state import state
from clinicase.widgets.questions import QuestionWidget
from clinicase.widgets.reading import reading

CASE = clinicase.load_case()
LESSON = "investigations"  # 03: a pause, then a reveal that stops at a prediction
QUESTIONS = CASE.questions_for(LESSON)

pytestmark = pytest.mark.usefixtures("fresh_learner")


def questions_in(view) -> list[str]:
    """The ids of the questions a view shows."""
    if isinstance(view, QuestionWidget):
        return [view.question.id]
    return [q for child in getattr(view, "children", ()) for q in questions_in(child)]


def page_03():
    """03's calls as its notebook makes them: the pause, the reveal, then the questions."""
    course.opening(LESSON)
    pause = course.reasoning_pause("after_examination")
    reveal = course.reveal_stage("investigations", figure="labs")
    return pause, reveal, course.check_yourself(LESSON)


def test_the_questions_wait_until_every_finding_of_the_page_is_revealed():
    pause, reveal, check = page_03()
    total = len(reveal.findings)
    assert questions_in(check) == []
    waiting = text(check)
    assert ui("questions_waiting", "en", n=total) in waiting
    assert not any(q.stem.en in waiting for q in QUESTIONS)
    state.language = "fr"
    assert ui("questions_waiting", "fr", n=total) in text(check)
    state.language = "en"

    pause.problem.value, pause.ranks[0].value = "Limited SSc with calcinosis", "Calcinosis"
    pause.commit()
    reveal.reveal_all()  # stops at the finding a prediction is asked on
    assert 0 < reveal.shown < total
    assert ui("questions_waiting", "en", n=total - reveal.shown) in text(check)
    assert questions_in(check) == []

    prediction = reveal.prediction
    prediction.choice.index = 0
    prediction.check()
    reveal.reveal_all()
    assert reveal.complete
    assert questions_in(check) == [q.id for q in QUESTIONS]
    assert ui("questions_waiting", "en", n=0) not in text(check)
    assert QUESTIONS[0].stem.en in text(check)


def test_an_instructor_sees_the_questions_at_once_and_keeps_them():
    *_, check = page_03()
    state.instructor = True
    assert questions_in(check) == [q.id for q in QUESTIONS]
    state.instructor = False  # a learner's view of the same kernel: nothing taken away
    assert questions_in(check) == [q.id for q in QUESTIONS]
    state.instructor = True
    assert questions_in(course.check_yourself(LESSON)) == [q.id for q in QUESTIONS]


def test_a_learner_who_revealed_everything_before_gets_the_questions_at_once():
    total = len(CASE.stage("investigations").findings)
    store_for(CASE).update(lambda progress: progress.reveals.update({"investigations": total}))
    assert questions_in(course.check_yourself(LESSON)) == [q.id for q in QUESTIONS]


def test_a_reader_without_a_kernel_reads_the_questions_whether_they_wait_or_not():
    *_, check = page_03()
    waiting = reading(check, "fr")
    assert all(q.stem.fr in unescape(waiting) for q in QUESTIONS)
    state.instructor = True
    assert reading(check, "fr") == waiting  # the same page, whatever the learner did
