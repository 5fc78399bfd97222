"""Load a case from its YAML files into the validated `Case`, or say exactly what is wrong.

Every problem is reported as `file:line: field.path: message`, all of them at once, so that a
case author can fix a file in one pass. Nothing here imports a plotting or widget library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ValidationError

from .model import CASE_FILES, Case, Model

DEFAULT_CASE = "calcinosis-lcssc"


def safe_loader():
    """yaml.safe_load's loader, taken from libyaml when PyYAML has it: the same safe constructors
    (no Python objects from data), about ten times faster."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Problem(NamedTuple):
    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"


class CaseDataError(ValueError):
    """The case data is invalid; `problems` lists each problem with its file and field path."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def casedata_root() -> Path:
    """Where the cases live: $CLINICASE_CASEDATA; the casedata/ beside the notebooks being run
    (a course folder, such as a student build); the copy inside a wheel; or the repository's."""
    if env := os.environ.get("CLINICASE_CASEDATA"):
        return Path(env)
    beside = Path.cwd().parent / "casedata"
    if Path.cwd().name == "notebooks" and beside.is_dir():
        return beside
    packaged = Path(__file__).parent / "casedata"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "casedata"


def available_cases(root: Path | None = None) -> list[str]:
    root = root or casedata_root()
    return sorted(p.name for p in root.iterdir() if (p / "case.yaml").is_file())


def load_case(case_id: str = DEFAULT_CASE, *, root: Path | None = None) -> Case:
    """Load and validate a case by its id (the name of its folder under casedata/)."""
    directory = (root or casedata_root()) / case_id
    if not directory.is_dir():
        known = ", ".join(available_cases(root)) or "none"
        raise CaseDataError(
            [Problem(_display(directory), "(case)", f"no such case; known: {known}")]
        )
    return load_case_dir(directory)


def load_case_dir(directory: str | os.PathLike) -> Case:
    """Load and validate the case whose YAML files are in `directory`."""
    directory = Path(directory)
    problems: list[Problem] = []
    parsed: dict[str, Model] = {}
    for name, model in CASE_FILES.items():
        path = directory / name
        if not path.is_file():
            problems.append(Problem(_display(path), "(file)", "file is missing"))
            continue
        result = _parse_file(path, model, problems)
        if result is not None:
            parsed[name] = result
    for path in sorted(directory.glob("*.y*ml")):
        if path.name not in CASE_FILES:
            expected = ", ".join(CASE_FILES)
            problems.append(
                Problem(_display(path), "(file)", f"unknown case-data file; expected: {expected}")
            )
    if problems:
        raise CaseDataError(problems)
    problems.extend(_cross_check(directory, parsed))
    if problems:
        raise CaseDataError(problems)
    return _assemble(parsed)


# --- one file --------------------------------------------------------------------------------


def _parse_file(path: Path, model: type[Model], problems: list[Problem]) -> Model | None:
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, "(file)", f"cannot read the file: {exc}"))
        return None
    import yaml

    try:
        data = yaml.load(text, Loader=safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(shown, "(yaml)", f"YAML syntax error: {reason}", line))
        return None
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        problems.append(Problem(shown, "(file)", f"expected a mapping of fields, found {found}", 1))
        return None
    context = {"answers_withheld": data.get("answers_withheld") is True}
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        lines = _LineFinder(text)
        errors = exc.errors()
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(
                tuple(e["loc"][: len(loc)]) == loc and e is not err for e in errors
            ):
                continue  # pydantic's echo of an invalid item: the item's own error says it
            problems.append(Problem(shown, _dotted(loc), _message(err), lines.line_of(loc)))
        return None


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def _message(err: dict) -> str:
    """A sentence an author can act on, from a pydantic error."""
    kind, loc, value = err["type"], err["loc"], err.get("input")
    field = loc[-1] if loc else ""
    got = type(value).__name__ if value is not None else "nothing"
    if kind == "missing":
        return f"missing field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    if kind == "model_type":
        if err.get("ctx", {}).get("class_name") == "Text":
            return f"wrong type: expected a text with 'en' and 'fr' entries, got {got}"
        return f"wrong type: expected a mapping of fields, got {got}"
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "float_type": "a number",
        "tuple_type": "a list",
        "bool_type": "true or false",
    }.get(kind)
    if expected:
        return f"wrong type: expected {expected}, got {got} {value!r}"
    if kind == "too_short":
        return f"needs at least {err['ctx']['min_length']} item(s)"
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid value here ({err['msg'].lower()})"
    return err["msg"]


class _LineFinder:
    """Finds the line of a field path in a YAML text, only when an error needs it."""

    def __init__(self, text: str):
        import yaml

        try:
            self.root = yaml.compose(text, Loader=safe_loader())
        except yaml.YAMLError:
            self.root = None

    def line_of(self, loc: tuple) -> int | None:
        import yaml

        node = self.root
        if node is None:
            return None
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                child = node.value[part] if part < len(node.value) else None
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


# --- across files ----------------------------------------------------------------------------


