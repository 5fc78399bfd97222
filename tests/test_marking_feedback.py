"""Feedback on the likely wrong answers: expected wrong numbers, units, near misses of spelling,
and partial credit for a nearly right ranking."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import clinicase
from clinicase.marking import (
    AnswerError,
    edit_distance,
    grade,
    pairwise_agreement,
    refuse_slips,
    split_unit,
)
from clinicase.model import Question

CASE = clinicase.load_case()
Q = {q.id: q for q in CASE.questions}


def test_an_expected_wrong_number_carries_its_own_feedback():
    question = Q["acr_total_ulcers"]  # 15 points; 16 and 17 are expected slips
    slip = grade(question, "16")
    assert not slip.correct and slip.credit == 0
    assert "pitting scars (3)" in slip.said.en and "cicatrices déprimées" in slip.said.fr
    assert grade(question, "99").said is None
    assert grade(question, "15").said is None and grade(question, "15").correct


def test_a_wrong_value_is_matched_within_its_tolerance():
    question = Q["esr_limit"]  # 28.5 ± 0.5; 23.5 ± 0.5 is the rule for men
    assert "rule for men" in grade(question, "23,2").said.en
    assert grade(question, "22.8").said is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [("10 mg", ("10", "mg")), ("10 mg/semaine", ("10", "mg/semaine")),
     ("28,5mm/h", ("28,5", "mm/h")), (" 6 ", ("6", "")), ("six", ("six", ""))],
)  # fmt: skip
def test_the_unit_typed_is_read_apart_from_the_number(text, parts):
    assert split_unit(text) == parts


def weekly_dose() -> Question:
    unit = {"en": "mg/week", "fr": "mg/semaine"}
    return Question.model_validate(
        {
            "id": "dose", "lesson": "treatment", "kind": "numeric", "refs": ["poster"],
            "stem": {"en": "Dose?", "fr": "Dose ?"}, "explanation": {"en": "x", "fr": "x"},
            "answer": {"value": 10, "unit": unit},
            "feedback": {"correct": {"en": "y", "fr": "y"}, "incorrect": {"en": "n", "fr": "n"}},
        }
    )  # fmt: skip


@pytest.mark.parametrize("text", ["10", "10 mg", "10 mg/semaine", "10 mg/week", "10 MG / Semaine"])
def test_the_questions_unit_in_either_language_or_its_numerator_is_read(text):
    question = weekly_dose()
    result = grade(question, text)
    refuse_slips(question, text, result)
    assert result.correct


@pytest.mark.parametrize("text", ["10 mg/jour", "10 mg/day", "10 g", "10 ml"])
def test_another_unit_is_refused_and_named(text):
    question = weekly_dose()
    with pytest.raises(AnswerError) as refused:
        refuse_slips(question, text, grade(question, text))
    assert refused.value.key == "answer_other_unit" and refused.value.values["unit"] in text


@pytest.mark.parametrize(
    "text", ["sclerodactily", "sclerodactyli", "sclérodactilie", "sclerodatylie"]
)
def test_a_near_miss_in_either_language_asks_to_check_the_spelling(text):
    question = Q["her_four_point_sign"]
    result = grade(question, text)
    assert not result.correct
    with pytest.raises(AnswerError, match="answer_check_spelling"):
        refuse_slips(question, text, result)


@pytest.mark.parametrize("text", ["telangiectasia", "calcinosis", "sclero", "Sclérodactylie"])
def test_a_real_wrong_answer_or_a_right_one_is_not_a_spelling_slip(text):
    question = Q["her_four_point_sign"]
    refuse_slips(question, text, grade(question, text))  # nothing raised


def test_synonyms_are_accepted():
    question = Q["her_four_point_sign"]
    assert grade(question, "sclerodactylia").correct
    assert grade(question, "Sclerodactyly of the fingers").correct


def test_edit_distance_counts_letters_changed():
    assert edit_distance("sclerodactily", "sclerodactyly") == 1
    assert edit_distance("", "abc") == 3 and edit_distance("abc", "abc") == 0
    assert edit_distance("kitten", "sitting") == 3


orders = st.lists(st.integers(), min_size=2, max_size=8, unique=True).flatmap(
    lambda items: st.tuples(st.just(items), st.permutations(items))
)


@given(orders)
def test_ranking_credit_is_the_share_of_pairs_in_the_expected_order(case):
    expected, order = case
    credit = pairwise_agreement(list(order), expected)
    assert 0 <= credit <= 1
    assert (credit == 1) == (list(order) == expected)
    assert (credit == 0) == (list(order) == expected[::-1])
    assert pairwise_agreement(list(order)[::-1], expected) == pytest.approx(1 - credit)
    discordant = sum(
        expected.index(a) > expected.index(b) for a, b in combinations(order, 2)
    )  # Kendall's tau: (concordant - discordant) / pairs
    pairs = len(expected) * (len(expected) - 1) / 2
    tau = (pairs - 2 * discordant) / pairs
    assert credit == pytest.approx((1 + tau) / 2)


@given(orders, st.data())
def test_a_swap_of_neighbours_in_place_costs_one_pair(case, data):
    expected, _ = case
    i = data.draw(st.integers(0, len(expected) - 2))
    swapped = [*expected[:i], expected[i + 1], expected[i], *expected[i + 2 :]]
    pairs = len(expected) * (len(expected) - 1) / 2
    assert pairwise_agreement(swapped, expected) == pytest.approx(1 - 1 / pairs)
