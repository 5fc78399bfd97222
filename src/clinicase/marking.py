"""The learner's marks: grading the question bank, pure functions, no widgets. The widgets only show
what they return ("score" is kept for the clinical scores of `scores.py`).

A learner's answer is graded into a `Grade`: whether it is right, the credit earned (0-1, partial
for multiple-answer and ranking questions), and the feedback for each option. Answers that
cannot be graded (empty, not a number) raise `AnswerError` with the key of a message to show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .i18n import N_
from .model import LANGUAGES, LongMenu, MenuItem, Question


class AnswerError(ValueError):
    """The answer cannot be graded; `key` names the interface text that says why."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class OptionResult:
    option_id: str
    chosen: bool  # for ranking: placed at the right rank
    correct: bool  # the learner's handling of this option was right


@dataclass(frozen=True)
class Grade:
    correct: bool
    credit: float  # 0..1
    options: tuple[OptionResult, ...] = ()


# The longest answer or reasoning text kept; the widgets refuse a longer one, naming this limit.
MAX_TEXT_CHARS = 2000

_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces, as French writes
# One number, whole: a sign, digits (in groups of three split by spaces, as in "51 000"), a decimal
# point or French comma; then, optionally, a unit holding no digit ("mm/h", "points", "%").
_NUMBER = re.compile(
    r"(?P<sign>[+\-\u2212]?)\s*(?P<whole>[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)?"
    r"(?:(?P<separator>[.,])(?P<decimals>[0-9]*))?\s*(?P<unit>[^\d\s.,+\-][^\d]*)?"
)


def parse_number(text: str) -> float:
    """'15', '15.5', '15,5' (French decimal comma), '51 000', ' 28,5 mm/h ' -> a number. Anything
    else (a range, an exponent, two numbers, other digits than 0-9) raises AnswerError saying
    why: a number is read only when the whole entry is that number."""
    cleaned = " ".join(text.translate({ord(c): " " for c in _SPACES}).split())
    if not cleaned:
        raise AnswerError("answer_empty")
    if len(cleaned) > MAX_TEXT_CHARS:
        raise AnswerError("answer_too_long", limit=MAX_TEXT_CHARS)
    shown = cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"
    match = _NUMBER.fullmatch(cleaned)
    if match is None or not (match["whole"] or match["decimals"]):
        if any(c.isdigit() and not "0" <= c <= "9" for c in cleaned):
            raise AnswerError("answer_digits", text=shown)
        if re.search(r"[0-9][.,]?\s*[eE]\s*[+\-]?\s*[0-9]", cleaned):
            raise AnswerError("answer_exponent", text=shown)
        if len(re.findall(r"[0-9]+(?:[.,][0-9]+)?", cleaned)) > 1:
            raise AnswerError("answer_several_numbers", text=shown)
        raise AnswerError("answer_not_a_number", text=shown)
    whole, decimals = (match["whole"] or "0").replace(" ", ""), match["decimals"] or "0"
    if match["separator"] == "," and len(decimals) == 3 and whole.strip("0"):
        raise AnswerError("answer_ambiguous_comma", text=shown)  # 1,500: 1.5 or 1500?
    value = float(f"{whole}.{decimals}")
    if value == float("inf"):
        raise AnswerError("answer_too_large", text=shown)
    return -value if match["sign"] in ("-", "\u2212") else value


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces ('Sclérodactylie.' ->
    'sclerodactylie')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def names_any(terms: dict[str, tuple[str, ...]], text: str) -> bool:
    """Whether `text` uses one of `terms` (any language) as whole words, accents ignored."""
    said = f" {normalise(text)} "
    return any(f" {normalise(t)} " in said for words in terms.values() for t in words)


def right_answer(question: Question | LongMenu, lang: str) -> str:
    """The expected answer, as a learner or instructor reads it ("" in a student build)."""
    if question.kind == "longmenu":  # the tests essential now, any pick_max of them
        return "; ".join(i.name[lang] for i in question.items if i.essential)
    if (question.kind == "numeric" and question.answer is None) or (
        question.kind == "text" and not question.accepted
    ):
        return ""
    if question.kind == "numeric":
        value = f"{question.answer.value:g}"
        return f"{value.replace('.', ',') if lang == 'fr' else value} {question.answer.unit[lang]}"
    if question.kind == "text":
        return question.accepted.get(lang, next(iter(question.accepted.values())))[0]
    if question.kind == "ranking":
        return " > ".join(o.text[lang] for o in question.options)
    return "; ".join(o.text[lang] for o in question.options if o.correct)


