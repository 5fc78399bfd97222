"""Each kind of question answered right, wrong and badly, as a learner would; what they read."""

from __future__ import annotations

from html import unescape

import pytest
from casefiles import shown

import clinicase
from clinicase import course, html
from clinicase.model import Question
from clinicase.progress import ProgressStore
from clinicase.state import state
from clinicase.widgets.questions import question_widget

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")
read = shown


def offers_answer(q) -> bool:
    """Whether the learner sees "Show the answer" (made only when a second chance needs it)."""
    return q.show_button is not None and q.show_button.layout.display != "none"


def widget_for(question_id: str, lesson: str):
    widgets = course.questions(lesson).children
    return next(w for w in widgets if w.question.id == question_id)


def test_a_first_wrong_answer_gets_its_own_feedback_and_a_hint_and_the_second_the_rest():
    q = widget_for("dyspnoea_stage", "presentation")
    tally = course.quiz_tally("presentation")
    q.check_button.click()
    assert "choose one option first" in read(q.message) and read(q.feedback) == ""
    assert not offers_answer(q)
    q.choice.value = "a"
    q.check_button.click()
    shown = read(q.feedback)
    assert shown.startswith("✘ Not yet right.")
    assert "Possibly, but the report does not say NYHA" in shown  # why the chosen one is wrong
    assert "Hint: Reread the stem" in shown
    assert "Right: NYHA, mMRC" not in shown  # not the key, nor the other options' feedback
    assert "Explanation" not in shown and "Expected answer" not in shown
    assert offers_answer(q) and q.show_button.description == "Show the answer"
    state.language = "fr"
    assert read(q.feedback).startswith("✘ Pas encore juste.") and "Indice" in read(q.feedback)
    state.language = "en"
    q.choice.value = "c"
    q.check_button.click()
    shown = read(q.feedback)
    assert shown.startswith("✔ Right.")
    assert "Right: NYHA, mMRC and the original MRC scale" in shown  # every option's feedback
    assert "Explanation:" in shown
    assert "Scored on your first answer: not right." in shown
    assert not offers_answer(q)
    assert q.saved().attempts == 2 and q.saved().first.answer == "a"
    assert "1 of 2 questions answered; 0 right at the first try" in read(tally)


def test_show_the_answer_gives_up_the_second_attempt_and_the_first_answer_stays_scored():
    q = widget_for("dyspnoea_stage", "presentation")
    q.choice.value = "a"
    q.check_button.click()
    q.show_button.click()
    shown = read(q.feedback)
    assert shown.startswith("✘ Not right.") and "Right: NYHA, mMRC" in shown
    assert "Explanation:" in shown and "Scored on your first answer: not right." in shown
    assert not offers_answer(q)
    again = widget_for("dyspnoea_stage", "presentation")  # after a restart: still shown
    assert "Right: NYHA, mMRC" in read(again.feedback) and again.saved().shown
    assert again.saved().attempts == 1


def test_a_right_first_answer_gets_the_full_feedback_at_once():
    q = widget_for("dyspnoea_stage", "presentation")
    q.choice.value = "c"
    q.check_button.click()
    assert read(q.feedback).startswith("✔ Right.") and "Explanation:" in read(q.feedback)
    assert not offers_answer(q)


def test_how_sure_the_learner_was_is_saved_with_the_answer():
    q = widget_for("dyspnoea_stage", "presentation")
    assert q.confidence.value is None  # optional: nothing chosen for the learner
    assert [label for label, _ in q.confidence.options] == ["Sure", "Unsure", "Guessing"]
    q.confidence.value = "sure"
    q.choice.value = "a"
    q.check_button.click()
    assert q.saved().first.confidence == "sure"
    state.language = "fr"
    assert q.confidence.value == "sure" and q.confidence.options[0][0] == "Sûr(e)"


def test_options_come_in_the_learners_own_order_which_survives_a_restart(tmp_path):
    question = CASE.question("separating_labs")
    orders = set()
    for learner in range(6):
        store = ProgressStore(tmp_path / f"p{learner}.json", CASE.id)
        w = question_widget(CASE, question, 1, store)
        again = question_widget(CASE, question, 1, ProgressStore(store.path, CASE.id))
        assert list(again.boxes) == list(w.boxes) == w.option_ids
        orders.add(tuple(w.boxes))
    assert len(orders) > 1, "the order is drawn per learner"


def test_keyboard_order_is_the_order_shown():
    q = widget_for("dyspnoea_stage", "presentation")
    texts = {o.id: o.text.en for o in q.question.options}
    assert list(q.choice.options) == [(texts[i], i) for i in q.option_ids]
    assert sorted(q.option_ids) == sorted(texts)


def test_double_submission_changes_nothing():
    q = widget_for("onset_signs", "presentation")
    q.choice.value = "a"
    q.check_button.click()
    first = read(q.feedback)
    q.check_button.click()
    assert read(q.feedback) == first and q.saved().first.correct


def test_multiple_answer_shows_partial_credit():
    q = widget_for("separating_labs", "differential")
    for option in ("ca", "po4", "pth", "crp"):  # 3 right ticks, 1 wrong, 2 missed, 4 left out
        q.boxes[option].value = True
    q.check_button.click()
    shown = read(q.feedback)
    assert shown.startswith("◐ Partly right: 7 of 10 judged right.")
    assert "C-reactive protein level (your choice) — No: it measures inflammation" in shown
    assert "Hint:" in shown
    q.show_button.click()
    shown = read(q.feedback)
    assert "✘ C-reactive protein level (your choice) — No: it measures inflammation" in shown
    assert "Scored on your first answer: 70% credit." in shown


