"""Load a case from its YAML files into the validated `Case`, or say exactly what is wrong.

Every problem is reported as `file:line: field.path: message`, all of them at once, so that a
case author can fix a file in one pass. Nothing here imports a plotting or widget library.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import ClassVar, NamedTuple

from pydantic import BaseModel, ValidationError

from . import case_cache
from .files import cache_dir, write_atomic
from .model import CASE_FILES, Case, Model

DEFAULT_CASE = "calcinosis-lcssc"


# Limits on what a case file may ask of the loader; each refusal names its limit.
MAX_FILE_BYTES = 1_000_000  # the largest case file read (the largest today is ~63 KB)
MAX_ALIAS_EXPANSIONS = 10_000  # nodes that aliases (*name) may repeat in one file


def safe_loader():
    """yaml.safe_load's loader, taken from libyaml when PyYAML has it: the same safe constructors
    (no Python objects from data), about ten times faster, with the guards of `_guarded`. PyYAML
    is imported only when a file is actually parsed."""
    import yaml

    return _guarded(getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml)


def _guarded(base, yaml):
    """The safe loader, made to refuse what it would build wrongly or crash on: a key given twice
    (the second silently won), a value its tag cannot build (a Python exception, not a YAML
    error). Dates stay text: no field of a case is a date, and an impossible date crashed."""

    class GuardedLoader(base):
        yaml_implicit_resolvers: ClassVar[dict] = {
            first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except yaml.YAMLError:
                raise
            except Exception:  # int("abc"), an over-long integer, !!bool "maybe"...
                value = str(node.value) if isinstance(node, yaml.ScalarNode) else node.id
                shown = value if len(value) <= 40 else f"{value[:40]}… ({len(value)} characters)"
                raise yaml.constructor.ConstructorError(
                    None, None, f"cannot read {shown!r} as {node.tag.rpartition(':')[2]}",
                    node.start_mark,
                ) from None  # fmt: skip

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: dict[object, int] = {}
                for key, _ in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                        if key.value in seen:
                            raise yaml.constructor.ConstructorError(
                                None, None, f"duplicate key '{key.value}' (first on line "
                                f"{seen[key.value]})", key.start_mark,
                            )  # fmt: skip
                        seen[key.value] = key.start_mark.line + 1
            return super().construct_mapping(node, deep)

    return GuardedLoader


def _check_aliases(root, yaml) -> None:
    """Refuse a node graph whose aliases loop back on themselves or, once expanded, repeat more
    than MAX_ALIAS_EXPANSIONS nodes: a few lines of aliases can stand for billions of nodes."""
    sizes: dict[int, int] = {}  # node -> its size with every alias expanded
    open_nodes: set[int] = set()  # the nodes on the path being walked
    stack = [(root, False)]
    while stack:  # a walk without recursion: libyaml allows a nesting deeper than Python's
        node, closing = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
        if closing:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
        elif id(node) in open_nodes:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias refers to the node that contains it", node.start_mark
            )
        elif id(node) not in sizes:
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    repeated = sizes[id(root)] - len(sizes)
    if repeated > MAX_ALIAS_EXPANSIONS:
        raise yaml.constructor.ConstructorError(
            None, None, f"aliases repeat {repeated} nodes; the limit is {MAX_ALIAS_EXPANSIONS}",
            root.start_mark,
        )  # fmt: skip


def _parse_yaml(text: str):
    """The data of a YAML text, through the guarded loader, after the alias check."""
    import yaml

    loader = safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # no anchor, no alias: the walk is needed only where one may be
            _check_aliases(node, yaml)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _yaml_data(text: str):
    """The data of a YAML text. Building Python objects through the guarded loader is the slowest
    step of a load (benchmarks/import_time.py), so the result is kept in a cache keyed by the
    text's hash and the Python version, much as a .pyc is kept for a .py; a warm load never
    imports PyYAML. Only text that passed the guards is cached."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    cache = cache_dir() / f"{digest}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = _parse_yaml(text)
    try:
        encoded = marshal.dumps(data)
        if marshal.loads(encoded) == data:
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, encoded)
    except (OSError, ValueError, RecursionError):  # RecursionError: comparing deep nesting
        pass  # no cache: the next load parses the YAML again
    return data


