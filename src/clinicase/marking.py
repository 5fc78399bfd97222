"""The learner's marks: grading the question bank, pure functions, no widgets. The widgets only show
what they return ("score" is kept for the clinical scores of `scores.py`).

A learner's answer is graded into a `Grade`: whether it is right, the credit earned (0-1, partial
for multiple-answer and ranking questions), the result for each option, and the feedback written
for that very answer (an expected wrong value). Answers that cannot be graded (empty, not a
number, another unit, a near miss of the spelling) raise `AnswerError` with the key of a message
to show; they cost the learner nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations

from .i18n import LANGUAGES, N_
from .model import LongMenu, MenuItem, Prediction, Question, Text


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
    said: Text | None = None  # feedback written for this answer (a numeric wrong value)


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
    if any(c.isdigit() and not "0" <= c <= "9" for c in cleaned):  # ², ٣: not read as a unit
        raise AnswerError("answer_digits", text=shown)
    match = _NUMBER.fullmatch(cleaned)
    if match is None or not (match["whole"] or match["decimals"]):
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
    # œ and æ do not decompose: a learner types "oesophagite" for "œsophagite"
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def split_unit(text: str) -> tuple[str, str]:
    """'10 mg/semaine' -> ('10', 'mg/semaine'): the number and the unit typed after it."""
    match = re.fullmatch(r"(.*\d)\s*([^\d]*)", text.strip(), flags=re.S)
    return (match[1], match[2].strip()) if match else (text, "")


def _unit_key(unit: str) -> str:
    return normalise(unit.replace("/", " per ")).replace(" ", "").removesuffix("s")


def unit_fits(typed: str, question: Question) -> bool:
    """Whether a typed unit is the question's, in any language, or the part before its "/"
    ("mg" for mg/week): a learner may write the unit, but not another one."""
    if not typed:
        return True
    units = [question.answer.unit[lang] for lang in LANGUAGES]
    forms = {form for unit in units for form in (unit, unit.split("/")[0])}
    return _unit_key(typed) in {_unit_key(f) for f in forms}


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest letters inserted, deleted or replaced to turn a into b."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def near_miss(answer: str, expected: str) -> bool:
    """A slip of spelling: one letter off in a word of up to 8 letters, two in a longer one."""
    allowed = 1 if len(expected) <= 8 else 2
    return len(expected) >= 4 and 0 < edit_distance(answer, expected) <= allowed


def pairwise_agreement(order: list[str], expected: list[str]) -> float:
    """The share of pairs of items that `order` puts in the expected relative order, (1 + Kendall's
    tau) / 2: 1 for the expected order, 0 for its reverse, and a swap of neighbours costs one
    pair only, so a nearly right order earns nearly full credit."""
    rank = {item: i for i, item in enumerate(expected)}
    pairs = list(combinations(order, 2))
    if not pairs:
        return 1.0
    return sum(rank[a] < rank[b] for a, b in pairs) / len(pairs)


def mentions(text: str, terms) -> bool:
    """Whether `text` names one of `terms` as whole words, both normalised ("l'Œsophagite" names
    "oesophagite"); `terms` may mix languages."""
    padded = f" {normalise(text)} "
    return any(f" {term} " in padded for term in map(normalise, terms) if term)


def right_answer(question: Question | LongMenu | Prediction, lang: str) -> str:
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


def refuse_slips(question: Question, answer, result: Grade) -> None:
    """Refuse a new answer, graded `result`, that is wrong by a slip rather than by what the
    learner knows: a unit other than the question's, a near miss of an accepted spelling. The
    learner is told and types again; saved answers are never refused (they are only graded)."""
    if question.kind == "numeric" and question.answer is not None:
        unit = split_unit(answer)[1]
        if not unit_fits(unit, question):
            raise AnswerError("answer_other_unit", unit=unit[:40])
    if question.kind == "text" and not result.correct:
        typed = normalise(answer)
        accepted = {normalise(a) for answers in question.accepted.values() for a in answers}
        if any(near_miss(typed, a) for a in accepted):
            raise AnswerError("answer_check_spelling", text=answer.strip()[:40])


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
    return Grade(answer == expected, pairwise_agreement(answer, expected), options)


def _numeric(question: Question, answer: str) -> Grade:
    value = parse_number(split_unit(answer)[0])
    if question.answer is None:  # a student build: the key is with the instructor
        return Grade(False, 0.0)
    if abs(value - question.answer.value) <= question.answer.tolerance:
        return Grade(True, 1.0)
    slip = next((w for w in question.wrong_values if abs(value - w.value) <= w.tolerance), None)
    return Grade(False, 0.0, said=slip.feedback if slip else None)


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
