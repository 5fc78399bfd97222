"""lessons.yaml, the notebook files and the ids the notebooks' cells name agree, both ways."""

from __future__ import annotations

from casefiles import ROOT, course_map_problems, edit_yaml

import clinicase

NOTEBOOKS = ROOT / "notebooks"


def test_lessons_notebooks_and_cell_ids_agree():
    assert course_map_problems(clinicase.load_case(), NOTEBOOKS) == []


def test_a_lesson_without_its_notebook_or_a_pause_moved_is_reported(case_copy):
    def change(data):
        data["lessons"][1]["notebook"] = "01_renamed.ipynb"
        data["lessons"][2]["pause"] = "after_examination"

    edit_yaml(case_copy, "lessons.yaml", change)
    problems = course_map_problems(clinicase.load_case_dir(case_copy), NOTEBOOKS)
    assert "lesson presentation: no notebook 01_renamed.ipynb" in problems
    assert "01_presentation.ipynb: no lesson in lessons.yaml" in problems
    assert any(
        p.startswith("02_examination.ipynb: pauses ['after_presentation']") for p in problems
    )
