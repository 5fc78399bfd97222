"""Records: what a learner's kernel tells the class, built from the learner's progress.

One record per first answer (with the learner's confidence), per prediction made about a finding,
per pause committed (or skipped) -- the management plan of 07 and the synthesis of 08 are pauses
too -- and per stage reached. Its id is
`kind:item` (`answer:q-dysphagia`), unique per learner: a first answer never changes, so a record
sent twice, or rebuilt from the progress file after a restart, is recognised and counted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Case
from ..progress import SYNTHESIS, Attempt, PauseEntry, Progress

KINDS = ("answer", "prediction", "pause", "stage")
CONFIDENCE = ("sure", "unsure", "guessing")
MAX_TEXT = 2000  # a problem representation
MAX_SHORT = 300  # one diagnosis, one typed answer
MAX_DIFFERENTIAL = 10
MAX_SYNTHESIS_LINES = 20  # the synthesis's "differential" holds the next tests too
_ID = re.compile(r"[A-Za-z0-9_:.-]{1,120}")
# control characters other than newline and tab have no place in a learner's text
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class RecordError(ValueError):
    """A record the service refuses, with the reason said to the sender."""


@dataclass(frozen=True)
class Record:
    kind: str
    item: str
    at: str
    data: dict

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.item}"

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "item": self.item, "at": self.at, **self.data}


def answer_record(question_id: str, first: Attempt) -> Record:
    data = {"answer": first.answer, "correct": first.correct, "confidence": first.confidence}
    return Record("answer", question_id, first.at, data)


def prediction_record(finding_id: str, made: Attempt) -> Record:
    return Record(
        "prediction", finding_id, made.at, {"answer": made.answer, "correct": made.correct}
    )


def pause_record(pause_id: str, entry: PauseEntry) -> Record:
    data = {
        "skipped": entry.skipped,
        "problem": "" if entry.skipped else entry.problem,
        "differential": [] if entry.skipped else list(entry.differential),
    }
    if pause_id == SYNTHESIS:  # its three questions for the authors
        data["questions"] = entry.questions
    return Record("pause", pause_id, entry.at, data)


def stage_record(stage_id: str, at: str = "") -> Record:
    return Record("stage", stage_id, at, {})


def from_progress(progress: Progress, case: Case) -> list[Record]:
    """Every record a learner's progress holds for the class (what `collect` reads, and what a
    learner sends on joining, so that work done before joining counts too)."""
    records = [answer_record(q, entry.first) for q, entry in progress.answers.items()]
    records.extend(prediction_record(f, made) for f, made in progress.finding_predictions.items())
    records.extend(pause_record(p, entry) for p, entry in progress.pauses.items())
    reached = {key.split(":")[0] for key, n in progress.reveals.items() if n > 0}
    records.extend(stage_record(stage.id) for stage in case.stages if stage.id in reached)
    return records


def check(raw: object, case: Case) -> Record:
    """A record as received, checked against the case; RecordError says what is wrong."""
    if not isinstance(raw, dict):
        raise RecordError("a record must be a JSON object")
    kind, item = raw.get("kind"), raw.get("item")
    if kind not in KINDS:
        raise RecordError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not isinstance(item, str) or not _ID.fullmatch(item):
        raise RecordError("item must be an id of the case")
    if raw.get("id") != f"{kind}:{item}":
        raise RecordError(f"the id of this record must be {kind}:{item}")
    known = {
        "answer": answer_ids(case),
        "prediction": {p.finding for p in case.predictions},
        "pause": pause_ids(case),
        "stage": {s.id for s in case.stages},
    }[kind]
    if item not in known:
        what = {"answer": "question", "prediction": "finding with a prediction"}.get(kind, kind)
        raise RecordError(f"unknown {what} id {item!r}")
    at = raw.get("at", "")
    if not isinstance(at, str) or len(at) > 40:
        raise RecordError("at must be a short ISO date")
    data = {
        "answer": _answer,
        "prediction": _prediction,
        "pause": _pause,
        "stage": lambda raw, case, item: {},
    }[kind](raw, case, item)
    return Record(kind, item, at, data)


def answer_ids(case: Case) -> set[str]:
    """The questions a first answer may be sent for: the bank's and the long menus."""
    return {q.id for q in (*case.questions, *case.long_menus)}


