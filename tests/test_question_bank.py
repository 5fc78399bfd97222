"""The question bank cannot be gamed, keeps core items for short sessions, ranks only what a
source orders, and its new fields (units in both languages, expected wrong values) are validated
with a clear message."""

from __future__ import annotations

from collections import Counter

import pytest
from casefiles import FIXTURE_CASES, edit_yaml
from test_loader_errors import load_error

import clinicase
from clinicase.marking import grade
from clinicase.model import LANGUAGES

CASE = clinicase.load_case()
SECOND_CASE = clinicase.load_case_dir(FIXTURE_CASES / "fictional-lighthouse-keeper")


def imbalances(questions) -> list[str]:
    """What makes a bank guessable, by the rules of issue 12: empty when none applies."""
    problems = []
    singles = [q for q in questions if q.kind == "single"]
    keys = [next(i for i, o in enumerate(q.options) if o.correct) for q in singles]
    position, count = Counter(keys).most_common(1)[0]
    if count > 0.4 * len(singles):
        problems.append(f"{count} of {len(singles)} single-choice keys at position {position + 1}")
    for lang in ("en", "fr"):
        longest = [
            q.id
            for q in singles
            if len(next(o for o in q.options if o.correct).text[lang])
            == max(len(o.text[lang]) for o in q.options)
        ]
        if len(longest) > len(singles) / 2:
            problems.append(f"the key is the longest option ({lang}) in {len(longest)} items")
    for q in questions:
        if q.kind == "multiple":
            right = sum(bool(o.correct) for o in q.options)
            if right > 0.6 * len(q.options):
                problems.append(f"{q.id}: {right} of {len(q.options)} options correct")
            tick_all = grade(q, {o.id for o in q.options}).credit
            if tick_all > 0.5:
                problems.append(f"{q.id}: ticking every option earns {tick_all:.0%}")
    return problems


def test_the_bank_cannot_be_answered_by_position_length_or_ticking_everything():
    assert imbalances(CASE.questions) == []


def test_the_balance_check_catches_a_bank_keyed_first_and_tick_all_friendly(case_copy):
    def keyed_first(data):
        for q in data["questions"]:
            if q["kind"] == "single":
                q["options"].sort(key=lambda o: not o["correct"])
            if q["kind"] == "multiple":  # every option right but the last
                for o in q["options"]:
                    o["correct"] = o is not q["options"][-1]

    edit_yaml(case_copy, "questions.yaml", keyed_first)
    problems = imbalances(clinicase.load_case_dir(case_copy).questions)
    assert any("keys at position 1" in p for p in problems)
    assert any("ticking every option earns" in p for p in problems)


def unbacked_rankings(case) -> list[str]:
    """Rankings whose order no source backs: a case report does not order a differential, so a
    ranking names another source (the loader already requires its explanation, and each item's
    feedback, in every language)."""
    kinds = {r.id: r.kind for r in case.references}
    return [
        f"{q.id}: no source but the case report backs the order"
        for q in case.questions
        if q.kind == "ranking" and all(kinds[ref] == "case_report" for ref in q.refs)
    ]


@pytest.mark.parametrize("case", [CASE, SECOND_CASE], ids=["calcinosis", "fictional"])
def test_every_ranking_cites_a_source_for_its_order_and_explains_it_in_each_language(case):
    rankings = [q for q in case.questions if q.kind == "ranking"]
    assert rankings and unbacked_rankings(case) == []
    for q in rankings:
        assert all(q.explanation[lang].strip() for lang in LANGUAGES)


def test_the_ranking_check_catches_an_order_backed_by_the_case_report_alone(case_copy):
    def poster_only(data):
        next(q for q in data["questions"] if q["kind"] == "ranking")["refs"] = ["poster"]

    edit_yaml(case_copy, "questions.yaml", poster_only)
    problems = unbacked_rankings(clinicase.load_case_dir(case_copy))
    assert problems == ["calcinosis_kind_rank: no source but the case report backs the order"]


def test_a_ranking_explained_in_english_only_is_refused_with_a_clear_message(case_copy):
    def english_only(data):
        ranking = next(q for q in data["questions"] if q["kind"] == "ranking")
        del ranking["explanation"]["fr"]

    edit_yaml(case_copy, "questions.yaml", english_only)
    assert "missing translation: no 'fr' (French)" in str(load_error(case_copy))


def test_every_lesson_with_questions_keeps_a_core_item_for_short_sessions():
    lessons = {q.lesson for q in CASE.questions}
    core = {q.lesson for q in CASE.questions if q.core}
    assert lessons and core == lessons
    assert not all(q.core for q in CASE.questions), "core is a selection, not the whole bank"


def test_a_unit_written_once_reads_the_same_in_both_languages_and_drug_units_are_translated():
    crp, mtx = CASE.finding("crp").measurement, CASE.finding("methotrexate").measurement
    assert (crp.unit.en, crp.unit.fr) == ("mg/L", "mg/L")
    assert (mtx.unit.en, mtx.unit.fr) == ("mg/week", "mg/semaine")


def test_a_unit_missing_its_french_is_refused_with_a_clear_message(case_copy):
    def english_only(data):
        finding = next(f for s in data["stages"] for f in s["findings"] if f["id"] == "prednisone")
        finding["measurement"]["unit"] = {"en": "mg/day"}

    edit_yaml(case_copy, "case.yaml", english_only)
    assert "missing translation: no 'fr' (French)" in str(load_error(case_copy))


def test_numeric_items_list_the_expected_slips_with_their_own_feedback():
    fingers = CASE.question("fingers_max")
    one_hand = next(w for w in fingers.wrong_values if w.value == 48)
    assert "one hand" in one_hand.feedback.en and "une seule main" in one_hand.feedback.fr
    assert all(q.kind == "numeric" for q in CASE.questions if q.wrong_values)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q.update(wrong_values=[{"value": 45, "feedback": {"en": "x", "fr": "x"}}]),
         "wrong value 45 overlaps the right answer"),
        (lambda q: q.update(kind="text", answer=None, accepted={"en": ["6"], "fr": ["6"]},
                            wrong_values=[{"value": 3, "feedback": {"en": "x", "fr": "x"}}]),
         "'wrong_values' are for numeric questions only"),
    ],
)  # fmt: skip
def test_a_wrong_value_that_is_right_or_on_the_wrong_kind_is_refused(case_copy, change, message):
    def edit(data):
        question = next(q for q in data["questions"] if q["id"] == "fingers_max")
        question.pop("wrong_values", None)
        change(question)
        if question["answer"] is None:
            del question["answer"]

    edit_yaml(case_copy, "questions.yaml", edit)
    assert message in str(load_error(case_copy))
