"""Paths of the repository and a helper to edit a copy of the case, shared by the tests."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import yaml

from clinicase.html import STANDARD_SECTIONS

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "casedata" / "calcinosis-lcssc"
# Cases that exist only to test the engine: clearly fictional, never shipped.
FIXTURE_CASES = ROOT / "tests" / "fixtures" / "casedata"


def edit_yaml(directory: Path, name: str, change: Callable[[dict], object]) -> None:
    """Load a case file, let `change` mutate its data, and write it back."""
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def shown(widget) -> str:
    """The text a learner reads in an HTML widget: tags dropped, entities decoded, spaces single."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", widget.value)).split())


def notebook_calls(path: Path) -> list[tuple[str, tuple, dict]]:
    """The `course.NAME(...)` calls of a notebook's code cells, with their literal arguments."""
    calls = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "course"
            ):
                args = tuple(ast.literal_eval(a) for a in node.args)
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                calls.append((node.func.attr, args, kwargs))
    return calls


LESSON_CALLS = (
    "lesson_intro", "lesson_outro", "questions", "quiz_tally", "progress_strip", "page_links",
    "opening", "check_yourself", "closing",
)  # fmt: skip
# The calls that show several parts of a page in one cell (course.py), and those parts.
PARTS = {
    "opening": ("language_switch", "progress_strip", "lesson_intro"),
    "check_yourself": ("questions", "quiz_tally"),
    "closing": ("lesson_outro", "page_links"),
}


def called(calls) -> set[str]:
    """The course calls a notebook makes (`notebook_calls`), with the parts of each composite."""
    names = {call for call, _, _ in calls}
    return names.union(*(PARTS.get(name, ()) for name in names))


def reveal_keys(calls) -> list[str]:
    """What the `reveal_stage` calls among `calls` (`notebook_calls`) reveal, as progress counts
    it: a stage id, or "stage:topic"."""
    return [
        ":".join(filter(None, [args[0], kwargs.get("topic")]))
        for call, args, kwargs in calls
        if call == "reveal_stage"
    ]


def course_map_problems(case, notebooks: Path) -> list[str]:
    """Where lessons.yaml, the notebook files and the ids the notebooks' cells name disagree,
    both ways: every lesson has its notebook and every numbered notebook its lesson; a notebook
    names its own lesson, opens with its lesson's pause, and reveals stages, topics and findings
    the case has; every stage, pause and question of the case is reached by some notebook."""
    problems = []
    by_file = {lesson.notebook: lesson for lesson in case.lessons}
    files = {p.name for p in notebooks.glob("[0-9][0-9]_*.ipynb")}
    problems += [f"lesson {by_file[n].id}: no notebook {n}" for n in sorted(set(by_file) - files)]
    problems += [f"{name}: no lesson in lessons.yaml" for name in sorted(files - set(by_file))]
    stages = {stage.id: stage for stage in case.stages}
    findings = {finding.id for finding in case.findings}
    revealed, asked, paused = set(), set(), set()
    for name in sorted(files & set(by_file)):
        lesson = by_file[name]
        calls = notebook_calls(notebooks / name)
        shown = called(calls)
        for call, args, kwargs in calls:
            if call in LESSON_CALLS and args != (lesson.id,):
                problems.append(f"{name}: {call}{args} names another lesson than {lesson.id!r}")
            if call == "section" and args[0] != lesson.id:
                problems.append(f"{name}: {call}{args} names another lesson than {lesson.id!r}")
            heading = args[1] if call == "section" else kwargs.get("under")
            if heading and lesson.section(heading) is None and heading not in STANDARD_SECTIONS:
                problems.append(f"{name}: lesson {lesson.id} has no section {heading!r}")
            if call in ("questions", "check_yourself"):
                asked.add(args[0])
            if call == "reasoning_pause":
                paused.add(args[0])
            if call == "reveal_stage":
                stage, topic = stages.get(args[0]), kwargs.get("topic")
                if stage is None:
                    problems.append(f"{name}: reveal_stage({args[0]!r}): no such stage")
                elif topic and not any(f.topic == topic for f in stage.findings):
                    problems.append(f"{name}: stage {stage.id} has no finding on {topic!r}")
                revealed.add((args[0], topic))
            if call == "show_findings":
                problems += [
                    f"{name}: show_findings: no finding {f!r}" for f in set(args) - findings
                ]
        problems += [f"{name}: {c} is never called" for c in ("lesson_intro", "lesson_outro")
                     if c not in shown]  # fmt: skip
        reveals = reveal_keys(calls)
        if reveals != list(lesson.reveals):
            problems.append(f"{name}: reveals {reveals}, but lessons.yaml says {lesson.reveals}")
        pauses = [args[0] for call, args, _ in calls if call == "reasoning_pause"]
        if pauses != ([lesson.pause] if lesson.pause else []):
            problems.append(f"{name}: pauses {pauses}, but lessons.yaml says {lesson.pause!r}")
    for stage in case.stages:
        topics = {f.topic for f in stage.findings} if stage.id == "discussion" else {None}
        problems += [f"stage {stage.id} ({t or 'all'}): no notebook reveals it"
                     for t in sorted(topics, key=str) if (stage.id, t) not in revealed]  # fmt: skip
    problems += [f"pause {p.id}: no notebook opens with it" for p in case.pauses
                 if p.id not in paused]  # fmt: skip
    problems += [f"question {q.id}: no notebook asks the questions of {q.lesson!r}"
                 for q in case.questions if q.lesson not in asked]  # fmt: skip
    return problems