def pause_ids(case: Case) -> set[str]:
    """The pauses a learner commits: the reasoning pauses, the management plan, the synthesis."""
    plan = [case.management_plan.id] if case.management_plan is not None else []
    return {p.id for p in case.pauses} | {*plan, SYNTHESIS}


def _answer(raw: dict, case: Case, question_id: str) -> dict:
    answer = raw.get("answer")
    menu = next((m for m in case.long_menus if m.id == question_id), None)
    question = menu or case.question(question_id)
    option_ids = {o.id for o in menu.items} if menu else {o.id for o in question.options}
    if menu is not None:
        if (
            not isinstance(answer, list)
            or not set(answer) <= option_ids
            or len(set(answer)) != len(answer)
            or not answer
        ):
            raise RecordError(f"answer must be a list of tests of {question_id}, each once")
    elif question.kind in ("single", "region"):
        if answer not in option_ids:
            raise RecordError(f"answer must be an option of {question_id}")
    elif question.kind in ("multiple", "ranking"):
        if not isinstance(answer, list) or not set(answer) <= option_ids:
            raise RecordError(f"answer must be a list of options of {question_id}")
        if question.kind == "ranking" and sorted(answer) != sorted(option_ids):
            raise RecordError(f"a ranking must order every option of {question_id}")
    else:
        answer = text(answer, MAX_SHORT, "answer")
    correct = _correct(raw)
    confidence = raw.get("confidence")
    if confidence is not None and confidence not in CONFIDENCE:
        raise RecordError(f"confidence must be one of {', '.join(CONFIDENCE)} or null")
    return {"answer": answer, "correct": correct, "confidence": confidence}


def _prediction(raw: dict, case: Case, finding_id: str) -> dict:
    prediction = case.prediction_for(finding_id)
    answer = raw.get("answer")
    if prediction.kind == "single":
        if answer not in {o.id for o in prediction.options}:
            raise RecordError(f"answer must be an option of the prediction on {finding_id}")
    else:
        answer = text(answer, MAX_SHORT, "answer")
    return {"answer": answer, "correct": _correct(raw)}


def _correct(raw: dict) -> bool | None:
    correct = raw.get("correct")
    if correct is not None and not isinstance(correct, bool):
        raise RecordError("correct must be true, false or null")
    return correct


def _pause(raw: dict, case: Case, pause_id: str) -> dict:
    skipped = raw.get("skipped")
    if not isinstance(skipped, bool):
        raise RecordError("skipped must be true or false")
    synthesis = pause_id == SYNTHESIS
    most, line = (MAX_SYNTHESIS_LINES, MAX_TEXT) if synthesis else (MAX_DIFFERENTIAL, MAX_SHORT)
    differential = raw.get("differential", [])
    if not isinstance(differential, list) or len(differential) > most:
        raise RecordError(f"differential must be a list of at most {most} lines")
    data = {
        "skipped": skipped,
        "problem": text(raw.get("problem", ""), MAX_TEXT, "problem", empty=True),
        "differential": [text(d, line, "diagnosis") for d in differential],
    }
    if synthesis:
        data["questions"] = text(raw.get("questions", ""), MAX_TEXT, "questions", empty=True)
    return data


def text(value: object, limit: int, what: str, *, empty: bool = False) -> str:
    """A learner's text: a string, not too long, without control characters. (It is stored as
    typed and escaped wherever it is shown.)"""
    if not isinstance(value, str):
        raise RecordError(f"{what} must be text")
    value = _CONTROL.sub("", value).strip()
    if not value and not empty:
        raise RecordError(f"{what} is empty")
    if len(value) > limit:
        raise RecordError(f"{what} is longer than {limit} characters")
    return value
