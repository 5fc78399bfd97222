"""What the dashboard shows, computed from the class's records: the same for the live service
and for a static page collected from progress files."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..marking import normalise
from ..model import Case, Question
from .records import Record

TOP_TYPED = 8  # distinct typed answers shown before "other"


@dataclass
class Bar:
    label: str
    count: int
    is_key: bool = False


@dataclass
class QuestionView:
    id: str
    number: int
    lesson: str
    stem: str
    answered: int
    bars: list[Bar]
    right: int
    key_shown: bool
    released: bool
    confidence: dict[str, int] = field(default_factory=dict)


@dataclass
class PauseView:
    id: str
    prompt: str
    committed: int
    skipped: int
    expert: list[Bar]  # the expert's diagnoses, each with how many learners named it
    others: list[Bar]  # what learners named beyond the expert's list, grouped
    problems: list[str]  # problem representations, sorted so they cannot be traced to anyone
    key_shown: bool  # the expert's diagnoses are named only once the instructor shows them


@dataclass
class ClassView:
    learners: int
    stages: list[Bar]  # how many learners are at each stage (their furthest one)
    questions: list[QuestionView]
    pauses: list[PauseView]
    pacing: dict
    lesson: str | None  # the notebook whose questions are shown (None: every notebook)


def summarise(
    case: Case,
    entries: list[tuple[str, Record]],
    learners: list[str],
    pacing: dict,
    lang: str,
    lesson: str | None = None,
) -> ClassView:
    by_item: dict[tuple[str, str], list[Record]] = defaultdict(list)
    furthest: dict[str, int] = {}
    order = {stage.id: n for n, stage in enumerate(case.stages)}
    for pseudonym, record in entries:
        by_item[record.kind, record.item].append(record)
        if record.kind == "stage" and record.item in order:
            furthest[pseudonym] = max(furthest.get(pseudonym, -1), order[record.item])
    at_stage = Counter(furthest.get(p, -1) for p in learners)
    stages = [Bar(case.stages[n].title[lang], at_stage[n]) for n in range(len(case.stages))]
    numbers = Counter()
    questions = []
    for q in case.questions:
        numbers[q.lesson] += 1
        if lesson is not None and q.lesson != lesson:
            continue
        questions.append(_question(q, numbers[q.lesson], by_item["answer", q.id], pacing, lang))
    pauses = [_pause(case, p.id, by_item["pause", p.id], pacing, lang) for p in case.pauses]
    return ClassView(len(learners), stages, questions, pauses, pacing, lesson)


def _question(q: Question, number: int, records: list[Record], pacing: dict, lang: str):
    counts: Counter = Counter()
    labels: dict = {}
    right_groups: set = set()
    for record in records:
        answer = record.data.get("answer")
        if q.kind in ("single", "region", "multiple"):
            keys = [answer] if q.kind != "multiple" else list(answer)
        elif q.kind == "ranking":
            keys = [tuple(answer)]
        else:
            keys = [normalise(answer)]
            labels.setdefault(keys[0], answer)
            if record.data.get("correct"):
                right_groups.add(keys[0])
        counts.update(keys)
    if q.kind in ("single", "region", "multiple"):
        bars = [Bar(o.text[lang], counts[o.id], bool(o.correct)) for o in q.options]
    elif q.kind == "ranking":
        texts = {o.id: o.text[lang] for o in q.options}
        right = tuple(o.id for o in q.options)
        bars = [
            Bar(" › ".join(texts[i] for i in order), n, order == right)
            for order, n in counts.most_common()
        ]
    else:
        common = counts.most_common()
        bars = [Bar(labels[k], n, k in right_groups) for k, n in common[:TOP_TYPED]]
        rest = sum(n for _, n in common[TOP_TYPED:])
        if rest:
            bars.append(Bar("…", rest))
    return QuestionView(
        id=q.id,
        number=number,
        lesson=q.lesson,
        stem=q.stem[lang],
        answered=len(records),
        bars=bars,
        right=sum(1 for r in records if r.data.get("correct")),
        key_shown=q.id in pacing.get("keys_shown", []),
        released=q.id in pacing.get("released", []),
        confidence=dict(Counter(r.data.get("confidence") or "-" for r in records)),
    )


def _matches(named: str, expert: set[str]) -> bool:
    return any(named == e or (len(named) >= 4 and (named in e or e in named)) for e in expert)


def _pause(case: Case, pause_id: str, records: list[Record], pacing: dict, lang: str) -> PauseView:
    pause = case.pause(pause_id)
    experts = [
        (item.diagnosis[lang], {normalise(item.diagnosis[x]) for x in case.languages})
        for item in pause.differential
    ]
    expert_counts = Counter()
    other_counts: Counter = Counter()
    other_labels: dict[str, Counter] = defaultdict(Counter)
    committed = [r for r in records if not r.data.get("skipped")]
    for record in committed:
        named_expert, named_other = set(), set()
        for diagnosis in record.data.get("differential", []):
            key = normalise(diagnosis)
            hits = [label for label, forms in experts if _matches(key, forms)]
            if hits:
                named_expert.update(hits)
            elif key:
                named_other.add(key)
                other_labels[key][diagnosis] += 1
        expert_counts.update(named_expert)
        other_counts.update(named_other)
    return PauseView(
        id=pause_id,
        prompt=pause.prompt[lang],
        committed=len(committed),
        skipped=len(records) - len(committed),
        expert=[Bar(label, expert_counts[label], True) for label, _ in experts],
        others=[
            Bar(other_labels[k].most_common(1)[0][0], n) for k, n in other_counts.most_common()
        ],
        problems=sorted(r.data["problem"] for r in committed if r.data.get("problem")),
        key_shown=pause_id in pacing.get("keys_shown", []),
    )