def test_numeric_bad_input_then_french_comma():
    q = widget_for("esr_limit", "investigations")
    q.check_button.click()
    assert "type an answer first" in read(q.message)
    q.field.value = "vingt-huit"
    q.check_button.click()
    assert "“vingt-huit” is not a number" in read(q.message) and read(q.feedback) == ""
    state.language = "fr"
    assert "« vingt-huit » n'est pas un nombre" in read(q.message)
    q.field.value = "28,5"
    q.check_button.click()
    assert read(q.message) == "" and read(q.feedback).startswith("✔ Exact.")
    assert "Réponse attendue : 28,5 mm/h" in read(q.feedback)


def test_numeric_out_of_range_is_wrong_with_the_expected_value():
    q = widget_for("acr_total_ulcers", "scores")
    q.field.value = "99"
    q.check_button.click()
    assert read(q.feedback).startswith("✘ Not yet right.") and "15" not in read(q.feedback)
    q.field.value = "98"
    q.check_button.click()
    assert read(q.feedback).startswith("✘ Not right.") and "Expected answer: 15 points" in read(
        q.feedback
    )


def test_an_expected_wrong_number_gets_its_own_feedback_and_units_are_read():
    q = widget_for("acr_total_ulcers", "scores")
    q.field.value = "16 points"
    q.check_button.click()
    assert "That reads the scars as pitting scars (3)" in read(q.feedback)
    q.field.value = "15 mm"
    q.check_button.click()
    assert "“mm” is not the unit of this question" in read(q.message)
    assert q.saved().attempts == 1  # a wrong unit costs nothing
    q.field.value = "15 point"
    q.check_button.click()
    assert read(q.message) == "" and read(q.feedback).startswith("✔ Right.")


def test_a_near_miss_of_the_spelling_is_pointed_out_not_marked():
    q = widget_for("her_four_point_sign", "examination")
    q.field.value = "sclerodactily"
    q.check_button.click()
    assert "“sclerodactily” is close to an accepted answer: check your spelling" in read(q.message)
    assert q.saved() is None and read(q.feedback) == ""
    state.language = "fr"
    assert "vérifiez l'orthographe" in read(q.message)
    q.field.value = "sclerodactylia"  # a synonym
    q.check_button.click()
    assert read(q.feedback).startswith("✔")


def test_free_text_accepts_accents_either_way():
    q = widget_for("her_four_point_sign", "examination")
    q.field.value = "  SCLERODACTYLIE "
    q.check_button.click()
    assert read(q.feedback).startswith("✔ Right.")


def test_ranking_moves_and_grades():
    q = widget_for("calcinosis_kind_rank", "differential")
    right = [o.id for o in q.question.options]
    assert q.order != right, "never shown in the right order"
    while q.order != right:  # bubble the items into place with the Up buttons
        for i in range(1, len(q.order)):
            if right.index(q.order[i]) < right.index(q.order[i - 1]):
                q.rows.children[i].children[1].click()
                break
    q.check_button.click()
    assert read(q.feedback).startswith("✔ Right.")


def test_ranking_moves_items_between_the_same_rows_and_buttons():
    q = widget_for("calcinosis_kind_rank", "differential")
    controls = [control for row in q.rows.children for control in row.children]
    first, second = (read(row.children[0]) for row in q.rows.children[:2])
    q.rows.children[1].children[1].click()  # Up on the second item
    assert read(q.rows.children[0].children[0]) == "1. " + second[3:]
    assert read(q.rows.children[1].children[0]) == "2. " + first[3:]
    state.language = "fr"
    assert q.rows.children[0].children[1].description == "↑ Monter"
    assert [control for row in q.rows.children for control in row.children] == controls


def test_answers_and_feedback_come_back_in_a_new_view():
    q = widget_for("onset_signs", "presentation")
    q.choice.value = "b"
    q.check_button.click()
    again = widget_for("onset_signs", "presentation")
    assert again.choice.value == "b" and read(again.feedback).startswith("✘ Not yet right.")
    assert offers_answer(again)


def test_question_text_is_shown_as_text_never_run(tmp_path):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    text = {"en": evil, "fr": evil}
    question = Question.model_validate(
        {
            "id": "evil", "lesson": "presentation", "kind": "single", "stem": text,
            "options": [
                {"id": "a", "text": text, "correct": True, "feedback": text},
                {"id": "b", "text": {"en": "b", "fr": "b"}, "correct": False, "feedback": text},
            ],
            "explanation": text, "refs": ["poster"],
        }
    )  # fmt: skip
    store = ProgressStore(tmp_path / "p.json", CASE.id)
    widget = question_widget(CASE, question, 1, store)
    widget.choice.value = "a"
    widget.check_button.click()
    for shown_html in (html.question_stem(question, 1, "en"), widget.feedback.value):
        assert "<script>" not in shown_html and "<img" not in shown_html
        assert evil in unescape(shown_html)


def test_hotspot_click_maps_to_a_region_and_far_clicks_are_refused():
    from types import SimpleNamespace

    from clinicase.figures import draw

    q = widget_for("click_her_site", "calcinosis_map")
    q.open_map.click()  # the map is drawn when the learner opens it
    front, back = q.figure.axes
    q.on_click(SimpleNamespace(inaxes=front, xdata=50, ydata=5))  # between the feet
    assert "click on the body map, or choose a region" in read(q.message)
    x, y = draw._points("buttock", "bilateral", "back")[0]
    q.on_click(SimpleNamespace(inaxes=back, xdata=x + 2, ydata=y - 2))
    assert q.choice.value == "buttock" and read(q.feedback).startswith("✔ Right.")
    q.choice.value = "hand"  # the keyboard alternative: the list and the check button
    q.check_button.click()
    assert read(q.feedback).startswith("✘ Not right.")
    assert "the report names none in the hands" in read(q.feedback)
