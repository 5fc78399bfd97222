"""The second attempt in a real browser (Voilà): a first wrong answer shows only its own feedback
and a hint; "Show the answer" brings the rest; the keyboard reaches every control; how sure the
learner is shows as a checked radio button, not by a shade alone."""

from __future__ import annotations

import pytest
from walk import open_reveals, wait_ready

import clinicase

CASE = clinicase.load_case()
QUESTION = CASE.question("dyspnoea_stage")
WRONG = next(o for o in QUESTION.options if o.id == "a")
RIGHT = next(o for o in QUESTION.options if o.correct)

pytestmark = pytest.mark.browser


def test_a_first_wrong_answer_then_show_the_answer_in_voila(page, voila, screenshot):
    page.goto(voila("01_presentation.ipynb"))
    wait_ready(page)
    open_reveals(page)  # the questions come after the findings
    question = page.locator(".question-dyspnoea_stage")
    question.locator("label", has_text=WRONG.text.en).first.click()
    question.get_by_role("radio", name="Sure", exact=True).click()
    question.locator("button.question-check-dyspnoea_stage").click()
    feedback = question.locator(".widget-html.question-feedback")
    feedback.get_by_text("✘ Not yet right.").wait_for()
    shown = feedback.inner_text()
    assert WRONG.feedback.en[:40] in shown and "Hint:" in shown
    assert RIGHT.feedback.en[:40] not in shown and QUESTION.explanation.en[:40] not in shown
    screenshot(page, "voila-01-first-try-en")

    show = question.locator("button.question-show-dyspnoea_stage")
    show.focus()  # the keyboard alone gives up the second attempt
    page.keyboard.press("Enter")
    feedback.get_by_text(QUESTION.explanation.en[:40]).wait_for()
    shown = feedback.inner_text()
    assert RIGHT.feedback.en[:40] in shown and "Scored on your first answer: not right." in shown
    show.wait_for(state="hidden")
    screenshot(page, "voila-01-answer-shown-en")


def test_the_chosen_confidence_is_checked_not_only_shaded_in_both_languages(page, voila):
    page.goto(voila("01_presentation.ipynb"))
    wait_ready(page)
    open_reveals(page)
    sure = page.locator(".question-confidence-dyspnoea_stage")

    def checked() -> list[str]:
        """The options a learner (or a screen reader) finds checked."""
        return sure.locator("input[type=radio]:checked").evaluate_all(
            "inputs => inputs.map(i => i.closest('label').innerText.trim())"
        )

    sure.get_by_role("radio", name="Sure", exact=True).wait_for()
    assert sure.get_by_role("radio").count() == 3 and checked() == []
    sure.get_by_role("radio", name="Unsure", exact=True).click()
    assert checked() == ["Unsure"]
    page.keyboard.press("ArrowRight")  # the keyboard moves the choice, and the focus stays on it
    sure.get_by_role("radio", name="Guessing", exact=True).wait_for()
    assert checked() == ["Guessing"]
    assert page.evaluate("() => document.activeElement.closest('label').innerText") == "Guessing"
    page.locator(".clinicase-language label", has_text="Français").click()
    sure.get_by_role("radio", name="Au hasard", exact=True).wait_for()
    assert checked() == ["Au hasard"]
    sure.get_by_role("radio", name="Pas sûr(e)", exact=True).click()
    assert checked() == ["Pas sûr(e)"]
