"""What the dashboard shows, computed from the class's records: the same for the live service
and for a static page collected from progress files."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from ..marking import mentions, normalise
from ..model import Case, LongMenu, ManagementPlan, Prediction, Question
from ..progress import SYNTHESIS
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
    sure_wrong: int = 0  # said "sure" and were wrong: what an instructor most wants to discuss
    prediction: bool = False  # a prediction on a finding (its id is its record's: prediction:…)


@dataclass
class PauseView:
    id: str
    kind: str  # "pause", "plan" (the management plan of 07) or "synthesis" (08)
    prompt: str
    committed: int
    skipped: int
    expert: list[Bar]  # the expert's diagnoses (or problems), each with how many learners named it
    others: list[Bar]  # what learners named beyond the expert's list (their plan steps), grouped
    problems: list[str]  # problem representations, sorted so they cannot be traced to anyone
    key_shown: bool  # the expert's diagnoses are named only once the instructor shows them
    questions: list[str] = field(default_factory=list)  # the synthesis: questions for the authors


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
    for q in asked(case):
        where = lesson_of(case, q)
        if lesson not in (None, where):
            continue
        if isinstance(q, Prediction):  # unnumbered, no confidence asked
            records = by_item["prediction", q.finding]
            view = _question(q, f"prediction:{q.finding}", where, q.prompt[lang], 0, records,
                             pacing, lang)  # fmt: skip
            questions.append(replace(view, prediction=True, confidence={}))
        else:
            numbers[where] += 1
            records = by_item["answer", q.id]
            view = _question(q, q.id, where, q.stem[lang], numbers[where], records, pacing, lang)
            questions.append(view)
    pauses = [_pause(case, p.id, by_item["pause", p.id], pacing, lang) for p in case.pauses]
    if case.management_plan is not None:
        plan = case.management_plan
        pauses.append(_plan(plan, by_item["pause", plan.id], pacing, lang))
    pauses.append(_synthesis(by_item["pause", SYNTHESIS], lang))
    return ClassView(len(learners), stages, questions, pauses, pacing, lesson)


def asked(case: Case) -> list[Question | LongMenu | Prediction]:
    """What the learners answer, notebook by notebook: in each, the predictions on its findings
    (made as the findings appear), then its long menu and questions."""
    order = {lesson.id: n for n, lesson in enumerate(case.lessons)}
    everything = (*case.predictions, *case.questions, *case.long_menus)
    return sorted(
        everything, key=lambda q: (order[lesson_of(case, q)], not isinstance(q, Prediction))
    )


def lesson_of(case: Case, q: Question | LongMenu | Prediction) -> str:
    """The notebook that asks `q`: a prediction, the one that reveals its finding."""
    return case.lesson_revealing(q.finding).id if isinstance(q, Prediction) else q.lesson


def _question(
    q: Question | LongMenu | Prediction,
    view_id: str,
    lesson: str,
    stem: str,
    number: int,
    records: list[Record],
    pacing: dict,
    lang: str,
) -> QuestionView:
    counts: Counter = Counter()
    labels: dict = {}
    right_groups: set = set()
    key_shown = view_id in pacing.get("keys_shown", [])
    for record in records:
        answer = record.data.get("answer")
        if q.kind in ("single", "region", "multiple", "longmenu"):
            keys = [answer] if q.kind in ("single", "region") else list(answer)
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
    elif q.kind == "longmenu":
        # the tests picked, most picked first; an essential test nobody picked is listed only
        # with the key (listed before, its empty bar would give it away)
        bars = [
            Bar(i.name[lang], counts[i.id], bool(i.essential))
            for i in sorted(q.items, key=lambda i: -counts[i.id])
            if counts[i.id] or (key_shown and i.essential)
        ]
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
        id=view_id,
        number=number,
        lesson=lesson,
        stem=stem,
        answered=len(records),
        bars=bars,
        right=sum(1 for r in records if r.data.get("correct")),
        key_shown=key_shown,
        released=view_id in pacing.get("released", []),
        confidence=dict(Counter(r.data.get("confidence") or "-" for r in records)),
        sure_wrong=sum(
            1
            for r in records
            if r.data.get("confidence") == "sure" and r.data.get("correct") is False
        ),
    )


def _matches(named: str, expert: set[str]) -> bool:
    return any(named == e or (len(named) >= 4 and (named in e or e in named)) for e in expert)


def _pause(case: Case, pause_id: str, records: list[Record], pacing: dict, lang: str) -> PauseView:
    pause = case.pause(pause_id)
    experts = [
        (item.diagnosis[lang], {normalise(item.diagnosis[x]) for x in case.languages}, item.terms)
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
            hits = [
                label
                for label, forms, terms in experts
                if _matches(key, forms) or mentions(diagnosis, _all(terms))
            ]
            if hits:
                named_expert.update(hits)
            elif key:
                named_other.add(key)
                other_labels[key][diagnosis] += 1
        expert_counts.update(named_expert)
        other_counts.update(named_other)
    return PauseView(
        id=pause_id,
        kind="pause",
        prompt=pause.prompt[lang],
        committed=len(committed),
        skipped=len(records) - len(committed),
        expert=[Bar(label, expert_counts[label], True) for label, _, _ in experts],
        others=_grouped(other_counts, other_labels),
        problems=_texts(committed, "problem"),
        key_shown=pause_id in pacing.get("keys_shown", []),
    )


def _plan(plan: ManagementPlan, records: list[Record], pacing: dict, lang: str) -> PauseView:
    """The management plan: each expert problem with how many problem lists name it (by its
    terms, as the learner's own comparison does), the plan steps grouped, the lists anonymised."""
    committed = [r for r in records if not r.data.get("skipped")]
    expert = [
        Bar(
            p.problem[lang],
            sum(mentions(r.data.get("problem", ""), _all(p.terms)) for r in committed),
            True,
        )
        for p in plan.problems
    ]
    counts, labels = _group(step for r in committed for step in r.data.get("differential", []))
    return PauseView(
        id=plan.id,
        kind="plan",
        prompt=plan.prompt[lang],
        committed=len(committed),
        skipped=len(records) - len(committed),
        expert=expert,
        others=_grouped(counts, labels),
        problems=_texts(committed, "problem"),
        key_shown=plan.id in pacing.get("keys_shown", []),
    )


def _synthesis(records: list[Record], lang: str) -> PauseView:
    """The synthesis of 08: its final differentials grouped, its summaries and questions for the
    authors anonymised. There is no expert's list to compare it with."""
    counts, labels = _group(line for r in records for line in r.data.get("differential", []))
    return PauseView(
        id=SYNTHESIS,
        kind="synthesis",
        prompt="",
        committed=len(records),
        skipped=0,
        expert=[],
        others=_grouped(counts, labels),
        problems=_texts(records, "problem"),
        key_shown=False,
        questions=_texts(records, "questions"),
    )


def _all(terms: dict[str, tuple[str, ...]]) -> list[str]:
    return [term for lang_terms in terms.values() for term in lang_terms]


def _group(texts) -> tuple[Counter, dict[str, Counter]]:
    """Learners' lines grouped as typed, case and accents aside: (count, spellings) by group."""
    counts: Counter = Counter()
    labels: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        key = normalise(text)
        if key:
            counts[key] += 1
            labels[key][text] += 1
    return counts, labels


def _grouped(counts: Counter, labels: dict[str, Counter]) -> list[Bar]:
    """Each group under its most common spelling, the most named first."""
    return [Bar(labels[k].most_common(1)[0][0], n) for k, n in counts.most_common()]


def _texts(records: list[Record], name: str) -> list[str]:
    """Learners' texts sorted, so that their order cannot trace them to anyone."""
    return sorted(r.data[name] for r in records if r.data.get(name))
