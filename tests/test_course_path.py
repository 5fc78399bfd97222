"""The course map of 00 and the progress strip of every notebook (issue 14 point 3), driven as a
learner drives them: each notebook's status follows reveals, pauses and answers, the map says
where to resume, and both follow the language switch."""

from __future__ import annotations

import re

import pytest
from casefiles import ROOT, shown
from ipywidgets import HTML
from test_walkthrough_widgets import commit

import clinicase
from clinicase import course
from clinicase.progress import Progress
from clinicase.status import course_status, resume_lesson

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")


def status_of(view, title: str) -> str:
    """The status a notebook's line of the map shows, symbol and words."""
    items = [shown(HTML(value=li)) for li in re.findall(r"<li>.*?</li>", view.value, re.S)]
    return next(item for item in items if item.startswith(title)).split(" — ")[1]


def answer(question) -> None:
    """Any answer, right or wrong: the first option chosen, or ticked."""
    first = question.question.options[0].id
    if hasattr(question, "boxes"):
        question.boxes[first].value = True
    else:
        question.choice.value = first


def test_a_new_learner_has_started_nothing_and_resumes_at_the_start():
    statuses = course_status(CASE, Progress(case_id=CASE.id))
    assert {status for _, status in statuses} == {"not_started"}
    assert resume_lesson(statuses).id == "start"
    page = shown(course.course_map())
    assert "Resume where you left off: Start here" in page
    assert page.count("○ not started") == len(CASE.lessons)


def test_a_reveal_a_commit_and_answers_change_the_status_the_map_and_strip_show():
    the_map, strip = course.course_map(), course.progress_strip("presentation")
    reveal = course.reveal_stage("presentation")
    reveal.next_button.click()
    assert status_of(the_map, "1. Presentation") == "◐ in progress"
    assert status_of(the_map, "Start here") == "✓ done"  # the learner has moved on
    assert "Resume where you left off: 1. Presentation" in shown(the_map)
    assert "01 ◐ in progress" in shown(strip)

    reveal.all_button.click()
    box = reveal.prediction  # the prediction the reveal waits for
    box.choice.value = box.prediction.options[0].id
    box.submit.click()
    reveal.all_button.click()
    for question in course.questions("presentation").children:
        answer(question)
        question.check_button.click()
    assert status_of(the_map, "1. Presentation") == "✓ done"
    assert "1. Presentation: page 2 of 9 · 2 of 9 done" in shown(strip)
    assert "Resume where you left off: 2. Examination" in shown(the_map)

    commit(course.reasoning_pause("after_presentation"), "A woman with SSc", "Calcinosis")
    assert status_of(the_map, "2. Examination") == "◐ in progress"


def test_the_map_and_strip_follow_the_language_switch():
    the_map, strip = course.course_map(), course.progress_strip("examination")
    course.language_switch().value = "fr"
    assert "Votre parcours" in shown(the_map) and "Reprendre où vous en étiez" in shown(the_map)
    assert "○ pas commencé" in shown(the_map) and "not started" not in shown(the_map)
    assert "2. Examen clinique : page 3 sur 9" in shown(strip)
    assert "Précédent : 1. Présentation" in shown(strip)


def test_previous_and_next_are_relative_links_to_notebooks_that_exist():
    for lesson in CASE.lessons:
        strip = course.progress_strip(lesson.id).value
        links = course.page_links(lesson.id).value
        index = CASE.lessons.index(lesson)
        for neighbour, rel in ((index - 1, "prev"), (index + 1, "next")):
            if 0 <= neighbour < len(CASE.lessons):
                target = CASE.lessons[neighbour].notebook
                assert f'rel="{rel}" href="{target}"' in strip and target in links
                assert (ROOT / "notebooks" / target).exists()
            else:
                assert f'rel="{rel}"' not in strip
    assert 'aria-current="page"' in course.progress_strip("scores").value


def test_every_notebook_shows_where_the_learner_is():
    from casefiles import called, notebook_calls

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        calls = called(notebook_calls(path))
        assert calls & {"course_map", "progress_strip"} and "page_links" in calls, path.name


def test_a_section_missing_from_the_data_is_said_not_raised():
    view = course.section("presentation", "no_such_section")
    assert "no section 'no_such_section'" in shown(view)


def test_a_view_under_a_heading_comes_after_that_heading_of_its_page_in_one_cell():
    """`under=` puts a call's view under a heading of the page's lesson (set by the page's
    first cell), in the learner's language: one cell fewer for Voilà to run."""
    from clinicase.state import state

    course.opening("examination")
    view = course.reveal_stage("examination", under="examination")
    heading, reveal = view.children
    expected = CASE.lesson("examination").section("examination").heading
    assert expected.en in shown(heading) and reveal.next_button is not None
    state.language = "fr"
    assert expected.fr in shown(heading) and expected.en not in shown(heading)
    assert "no section 'nowhere'" in shown(course.body_map(under="nowhere").children[0])


def test_a_view_under_a_heading_before_its_page_is_known_says_to_run_from_the_top():
    """A cell run alone in a fresh kernel, before the page's first cell: told, not raised."""
    from clinicase.state import state

    view = course.reveal_stage("examination", under="examination")
    assert "run the notebook from its first cell" in shown(view.children[0])
    state.language = "fr"
    assert "depuis sa première cellule" in shown(view.children[0])
    assert view.children[1].next_button is not None  # the view itself is still there


@pytest.mark.parametrize("voila", [True, False], ids=["Voilà", "JupyterLab"])
def test_instructions_match_where_the_learner_is(voila, monkeypatch):
    """A Voilà page runs its cells itself: nothing on it says to run them; JupyterLab's says how."""
    from learner_view import NOTEBOOKS, cells, text, views

    from clinicase.state import state

    monkeypatch.setattr(state, "voila", voila)
    made = [
        v for notebook in NOTEBOOKS for kind, source in cells(notebook) if kind == "code"
        for v in views(source)
    ]  # fmt: skip
    for lang in ("en", "fr"):
        state.language = lang
        assert any("Run All Cells" in text(v) for v in made) is not voila


@pytest.mark.parametrize(
    ("url", "alone"),
    [
        ("http://127.0.0.1:8866/", True),  # voila notebooks/01_presentation.ipynb
        ("http://127.0.0.1:8866/voila/render/01_presentation.ipynb", False),  # voila notebooks/
        ("https://hub.mybinder.org/user/x/voila/render/notebooks/01_presentation.ipynb", False),
        (None, False),  # JupyterLab
    ],
)
def test_a_page_voila_serves_alone_says_how_to_open_the_course_instead_of_dead_links(
    url, alone, monkeypatch
):
    """`voila NOTEBOOK.ipynb` answers a link to another notebook with 403 Forbidden: there the
    strip, the page links and the map name the notebooks as text and say what to run instead."""
    from clinicase import state as state_module
    from clinicase.state import state

    if url is None:
        monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    else:
        monkeypatch.setenv("VOILA_REQUEST_URL", url)
    assert state_module._voila_alone() is alone
    monkeypatch.setattr(state, "alone", alone)
    strip, links = course.progress_strip("presentation"), course.page_links("presentation")
    views = [strip, links, course.course_map()]
    for lang, note in (("en", "open the course folder"), ("fr", "ouvrez plutôt le dossier")):
        state.language = lang
        for view in views:
            assert ("href=" in view.value) is not alone
            assert (note in shown(view)) is alone
            assert ("voila notebooks/" in shown(view)) is alone
    assert "Suivant : 2. Examen clinique" in shown(links)  # the way on, named all the same
