"""The learner's progress: one JSON file per learner and case, the only learner-state store.

The file's contract is the `Progress` model (format version `FORMAT`). Reading is tolerant: a file
from an older version is migrated, and an entry this version cannot use (a wrong type, a
negative count, a question or stage renamed since the file was written, a section from a newer
version) is left out and named, while everything else is kept; the file as it was is then kept
beside it. Only a file that is not a progress file of this case at all is moved aside whole.

Every change is written at once with `files.write_atomic`, under a `files.locked` lock, so a dead
kernel or a second kernel of the same learner loses nothing. When the file cannot be written
(read-only or full disk, a folder in its place) the work is kept in memory, `problem` says why,
and `save_copy` can write it elsewhere.

Location: $CLINICASE_HOME, else ~/.clinicase (on JupyterHub, each user's own home).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from .files import check_writable, locked, write_atomic
from .i18n import LANGUAGES
from .marking import AnswerError, grade
from .model import Case, Finding, LongMenu, Prediction, Question
from .state import state

# The key of the learner's synthesis of 08 among the pauses (beside the pause ids of the case).
SYNTHESIS = "synthesis"
FORMAT = 2  # 1: the first files ("schema": 1); 2: the same entries, under "format"
CONFIDENCE = ("sure", "unsure", "guessing")  # how sure a learner said they were, before checking


def _well_formed(text: str) -> str:
    """Lone surrogates (from some keyboards and pastes) cannot be written as UTF-8: each
    becomes U+FFFD, the replacement character; every real character is kept."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


LearnerText = Annotated[str, Field(strict=True), AfterValidator(_well_formed)]
Answer = LearnerText | list[LearnerText]  # an option id or a typed text; a list of option ids


