"""`python -m clinicase`: commands for case authors and maintainers.

validate [PATH ...]     check case folders (or files in them); exit 1 and one line per problem
info [CASE_ID] [--json] what a case contains
schema [--check]        regenerate casedata/schema/*.schema.json (or only check they are current)
figures [--out DIR]     draw every figure (PNG and SVG, English and French) into figures/
report [--progress FILE] [--out FILE.html|.md|.json] [--lang en|fr] [--force]
                        the learner's take-away report (Markdown on screen without --out)
build-student OUTDIR [--force]
                        notebooks and case data without the answer key, for assessed sessions
site OUTDIR [--lang en|fr] [--force]
                        the course as static, printable pages (every language by default)
class serve|collect     a live class: the service and its dashboard, or the dashboard, static
new CASE_ID [--dir DIR] a new, valid case to fill in (never over an existing one)
warm [CASE_ID]          fill the cache every page reads first (Binder's postBuild runs it)

Nothing the user owns is replaced without --force (an existing report, a folder that already
holds files), and nothing is ever written into the course's own files. A path that cannot be
used is refused in one line, exit 2: in the language of --lang for `report`, else of $LANG
(French when it starts with "fr"), else English.

The course shows $CLINICASE_CASE, else the only case of its case folder, else calcinosis-lcssc;
$CLINICASE_CASEDATA names another case folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

from .classroom.commands import add_class_command, run_class_command
from .i18n import ui
from .loader import (
    CaseDataError,
    available_cases,
    casedata_root,
    default_case,
    load_case,
    load_case_dir,
)
from .model import CASE_FILES, LANGUAGES, Case
from .paths import Refusal, file_to_write, folder_to_write
from .schema import stale_schemas, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clinicase", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check case data; exit 1 if invalid")
    validate.add_argument("paths", nargs="*", type=Path, help="case folders or files in them")

    info = commands.add_parser("info", help="what a case contains")
    info.add_argument("case_id", nargs="?", default=None)
    info.add_argument("--json", action="store_true", help="machine-readable output")

    schema = commands.add_parser("schema", help="regenerate the JSON Schemas of the case files")
    schema.add_argument("--check", action="store_true", help="only report stale schemas")

    figures = commands.add_parser("figures", help="draw every figure of a case into figures/")
    figures.add_argument("case_id", nargs="?", default=None)
    figures.add_argument("--out", type=Path, default=None, help="folder (default: figures/)")
    figures.add_argument("--force", action="store_true", help="write into a folder of other files")

    report = commands.add_parser("report", help="the learner's take-away report")
    report.add_argument("case_id", nargs="?", default=None)
    report.add_argument("--progress", type=Path, help="progress file (default: the learner's)")
    report.add_argument("--out", type=Path, help="FILE.html, FILE.md or FILE.json")
    report.add_argument("--lang", choices=LANGUAGES, help="language (default: the learner's)")
    report.add_argument("--force", action="store_true", help="replace an existing --out file")

    student = commands.add_parser("build-student", help="a copy without the answer key")
    student.add_argument("outdir", type=Path)
    student.add_argument("--case", dest="case_id", default=None)
    student.add_argument("--force", action="store_true", help="write into a folder of files")

    site = commands.add_parser("site", help="the course as static, printable HTML pages")
    site.add_argument("outdir", type=Path)
    site.add_argument("--case", dest="case_id", default=None)
    site.add_argument("--lang", choices=LANGUAGES, help="one language (default: every language)")
    site.add_argument("--force", action="store_true", help="write into a folder of files")

    new = commands.add_parser("new", help="scaffold a new case for authors")
    new.add_argument("new_case_id", metavar="CASE_ID", help="lower-case letters, digits, - or _")
    new.add_argument("--dir", type=Path, default=None, help="folder of cases (default: casedata/)")

    warm = commands.add_parser("warm", help="fill the cache every page reads first")
    warm.add_argument("case_id", nargs="?", default=None)

    add_class_command(commands)

    args = parser.parse_args(argv)
    if getattr(args, "case_id", "") is None:  # not named: the course's case ($CLINICASE_CASE)
        args.case_id = default_case()
    commands_by_name = {
        "build-student": _build_student,
        "site": _site,
        "validate": _validate,
        "info": _info,
        "schema": _schema,
        "figures": _figures,
        "report": _report,
        "new": _new,
        "warm": _warm,
        "class": lambda args: run_class_command(args, _case_or_report),
    }
    lang = getattr(args, "lang", None) or _environment_language()
    try:
        return commands_by_name[args.command](args)
    except Refusal as refusal:
        print(ui(refusal.key, lang, **refusal.values), file=sys.stderr)
    except OSError as exc:  # a folder that cannot be written, a disk full...
        where = exc.filename or args.command
        print(ui("cli_cannot_write", lang, path=where, reason=exc.strerror), file=sys.stderr)
    return 2


def _environment_language() -> str:
    return "fr" if os.environ.get("LANG", "").lower().startswith("fr") else "en"


def _root() -> Path:
    """The folder of cases, refused when $CLINICASE_CASEDATA names no folder."""
    root = casedata_root()
    if not root.is_dir():
        raise Refusal("cli_bad_casedata", path=root)
    return root


def _case_dirs(paths: list[Path]) -> list[Path]:
    """Case folders named by the arguments: a case folder (one holding any case file, even a
    broken one), a file in one, or a folder of cases (each subfolder holding a YAML file)."""
    found = []
    for path in paths or [_root()]:
        if not path.exists():
            raise Refusal("cli_no_such_folder", path=path)
        if path.is_file():
            found.append(path.parent)
        elif any((path / name).exists() or (path / name).is_symlink() for name in CASE_FILES):
            found.append(path)
        else:
            cases = sorted(p for p in path.iterdir() if p.is_dir() and any(p.glob("*.y*ml")))
            if not cases:
                raise Refusal("cli_no_case_here", path=path)
            found.extend(cases)
    return list(dict.fromkeys(found))


def _case_folder(case_id: str) -> Path:
    """The folder of the case `case_id` (a plain folder name), refused when there is none."""
    root = _root()
    if Path(case_id).name != case_id or case_id in (".", "..") or not (root / case_id).is_dir():
        known = ", ".join(available_cases(root)) or "-"
        raise Refusal("cli_unknown_case", case_id=case_id, root=root, known=known)
    return root / case_id


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for directory in _case_dirs(args.paths):
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
    """The case, or None after printing what is wrong with its data (never a traceback); a case
    that is not there is refused."""
    root = _case_folder(case_id).parent
    try:
        return load_case(case_id, root=root)
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
    directory = _root() / "schema"
    folder_to_write(directory, force=True)  # its own folder; only a file in its place is refused
    if args.check:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"{directory / name}: out of date; run `python -m clinicase schema`")
        return 1 if stale else 0
    for name in write_schemas(directory):
        print(f"wrote {directory / name}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    from .figures.stored import MANIFEST, write_all

    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    out = args.out or casedata_root().parent / "figures"
    folder_to_write(out, force=args.force, ours=MANIFEST)
    written = write_all(case, out)
    print(f"{out}: {len(written)} figure file(s) written, the others were up to date")
    return 0


def _report(args: argparse.Namespace) -> int:
    """Exit 2, with a message and no traceback, when the progress file is missing or unreadable;
    the file itself is never changed here."""
    from . import report
    from .files import write_atomic
    from .progress import NotProgress, parse, store_for

    lang = args.lang or "en"
    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    path = args.progress or store_for(case).path
    try:
        loaded = parse(path.read_bytes(), case.id, case)
    except FileNotFoundError:
        print(ui("report_no_progress", lang, path=path), file=sys.stderr)
        return 2
    except (OSError, NotProgress) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        print(ui("report_bad_progress", lang, path=path, reason=reason), file=sys.stderr)
        return 2
    if loaded.dropped:  # the report shows the rest; the file itself is left as it is
        entries = ", ".join(loaded.dropped)
        print(ui("report_progress_dropped", lang, path=path, entries=entries), file=sys.stderr)
    progress = loaded.progress
    data = report.build(case, progress, args.lang)
    if args.out is None:
        print(report.to_markdown(data), end="")
        return 0
    writers = {".html": report.to_html, ".md": report.to_markdown, ".json": report.to_json}
    write = writers.get(args.out.suffix.lower())
    if write is None:
        print(f"{args.out}: choose a name ending in .html, .md or .json", file=sys.stderr)
        return 2
    file_to_write(args.out, force=args.force, source=path)
    write_atomic(args.out, write(data))
    print(f"wrote {args.out}")
    return 0


def _build_student(args: argparse.Namespace) -> int:
    from .student import build_student

    case_dir = _case_folder(args.case_id)
    try:
        target = build_student(
            case_dir, case_dir.parent.parent / "notebooks", args.outdir, force=args.force
        )
    except CaseDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.outdir}: student build written; learners open {args.outdir / 'notebooks'}")
    print(f"  case data without answer key: {target}")
    return 0


def _site(args: argparse.Namespace) -> int:
    """Exit 1, naming the notebook and the error, when a notebook fails: nothing is written."""
    from .site import NotebookFailed, build_site

    lang = args.lang or _environment_language()
    case_dir = _case_folder(args.case_id)
    case = _case_or_report(args.case_id)
    if case is None:
        return 1
    languages = (args.lang,) if args.lang else LANGUAGES
    notebooks = case_dir.parent.parent / "notebooks"
    try:
        pages = build_site(
            case, notebooks, args.outdir, languages=languages, force=args.force,
            casedata=case_dir.parent,
        )  # fmt: skip
    except NotebookFailed as failed:
        print(ui("site_notebook_failed", lang, notebook=failed.notebook, reason=failed.reason),
              file=sys.stderr)  # fmt: skip
        return 1
    index = args.outdir / "index.html"
    print(ui("site_written", lang, path=args.outdir, n=len(pages), index=index))
    return 0


def _warm(args: argparse.Namespace) -> int:
    """Validate the case, compile each language's catalog and every template into the cache
    (files.cache_dir) now: the first page of a session then reads them as every later page
    does, instead of making them while the learner waits (~0.4 s)."""
    from .html import environment
    from .i18n import catalog

    if _case_or_report(args.case_id) is None:
        return 1
    for lang in LANGUAGES:
        catalog(lang)
    templates = environment()
    for name in templates.list_templates(extensions=("html", "md")):
        templates.get_template(name)
    return 0


def _new(args: argparse.Namespace) -> int:
    """Copy the scaffold (src/clinicase/scaffold/) into DIR/CASE_ID, named CASE_ID; it validates
    as it is, and every text to replace says TO DO / À FAIRE."""
    case_id, lang = args.new_case_id, _environment_language()
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", case_id):
        print(ui("new_bad_id", lang, case_id=repr(case_id)), file=sys.stderr)
        return 1
    target = (args.dir or casedata_root()) / case_id
    if target.exists():
        print(ui("new_exists", lang, path=target), file=sys.stderr)
        return 1
    target.mkdir(parents=True)
    for template in sorted((Path(__file__).parent / "scaffold").glob("*.yaml")):
        text = template.read_text(encoding="utf-8")
        if template.name == "case.yaml":
            text = text.replace("\nid: CASE_ID\n", f"\nid: {case_id}\n")
        (target / template.name).write_text(text, encoding="utf-8")
    print(ui("new_written", lang, path=target))
    print(f"  python -m clinicase validate {target}")
    return 0
