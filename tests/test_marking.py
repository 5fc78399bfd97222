"""The question bank and its grading: the data's rules, and each kind graded right and wrong."""

from __future__ import annotations

import pytest
from casefiles import edit_yaml

import clinicase
from clinicase import CaseDataError
from clinicase.marking import AnswerError, grade, normalise, parse_number
from clinicase.model import QUESTION_KINDS

CASE = clinicase.load_case()
Q = {q.id: q for q in CASE.questions}


def test_bank_has_30_questions_of_every_kind_in_the_stage_notebooks():
    assert len(CASE.questions) >= 30
    assert {q.kind for q in CASE.questions} == set(QUESTION_KINDS)
    lessons = {q.lesson for q in CASE.questions}
    assert lessons <= {lesson.id for lesson in CASE.lessons} - {"start"}
    assert len(lessons) == 8, "every stage notebook 01-08 has questions"


@pytest.mark.parametrize("question", CASE.questions, ids=lambda q: q.id)
def test_every_question_teaches_in_both_languages(question):
    assert question.stem.en.strip() and question.stem.fr.strip()
    assert question.explanation.en.strip() and question.explanation.fr.strip()
    assert question.refs
    if question.options:
        assert all(o.feedback.en.strip() and o.feedback.fr.strip() for o in question.options)
        assert all(len(o.feedback.en.split()) >= 3 for o in question.options), "say why"
    else:
        assert question.feedback.correct.fr.strip() and question.feedback.incorrect.en.strip()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15", 15),
        ("15.5", 15.5),
        ("15,5", 15.5),
        (" 28,5 mm/h ", 28.5),
        ("-2", -2),
        ("7 points", 7),
        ("51 000", 51000),
        ("51\u202f000,5", 51000.5),
        ("\u22123", -3),
        (".5", 0.5),
        ("0,125", 0.125),
    ],
)
def test_numbers_accept_a_french_decimal_comma_and_a_unit(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "answer_empty"),
        ("   ", "answer_empty"),
        ("abc", "answer_not_a_number"),
        ("1.2.3", "answer_several_numbers"),
        ("51-60", "answer_several_numbers"),
        ("12 mm/h 3", "answer_several_numbers"),
        ("51e3", "answer_exponent"),
        ("1e309", "answer_exponent"),
        ("\u0665\u0661\u066b\u0665", "answer_digits"),  # Arabic-Indic 51.5
        ("1,500", "answer_ambiguous_comma"),
        ("1" + "0" * 400, "answer_too_large"),
        ("1" * 2001, "answer_too_long"),
    ],
)
def test_a_number_is_read_only_when_the_whole_entry_is_one_number(text, key):
    with pytest.raises(AnswerError) as error:
        parse_number(text)
    assert error.value.key == key


def test_text_answers_ignore_case_accents_and_punctuation():
    assert normalise("  Sclérodactylie. ") == normalise("sclerodactylie") == "sclerodactylie"
    question = Q["her_four_point_sign"]
    for answer in ("Sclerodactyly", "SCLÉRODACTYLIE", "sclerodactylie!"):
        assert grade(question, answer).correct
    assert not grade(question, "scleroderma").correct


def test_single_choice_right_and_wrong():
    question = Q["dyspnoea_stage"]
    assert grade(question, "c").correct and grade(question, "c").credit == 1
    wrong = grade(question, "a")
    assert not wrong.correct and [r.option_id for r in wrong.options if r.chosen] == ["a"]
    with pytest.raises(AnswerError, match="answer_choose_one"):
        grade(question, None)


def test_multiple_answer_gives_partial_credit_per_option():
    question = Q["missing_tests"]  # right: ca, echo, dlco; wrong: ct, nvc, egd
    assert grade(question, {"ca", "echo", "dlco"}).correct
    partial = grade(question, {"ca", "ct"})
    assert not partial.correct and partial.credit == pytest.approx(3 / 6)  # ca, nvc, egd right
    with pytest.raises(AnswerError, match="answer_choose_some"):
        grade(question, set())


def test_ranking_credits_the_pairs_in_the_expected_order():
    question = Q["calcinosis_kind_rank"]
    right = [o.id for o in question.options]
    assert grade(question, right).correct and grade(question, right).credit == 1
    swapped = [right[1], right[0], *right[2:]]  # one pair of 3 out of order
    assert not grade(question, swapped).correct
    assert grade(question, swapped).credit == pytest.approx(2 / 3)
    assert grade(question, right[::-1]).credit == 0
    with pytest.raises(AnswerError, match="answer_rank_all"):
        grade(question, right[:-1])


def test_numeric_tolerance():
    question = Q["esr_limit"]  # 28.5 +/- 0.5
    assert grade(question, "28").correct and grade(question, "29,0").correct
    assert not grade(question, "30").correct


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q["options"][0].update(correct=True), "needs exactly one option with correct"),
        (lambda q: q.pop("options"), "needs at least 2 options"),
        (lambda q: q.update(kind="essay"), "question kind 'essay' is not in the vocabulary"),
        (lambda q: q["options"][1]["feedback"].pop("fr"), "missing translation"),
        (lambda q: q.pop("explanation"), "needs an 'explanation'"),
        (lambda q: q["options"][0].pop("feedback"), "every option needs its 'feedback'"),
    ],
)
def test_a_malformed_question_is_a_case_data_error_naming_file_and_field(
    case_copy, change, message
):
    edit_yaml(case_copy, "questions.yaml", lambda d: change(d["questions"][1]))
    with pytest.raises(CaseDataError) as error:
        clinicase.load_case_dir(case_copy)
    (problem,) = error.value.problems
    assert problem.file.endswith("questions.yaml") and problem.path.startswith("questions.1")
    assert message in problem.message
