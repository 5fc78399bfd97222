"""Bad answers: typed numbers and texts, impossible choices, and the same typed into the question
widgets as a learner would (nothing saved, a reason shown in the learner's language)."""

from __future__ import annotations

from pathlib import Path

from casefiles import shown
from judge import BadInput

import clinicase
from clinicase.marking import MAX_TEXT_CHARS, AnswerError, grade, parse_number
from clinicase.progress import ProgressStore
from clinicase.state import state
from clinicase.widgets.questions import question_widget

SURFACE = "answers"
CASE = clinicase.load_case()
NUMERIC = next(q for q in CASE.questions if q.kind == "numeric")
KINDS = {
    kind: next(q for q in CASE.questions if q.kind == kind)
    for kind in ("single", "multiple", "ranking", "text", "region")
}

NUMBERS = [  # (typed, value read or the key of the reason given)
    ("15", 15.0),
    ("15.5", 15.5),
    ("15,5", 15.5),
    (" 28,5 mm/h ", 28.5),
    ("-2", -2.0),
    ("\u22122", -2.0),
    ("+4", 4.0),
    ("7 points", 7.0),
    ("51 000", 51000.0),
    ("51\u00a0000", 51000.0),
    ("51\u202f000,5", 51000.5),
    (".5", 0.5),
    ("5.", 5.0),
    ("0,125", 0.125),
    ("10 %", 10.0),
    ("3 mg/week", 3.0),
    ("0007", 7.0),
    ("", "answer_empty"),
    ("   ", "answer_empty"),
    ("\u00a0", "answer_empty"),
    ("abc", "answer_not_a_number"),
    (".", "answer_not_a_number"),
    ("-", "answer_not_a_number"),
    ("5 -", "answer_not_a_number"),
    ("NaN", "answer_not_a_number"),
    ("inf", "answer_not_a_number"),
    ("Infinity", "answer_not_a_number"),
    ("0x1F", "answer_several_numbers"),
    ("51e3", "answer_exponent"),
    ("51E3", "answer_exponent"),
    ("5,1e3", "answer_exponent"),
    ("1e309", "answer_exponent"),
    ("1e-5", "answer_exponent"),
    ("51-60", "answer_several_numbers"),
    ("51 - 60", "answer_several_numbers"),
    ("51–60", "answer_several_numbers"),
    ("51 to 60", "answer_several_numbers"),
    ("entre 51 et 60", "answer_several_numbers"),
    ("1.2.3", "answer_several_numbers"),
    ("1,2,3", "answer_several_numbers"),
    ("12 mm/h 3", "answer_several_numbers"),
    ("1/2", "answer_several_numbers"),
    ("1 2", "answer_several_numbers"),
    ("15 ,5", "answer_several_numbers"),
    ("x10^9/L 5", "answer_several_numbers"),
    ("\u0665\u0661", "answer_digits"),  # Arabic-Indic 51
    ("\u0665\u0661\u066b\u0665", "answer_digits"),  # with the Arabic decimal separator
    ("\u0665\u0661.\u0665", "answer_digits"),
    ("\u096b\u0967", "answer_digits"),  # Devanagari 51
    ("\uff15\uff11", "answer_digits"),  # full-width 51
    ("\u00b2", "answer_digits"),  # a superscript two is not a digit to type
    ("1,500", "answer_ambiguous_comma"),
    ("12,000 mm/h", "answer_ambiguous_comma"),
    ("1" + "0" * 400, "answer_too_large"),
    ("1" * (MAX_TEXT_CHARS + 1), "answer_too_long"),
    ("<b>15</b>", "answer_not_a_number"),
]


def number_probe(typed: str, want):
    def probe(tmp: Path) -> str:
        try:
            value = parse_number(typed)
        except AnswerError as error:
            assert error.key == want, f"reason {error.key}, expected {want}"
            return "clean error"
        assert value == want, f"read {value!r}, expected {want!r}"
        return "accepted"

    return probe


def grade_probe(kind: str, answer, right: bool | None = None):
    """Grade `answer` for a question of `kind`: a refusal, or a grade whose rightness is
    `right`."""

    def probe(tmp: Path) -> str:
        question = NUMERIC if kind == "numeric" else KINDS[kind]
        try:
            result = grade(question, answer)
        except AnswerError:
            return "clean error"
        assert result.correct is right, f"graded {result.correct}, expected {right}"
        assert (result.credit == 1.0) is right, f"credit {result.credit} for a right={right}"
        assert 0.0 <= result.credit <= 1.0
        return "accepted"

    return probe


def correct_of(kind: str):
    question = KINDS[kind]
    if kind == "multiple":
        return {o.id for o in question.options if o.correct}
    if kind == "ranking":
        return [o.id for o in question.options]
    if kind == "text":
        return question.accepted["en"][0]
    return next(o.id for o in question.options if o.correct)


def wrong_single(kind: str) -> str:
    return next(o.id for o in KINDS[kind].options if not o.correct)


