"""The student build for assessed sessions carries no answer text of the question bank."""

from __future__ import annotations

import nbformat
import pytest
from casefiles import edit_yaml, shown
from nbclient import NotebookClient

import clinicase
from clinicase.cli import main
from clinicase.progress import ProgressStore
from clinicase.widgets.questions import question_widget

CASE = clinicase.load_case()


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    assert main(["build-student", str(out)]) == 0
    return out


def answer_texts() -> set[str]:
    """Everything that would give an answer away: feedback, explanations, expert reasoning."""
    texts = set()
    for q in CASE.questions:
        texts |= {q.explanation.en, q.explanation.fr}
        texts |= {t for o in q.options for t in (o.feedback.en, o.feedback.fr)}
        if q.feedback:
            texts |= {q.feedback.correct.en, q.feedback.correct.fr}
        texts |= {t for w in q.wrong_values for t in (w.feedback.en, w.feedback.fr)}
    for pause in CASE.pauses:
        texts |= {pause.problem_representation.en, pause.problem_representation.fr}
        for d in pause.differential:
            texts |= {d.why.en, d.findings_for.en, d.findings_against.fr}
    texts |= {m.correction.en for m in CASE.misconceptions}
    texts |= {s.statement.fr for p in CASE.management_plan.problems for s in p.plan}
    texts |= {i.answers.en for menu in CASE.long_menus for i in menu.items}
    return {t for t in texts if len(t) > 25}


def test_no_answer_text_appears_anywhere_in_the_build(build):
    files = [p for p in build.rglob("*") if p.is_file()]
    assert files and not (build / "instructor").exists()
    assert not list(build.rglob("instructor_guide.ipynb"))
    content = "\n".join(p.read_text(encoding="utf-8") for p in files)
    leaks = [t for t in answer_texts() if t in content]
    assert leaks == []
    assert "correct:" not in (build / "casedata/calcinosis-lcssc/questions.yaml").read_text()
    reasoning = (build / "casedata/calcinosis-lcssc/reasoning.yaml").read_text()
    assert "key_features:" not in reasoning and "findings_for:" not in reasoning


def test_students_answers_are_recorded_without_feedback(build, tmp_path):
    case = clinicase.load_case_dir(build / "casedata" / "calcinosis-lcssc")
    assert case.answers_withheld
    question = next(q for q in case.questions if q.id == "esr_limit")
    widget = question_widget(case, question, 1, ProgressStore(tmp_path / "p.json", case.id))
    widget.field.value = "abc"
    widget.check_button.click()
    assert "is not a number" in shown(widget.message)  # bad input is still explained
    widget.field.value = "28,5 mm/h"  # no unit to check against: the number is recorded
    widget.confidence.value = "unsure"
    widget.check_button.click()
    assert shown(widget.feedback) == (
        "✔ Recorded: 28,5 mm/h. Your instructor will give the feedback."
    )  # no hint, no second attempt, no expected wrong value's feedback
    assert widget.show_button is None  # no second chance: the button is never made
    assert widget.saved().first.confidence == "unsure"
    multiple = next(q for q in case.questions if q.kind == "multiple")
    choice = question_widget(case, multiple, 2, widget.store)
    choice.boxes[choice.option_ids[0]].value = True
    choice.check_button.click()
    assert shown(choice.feedback).startswith("✔ Recorded:") and "Hint" not in shown(choice.feedback)
    assert choice.show_button is None


@pytest.mark.kernel
def test_a_student_notebook_runs_on_the_student_case(build, tmp_path, monkeypatch):
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    monkeypatch.delenv("CLINICASE_CASEDATA", raising=False)
    path = build / "notebooks" / "04_differential_diagnosis.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell("print(course._case('calcinosis-lcssc').answers_withheld)")
    )
    NotebookClient(notebook, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    assert notebook.cells[-1].outputs[0]["text"].strip() == "True"


def test_a_student_pause_keeps_the_experts_reasoning_for_class(build, tmp_path):
    from clinicase.widgets.pause import ReasoningPauseWidget

    case = clinicase.load_case_dir(build / "casedata" / "calcinosis-lcssc")
    store = ProgressStore(tmp_path / "p.json", case.id)
    pause = ReasoningPauseWidget(case, case.pause("after_presentation"), store)
    pause.problem.value = "My summary"
    pause.ranks[0].value = "My first diagnosis"
    pause.commit_button.click()
    assert "My summary" in shown(pause.comparison)
    assert "The expert's reasoning will be discussed in class." in shown(pause.comparison)


@pytest.mark.parametrize("folder", ["notebooks", "instructor"])
def test_guide_and_notebooks_read_the_case_beside_them(case_copy, folder, monkeypatch):
    """An instructor who corrects the case in their course folder sees it in the guide too."""
    edit_yaml(case_copy, "case.yaml", lambda d: d["title"].update(en="A corrected title"))
    course_folder = case_copy.parent
    (course_folder / "casedata").mkdir()
    case_copy.rename(course_folder / "casedata" / case_copy.name)
    (course_folder / folder).mkdir()
    monkeypatch.chdir(course_folder / folder)
    monkeypatch.delenv("CLINICASE_CASEDATA", raising=False)
    assert clinicase.load_case().title.en == "A corrected title"