class Entry(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class Attempt(Entry):
    """One checked answer: what was answered, whether it was right and the credit it earned."""

    answer: Answer
    correct: bool | None = None  # None: a student build, marked later
    credit: Annotated[float, Field(strict=True, ge=0, le=1)] = 0.0
    confidence: Literal[CONFIDENCE] | None = None  # type: ignore[valid-type]
    at: str = ""


class AnswerRecord(Entry):
    """A question's first answer (the one scored) and latest answer, how many answers were
    checked, and whether the learner asked to see the answer."""

    first: Attempt
    latest: Attempt
    attempts: Annotated[int, Field(strict=True, ge=1)] = 1
    shown: bool = False

    @model_validator(mode="before")
    @classmethod
    def _latest_defaults_to_first(cls, data: Any) -> Any:
        if isinstance(data, dict) and "latest" not in data and "first" in data:
            return {**data, "latest": data["first"]}
        return data


class PauseEntry(Entry):
    """A reasoning pause, committed (problem representation and differential) or skipped."""

    skipped: bool = False
    problem: LearnerText = ""
    differential: list[LearnerText] = []
    questions: LearnerText = ""  # the synthesis of 08: three questions for the authors
    at: str = ""
    # after the comparison with the expert: the revised differential and one line of reflection
    revision: list[LearnerText] = []
    reflection: LearnerText = ""
    revised_at: str = ""

    @model_validator(mode="after")
    def _committed_means_written(self) -> PauseEntry:
        if not self.skipped and not (self.problem.strip() and self.differential):
            raise ValueError("a committed pause needs a problem and a differential")
        return self


class ClassPacing(Entry):
    """The instructor's pacing as the learner's kernel last fetched it."""

    open_through: str | None = None  # the last stage opened; None: every stage
    hold_feedback: bool = False
    released: list[str] = []  # questions whose feedback is released while it is held


class ClassOutboxItem(Entry):
    """A record waiting to be sent to the class (classroom.records); its id makes a resend
    harmless. The record's own fields are kept as they are, for the service to check."""

    model_config = ConfigDict(extra="allow")

    id: Annotated[str, Field(strict=True, min_length=1)]


class Classroom(Entry):
    """The learner's link to a live class: where it is, who the learner is there, what is
    still to send. Only the pseudonym is shown to anyone."""

    service: Annotated[str, Field(strict=True, min_length=1)]
    learner: Annotated[str, Field(strict=True, min_length=1)]
    token: Annotated[str, Field(strict=True, min_length=1)]
    pseudonym: str = ""
    pacing: ClassPacing = ClassPacing()
    outbox: list[ClassOutboxItem] = []
    sent: list[str] = []  # record ids the service has
    refused: list[str] = []  # record ids the service can never take (kept only here)


class Progress(Entry):
    """Everything saved about one learner in one case."""

    format: int = FORMAT
    case_id: str
    language: Literal[LANGUAGES] | None = None  # type: ignore[valid-type]
    seed: Annotated[int, Field(strict=True, ge=0)] | None = None  # this learner's option order
    reveals: dict[str, Annotated[int, Field(strict=True, ge=0)]] = {}
    pauses: dict[str, PauseEntry] = {}
    answers: dict[str, AnswerRecord] = {}
    key_points: dict[str, bool] = {}  # lesson id -> its key points opened ("Show answers")
    predictions: dict[str, Annotated[int, Field(strict=True, ge=0)]] = {}  # e.g. a score total
    challenges: dict[str, bool] = {}  # e.g. an mRSS challenge met
    finding_predictions: dict[str, Attempt] = {}  # finding id -> predicted before its meaning
    classroom: Classroom | None = None

    def answered(self, question_id: str, attempt: Attempt) -> None:
        """Record an answer: the first one stays the scored one."""
        saved = self.answers.get(question_id)
        if saved is None:
            self.answers[question_id] = AnswerRecord(first=attempt, latest=attempt)
        else:
            saved.latest, saved.attempts = attempt, saved.attempts + 1

    def option_order(self, question: Question) -> list[str]:
        """The options' ids in the order this learner sees them: drawn from the learner's seed
        (set on first use, by the caller that saves), so it stays the same after a restart."""
        if self.seed is None:
            self.seed = random.SystemRandom().randrange(2**31)
        ids = [o.id for o in question.options]
        order = ids[:]
        random.Random(f"{self.seed}:{question.id}").shuffle(order)
        if question.kind == "ranking" and order == ids:  # never hand over the answer
            order.reverse()
        return order


SECTIONS = (
    "reveals",
    "pauses",
    "answers",
    "key_points",
    "predictions",
    "challenges",
    "finding_predictions",
)
# each section is a mapping; its entries are validated one by one, so one bad entry costs only
# itself
_ENTRY_TYPES = {
    name: TypeAdapter(Progress.model_fields[name].annotation.__args__[1]) for name in SECTIONS
}


class Held(NamedTuple):
    """Findings whose interpretation (explanation; a discussion point: its statement) and
    caveats whose note a page holds back until the learner has answered."""

    findings: frozenset[str] = frozenset()
    caveats: frozenset[str] = frozenset()
    predictions: frozenset[str] = frozenset()  # findings whose prediction is not made yet


NOTHING_HELD = Held()


def held_back(
    case: Case, progress: Progress, lesson_id: str | None, revealed: tuple[Finding, ...] = ()
) -> Held:
    """What the page of `lesson_id` holds back: what answers one of its questions not yet
    answered (shown in that question's feedback instead), and the interpretation of each
    finding in `revealed` whose prediction is not made yet."""
    waiting = [
        q.answered_by
        for q in case.questions
        if q.lesson == lesson_id and q.answered_by and q.id not in progress.answers
    ]
    findings = {f for answered_by in waiting for f in answered_by.findings}
    caveats = {c for answered_by in waiting for c in answered_by.caveats}
    pending = {
        f.id
        for f in revealed
        if case.prediction_for(f.id) and f.id not in progress.finding_predictions
    }
    caveats.update(c.id for f in pending for c in case.caveats_for(f))
    return Held(frozenset(findings | pending), frozenset(caveats), frozenset(pending))


# --- reading a file ---------------------------------------------------------------------------


class NotProgress(ValueError):
    """The file is not a progress file of this case (not JSON, not a mapping, another case)."""


@dataclass
class Loaded:
    """A file read through the model: what was kept, what was left out and why."""

    progress: Progress
    dropped: list[str] = field(default_factory=list)  # e.g. "answers: q1", "language"


def _migrate_1(data: dict) -> dict:
    data = dict(data)
    data.pop("schema", None)
    return data


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _migrate_1}


