"""What a learner can see: the notebooks rendered in-process, as Voilà shows them, with a chosen
amount of progress behind them. Shared by the spoiler, word-count and any-direction tests."""

from __future__ import annotations

import ast
import json
import os
import re
from html import unescape
from pathlib import Path

import ipywidgets as widgets
from casefiles import ROOT, notebook_calls, reveal_keys

import clinicase
from clinicase import course
from clinicase.progress import progress_dir, to_json
from clinicase.state import state
from clinicase.widgets.views import close_view

CASE = clinicase.load_case()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# What a learner reads only after acting: feedback, the expert's comparison, the revision box.
AFTER_ACTING = {"pause-comparison", "question-feedback", "pause-revise"}


def cells(notebook: Path) -> list[tuple[str, str]]:
    """The notebook's cells as (kind, source)."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in data["cells"]]


def lesson_of(notebook: Path):
    return next(lesson for lesson in CASE.lessons if lesson.notebook == notebook.name)


def closed(html: str) -> str:
    """`html` with every <details> closed: only its summary shows."""
    inner = re.compile(r"<details[^>]*>(?:(?!<details).)*?</details>", re.S)
    while True:
        html, n = inner.subn(
            lambda m: " ".join(re.findall(r"<summary>(.*?)</summary>", m.group(0), re.S)[:1]), html
        )
        if not n:
            return html


def text(
    widget: widgets.Widget, skip: frozenset[str] = frozenset(), opened=True, citations=True
) -> str:
    """Everything `widget` shows: HTML, labels, options, field contents; hidden parts left out;
    collapsed parts (<details>, a dropdown's list, a list box's hidden rows) opened, or left
    closed; citations (<cite>, in the language of the work cited) kept or left out."""
    if getattr(widget, "layout", None) is not None and widget.layout.display == "none":
        return ""
    if skip & set(getattr(widget, "_dom_classes", ())):
        return ""
    parts = []
    if isinstance(widget, widgets.HTML):
        # A stylesheet is sent once per kernel, inside whichever view comes first: not reading.
        html = re.sub(r"<(style|script)\b.*?</\1>", " ", widget.value, flags=re.S)
        html = html if opened else closed(html)
        if not citations:
            html = re.sub(r"<cite>.*?</cite>", " ", html, flags=re.S)
        parts.append(unescape(re.sub(r"<[^>]+>", " ", html)))
    for name in ("description", "placeholder"):
        parts.append(str(getattr(widget, name, "") or ""))
    if isinstance(widget, widgets.Text | widgets.Textarea):
        parts.append(widget.value)
    labels = getattr(widget, "_options_labels", ())
    if isinstance(widget, widgets.Dropdown) and not opened:
        labels = [widget.label or ""]  # a closed dropdown shows its choice only
    elif isinstance(widget, widgets.Select) and not opened:
        labels = labels[: widget.rows]  # a list box shows its first rows; the rest needs a scroll
    parts.extend(labels)
    for child in getattr(widget, "children", ()):
        parts.append(text(child, skip, opened, citations))
    return " ".join(" ".join(parts).split())


def views(source: str) -> list[widgets.Widget]:
    """The views a code cell makes: each `course.…(…)` expression evaluated. They stay open,
    following the course state, until `close_views()` (a test's teardown does it)."""
    made = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Expr):
            made.append(
                eval(compile(ast.Expression(node.value), "<cell>", "eval"), {"course": course})
            )
    made = [v for v in made if isinstance(v, widgets.Widget)]
    _open.extend(made)
    return made


# Every view made and not yet closed: each one re-renders at every switch of language or save
# of progress, so views left open make every later switch slower.
_open: list[widgets.Widget] = []


def close_views(since: int = 0) -> None:
    """Close the open views, or those made after the first `since`."""
    while len(_open) > since:
        close_view(_open.pop())


