"""The long menu of notebook 03: searching the tests, picking up to six, the marks and what the
learner reads, kept across a restart, withheld in a student build."""

from __future__ import annotations

import pytest
from casefiles import ROOT, shown

import clinicase
from clinicase import course, report
from clinicase.i18n.formatting import series
from clinicase.loader import load_case_dir
from clinicase.marking import AnswerError, grade, search_menu
from clinicase.progress import Progress, store_for
from clinicase.state import state
from clinicase.student import build_student
from clinicase.widgets.questions import question_widget

CASE = clinicase.load_case()
MENU = CASE.long_menu("order_tests")
ESSENTIAL = [i.id for i in MENU.items if i.essential]
NOT_ESSENTIAL = [i.id for i in MENU.items if not i.essential]


def found(text: str) -> list[str]:
    return [item.id for item in search_menu(MENU, text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hemogramme", "fbc"),  # French term typed without its accent
        ("HÉMOGRAMME", "fbc"),
        ("echographie", "echo"),
        ("Échocardiographie", "echo"),
        ("pm scl", "pmscl"),
        ("capillaro", "capillaroscopy"),
        ("full blood", "fbc"),
    ],
)
def test_search_ignores_case_and_accents_in_both_languages(typed, expected):
    assert expected in found(typed)


def test_search_shows_every_test_for_no_text_and_none_for_nonsense():
    assert len(found("")) == len(MENU.items) >= 30
    assert found("zzzz") == []


def test_six_essential_tests_earn_full_credit():
    result = grade(MENU, ESSENTIAL[:6])
    assert result.correct and result.credit == 1.0


def test_each_essential_pick_earns_a_sixth_and_others_nothing():
    result = grade(MENU, ESSENTIAL[:2] + NOT_ESSENTIAL[:2])
    assert not result.correct and result.credit == pytest.approx(2 / 6)


def test_more_picks_than_allowed_earn_no_credit():
    assert grade(MENU, ESSENTIAL[:7]).credit == 0.0


def test_no_pick_is_refused_with_a_reason():
    with pytest.raises(AnswerError) as refused:
        grade(MENU, [])
    assert refused.value.key == "answer_pick_some"


@pytest.fixture
def menu(fresh_learner):
    return course.long_menu("order_tests")


def test_typing_then_add_then_check_shows_the_feedback_per_test(menu):
    assert menu.rows.children == ()  # no hidden Remove button is sent before a pick
    menu.search.value = "hemogram"
    assert menu.matches.value == "fbc"
    menu.add_button.click()
    menu.search.value = "sedimentation"
    menu.add_button.click()
    assert shown(menu.chosen_title) == "Your tests (2 of at most 6)"
    assert [row.description for row in menu.rows.children] == [
        "Remove Full blood count", "Remove Erythrocyte sedimentation rate"
    ]  # fmt: skip
    menu.check_button.click()
    text = shown(menu.feedback)
    assert text.startswith("1 of your 2 tests are essential now")
    assert "✔ Full blood count (essential now, not in the report)" in text
    assert "✘ Erythrocyte sedimentation rate (not essential now, the report gives it)" in text
    assert "Other essential tests: C-reactive protein" in text


def test_a_seventh_test_is_refused_and_remove_frees_a_place(menu):
    for item_id in ESSENTIAL[:6]:
        menu.add(item_id)
    menu.add(ESSENTIAL[6])
    assert len(menu.picks) == 6
    assert "already chosen 6 tests" in shown(menu.message)
    menu.rows.children[0].click()
    assert ESSENTIAL[0] not in menu.picks
    assert menu.rows.children[5].layout.display == "none"


def test_no_match_is_said_in_the_learners_language(menu):
    state.language = "fr"
    menu.search.value = "<b>zz</b>"
    assert shown(menu.message) == "✋ Aucun examen ne correspond à « <b>zz</b> »."
    assert "<b>zz</b>" not in menu.message.value  # escaped


def test_picks_and_feedback_come_back_in_a_new_view_with_the_reveal_beside(menu):
    menu.add("fbc")
    menu.add("xray")
    menu.check_button.click()
    again = course.long_menu("order_tests")
    assert again.picks == ["fbc", "xray"]
    assert shown(again.feedback).startswith("2 of your 2 tests are essential now")
    beside = shown(course.tests_beside("order_tests"))
    assert "Full blood count Plain radiographs of the nodules ✔ (the report gives it)" in beside
    assert beside.startswith("Done in the report Your choice C-reactive protein")


def test_the_student_build_records_the_picks_without_feedback(menu, tmp_path):
    root = ROOT / "casedata" / CASE.id
    built = load_case_dir(build_student(root, ROOT / "notebooks", tmp_path / "student"))
    student_menu = question_widget(built, built.long_menu("order_tests"), 1, store_for(built))
    student_menu.add("esr")
    student_menu.check_button.click()
    text = shown(student_menu.feedback)
    assert text.startswith("✔ Recorded: Erythrocyte sedimentation rate.")
    assert "essential" not in text


def test_the_report_lists_the_tests_ordered_beside_the_essential_ones():
    record = {"answer": ["fbc", "esr"], "correct": False, "credit": 1 / 6, "at": "2026-11-28"}
    progress = {"answers": {"order_tests": {"first": record, "latest": record}}}
    md = report.to_markdown(
        report.build(CASE, Progress.model_validate({"case_id": CASE.id, **progress}), "fr")
    )
    picked = series(["Numération formule sanguine", "Vitesse de sédimentation"], "fr")
    assert f"Votre réponse: {picked}" in md
    assert "Réponse attendue: Numération formule sanguine; Protéine C-réactive" in md