GRADES = [  # (name, kind, answer, right or None for a refusal)
    ("single: nothing chosen", "single", None, None),
    ("single: empty id", "single", "", None),
    ("single: an unknown option", "single", "zzz", False),
    ("single: a wrong option", "single", wrong_single("single"), False),
    ("single: the right option", "single", correct_of("single"), True),
    ("multiple: nothing chosen", "multiple", set(), None),
    ("multiple: an unknown option only", "multiple", {"zzz"}, False),
    ("multiple: every option", "multiple", {o.id for o in KINDS["multiple"].options}, False),
    ("multiple: the right set", "multiple", correct_of("multiple"), True),
    ("ranking: one item missing", "ranking", correct_of("ranking")[:-1], None),
    ("ranking: an item twice", "ranking", correct_of("ranking")[:-1] * 2, None),
    ("ranking: an unknown item", "ranking", [*correct_of("ranking")[:-1], "zzz"], None),
    ("ranking: an extra item", "ranking", [*correct_of("ranking"), "zzz"], None),
    ("ranking: empty", "ranking", [], None),
    ("ranking: reversed", "ranking", correct_of("ranking")[::-1], False),
    ("ranking: the right order", "ranking", correct_of("ranking"), True),
    ("text: empty", "text", "", None),
    ("text: spaces", "text", "  \t ", None),
    ("text: over the length limit", "text", "a" * (MAX_TEXT_CHARS + 1), None),
    ("text: at the length limit", "text", "a" * MAX_TEXT_CHARS, False),
    ("text: HTML", "text", "<script>alert(1)</script>", False),
    (
        "text: the right word in capitals, with a full stop",
        "text",
        correct_of("text").upper() + ".",
        True,
    ),
    ("text: emoji", "text", "🤔", False),
    ("region: nothing clicked", "region", None, None),
    ("region: an unknown region", "region", "ankle", False),
    ("region: the right region", "region", correct_of("region"), True),
    ("numeric: a range", "numeric", "10-20", None),
    ("numeric: an exponent", "numeric", "1e1", None),
    (
        "numeric: the right value with its unit",
        "numeric",
        f"{NUMERIC.answer.value:g} {NUMERIC.answer.unit}",
        True,
    ),
    (
        "numeric: just outside the tolerance",
        "numeric",
        f"{NUMERIC.answer.value + NUMERIC.answer.tolerance + 1:g}",
        False,
    ),
]


def widget_probe(typed: str, lang: str, refused: bool, words: str):
    """Type into the numeric question's field and press Check: a refusal shows `words` and saves
    nothing; an accepted answer is saved and shows feedback."""

    def probe(tmp: Path) -> str:
        state.language = lang
        try:
            store = ProgressStore(tmp / "progress.json", CASE.id)
            widget = question_widget(CASE, NUMERIC, 1, store)
            widget.field.value = typed
            widget.check_button.click()
            saved = store.get("answers", NUMERIC.id)
            assert "<img" not in widget.message.value + widget.feedback.value, "unescaped"
            if refused:
                assert saved is None, "a refused answer was saved"
                assert words in shown(widget.message), shown(widget.message)
                assert not shown(widget.feedback)
                return "clean error"
            assert saved["first"]["answer"] == typed
            assert shown(widget.feedback) and not shown(widget.message)
            return "accepted"
        finally:
            state.language = "en"

    return probe


WIDGETS = [  # (name, typed, language, refused, words the learner reads)
    ("an exponent, in English", "51e3", "en", True, "without an exponent"),
    ("an exponent, in French", "51e3", "fr", True, "sans exposant"),
    ("a range, in English", "51-60", "en", True, "not a range"),
    ("a range, in French", "51-60", "fr", True, "pas un intervalle"),
    ("Arabic-Indic digits, in French", "\u0665\u0661\u066b\u0665", "fr", True, "chiffres 0 à 9"),
    ("an ambiguous comma, in English", "1,500", "en", True, "two ways"),
    ("too long, in French", "9" * (MAX_TEXT_CHARS + 1), "fr", True, str(MAX_TEXT_CHARS)),
    ("empty, in English", "", "en", True, "type an answer"),
    ("HTML, in English", "<img src=x onerror=alert(1)>", "en", True, "“<img src=x"),
    ("a French decimal comma", "28,5", "fr", False, ""),
    ("a number with its unit", "28 mm/h", "en", False, ""),
]


def table() -> list[BadInput]:
    rows = [
        BadInput(
            SURFACE,
            f"number {typed[:30]!r}",
            number_probe(typed, want),
            "clean error" if isinstance(want, str) else "accepted",
        )
        for typed, want in NUMBERS
    ]
    rows += [
        BadInput(
            SURFACE,
            f"grade {name}",
            grade_probe(kind, answer, right),
            "clean error" if right is None else "accepted",
        )
        for name, kind, answer, right in GRADES
    ]
    rows += [
        BadInput(
            SURFACE,
            f"typed in the widget: {name}",
            widget_probe(typed, lang, refused, words),
            "clean error" if refused else "accepted",
        )
        for name, typed, lang, refused, words in WIDGETS
    ]
    return rows