def grade(question: Question | LongMenu, answer) -> Grade:
    """Grade `answer` (option id, set of ids, text, or ordered list of ids, by kind)."""
    return _GRADERS[question.kind](question, answer)


def _one_choice(question: Question, answer: str | None, empty: str) -> Grade:
    """One option chosen (or one body region clicked): right if that option is marked correct."""
    if not answer:
        raise AnswerError(empty)
    options = tuple(
        OptionResult(o.id, o.id == answer, bool(o.correct) == (o.id == answer))
        for o in question.options
    )
    right = any(o.id == answer and o.correct for o in question.options)
    return Grade(right, 1.0 if right else 0.0, options)


def _multiple(question: Question, answer: set[str]) -> Grade:
    if not answer:
        raise AnswerError("answer_choose_some")
    options = tuple(
        OptionResult(o.id, o.id in answer, bool(o.correct) == (o.id in answer))
        for o in question.options
    )
    credit = sum(r.correct for r in options) / len(options)
    return Grade(credit == 1.0, credit, options)


def _ranking(question: Question, answer: list[str]) -> Grade:
    expected = [o.id for o in question.options]
    if sorted(answer) != sorted(expected):
        raise AnswerError("answer_rank_all")
    options = tuple(OptionResult(o_id, True, o_id == expected[i]) for i, o_id in enumerate(answer))
    credit = sum(r.correct for r in options) / len(options)
    return Grade(credit == 1.0, credit, options)


def _numeric(question: Question, answer: str) -> Grade:
    value = parse_number(answer)
    if question.answer is None:  # a student build: the key is with the instructor
        return Grade(False, 0.0)
    right = abs(value - question.answer.value) <= question.answer.tolerance
    return Grade(right, 1.0 if right else 0.0)


def _text(question: Question, answer: str) -> Grade:
    if not answer.strip():
        raise AnswerError("answer_empty")
    if len(answer) > MAX_TEXT_CHARS:
        raise AnswerError("answer_too_long", limit=MAX_TEXT_CHARS)
    accepted = {normalise(a) for lang_answers in question.accepted.values() for a in lang_answers}
    right = normalise(answer) in accepted
    return Grade(right, 1.0 if right else 0.0)


def search_menu(menu: LongMenu, text: str) -> tuple[MenuItem, ...]:
    """The tests whose name or search terms, in any language, contain every typed word,
    ignoring case and accents ('hemogramme' finds 'hémogramme'); all of them for no text."""
    words = normalise(text).split()

    def names(item: MenuItem) -> str:
        texts = [item.name[lang] for lang in LANGUAGES]
        texts += [term for terms in item.terms.values() for term in terms]
        return " | ".join(normalise(t) for t in texts)

    return tuple(i for i in menu.items if all(w in names(i) for w in words))


def _long_menu(menu: LongMenu, answer: list[str]) -> Grade:
    """Credit for each essential test picked, a pick being worth 1/pick_max; no credit at all
    for more picks than allowed. Right when every pick is essential."""
    if not answer:
        raise AnswerError("answer_pick_some")
    known = {item.id for item in menu.items}
    picked = [a for a in dict.fromkeys(answer) if a in known]
    options = tuple(
        OptionResult(i.id, i.id in picked, bool(i.essential) == (i.id in picked))
        for i in menu.items
    )
    if len(picked) > menu.pick_max or menu.items[0].essential is None:  # or a student build
        return Grade(False, 0.0, options)
    essential = sum(bool(i.essential) for i in menu.items if i.id in picked)
    needed = min(menu.pick_max, sum(bool(i.essential) for i in menu.items))
    credit = min(essential, needed) / needed
    return Grade(credit == 1.0, credit, options)


_GRADERS = {
    "single": lambda q, a: _one_choice(q, a, N_("answer_choose_one")),
    "multiple": _multiple,
    "ranking": _ranking,
    "numeric": _numeric,
    "text": _text,
    "region": lambda q, a: _one_choice(q, a, N_("answer_choose_region")),
    "longmenu": _long_menu,
}