def done_through(home: Path, lessons_done: list[str]) -> None:
    """A progress file in which the learner finished `lessons_done`: every reveal of their
    stages open, their pause committed, every question answered, key points open."""
    from clinicase.progress import Attempt, PauseEntry, Progress

    progress = Progress(case_id=CASE.id)
    for lesson in CASE.lessons:
        if lesson.id not in lessons_done:
            continue
        if lesson.pause:
            entry = PauseEntry(problem="-", differential=["-"])
            progress.pauses[lesson.pause] = entry
        for question in CASE.questions_for(lesson.id):
            progress.answered(question.id, Attempt(answer=any_answer(question)))
        progress.key_points[lesson.id] = True
    for notebook in NOTEBOOKS:
        if lesson_of(notebook).id in lessons_done:
            progress.reveals.update(dict.fromkeys(reveal_keys(notebook_calls(notebook)), 99))
    home.mkdir(parents=True, exist_ok=True)
    (home / f"progress-{CASE.id}.json").write_text(to_json(progress), encoding="utf-8")


def any_answer(question):
    """An answer the question can take, right or wrong."""
    ids = [o.id for o in question.options]
    return {"single": ids[:1] and ids[0], "region": ids[:1] and ids[0], "multiple": ids[:1],
            "ranking": ids, "numeric": "1"}.get(question.kind, "x")  # fmt: skip


def seen_parts(
    notebook: Path,
    *,
    stop_before: str | None = None,
    skip=frozenset(),
    langs=("en", "fr"),
    markdown: bool = True,
    opened: bool = True,
) -> list[tuple[str, str]]:
    """What the learner sees in `notebook` with the current progress file, as (where, text)
    pairs: Markdown, and every view in each language, up to the first cell containing
    `stop_before`. The same notebook, arguments, case and progress file give the same parts:
    they are rendered once, and a second call leaves the progress file as the first did."""
    path = progress_file()
    before = path.read_bytes() if path.is_file() else None
    key = (notebook, stop_before, frozenset(skip), tuple(langs), markdown, opened, before,
           state.instructor, state.voila, os.environ.get("CLINICASE_CASEDATA"))  # fmt: skip
    if key not in _seen:
        parts = _render(notebook, stop_before, frozenset(skip), langs, markdown, opened)
        _seen[key] = parts, path.read_bytes() if path.is_file() else None
    parts, after = _seen[key]
    if after is not None:
        path.write_bytes(after)
    return parts


# What `seen_parts` rendered, with the progress file it left: the spoiler and any-direction
# tests read the same earlier notebooks with the same progress many times.
_seen: dict[tuple, tuple[list[tuple[str, str]], bytes | None]] = {}


def _render(notebook, stop_before, skip, langs, markdown, opened) -> list[tuple[str, str]]:
    """All the notebook's views made first, then read in one language after another: each
    switch of language re-renders every open view, once."""
    opened_before = len(_open)
    shown: list[tuple[str, object]] = []
    for number, (kind, source) in enumerate(cells(notebook), 1):
        if stop_before and stop_before in source:
            break
        if kind == "markdown" and markdown:
            shown.append((f"{notebook.stem} cell {number} (Markdown)", source))
        elif kind == "code":
            shown += [(f"{notebook.stem} cell {number}", v) for v in views(source)]
    parts: dict[int, list[tuple[str, str]]] = {i: [] for i in range(len(shown))}
    for lang in langs:
        state.language = lang
        for i, (where, shows) in enumerate(shown):
            if isinstance(shows, str):
                if lang == langs[0]:
                    parts[i].append((where, shows))
            else:
                parts[i].append((f"{where} ({lang})", text(shows, skip, opened)))
    state.language, state.lesson = "en", None
    close_views(since=opened_before)
    return [part for i in parts for part in parts[i]]


def seen(notebook: Path, **how) -> str:
    """`seen_parts` as one text."""
    return "\n".join(text for _where, text in seen_parts(notebook, **how))


def progress_file() -> Path:
    return progress_dir() / f"progress-{CASE.id}.json"
