"""The expert's reasoning models the skill: short problem representations, key features and
diagnoses with the words a learner may use for them in both languages, each diagnosis labelled
and weighed for and against."""

from __future__ import annotations

import pytest
from casefiles import edit_yaml
from test_loader_errors import load_error

import clinicase

CASE = clinicase.load_case()
PAUSES = [p.id for p in CASE.pauses]


@pytest.mark.parametrize("pause_id", PAUSES)
def test_problem_representation_is_at_most_30_words(pause_id):
    pause = CASE.pause(pause_id)
    for lang in ("en", "fr"):
        assert len(pause.problem_representation[lang].split()) <= 30


@pytest.mark.parametrize("pause_id", PAUSES)
def test_every_diagnosis_and_key_feature_has_terms_in_both_languages(pause_id):
    pause = CASE.pause(pause_id)
    assert pause.key_features and pause.differential
    for item in [*pause.key_features, *pause.differential]:
        assert item.terms["en"] and item.terms["fr"]


@pytest.mark.parametrize("pause_id", PAUSES)
def test_each_differential_is_labelled_and_weighed(pause_id):
    pause = CASE.pause(pause_id)
    assert {d.likelihood for d in pause.differential} >= {"most_likely", "cant_miss"}
    for d in pause.differential:
        assert d.findings_for.en.strip() and d.findings_against.fr.strip()


def test_the_first_pause_is_a_problem_list_with_a_differential_for_each_problem():
    problems = {d.problem.en for d in CASE.pause("after_presentation").differential}
    assert problems == {"Dysphagia", "Breathlessness"}


def test_the_nodule_differential_includes_the_mimics_an_expert_checks():
    names = {d.diagnosis.en for d in CASE.pause("after_examination").differential}
    assert {"Panniculitis", "Septic bursitis at the elbows"} <= names
    assert any("myositis" in name for name in names)


def test_a_diagnosis_without_french_terms_is_refused_naming_the_field(case_copy):
    edit_yaml(
        case_copy, "reasoning.yaml", lambda d: d["pauses"][0]["differential"][0]["terms"].pop("fr")
    )
    message = str(load_error(case_copy))
    assert "pauses.0.differential.0.terms" in message and "no 'fr' (French) terms" in message


def test_the_expert_plan_covers_her_problems_and_the_safety_of_her_regimen():
    plan = CASE.management_plan
    assert plan is not None and plan.unlocks == "management"
    problems = " ".join(p.problem.en for p in plan.problems).lower()
    for problem in ("calcinosis", "lung", "oesophageal", "pulmonary hypertension", "raynaud"):
        assert problem in problems
    safety = " ".join(s.statement.en for p in plan.problems for s in p.plan)
    for point in ("once a week", "Folic acid", "diltiazem and verapamil", "renal crisis"):
        assert point in safety
    assert all(p.terms["en"] and p.terms["fr"] for p in plan.problems)


def test_the_test_menu_offers_at_least_30_tests_searchable_in_both_languages():
    (menu,) = CASE.long_menus
    assert len(menu.items) >= 30 and menu.pick_max == 6 and menu.lesson == "investigations"
    for item in menu.items:
        assert item.terms["en"] and item.terms["fr"] and item.answers.fr.strip()
    done = {i.id for i in menu.items if i.in_report}
    assert {"xray", "hrct", "egd", "capillaroscopy"} <= done and "calcium" not in done
