"""The committed notebooks are lessons with stored, clean outputs (strict nbval compares them)."""

from __future__ import annotations

import json
import re

import pytest
from casefiles import ROOT

LEARNERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NOTEBOOKS = LEARNERS + sorted((ROOT / "instructor").glob("*.ipynb"))


def test_there_is_a_start_notebook():
    assert LEARNERS[0].name == "00_start_here.ipynb"


def test_the_answer_key_is_off_the_learners_path():
    """The instructor guide lives in instructor/, and nothing a learner opens names it."""
    assert (ROOT / "instructor" / "instructor_guide.ipynb").exists()
    assert [p.name for p in LEARNERS if not p.name[:2].isdigit()] == []
    learner_files = [*LEARNERS, *(ROOT / "casedata").rglob("*.yaml")]
    for path in learner_files:
        text = path.read_text(encoding="utf-8")
        assert "instructor_guide" not in text and "instructor/" not in text, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_ran_in_order_without_error(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    counts = []
    for i, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        assert cell["execution_count"] is not None, f"cell {i} was never run"
        assert "execution" not in cell["metadata"], f"cell {i} stores its timing (record_timing)"
        assert not any(o["output_type"] == "error" for o in cell["outputs"]), f"cell {i} failed"
        counts.append(cell["execution_count"])
    assert counts == list(range(1, len(counts) + 1)), "cells were not run top to bottom once"
    assert "widgets" not in notebook["metadata"], "widget state is stored (ids change every run)"


def lab_only(cell) -> bool:
    return "lab-only" in cell["metadata"].get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_a_lesson_a_learner_need_not_edit(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code":
            lines = [line for line in "".join(cell["source"]).splitlines() if line.strip()]
            assert len(lines) <= 2, f"a learner-facing cell should be a call, not code: {lines}"
    if path in LEARNERS:
        return
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    titles = [
        c for c in cells if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("# ")
    ]
    assert len(titles) == 1, "one H1 title per notebook"


@pytest.mark.parametrize("path", LEARNERS, ids=lambda p: p.name)
def test_a_learner_notebook_has_no_prose_of_its_own(path):
    """Headings and instructions are views in the learner's language (course.section); the one
    Markdown cell is JupyterLab's menu path to run the cells, language-neutral and left out of
    the Voilà page (tag lab-only, share/jupyter/voila/templates/clinicase)."""
    markdown = [c for c in json.loads(path.read_text("utf-8"))["cells"] if c["cell_type"] != "code"]
    assert len(markdown) == 1 and lab_only(markdown[0])
    words = set(re.findall(r"\w+", "".join(markdown[0]["source"])))
    assert words <= {"Run", "All", "Cells"}, "only JupyterLab's own menu names"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_learners_do_not_see_code_in_jupyterlab_and_instructors_do(path):
    """Every code cell of a learner notebook has its source hidden (a collapsed input, which
    JupyterLab keeps and tools/execute_notebooks.py preserves); the instructor guide's show."""
    code = [c for c in json.loads(path.read_text("utf-8"))["cells"] if c["cell_type"] == "code"]
    hidden = [c["metadata"].get("jupyter", {}).get("source_hidden", False) for c in code]
    assert hidden == [path in LEARNERS] * len(code)


SECTION_CALLS = tuple(
    f"course.{call}(" for call in ("section", "opening", "check_yourself", "closing")
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_section_starts_a_slide(path):
    """With jupyterlab-rise, each notebook presents as slides, one per section (a Markdown
    heading, or a course call that starts with a heading: a section, or the notebook's opening,
    questions or closing, or one that puts its view `under=` a heading); the JupyterLab-only
    hint is skipped."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if lab_only(cell):
            expected = "skip"
        elif cell["cell_type"] == "markdown":
            expected = "slide" if source.startswith("#") else "-"
        else:
            call = source.removeprefix("from clinicase import course\n")
            headed = call.startswith(SECTION_CALLS) or ", under=" in call or "(under=" in call
            expected = "slide" if headed else "-"
        assert cell["metadata"].get("slideshow", {}).get("slide_type") == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_makes_the_same_course_call_twice(path):
    """A course call replaces the view the same call made before in the kernel (so that re-run
    cells do not pile up views): the same call in two cells would empty the first."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    statements = [
        statement.strip()
        for cell in cells
        if cell["cell_type"] == "code"
        for statement in "".join(cell["source"]).replace("\n", ";").split(";")
    ]
    calls = [statement for statement in statements if statement.startswith("course.")]
    assert calls and len(calls) == len(set(calls))
