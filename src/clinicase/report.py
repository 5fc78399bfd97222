"""The learner's take-away report: what they revealed, their reasoning beside the expert's, each
question with their answer, the right one and why, scores per notebook, and the references.

Built as plain data (JSON), then written as Markdown or self-contained, printable HTML.
"""

from __future__ import annotations

import json

from . import html
from .i18n import N_, ui
from .i18n.formatting import series
from .i18n.names import TOPIC
from .marking import right_answer
from .model import Case, Lesson, LongMenu, Prediction, Question
from .progress import CONFIDENCE, SYNTHESIS, Progress

CONFIDENCE_NAMES = {
    "sure": N_("confidence_sure"),
    "unsure": N_("confidence_unsure"),
    "guessing": N_("confidence_guessing"),
    None: N_("confidence_unsaid"),
}

# Beside the words: ✔ right, ✘ wrong, a dash when not marked (unanswered, a student build).
VERDICT = {True: "✔", False: "✘", None: "–"}


def _answer_text(question: Question | LongMenu | Prediction, answer, lang: str) -> str:
    if answer is None:
        return ""
    if question.kind == "longmenu":
        names = {i.id: i.name[lang] for i in question.items}
        return series([names.get(a, a) for a in answer], lang)
    texts = {o.id: o.text[lang] for o in question.options}
    if question.kind in ("single", "region"):
        return texts.get(answer, str(answer))
    if question.kind == "multiple":
        return series([texts.get(a, a) for a in answer], lang)
    if question.kind == "ranking":
        return " > ".join(texts.get(a, a) for a in answer)
    return str(answer)


def build(case: Case, progress: Progress, lang: str | None = None) -> dict:
    """The report as data. `progress` is the learner's saved progress, fitted to `case`."""
    lang = lang or progress.language or "en"
    lessons = []
    for lesson in case.lessons:
        questions = []
        menus = tuple(m for m in case.long_menus if m.lesson == lesson.id)
        for question in (*menus, *case.questions_for(lesson.id)):
            saved = progress.answers.get(question.id)
            explanation = getattr(question, "explanation", None)  # a long menu has none
            first = saved.first if saved else None
            latest = saved.latest if saved else None
            questions.append(
                {
                    "id": question.id,
                    "stem": question.stem[lang],
                    "first_answer": _answer_text(question, first and first.answer, lang),
                    "first_correct": first.correct if first else None,
                    "first_credit": first.credit if first else 0,
                    "latest_answer": _answer_text(question, latest and latest.answer, lang),
                    "attempts": saved.attempts if saved else 0,
                    "answer_shown": saved.shown if saved else False,
                    "confidence": first.confidence if first else None,
                    "right_answer": right_answer(question, lang),
                    "explanation": explanation[lang] if explanation else "",
                }
            )
        pause = case.pause(lesson.pause) if lesson.pause else None
        entry = progress.pauses.get(lesson.pause) if lesson.pause else None
        lessons.append(
            {
                "id": lesson.id,
                "title": lesson.title[lang],
                "notebook": lesson.notebook,
                "reasoning": _written_work(case, lesson, progress, lang)
                if pause is None
                else {
                    "prompt": pause.prompt[lang],
                    "yours": entry and entry.model_dump(),
                    "expert_problem": pause.problem_representation[lang]
                    if pause.problem_representation
                    else ui("expert_in_class", lang),
                    "expert_differential": [d.diagnosis[lang] for d in pause.differential],
                },
                "predictions": [
                    _prediction(p, progress, lang)
                    for p in case.predictions
                    if case.lesson_revealing(p.finding) == lesson
                ],
                "questions": questions,
                "score": {
                    "answered": sum(q["first_correct"] is not None for q in questions),
                    "right_first_time": sum(bool(q["first_correct"]) for q in questions),
                    "credit": round(sum(q["first_credit"] for q in questions), 2),
                    "total": len(questions),
                },
            }
        )
    return {
        "case_id": case.id,
        "title": case.title[lang],
        "language": lang,
        "source": case.source.citation(),
        "patient": case.patient.one_liner[lang],
        "revealed": [
            {
                "stage": _reveal_title(case, key, lang),
                "shown": shown,
                "of": len(_reveal_findings(case, key)),
            }
            for key, shown in progress.reveals.items()
        ],
        "lessons": lessons,
        "confidence": _by_confidence(progress, lang),
        "references": [r.citation() for r in case.references],
    }


def _prediction(prediction: Prediction, progress: Progress, lang: str) -> dict:
    """What the learner predicted about a finding before its meaning appeared, and the answer."""
    made = progress.finding_predictions.get(prediction.finding)
    return {
        "finding": prediction.finding,
        "prompt": prediction.prompt[lang],
        "answer": _answer_text(prediction, made and made.answer, lang),
        "correct": made.correct if made else None,
        "right_answer": right_answer(prediction, lang),
    }


