"""Where the learner is in the course, read from their progress: each notebook not started, in
progress or done, and the notebook to resume. Pure functions: no widgets, no files.

A notebook is done when everything it asks of the learner is done: every finding it reveals is
revealed, its reasoning pause (or management plan, or final synthesis) is committed or skipped,
and every question of it is answered. It is in progress when some of that is done, or its key
points were opened. A notebook that asks nothing (the start page) is done once the learner has
chosen a language or begun a later notebook.
"""

from __future__ import annotations

from typing import Literal

from .model import Case, Lesson
from .progress import SYNTHESIS, Progress

Status = Literal["not_started", "in_progress", "done"]
STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done")


def reveal_counts(case: Case, lesson: Lesson, progress: Progress) -> list[tuple[int, int]]:
    """(revealed, total) findings for each stage, or topic of a stage, the notebook reveals."""
    counts = []
    for key in lesson.reveals:
        stage_id, _, topic = key.partition(":")
        stage = next((s for s in case.stages if s.id == stage_id), None)
        total = sum(1 for f in stage.findings if not topic or f.topic == topic) if stage else 0
        counts.append((min(progress.reveals.get(key, 0), total), total))
    return counts


def _tasks(case: Case, lesson: Lesson, progress: Progress) -> list[tuple[bool, bool]]:
    """(done, begun) for each thing the notebook asks of the learner."""
    tasks = [(shown >= total, shown > 0) for shown, total in reveal_counts(case, lesson, progress)]
    committed = [lesson.pause] if lesson.pause else []
    if case.management_plan is not None and case.management_plan.lesson == lesson.id:
        committed.append(case.management_plan.id)
    if lesson == case.lessons[-1]:
        committed.append(SYNTHESIS)
    tasks += [(p in progress.pauses,) * 2 for p in committed]
    asked = [q.id for q in case.questions_for(lesson.id)]
    asked += [m.id for m in case.long_menus if m.lesson == lesson.id]
    tasks += [(q in progress.answers,) * 2 for q in asked]
    return tasks


def lesson_status(case: Case, lesson: Lesson, progress: Progress) -> Status:
    tasks = _tasks(case, lesson, progress)
    if not tasks:
        later = case.lessons[case.lessons.index(lesson) + 1 :]
        moved_on = any(lesson_status(case, n, progress) != "not_started" for n in later)
        return "done" if progress.language or moved_on else "not_started"
    if all(done for done, _ in tasks):
        return "done"
    if any(begun for _, begun in tasks) or progress.key_points.get(lesson.id):
        return "in_progress"
    return "not_started"


def course_status(case: Case, progress: Progress) -> list[tuple[Lesson, Status]]:
    return [(lesson, lesson_status(case, lesson, progress)) for lesson in case.lessons]


def resume_lesson(statuses: list[tuple[Lesson, Status]]) -> Lesson | None:
    """Where to pick up: the first notebook in progress, else the first not started after the
    last one the learner touched; None once every notebook is done."""
    for lesson, status in statuses:
        if status == "in_progress":
            return lesson
    touched = [i for i, (_, status) in enumerate(statuses) if status == "done"]
    after = touched[-1] + 1 if touched else 0
    rest = [lesson for lesson, status in statuses[after:] if status == "not_started"]
    rest = rest or [lesson for lesson, status in statuses if status != "done"]
    return rest[0] if rest else None