class Problem(NamedTuple):
    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        """One line, whatever the file holds: a line break inside a key or value is shown as an
        escape, so that one line is one problem."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}".translate(_LINE_BREAKS)


# every character str.splitlines breaks at, shown as its escape
_LINE_BREAKS = {c: repr(chr(c))[1:-1] for c in (10, 11, 12, 13, 28, 29, 30, 133, 8232, 8233)}


class CaseDataError(ValueError):
    """The case data is invalid; `problems` lists each problem with its file and field path."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def casedata_root() -> Path:
    """Where the cases live: $CLINICASE_CASEDATA; the casedata/ beside the learners' notebooks
    or the instructor guide being run (a course folder, such as a student build, so that guide and
    learners read one case); the copy inside a wheel; or the repository's."""
    if env := os.environ.get("CLINICASE_CASEDATA"):
        return Path(env)
    beside = Path.cwd().parent / "casedata"
    if Path.cwd().name in ("notebooks", "instructor") and beside.is_dir():
        return beside
    packaged = Path(__file__).parent / "casedata"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "casedata"


def available_cases(root: Path | None = None) -> list[str]:
    root = root or casedata_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "case.yaml").is_file())


def default_case() -> str:
    """The case the course shows: $CLINICASE_CASE; else the only case of the case folder (a
    student build of any case, a course folder of one case); else the calcinosis case."""
    if env := os.environ.get("CLINICASE_CASE"):
        return env
    root = casedata_root()
    cases = available_cases(root) if root.is_dir() else []
    return cases[0] if len(cases) == 1 else DEFAULT_CASE


def load_case(case_id: str | None = None, *, root: Path | None = None) -> Case:
    """Load and validate a case by its id (the name of its folder under casedata/); by default
    the course's case (`default_case()`)."""
    directory = (root or casedata_root()) / (case_id or default_case())
    if not directory.is_dir():
        known = ", ".join(available_cases(root)) or "none"
        raise CaseDataError(
            [Problem(_display(directory), "(case)", f"no such case; known: {known}")]
        )
    return load_case_dir(directory)


def load_case_dir(directory: str | os.PathLike) -> Case:
    """Load and validate the case whose YAML files are in `directory`; a case that passed
    before, with the same files, comes from the cache (`case_cache`)."""
    directory = Path(directory)
    texts = {name: _case_file(directory / name) for name in CASE_FILES}
    unknown = [path for path in sorted(directory.glob("*.y*ml")) if path.name not in CASE_FILES]
    complete = not unknown and all(isinstance(text, str) for text in texts.values())
    key = case_cache.key(texts) if complete else None
    if key is not None and (cached := case_cache.read(directory, key)) is not None:
        return cached
    problems: list[Problem] = []
    parsed: dict[str, Model] = {}
    for name, model in CASE_FILES.items():
        if isinstance(texts[name], Problem):
            problems.append(texts[name])
        elif (result := _parse_file(directory / name, texts[name], model, problems)) is not None:
            parsed[name] = result
    expected = ", ".join(CASE_FILES)
    problems += [
        Problem(_display(path), "(file)", f"unknown case-data file; expected: {expected}")
        for path in unknown
    ]
    if problems:
        raise CaseDataError(problems)
    problems.extend(_cross_check(directory, parsed))
    if problems:
        raise CaseDataError(problems)
    case = _assemble(parsed)
    if key is not None:
        case_cache.keep(directory, key, case)
    return case


# --- one file --------------------------------------------------------------------------------


