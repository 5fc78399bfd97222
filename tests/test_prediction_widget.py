"""Predict, then see, as a learner drives it (no browser): the reveal stops at a finding that
asks for a prediction, what the finding means appears only after it, and the prediction comes
back after a restart; a student build records it without feedback."""

from __future__ import annotations

import pytest
from casefiles import edit_yaml, shown

import clinicase
from clinicase import course
from clinicase.state import state

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")
RAYNAUD = CASE.finding("onset_raynaud")
RAYNAUD_AT = CASE.stage("presentation").findings.index(RAYNAUD) + 1


def test_the_reveal_waits_for_the_prediction_then_shows_what_the_finding_means():
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    assert reveal.shown == RAYNAUD_AT  # "Reveal all" stops at the finding that asks
    assert RAYNAUD.statement.en in shown(reveal.cards)
    assert RAYNAUD.explanation.en not in shown(reveal.cards)
    assert "Predict below first" in shown(reveal.cards)
    assert shown(reveal.status) == "Predict before you reveal more."
    assert reveal.next_button.disabled and reveal.all_button.disabled

    box = reveal.prediction
    assert "does it count in the 2013 ACR/EULAR" in shown(box.children[0])
    box.submit.click()  # nothing chosen
    assert "choose one option first" in shown(box.message)
    assert reveal.shown == RAYNAUD_AT

    box.choice.value = "capillaroscopy"
    box.submit.click()
    cards = shown(reveal.cards)
    assert "Your prediction: Only if nailfold capillaroscopy is abnormal too" in cards
    assert "Not right. The two are separate items" in cards
    assert "Why it matters" not in cards  # what it means waits for the pause of notebook 2
    assert reveal.prediction is None
    reveal.all_button.click()
    assert reveal.shown == len(CASE.stage("presentation").findings)


def test_a_learner_who_chose_french_is_asked_in_french():
    state.language = "fr"
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    choice = reveal.prediction.choice
    assert choice.options == tuple(
        (o.text.fr, o.id) for o in CASE.prediction_for(RAYNAUD.id).options
    )


def test_a_prediction_comes_back_after_a_restart_in_either_language():
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    reveal.prediction.choice.value = "three"
    reveal.prediction.submit.click()

    again = course.reveal_stage("presentation")  # a new kernel reads the saved progress
    assert again.prediction is None
    assert "Your prediction: Yes: 3 points" in shown(again.cards)
    state.language = "fr"
    assert "Votre prédiction : Oui : 3 points" in shown(again.cards)
    assert "Exact. Le phénomène de Raynaud est un des items" in shown(again.cards)


def examination():
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value, pause.ranks[0].value = "Long-standing SSc", "Overlap"
    pause.commit_button.click()
    return course.reveal_stage("examination")


def test_a_typed_prediction_is_escaped_and_marked_in_any_language():
    reveal = examination()
    reveal.all_button.click()
    box = reveal.prediction
    assert "prediction-subcutaneous_nodules" in box._dom_classes
    box.choice.value = "<b>gout</b>"
    box.submit.click()
    assert "<b>gout</b>" not in reveal.cards.value
    assert "&lt;b&gt;gout&lt;/b&gt;" in reveal.cards.value
    assert "Not right. Worth keeping in your list" in shown(reveal.cards)
    assert "(Expected answer: calcinosis)" in shown(reveal.cards)


def test_a_typed_prediction_in_french_is_right():
    reveal = examination()
    reveal.all_button.click()
    box = reveal.prediction
    box.choice.value = "Dépôts calciques"
    box.submit.click()
    assert "Right. That is the first cause to test for" in shown(reveal.cards)


def test_instructor_mode_neither_asks_nor_holds_back():
    state.instructor = True
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    assert reveal.shown == len(CASE.stage("presentation").findings)
    assert reveal.prediction is None
    assert RAYNAUD.explanation.en in shown(reveal.cards)


def test_a_student_build_records_the_prediction_without_its_feedback(course_on_copy):
    def strip(data):
        data["answers_withheld"] = True
        for p in data["predictions"]:
            for option in p.get("options", []):
                option.pop("correct", None)
                option.pop("feedback", None)
            p.pop("accepted", None)
            p.pop("feedback", None)

    edit_yaml(course_on_copy, "questions.yaml", strip)
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    reveal.prediction.choice.value = "three"
    reveal.prediction.submit.click()
    cards = shown(reveal.cards)
    assert "Recorded: Yes: 3 points. Your instructor will give the feedback." in cards
    assert "3 points." in cards and "Right" not in cards