def parse(raw: bytes, case_id: str, case: Case | None = None) -> Loaded:
    """Read a progress file's bytes, keeping every entry that fits the model (and `case`)."""
    dropped = []
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if "\ufffd" in text and "\ufffd" not in raw.decode("utf-8", errors="ignore"):
        dropped.append("(characters that are not UTF-8)")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise NotProgress("not JSON") from None
    version = data.get("format", 1) if isinstance(data, dict) else None  # format 1: "schema": 1
    if type(version) is not int or version < 1:
        raise NotProgress("not a progress file")
    if data.get("case_id", case_id) != case_id:
        raise NotProgress(f"it belongs to case {_shown(data['case_id'])!r}")
    for old in range(version, FORMAT):
        data = MIGRATIONS[old](data)
    kept: dict[str, Any] = {"case_id": case_id}
    for name, value in data.items():
        if name in ("format", "case_id"):
            continue
        if name == "language":
            if value is None or value in LANGUAGES:
                kept[name] = value
            else:
                dropped.append("language")
        elif name == "seed":
            if value is None or (type(value) is int and value >= 0):
                kept[name] = value
            else:
                dropped.append("seed")
        elif name in SECTIONS and isinstance(value, dict):
            kept[name] = _section(name, value, dropped)
        elif name == "classroom":  # a damaged class link costs only itself: the learner rejoins
            try:
                kept[name] = None if value is None else Classroom.model_validate(value)
            except (ValueError, RecursionError):
                dropped.append("classroom")
        else:
            dropped.append(_shown(name))
    progress = Progress.model_validate(kept)
    if case is not None:
        _fit(progress, case, dropped)
    return Loaded(progress, dropped)


def _section(name: str, entries: dict, dropped: list[str]) -> dict:
    """The entries of a section that the model accepts, one by one."""
    kept = {}
    for key, value in entries.items():
        try:
            kept[key] = _ENTRY_TYPES[name].validate_python(value)
        except (ValueError, RecursionError):  # a pydantic ValidationError is a ValueError
            dropped.append(f"{name}: {_shown(key)}")
    return kept


def _fit(progress: Progress, case: Case, dropped: list[str]) -> None:
    """Leave out entries whose stage, pause or question is not in `case` (renamed since) or
    whose answer the question cannot take; a reveal count is capped at the stage's findings."""
    stages = {s.id: s for s in case.stages}
    for key, count in list(progress.reveals.items()):
        stage_id, _, topic = key.partition(":")
        stage = stages.get(stage_id)
        findings = [f for f in stage.findings if not topic or f.topic == topic] if stage else []
        if findings:
            progress.reveals[key] = min(count, len(findings))
        else:
            del progress.reveals[key]
            dropped.append(f"reveals: {_shown(key)}")
    pause_ids = {p.id for p in case.pauses} | {SYNTHESIS}
    if case.management_plan is not None:
        pause_ids.add(case.management_plan.id)
    for key in [k for k in progress.pauses if k not in pause_ids]:
        del progress.pauses[key]
        dropped.append(f"pauses: {_shown(key)}")
    questions = {q.id: q for q in (*case.questions, *case.long_menus)}
    for key, record in list(progress.answers.items()):
        question = questions.get(key)
        if question is None or not all(
            _fits(question, a.answer) for a in (record.first, record.latest)
        ):
            del progress.answers[key]
            dropped.append(f"answers: {_shown(key)}")
    for key, attempt in list(progress.finding_predictions.items()):
        prediction = case.prediction_for(key)
        if prediction is None or not _fits(prediction, attempt.answer):
            del progress.finding_predictions[key]
            dropped.append(f"finding_predictions: {_shown(key)}")


