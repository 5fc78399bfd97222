"""08 written by the learner: the key points and the open questions wait for a summary, a final
differential with next tests and three questions, which are kept across a restart."""

from __future__ import annotations

import pytest
from casefiles import shown

from clinicase import course
from clinicase.state import state

pytestmark = pytest.mark.usefixtures("fresh_learner")


def test_the_open_questions_and_key_points_wait_for_the_learners_synthesis():
    open_questions, outro = course.open_questions(), course.lesson_outro("review")
    assert shown(open_questions).endswith(
        "Locked: first write and commit your own synthesis above."
    )
    synthesis = course.my_synthesis()
    synthesis.fields[0].value = "A woman <b>47</b>."
    synthesis.commit_button.click()
    assert shown(synthesis.message) == "✋ Write all three parts before you commit."
    synthesis.fields[1].value = "Dystrophic calcinosis: PTH\nMyositis overlap: CK"
    synthesis.fields[2].value = "Which antibodies were tested?"
    synthesis.commit_button.click()
    assert "Locked" not in shown(open_questions) and "Locked" not in shown(outro)
    state.language = "fr"
    again = course.my_synthesis()
    assert again.fields[0].value == "A woman <b>47</b>." and again.commit_button.disabled
    assert again.fields[1].value.splitlines() == [
        "Dystrophic calcinosis: PTH",
        "Myositis overlap: CK",
    ]


def test_the_key_points_of_other_notebooks_wait_for_their_questions_not_the_synthesis():
    outro = shown(course.lesson_outro("presentation").status)
    assert "once you have answered every question of this notebook" in outro
    assert "synthesis" not in outro


def test_the_report_shows_the_plan_and_the_synthesis_beside_the_experts():
    import clinicase
    from clinicase import report
    from clinicase.progress import Progress

    case = clinicase.load_case()
    pauses = {
        "management_plan": {"skipped": False, "problem": "calcinosis", "differential": ["x-rays"]},
        "synthesis": {
            "skipped": False, "problem": "Summary <i>", "differential": ["myositis: CK"],
            "questions": "Was PTH measured?",
        },
    }  # fmt: skip
    md = report.to_markdown(report.build(case, Progress(case_id=case.id, pauses=pauses), "en"))
    assert "calcinosis — x-rays" in md
    assert "Painful, inflamed diffuse subcutaneous calcinosis" in md
    assert "Summary <i> — myositis: CK — Was PTH measured?" in md
    assert case.lessons[-1].key_points[0].en in md
    page = report.to_html(report.build(case, Progress(case_id=case.id, pauses=pauses), "en"))
    assert "Summary &lt;i&gt;" in page
