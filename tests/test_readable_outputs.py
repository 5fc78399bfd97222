"""Each view's output reads without a kernel: beside the widget, the HTML that GitHub, nbviewer,
a static export and JupyterLab (before the cells run) show, and a sentence instead of the
widget's repr. It gives nothing away that the learner has not earned."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from casefiles import ROOT
from test_student_build import answer_texts

import clinicase
from clinicase import course
from clinicase.i18n import LANGUAGES, ui
from clinicase.state import state

CASE = clinicase.load_case()
WIDGET = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(autouse=True)
def english_first(fresh_learner):
    yield


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def reading(view) -> str:
    return text_of(view._repr_mimebundle_()["text/html"])


def stored_outputs(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [o["data"] for c in cells for o in c.get("outputs", []) if "data" in o]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_view_carries_its_reading_and_no_widget_repr(path):
    views = [data for data in stored_outputs(path) if WIDGET in data]
    assert views, "the notebook shows its views"
    for data in views:
        plain = "".join(data["text/plain"])
        assert plain == ui("view_without_kernel", "en")
        assert "text/html" in data and not re.search(r"\w+\(children=|HTML\(value=", plain)
    stored = " ".join(text_of("".join(d.get("text/html", ""))) for d in views)
    assert [t for t in answer_texts() if t in stored] == []


def test_the_stored_outputs_read_like_the_course():
    outputs = stored_outputs(ROOT / "notebooks" / "02_examination.ipynb")
    stored = " ".join(text_of("".join(d.get("text/html", ""))) for d in outputs)
    assert CASE.pause("after_presentation").prompt.en in stored
    assert all(f.statement.en in stored for f in CASE.stage("examination").findings)
    assert all(q.stem.en in stored for q in CASE.questions_for("examination"))


def test_a_question_reads_as_its_stem_and_options_never_its_feedback_even_once_answered():
    questions = course.questions("presentation")
    first = questions.children[0]
    before = reading(questions)
    first.choice.value = next(o.id for o in first.question.options if not o.correct)
    first.check_button.click()
    first.show_answer()
    assert "✘" in text_of(first.feedback.value)  # the live view now shows the feedback...
    after = reading(questions)
    assert after == before  # ...the reading does not
    assert first.question.stem.en in after
    assert all(o.text.en in after for o in first.question.options)
    assert first.question.explanation.en not in after
    assert not any(o.feedback.en in after for o in first.question.options)


def test_options_read_in_an_order_that_is_not_the_ranking_key():
    for question in (q for q in CASE.questions if q.kind == "ranking"):
        view = course.questions(question.lesson)
        shown = reading(view)
        own = shown.index(question.stem.en)  # its options, not the same words in another item
        positions = [shown.index(o.text.en, own) for o in question.options]
        assert positions != sorted(positions), f"{question.id} reads in the key's order"


def test_a_reveal_reads_with_every_finding_and_a_pause_without_the_experts_answer():
    assert all(
        f.statement.en in reading(course.reveal_stage("examination"))
        for f in CASE.stage("examination").findings
    )
    pause = CASE.pause("after_presentation")
    shown = reading(course.reasoning_pause(pause.id))
    assert pause.prompt.en in shown and pause.problem_representation.en not in shown
    assert ui("pause_without_kernel", "en") in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reading_is_in_the_learners_language(lang):
    state.language = lang
    data = course.acr_eular_calculator()._repr_mimebundle_()
    assert data["text/plain"] == ui("view_without_kernel", lang)
    assert set(re.findall(r'lang="(\w+)"', data["text/html"])) == {lang}
    assert "☐" in data["text/html"] and WIDGET in data


def test_controls_alone_read_as_nothing():
    assert reading(course.report_button()) == ""
    assert reading(course.quiz_tally("presentation")) == ""  # a tally of nothing yet


def test_a_voila_page_gets_the_widget_without_its_reading(monkeypatch):
    """Voilà always renders the widget: the reading would only add to the page it sends (the
    figures of 06 twice over)."""
    monkeypatch.setattr(state, "voila", True)
    bundle = course.calcinosis_map()._repr_mimebundle_()
    assert WIDGET in bundle and "text/html" not in bundle
    assert bundle["text/plain"] == ui("view_without_kernel", "en")
    monkeypatch.setattr(state, "voila", False)
    assert "<img" in course.calcinosis_map()._repr_mimebundle_()["text/html"]