def _fits(question: Question | LongMenu | Prediction, answer: str | list[str]) -> bool:
    """Whether `question` can show and mark `answer` (its options may have changed since)."""
    if question.kind == "longmenu":
        known = {i.id for i in question.items}
        return (
            isinstance(answer, list)
            and 0 < len(answer) <= question.pick_max
            and (set(answer) <= known)
        )
    ids = [o.id for o in question.options]
    if question.kind in ("single", "region"):
        ok = isinstance(answer, str) and answer in ids
    elif question.kind == "multiple":
        ok = (
            isinstance(answer, list) and len(set(answer)) == len(answer) and set(answer) <= set(ids)
        )
    elif question.kind == "ranking":  # marking refuses a list that is not every item once
        ok = isinstance(answer, list)
    else:
        ok = isinstance(answer, str)
    if not ok:
        return False
    try:
        grade(question, answer)
    except AnswerError:
        return False
    return True


def _shown(key: str) -> str:
    """A key as it may be quoted to the learner: short, printable."""
    text = "".join(c if c.isprintable() else "?" for c in str(key))
    return text if len(text) <= 40 else text[:39] + "…"


def to_json(progress: Progress) -> str:
    # a learner outside a live class has no "classroom" key at all, as before there was one
    data = progress.model_dump(
        mode="json", exclude={"classroom"} if not progress.classroom else None
    )
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- the store ----------------------------------------------------------------------------------


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Which version of a file is there (a replaced file has a new inode), or None if none."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns, status.st_size


def progress_dir() -> Path:
    return Path(os.environ.get("CLINICASE_HOME") or Path.home() / ".clinicase")


