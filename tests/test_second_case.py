"""A second, fictional case (tests/fixtures/casedata/fictional-lighthouse-keeper) runs through the
whole course with no code change: validation, every notebook under nbval, the report, the student
build. It proves the engine is not tied to the calcinosis case; its ids are the ones the course's
notebooks name (lessons, stages, pauses, findings), which `course_map_problems` checks."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest
from casefiles import FIXTURE_CASES, ROOT, course_map_problems, shown
from nbclient import NotebookClient

import clinicase
from clinicase import report
from clinicase.model import QUESTION_KINDS
from clinicase.progress import ProgressStore
from clinicase.student import build_student
from clinicase.widgets.questions import question_widget

CASE_ID = "fictional-lighthouse-keeper"
CASE_DIR = FIXTURE_CASES / CASE_ID
CASE = clinicase.load_case_dir(CASE_DIR)


def test_it_is_valid(cli):
    result = cli("validate", str(CASE_DIR))
    assert result.returncode == 0 and f"{CASE_ID}: valid" in result.stdout


def test_it_is_small_and_has_a_question_of_every_kind():
    assert "invented" in CASE.patient.one_liner.en and "inventé" in CASE.title.fr.lower()
    assert {q.kind for q in CASE.questions} == set(QUESTION_KINDS)
    assert CASE.pauses and len(CASE.findings) < 20


def test_it_names_every_id_the_notebooks_use():
    assert course_map_problems(CASE, ROOT / "notebooks") == []


def test_the_course_shows_it_when_chosen(monkeypatch):
    from clinicase import course

    monkeypatch.setenv("CLINICASE_CASEDATA", str(FIXTURE_CASES))
    monkeypatch.setenv("CLINICASE_CASE", CASE_ID)
    view = course.patient_at_presentation()
    assert "He has kept the imaginary lighthouse alone" in shown(view)


def test_its_report(tmp_path):
    store = ProgressStore(tmp_path / "progress.json", CASE.id)
    widget = question_widget(CASE, CASE.question("calcium_numeric"), 1, store)
    widget.field.value = "12,2"
    widget.check_button.click()
    md = report.to_markdown(report.build(CASE, store.read(), "fr"))
    assert CASE.patient.one_liner.fr in md and "12,2" in md
    html = report.to_html(report.build(CASE, store.read(), "en"))
    assert html.startswith("<!DOCTYPE html>") and "Captain Testwell" in html


@pytest.mark.kernel
def test_its_student_build_runs_without_settings(tmp_path, monkeypatch):
    """A student build of this case opens on this case by itself (it is the only case there)."""
    target = build_student(CASE_DIR, ROOT / "notebooks", tmp_path / "build")
    student = clinicase.load_case_dir(target)
    assert student.answers_withheld and all(q.explanation is None for q in student.questions)
    for name in ("CLINICASE_CASEDATA", "CLINICASE_CASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path / "home"))
    path = tmp_path / "build" / "notebooks" / "03_investigations.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "c = course._case(course.default_case()); print(c.id, c.answers_withheld)"
    ))  # fmt: skip
    NotebookClient(notebook, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    assert notebook.cells[-1].outputs[0]["text"].split() == [CASE_ID, "True"]


@pytest.mark.kernel
@pytest.mark.slow
def test_every_notebook_runs_on_it_under_nbval(tmp_path):
    """Strict nbval compares the stored outputs of the calcinosis case, so the run is lax; the
    plugin fails any cell that shows a case-data problem instead of its view."""
    env = {
        **os.environ,
        "CLINICASE_CASEDATA": str(FIXTURE_CASES),
        "CLINICASE_CASE": CASE_ID,
        "CLINICASE_HOME": str(tmp_path / "home"),
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "tests" / "fixtures"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "notebooks", "-q", "-o", "addopts=",
         "--nbval-lax", "--nbval-current-env", "--nbval-cell-timeout=120",
         "-p", "nbval_case_shown", "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
