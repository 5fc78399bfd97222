"""`python -m clinicase`: commands for case authors and maintainers.

validate [PATH ...]     check case folders (or files in them); exit 1 and one line per problem
info [CASE_ID] [--json] what a case contains
schema [--check]        regenerate casedata/schema/*.schema.json (or only check they are current)
figures [--out DIR]     draw every figure (PNG and SVG, English and French) into figures/
report [--progress FILE] [--out FILE.html|.md|.json] [--lang en|fr]
                        the learner's take-away report (Markdown on screen without --out)
build-student OUTDIR    notebooks and case data without the answer key, for assessed sessions
class serve|collect     a live class: the service and its dashboard, or the dashboard, static
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .classroom.commands import add_class_command, run_class_command
from .i18n import ui
from .loader import DEFAULT_CASE, CaseDataError, casedata_root, load_case, load_case_dir
from .model import LANGUAGES, Case
from .schema import stale_schemas, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clinicase", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check case data; exit 1 if invalid")
    validate.add_argument("paths", nargs="*", type=Path, help="case folders or files in them")

    info = commands.add_parser("info", help="what a case contains")
    info.add_argument("case_id", nargs="?", default=DEFAULT_CASE)
    info.add_argument("--json", action="store_true", help="machine-readable output")

    schema = commands.add_parser("schema", help="regenerate the JSON Schemas of the case files")
    schema.add_argument("--check", action="store_true", help="only report stale schemas")

    figures = commands.add_parser("figures", help="draw every figure of a case into figures/")
    figures.add_argument("case_id", nargs="?", default=DEFAULT_CASE)
    figures.add_argument("--out", type=Path, default=None, help="folder (default: figures/)")

    report = commands.add_parser("report", help="the learner's take-away report")
    report.add_argument("case_id", nargs="?", default=DEFAULT_CASE)
    report.add_argument("--progress", type=Path, help="progress file (default: the learner's)")
    report.add_argument("--out", type=Path, help="FILE.html, FILE.md or FILE.json")
    report.add_argument("--lang", choices=LANGUAGES, help="language (default: the learner's)")

    student = commands.add_parser("build-student", help="a copy without the answer key")
    student.add_argument("outdir", type=Path)
    student.add_argument("--case", dest="case_id", default=DEFAULT_CASE)

    add_class_command(commands)

    args = parser.parse_args(argv)
    commands_by_name = {
        "build-student": _build_student,
        "validate": _validate,
        "info": _info,
        "schema": _schema,
        "figures": _figures,
        "report": _report,
        "class": lambda args: run_class_command(args, _case_or_report),
    }
    return commands_by_name[args.command](args)


def _case_dirs(paths: list[Path]) -> list[Path]:
    """Case folders named by the arguments: a case folder, a file in one, or a folder of cases."""
    if not paths:
        paths = [casedata_root()]
    found = []
    for path in paths:
        if path.is_file():
            found.append(path.parent)
        elif (path / "case.yaml").is_file() or not path.is_dir():
            found.append(path)
        else:
            found.extend(sorted(p for p in path.iterdir() if (p / "case.yaml").is_file()))
    return list(dict.fromkeys(found))


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for directory in _case_dirs(args.paths):
        if not directory.is_dir():
            print(f"{directory}: (case): no such folder")
            failed = True
            continue
        try:
            case = load_case_dir(directory)
        except CaseDataError as exc:
            print(exc)
            failed = True
        else:
            print(f"{directory}: valid ({_summary(case)})")
    return 1 if failed else 0


def _summary(case: Case) -> str:
    return (
        f"{len(case.stages)} stages, {len(case.findings)} findings, "
        f"{len(case.caveats)} caveats, {len(case.references)} references"
    )


def _case_or_report(case_id: str) -> Case | None:
    """The case, or None after printing what is wrong with its data (never a traceback)."""
    try:
        return load_case(case_id)
    except CaseDataError as exc:
        print(exc, file=sys.stderr)
        return None


def _info(args: argparse.Namespace) -> int:
    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    questions = Counter(q.kind for q in case.questions)
    facts = {
        "case_id": case.id,
        "languages": list(case.languages),
        "stages": len(case.stages),
        "findings": len(case.findings),
        "caveats": len(case.caveats),
        "questions": {"total": sum(questions.values()), "by_kind": dict(questions)},
        "references": len(case.references),
        "calcinosis_sites": [site.region for site in case.calcinosis_sites],
        "lessons": len(case.lessons),
    }
    if args.json:
        print(json.dumps(facts, indent=2))
    else:
        print(f"{case.id}: {case.title.en} / {case.title.fr}")
        print(f"source: {case.source.citation()}")
        for key, value in facts.items():
            if key not in ("case_id",):
                print(f"  {key}: {value}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    directory = casedata_root() / "schema"
    if args.check:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"{directory / name}: out of date; run `python -m clinicase schema`")
        return 1 if stale else 0
    for name in write_schemas(directory):
        print(f"wrote {directory / name}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    from .figures.stored import write_all

    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    out = args.out or casedata_root().parent / "figures"
    written = write_all(case, out)
    print(f"{out}: {len(written)} figure file(s) written, the others were up to date")
    return 0


def _report(args: argparse.Namespace) -> int:
    """Exit 2, with a message and no traceback, when the progress file is missing or unreadable;
    the file itself is never changed here."""
    from . import report
    from .progress import SCHEMA_VERSION, store_for

    lang = args.lang or "en"
    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    path = args.progress or store_for(case.id).path
    try:
        progress = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(progress, dict) or progress.get("schema") != SCHEMA_VERSION:
            raise ValueError("not a clinicase progress file")
        if progress.get("case_id") != case.id:
            raise ValueError(f"it belongs to case {progress.get('case_id')!r}")
    except FileNotFoundError:
        print(ui("report_no_progress", lang, path=path), file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:  # JSONDecodeError is a ValueError
        print(ui("report_bad_progress", lang, path=path, reason=exc), file=sys.stderr)
        return 2
    data = report.build(case, progress, args.lang)
    if args.out is None:
        print(report.to_markdown(data), end="")
        return 0
    writers = {".html": report.to_html, ".md": report.to_markdown, ".json": report.to_json}
    write = writers.get(args.out.suffix.lower())
    if write is None:
        print(f"{args.out}: choose a name ending in .html, .md or .json", file=sys.stderr)
        return 2
    args.out.write_text(write(data), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _build_student(args: argparse.Namespace) -> int:
    from .student import build_student

    root = casedata_root()
    try:
        target = build_student(root / args.case_id, root.parent / "notebooks", args.outdir)
    except CaseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.outdir}: student build written; learners open {args.outdir / 'notebooks'}")
    print(f"  case data without answer key: {target}")
    return 0