def _case_file(path: Path) -> str | Problem:
    """The text of a case file, or the problem that keeps it from being read."""
    if not (path.exists() or path.is_symlink()):  # a looping link is read, and says so
        return Problem(_display(path), "(file)", "file is missing")
    try:
        return _read_text(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Problem(_display(path), "(file)", f"cannot read the file: {_one_line(exc)}")


def _parse_file(path: Path, text: str, model: type[Model], problems: list[Problem]) -> Model | None:
    shown = _display(path)
    try:
        data = _yaml_data(text)
    except Exception as exc:
        import yaml  # only now: a load from the cache never imports PyYAML

        if not isinstance(exc, yaml.YAMLError):
            raise
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses, such as NUL
            line = text.count("\n", 0, exc.position) + 1
            code = exc.character if isinstance(exc.character, int) else ord(exc.character)
            reason = f"the character U+{code:04X} is not allowed in YAML"
        else:
            reason = _one_line(getattr(exc, "problem", None) or exc)
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


def _read_text(path: Path) -> str:
    """The text of a case file, refused before it is read when larger than MAX_FILE_BYTES."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe or device that might never end
        raise ValueError("it is not a regular file")
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{size} bytes is over the limit of {MAX_FILE_BYTES} bytes per case file")
    return path.read_text(encoding="utf-8")


def _one_line(reason: object) -> str:
    return " ".join(str(reason).split())


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def _message(err: dict) -> str:
    """A sentence an author can act on, from a pydantic error."""
    kind, loc, value = err["type"], err["loc"], err.get("input")
    got = type(value).__name__ if value is not None else "nothing"
    if kind == "missing":
        return f"missing field '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'"
    if kind == "model_type":
        if err["ctx"]["class_name"] == "Text":
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
        shown = f" {value!r}" if value is not None else ""  # "got nothing", not "nothing None"
        return f"wrong type: expected {expected}, got {got}{shown}"
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
    predicted: set[str] = set()
    for i, prediction in enumerate(parsed["questions.yaml"].predictions):
        if prediction.finding in predicted:
            report("questions.yaml", ("predictions", i, "finding"),
                   f"finding '{prediction.finding}' already has a prediction")  # fmt: skip
        predicted.add(prediction.finding)
    for name, content in parsed.items():
        seen: dict[tuple[str, tuple], tuple] = {}
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
            elif field == "lesson" and value not in lesson_ids:
                report(name, loc, f"lesson id '{value}' is not a lesson of lessons.yaml")
            elif field == "pause" and value is not None and value not in pause_ids:
                report(name, loc, f"pause id '{value}' is not a pause of reasoning.yaml")
            elif field == "findings" and name == "case.yaml" and loc[0] == "stages":
                _check_topics(content.stages[loc[1]], loc, report)
            elif field == "answered_by" and value is not None:
                _check_answered_by(parsed, value, loc, partial(report, name))
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


def _check_answered_by(parsed: dict[str, Model], answered_by, loc: tuple, report) -> None:
    """Each id names a finding or caveat; a finding that answers by its interpretation has one
    (an explanation, or a discussion point's statement)."""
    findings: dict[str, Model] = {}
    for stage in parsed["case.yaml"].stages:
        for finding in stage.findings:
            findings.setdefault(finding.id, finding)  # a duplicate id is reported elsewhere
    caveats = {c.id for c in parsed["caveats.yaml"].caveats}
    for part, known, what in (
        ("facts", findings, "a finding of case.yaml"),
        ("findings", findings, "a finding of case.yaml"),
        ("caveats", caveats, "a caveat of caveats.yaml"),
    ):
        for i, item in enumerate(getattr(answered_by, part)):
            if item not in known:
                report((*loc, part, i), f"'{item}' is not {what}")
            elif (
                part == "findings"
                and findings[item].explanation is None
                and not (findings[item].topic)
            ):
                report((*loc, part, i), f"finding '{item}' has no explanation: list it in facts")


def _check_topics(stage, loc: tuple, report) -> None:
    """A discussion point needs a topic (the notebook that teaches it); a fact has none."""
    for i, finding in enumerate(stage.findings):
        if (finding.topic is None) == (stage.id == "discussion"):
            need = "needs a topic" if finding.topic is None else "takes a topic only in discussion"
            report("case.yaml", (*loc, i, "topic"), f"finding '{finding.id}' {need}")


def _id_scope(loc: tuple) -> tuple:
    """Ids must be unique among things of one kind: findings are one kind across all stages;
    the options of a question, or the sections of a lesson, need only differ from each other."""
    if "options" in loc or "sections" in loc:
        return loc[:-2]
    return tuple(p for p in loc[:-1] if isinstance(p, str))


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
        predictions=parsed["questions.yaml"].predictions,
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
    except (ValueError, OSError, RuntimeError):  # outside it, or a symbolic link loop
        return str(path)
