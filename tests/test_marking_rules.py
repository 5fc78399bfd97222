"""The marking rules on small questions made here, so that every credit, every option's verdict
and every reason is read: a wrong answer given full credit, or a right one none, is noticed."""

from __future__ import annotations

import pytest

from clinicase.marking import (
    MAX_TEXT_CHARS,
    AnswerError,
    Grade,
    OptionResult,
    grade,
    normalise,
    parse_number,
    right_answer,
)
from clinicase.model import Question


def text(en: str, fr: str | None = None) -> dict:
    return {"en": en, "fr": fr or f"{en} (fr)"}


def question(kind: str, withheld: bool = False, **fields) -> Question:
    data = {
        "id": "q",
        "lesson": "l",
        "kind": kind,
        "stem": text("Stem"),
        "explanation": text("Why"),
        "refs": ["poster"],
        **fields,
    }
    return Question.model_validate(data, context={"answers_withheld": withheld})


def options(*specs: tuple[str, bool | None]) -> list[dict]:
    out = []
    for option_id, correct in specs:
        option = {"id": option_id, "text": text(option_id.upper()), "feedback": text("fb")}
        if correct is not None:
            option["correct"] = correct
        out.append(option)
    return out


SINGLE = question("single", options=options(("a", True), ("b", False), ("c", False)))
MULTIPLE = question(
    "multiple", options=options(("a", True), ("b", True), ("c", False), ("d", False))
)
RANKING = question("ranking", options=options(("x", None), ("y", None), ("z", None), ("w", None)))
REGION = question("region", options=options(("hand", True), ("knee_medial", False)))
FEEDBACK = {"feedback": {"correct": text("Yes"), "incorrect": text("No")}}
NUMERIC = question("numeric", answer={"value": 28.5, "tolerance": 0.5, "unit": "mm/h"}, **FEEDBACK)
EXACT = question("numeric", answer={"value": 6, "unit": "points"}, **FEEDBACK)
TEXT = question(
    "text", accepted={"en": ["Sclerodactyly"], "fr": ["sclérodactylie", "doigts"]}, **FEEDBACK
)


def judged(*verdicts: str) -> tuple[OptionResult, ...]:
    """Options' verdicts written short: "a -+" is option a, not chosen (for a ranking: not at its
    rank), and that handling right."""
    return tuple(OptionResult(v.split()[0], v[-2] == "+", v[-1] == "+") for v in verdicts)


def test_single_choice_right_gets_full_credit_and_every_option_judged():
    assert grade(SINGLE, "a") == Grade(True, 1.0, judged("a ++", "b -+", "c -+"))


def test_single_choice_wrong_gets_no_credit_and_shows_the_missed_option():
    assert grade(SINGLE, "b") == Grade(False, 0.0, judged("a --", "b +-", "c -+"))


def test_an_unknown_option_gets_no_credit():
    result = grade(SINGLE, "zz")
    assert (result.correct, result.credit) == (False, 0.0)
    assert [r.chosen for r in result.options] == [False, False, False]


@pytest.mark.parametrize(
    ("q", "empty", "key"),
    [
        (SINGLE, None, "answer_choose_one"),
        (SINGLE, "", "answer_choose_one"),
        (REGION, None, "answer_choose_region"),
        (MULTIPLE, set(), "answer_choose_some"),
        (TEXT, "  ", "answer_empty"),
        (NUMERIC, "", "answer_empty"),
    ],
)
def test_no_answer_is_refused_with_the_kinds_reason(q, empty, key):
    with pytest.raises(AnswerError) as error:
        grade(q, empty)
    assert error.value.key == key


def test_region_right_and_wrong():
    assert grade(REGION, "hand") == Grade(True, 1.0, judged("hand ++", "knee_medial -+"))
    assert grade(REGION, "knee_medial").credit == 0.0


def test_multiple_answer_credit_is_the_share_of_options_handled_right():
    assert grade(MULTIPLE, {"a", "b"}) == Grade(
        True,
        1.0,
        tuple(OptionResult(i, i in "ab", True) for i in "abcd"),
    )
    partial = grade(MULTIPLE, {"a", "c"})
    assert partial == Grade(False, 0.5, judged("a ++", "b --", "c +-", "d -+"))
    assert grade(MULTIPLE, {"c", "d"}).credit == 0.0
    assert grade(MULTIPLE, {"a"}).credit == 0.75


def test_ranking_credit_is_the_share_of_pairs_in_the_expected_order():
    assert grade(RANKING, ["x", "y", "z", "w"]) == Grade(
        True, 1.0, tuple(OptionResult(i, True, True) for i in "xyzw")
    )
    swapped = grade(RANKING, ["y", "x", "z", "w"])  # one pair of six out of order (issue 12)
    assert swapped == Grade(False, 5 / 6, judged("y +-", "x +-", "z ++", "w ++"))
    assert grade(RANKING, ["w", "z", "y", "x"]).credit == 0.0