class ProgressStore:
    """Read and update one learner's progress for one case."""

    def __init__(self, path: Path, case_id: str, case: Case | None = None):
        self.path = Path(path)
        self.case_id = case_id
        self.case = case  # when known, entries that do not fit the case are left out
        # where each damaged file was moved; and each kept copy of a file from which entries
        # were left out, with what was left out. The learner is told about each.
        self.damaged: list[Path] = []
        self.kept: list[tuple[Path, list[str]]] = []
        # why progress cannot be saved now; the work is then kept in memory, and every later
        # change tries to save it again
        self.problem: str | None = None
        self._memory: Progress | None = None
        # the file as last read (see `read`) and what it held
        self._read: tuple[tuple[int, int, int] | None, Progress] | None = None

    def read(self) -> Progress:
        """The progress as saved (not to be changed: `update` changes it). A page reads it dozens
        of times while its views are made, so the file is read again only if it changed since:
        every write replaces it (`write_atomic`), here or in another kernel."""
        if self.problem is not None:
            return self._memory  # unsaved work: the file would show it as missing
        try:
            if self._memory is None:  # the first read of this kernel: the learner is told at once
                check_writable(self.path.parent)  # if their work cannot be saved
            read = self._read  # once: the live-class thread may write (and forget it) meanwhile
            if read is None or read[0] != _signature(self.path):
                read = self._read = self._read_unlocked() or self._read_locked()
            self._memory = read[1]
        except OSError as exc:
            self._cannot_save(exc)
        return self._memory

    def _read_unlocked(self) -> tuple[tuple[int, int, int] | None, Progress] | None:
        """The file's signature and progress, read without the lock: a writer replaces the file
        whole, so this sees the old file or the new one, and opening a page neither imports
        filelock nor creates a lock file. None if the file needs a repair, which takes the lock."""
        signature = _signature(self.path)  # before reading: a file replaced meanwhile is read again
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return signature, Progress(case_id=self.case_id)
        try:
            loaded = parse(raw, self.case_id, self.case)
        except NotProgress:
            return None
        return None if loaded.dropped else (signature, loaded.progress)

    def _read_locked(self) -> tuple[tuple[int, int, int] | None, Progress]:
        with locked(self.path):
            progress = self._load()  # which may repair the file: stat it after
            return _signature(self.path), progress

    def update(self, change: Callable[[Progress], None]) -> Progress:
        """Apply `change` to the progress and save it, as one locked step; then the views that
        show where the learner is (course map, progress strip) refresh."""
        try:
            return self._update(change)
        finally:
            state.saved += 1

    def _update(self, change: Callable[[Progress], None]) -> Progress:
        if self.problem is not None:
            change(self._memory)
            self._save_memory()
            return self._memory
        progress = None
        try:
            with locked(self.path):
                progress = self._load()
                change(progress)
                self._write(progress)
        except OSError as exc:
            self._cannot_save(exc, progress)
            if progress is None:
                change(self._memory)
            return self._memory
        self._memory = progress
        return progress

    def reset(self) -> Path | None:
        """Start afresh, keeping the language. The old file is first copied to a new backup file,
        whose path is returned (None if there was nothing to back up). If that cannot be done,
        nothing changes and `problem` says why."""
        if self.problem is not None:
            self._save_memory()
            if self.problem is not None:
                return None
        try:
            with locked(self.path):
                old = self._load()
                backup = (
                    self._copy_aside("backup", self.path.read_bytes())
                    if self.path.exists()
                    else None
                )
                fresh = Progress(case_id=self.case_id, language=old.language)
                self._write(fresh)
        except OSError as exc:
            self.problem = _reason(exc)
            return None
        self._memory = fresh
        state.saved += 1
        return backup

    def save_copy(self, folder: Path) -> Path:
        """Write the progress as it is now (saved or not) to a new file in `folder`; raises
        OSError if that folder cannot be written either."""
        progress = self.read()
        target = _unused(folder / self.path.name)
        return write_atomic(target, to_json(progress))

    # -- file handling ---------------------------------------------------------------------

    def _load(self, repair: bool = True) -> Progress:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress(case_id=self.case_id)
        try:
            loaded = parse(raw, self.case_id, self.case)
        except NotProgress:
            if repair:
                self.damaged.append(self._move_aside())
            return Progress(case_id=self.case_id)
        if loaded.dropped and repair:  # keep the file as it was, then the entries that fit
            self.kept.append((self._copy_aside("kept", raw), loaded.dropped))
            self._write(loaded.progress)
        return loaded.progress

    def _cannot_save(self, exc: OSError, progress: Progress | None = None) -> None:
        self.problem = _reason(exc)
        if progress is not None:
            self._memory = progress
        elif self._memory is None:
            try:  # a read-only home: what was saved can still be read, and shown
                self._memory = self._load(repair=False)
            except OSError:
                self._memory = Progress(case_id=self.case_id)

    def _save_memory(self) -> None:
        try:
            with locked(self.path):
                self._write(self._memory)
        except OSError as exc:
            self.problem = _reason(exc)
        else:
            self.problem = None

    def _write(self, progress: Progress) -> None:
        self._read = None  # two quick writes may leave a file that looks the same to `stat`
        write_atomic(self.path, to_json(progress))

    def _copy_aside(self, kind: str, raw: bytes) -> Path:
        return write_atomic(_unused(self._beside(kind)), raw)

    def _move_aside(self) -> Path:
        target = _unused(self._beside("damaged"))
        os.replace(self.path, target)
        return target

    def _beside(self, kind: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return self.path.with_name(f"{self.path.stem}.{kind}-{stamp}{self.path.suffix}")


def _unused(path: Path) -> Path:
    """`path`, or the first of path-2, path-3… that does not exist (callers hold the lock)."""
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


_stores: dict[Path, ProgressStore] = {}


def store_for(case: Case) -> ProgressStore:
    """The progress store of the current learner for `case` (one object per file)."""
    path = progress_dir() / f"progress-{case.id}.json"
    if path not in _stores:
        _stores[path] = ProgressStore(path, case.id)
    _stores[path].case = case
    return _stores[path]
