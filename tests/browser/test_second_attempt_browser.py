"""The second attempt in a real browser (Voilà): a first wrong answer shows only its own feedback
and a hint; "Show the answer" brings the rest; the keyboard reaches every control."""

from __future__ import annotations

import pytest

import clinicase

CASE = clinicase.load_case()
QUESTION = CASE.question("dyspnoea_stage")
WRONG = next(o for o in QUESTION.options if o.id == "a")
RIGHT = next(o for o in QUESTION.options if o.correct)

pytestmark = pytest.mark.browser


def test_a_first_wrong_answer_then_show_the_answer_in_voila(page, voila, screenshot):
    page.goto(voila("01_presentation.ipynb"))
    question = page.locator(".question-dyspnoea_stage")
    question.locator("label", has_text=WRONG.text.en).first.click()
    question.locator(".question-confidence-dyspnoea_stage button[data-value='Sure']").click()
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