@pytest.mark.parametrize(
    "order", [["x", "y", "z"], ["x", "y", "z", "z"], ["x", "y", "z", "w", "v"]]
)
def test_ranking_must_place_every_item_once(order):
    with pytest.raises(AnswerError) as error:
        grade(RANKING, order)
    assert error.value.key == "answer_rank_all"


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("28,5", True),
        ("28", True),
        ("29", True),
        ("27.9", False),
        ("29.1", False),
        ("-28.5", False),
    ],
)
def test_numeric_credit_within_the_tolerance_inclusive(typed, right):
    assert grade(NUMERIC, typed) == Grade(right, 1.0 if right else 0.0)


def test_numeric_without_tolerance_needs_the_exact_value():
    assert grade(EXACT, "6 points") == Grade(True, 1.0)
    assert grade(EXACT, "6.01") == Grade(False, 0.0)


def test_a_student_build_records_but_never_credits():
    withheld = question("numeric", withheld=True)
    assert grade(withheld, "28") == Grade(False, 0.0)
    with pytest.raises(AnswerError):
        grade(withheld, "28-30")
    assert right_answer(withheld, "en") == ""
    assert right_answer(question("text", withheld=True), "fr") == ""


@pytest.mark.parametrize(
    ("typed", "right"),
    [("sclerodactyly", True), ("SCLÉRODACTYLIE.", True), ("Doigts", True), ("finger", False)],
)
def test_text_accepted_in_either_language(typed, right):
    assert grade(TEXT, typed) == Grade(right, 1.0 if right else 0.0)


def test_text_longer_than_the_limit_is_refused_naming_it():
    assert grade(TEXT, "x" * MAX_TEXT_CHARS) == Grade(False, 0.0)
    with pytest.raises(AnswerError) as error:
        grade(TEXT, "x" * (MAX_TEXT_CHARS + 1))
    assert (error.value.key, error.value.values) == ("answer_too_long", {"limit": MAX_TEXT_CHARS})


def test_right_answers_as_learners_read_them():
    assert right_answer(NUMERIC, "en") == "28.5 mm/h"
    assert right_answer(NUMERIC, "fr") == "28,5 mm/h"
    assert right_answer(EXACT, "fr") == "6 points"
    assert right_answer(TEXT, "en") == "Sclerodactyly"
    assert right_answer(TEXT, "fr") == "sclérodactylie"
    only_en = question("text", accepted={"en": ["word"]}, **FEEDBACK)
    assert right_answer(only_en, "fr") == "word"
    assert right_answer(RANKING, "en") == "X > Y > Z > W"
    assert right_answer(MULTIPLE, "fr") == "A (fr); B (fr)"
    assert right_answer(SINGLE, "en") == "A"


def test_normalise_keeps_letters_digits_and_single_spaces():
    assert normalise("  L'Œdème  des\tdoigts, 2 ") == "l oedeme des doigts 2"  # œ: as typed
    assert normalise("Ça-va!") == "ca va"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("\u22125", -5.0),
        ("- 5", -5.0),
        ("+5", 5.0),
        ("1 000 000", 1e6),
        ("0,500", 0.5),
        ("12.345", 12.345),
        ("5.", 5.0),
        (",25", 0.25),
        ("\t7\u2009points ", 7.0),
    ],
)
def test_numbers_read_whole(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "key", "shown"),
    [
        ("1 00", "answer_several_numbers", "1 00"),
        ("1 0000", "answer_several_numbers", "1 0000"),
        ("2,500", "answer_ambiguous_comma", "2,500"),
        ("x" * 50, "answer_not_a_number", "x" * 40 + "…"),
        ("x" * 40, "answer_not_a_number", "x" * 40),
        ("x" * 41, "answer_not_a_number", "x" * 40 + "…"),
        ("5 E+3", "answer_exponent", "5 E+3"),
        ("5,e3", "answer_exponent", "5,e3"),
        ("3 +", "answer_not_a_number", "3 +"),
        ("--3", "answer_not_a_number", "--3"),
        ("3 4", "answer_several_numbers", "3 4"),
        ("\u0663", "answer_digits", "\u0663"),
        ("9" * 400, "answer_too_large", "9" * 40 + "…"),
    ],
)
def test_numbers_refused_with_the_entry_shown(typed, key, shown):
    with pytest.raises(AnswerError) as error:
        parse_number(typed)
    assert (error.value.key, error.value.values) == (key, {"text": shown})


def test_a_number_longer_than_the_limit_names_the_limit():
    with pytest.raises(AnswerError) as error:
        parse_number("1" * (MAX_TEXT_CHARS + 1))
    assert (error.value.key, error.value.values) == ("answer_too_long", {"limit": MAX_TEXT_CHARS})
    assert parse_number("0" * (MAX_TEXT_CHARS - 1) + "1") == 1.0


def test_an_answer_error_carries_its_key_and_values():
    error = AnswerError("answer_exponent", text="5e3")
    assert (str(error), error.key, error.values) == (
        "answer_exponent",
        "answer_exponent",
        {"text": "5e3"},
    )
