"""The management pause of notebook 07: the treatment waits for a problem list and a plan, then
the expert's plan is shown beside them; kept across a restart; a student build has no plan."""

from __future__ import annotations

import pytest
from casefiles import ROOT, shown

import clinicase
from clinicase import course
from clinicase.loader import load_case_dir
from clinicase.progress import store_for
from clinicase.state import state
from clinicase.student import build_student
from clinicase.widgets import ManagementPauseWidget

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")


def test_the_treatment_waits_for_the_plan_then_opens():
    reveal = course.reveal_stage("management")
    assert reveal.locked and reveal.next_button.disabled
    pause = course.management_pause()
    pause.commit_button.click()
    assert shown(pause.message) == "✋ Write her problem list first."
    pause.problem.value = "Calcinose diffuse\nreflux <script>"
    pause.commit_button.click()
    assert shown(pause.message) == "✋ Write at least one action of your plan."
    pause.ranks[0].value = "diltiazem"
    pause.commit_button.click()
    assert not reveal.locked and not reveal.next_button.disabled
    text = shown(pause.comparison)
    assert "Painful, inflamed diffuse subcutaneous calcinosis (✔ on your list)" in text
    assert "Pulmonary hypertension not yet screened for (✘ not on your list)" in text
    assert "<script>" in text and "<script>" not in pause.comparison.value  # escaped


def test_the_plan_comes_back_after_a_restart_in_french():
    pause = course.management_pause()
    pause.problem.value = "PID"
    pause.ranks[0].value = "EFR avec DLCO"
    pause.commit_button.click()
    state.language = "fr"
    again = course.management_pause()
    assert again.problem.value == "PID" and again.commit_button.disabled
    assert "Pneumopathie interstitielle avec rayon de miel des bases (✔ dans votre liste)" in (
        shown(again.comparison)
    )


def test_a_student_build_asks_for_the_plan_without_the_experts(tmp_path):
    built = load_case_dir(
        build_student(ROOT / "casedata" / CASE.id, ROOT / "notebooks", tmp_path / "student")
    )
    assert built.management_plan.problems == ()
    pause = ManagementPauseWidget(built, built.management_plan, store_for(built))
    pause.problem.value = "calcinosis"
    pause.ranks[0].value = "x-rays"
    pause.commit_button.click()
    text = shown(pause.comparison)
    assert "calcinosis" in text and "Confirm the dystrophic kind" not in text