def _by_confidence(progress: Progress, lang: str) -> list[dict]:
    """Right and wrong first answers for each level of confidence the learner gave, so that
    overconfidence shows: many "sure" answers that were wrong. Answers awaiting marking (a
    student build) are left out."""
    rows = []
    for level in (*CONFIDENCE, None):
        marked = [
            record.first.correct
            for record in progress.answers.values()
            if record.first.confidence == level and record.first.correct is not None
        ]
        if marked:
            rows.append(
                {
                    "confidence": level,
                    "label": ui(CONFIDENCE_NAMES[level], lang),
                    "right": sum(marked),
                    "wrong": len(marked) - sum(marked),
                }
            )
    return rows


def _dumped(entry) -> dict | None:
    return entry and entry.model_dump()


def _written_work(case: Case, lesson: Lesson, progress: Progress, lang: str) -> dict | None:
    """The plan of 07 and the synthesis of 08, beside the expert's (the plan's problems, the
    key points), in the shape of a pause's reasoning."""
    plan = case.management_plan
    if plan is not None and lesson.id == plan.lesson:
        expert = series([p.problem[lang] for p in plan.problems], lang)
        return {"prompt": plan.prompt[lang], "yours": _dumped(progress.pauses.get(plan.id)),
                "expert_problem": expert or ui("expert_in_class", lang),
                "expert_differential": []}  # fmt: skip
    if lesson == case.lessons[-1]:
        return {"prompt": "", "yours": _dumped(progress.pauses.get(SYNTHESIS)),
                "expert_problem": series([k[lang] for k in lesson.key_points], lang),
                "expert_differential": []}  # fmt: skip
    return None


def _reveal_findings(case: Case, key: str):
    """The findings behind a saved reveal key: a stage id, or 'discussion:<topic>'."""
    stage_id, _, topic = key.partition(":")
    return [f for f in case.stage(stage_id).findings if not topic or f.topic == topic]


def _reveal_title(case: Case, key: str, lang: str) -> str:
    stage_id, _, topic = key.partition(":")
    title = case.stage(stage_id).title[lang]
    return f"{title} ({ui(TOPIC[topic], lang)})" if topic else title


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def _shown(report: dict) -> dict:
    """What the Markdown and the HTML both show, worked out once from the report's data."""
    lang = report["language"]
    lessons = []
    for lesson in report["lessons"]:
        if not (lesson["questions"] or lesson["reasoning"] or lesson["predictions"]):
            continue
        reasoning, shown = lesson["reasoning"], None
        if reasoning:
            yours = reasoning["yours"]
            if not yours:
                mine = ui("report_not_committed", lang)
            elif yours.get("skipped"):
                mine = ui("skipped", lang)
            else:
                mine = f"{yours['problem']} — {series(yours['differential'], lang)}"
                if yours.get("questions"):  # the synthesis of 08
                    mine += f" — {yours['questions']}"
            expert = None  # the expert's answer only once committed
            if yours and not yours.get("skipped"):
                expert = reasoning["expert_problem"]
                if reasoning["expert_differential"]:
                    expert += f" — {series(reasoning['expert_differential'], lang)}"
            shown = {
                "mine": mine,
                "revision": series((yours or {}).get("revision") or [], lang),
                "reflection": (yours or {}).get("reflection", ""),
                "expert": expert,
            }
        s = lesson["score"]
        score = ui(
            "report_score", lang, right=s["right_first_time"], answered=s["answered"],
            total=s["total"], credit=float(s["credit"]),
        )  # fmt: skip
        questions = [
            {**q, "verdict": VERDICT[q["first_correct"]],
             "tried": _tried(q, lang)}
            for q in lesson["questions"]
        ]  # fmt: skip
        predictions = [{**p, "verdict": VERDICT[p["correct"]]} for p in lesson["predictions"]]
        lessons.append({**lesson, "reasoning": shown, "predictions": predictions,
                        "questions": questions, "score_text": score})  # fmt: skip
    confidence = [
        ui("report_confidence_row", lang, confidence=row["label"], right=row["right"],
           wrong=row["wrong"])
        for row in report["confidence"]
    ]  # fmt: skip
    return {"r": report, "lang": lang, "lessons": lessons, "confidence": confidence}


def _tried(question: dict, lang: str) -> str:
    """How many answers were checked, and whether the answer was shown on request."""
    if not question["attempts"]:
        return ""
    tried = ui("report_attempts", lang, n=question["attempts"])
    return f"{tried}, {ui('report_answer_shown', lang)}" if question["answer_shown"] else tried


def to_markdown(report: dict) -> str:
    return html.render("report.md", **_shown(report))


def to_html(report: dict) -> str:
    """Self-contained and printable: no script, no external file; every text escaped."""
    return html.render("report.html", css=html.css(), **_shown(report)) + "\n"