def _walk(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str, object]]:
    """Yield (path, field name, value) for every field of a model tree."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            yield (*path, name), name, child
            yield from _walk(child, (*path, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def _cross_check(directory: Path, parsed: dict[str, Model]) -> list[Problem]:
    problems: list[Problem] = []
    ref_ids = {r.id for r in parsed["references.yaml"].references}
    finding_ids = {f.id for s in parsed["case.yaml"].stages for f in s.findings}
    pause_ids = {p.id for p in parsed["reasoning.yaml"].pauses}
    lesson_ids = {lesson.id for lesson in parsed["lessons.yaml"].lessons}
    texts = {}

    def report(name: str, loc: tuple, message: str) -> None:
        if name not in texts:
            texts[name] = _LineFinder((directory / name).read_text(encoding="utf-8"))
        line = texts[name].line_of(loc)
        problems.append(Problem(_display(directory / name), _dotted(loc), message, line))

    _check_illustrated_total(parsed, report)
    for name, content in parsed.items():
        seen: dict[tuple[str, str], tuple] = {}
        for loc, field, value in _walk(content):
            if field in ("id", "region") and isinstance(value, str):
                kind = (field, _id_scope(loc))
                if (kind, value) in seen:
                    first = _dotted(seen[kind, value])
                    report(name, loc, f"duplicate id '{value}' (first used at {first})")
                else:
                    seen[kind, value] = loc
            elif field == "refs":
                for i, ref in enumerate(value):
                    if ref not in ref_ids:
                        report(name, (*loc, i), f"reference id '{ref}' is not in references.yaml")
            elif field == "source" and name == "case.yaml" and value not in ref_ids:
                report(name, loc, f"reference id '{value}' is not in references.yaml")
            elif field == "finding" and value not in finding_ids:
                report(name, loc, f"finding id '{value}' is not a finding of case.yaml")
            elif field == "findings" and name == "case.yaml" and loc[0] == "timeline":
                for i, finding in enumerate(value):
                    if finding not in finding_ids:
                        report(name, (*loc, i), f"finding id '{finding}' is not a finding")
            elif field == "lesson" and name != "lessons.yaml" and value not in lesson_ids:
                report(name, loc, f"lesson id '{value}' is not a lesson of lessons.yaml")
            elif field == "pause" and value is not None and value not in pause_ids:
                report(name, loc, f"pause id '{value}' is not a pause of reasoning.yaml")
            elif field == "findings" and name == "case.yaml" and loc[0] == "stages":
                _check_topics(content.stages[loc[1]], loc, report)
    return problems


def _check_illustrated_total(parsed: dict[str, Model], report) -> None:
    """The illustrative mRSS distribution must add up to the patient's recorded score."""
    grades = parsed["scores.yaml"].mrss_illustration.grades
    recorded = next(
        (f.measurement for s in parsed["case.yaml"].stages for f in s.findings if f.id == "mrss"),
        None,
    )
    if recorded is not None and sum(grades.values()) != recorded.value:
        report(
            "scores.yaml",
            ("mrss_illustration", "grades"),
            f"the grades add up to {sum(grades.values())}, but the case's mRSS is "
            f"{recorded.value:g}",
        )


def _check_topics(stage, loc: tuple, report) -> None:
    """A discussion point needs a topic (the notebook that teaches it); a fact has none."""
    for i, finding in enumerate(stage.findings):
        if (finding.topic is None) == (stage.id == "discussion"):
            need = "needs a topic" if finding.topic is None else "takes a topic only in discussion"
            report("case.yaml", (*loc, i, "topic"), f"finding '{finding.id}' {need}")


def _id_scope(loc: tuple) -> str:
    """Ids must be unique among things of one kind: findings are one kind across all stages;
    the options of a question need only differ from each other."""
    if "options" in loc:
        return ".".join(map(str, loc[:-2]))
    return ".".join(p for p in loc[:-1] if isinstance(p, str))


def _assemble(parsed: dict[str, Model]) -> Case:
    case, refs = parsed["case.yaml"], parsed["references.yaml"].references
    sites = parsed["sites.yaml"]
    fields = dict(
        id=case.id,
        title=case.title,
        source=next(r for r in refs if r.id == case.source),
        patient=case.patient,
        timeline=case.timeline,
        stages=case.stages,
        caveats=parsed["caveats.yaml"].caveats,
        laterality_reading=sites.laterality_reading,
        calcinosis_sites=sites.sites,
        usual_sites=sites.usual_sites,
        references=refs,
        pauses=parsed["reasoning.yaml"].pauses,
        management_plan=parsed["reasoning.yaml"].management_plan,
        acr_eular_evidence=parsed["scores.yaml"].acr_eular,
        acr_eular_surest=parsed["scores.yaml"].surest,
        mrss_illustration=parsed["scores.yaml"].mrss_illustration,
        calcinosis_tools=parsed["scores.yaml"].calcinosis_tools,
        questions=parsed["questions.yaml"].questions,
        long_menus=parsed["questions.yaml"].long_menus,
        answers_withheld=parsed["questions.yaml"].answers_withheld,
        session_plans=parsed["instructor.yaml"].session_plans,
        misconceptions=parsed["instructor.yaml"].misconceptions,
        lessons=parsed["lessons.yaml"].lessons,
    )
    # every part was validated file by file above: assemble them without validating them again
    return Case.model_construct(**fields)


def _display(path: Path) -> str:
    """A path as short as it can be said: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
