"""`python -m clinicase class serve|collect`: run a live class, or build its dashboard from
progress files gathered by hand or from an LMS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loader import DEFAULT_CASE


def add_class_command(commands) -> None:
    parser = commands.add_parser("class", help="a live class: the service, or a static dashboard")
    actions = parser.add_subparsers(dest="class_command", required=True)
    serve = actions.add_parser("serve", help="run the class service (prints the dashboard URL)")
    serve.add_argument("--db", type=Path, default=Path("class.sqlite"), help="SQLite file")
    serve.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to let a room's laptops in")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    serve.add_argument("--case", dest="case_id", default=DEFAULT_CASE)
    serve.add_argument("--hub", action="store_true", help="run as a JupyterHub-managed service")
    serve.add_argument("--instructors", default="instructors", help="hub group of instructors")
    collect = actions.add_parser("collect", help="the dashboard, static, from progress files")
    collect.add_argument("paths", nargs="+", type=Path, help="progress files or folders of them")
    collect.add_argument("--out", type=Path, required=True, help="the page to write (.html)")
    collect.add_argument("--lang", choices=("en", "fr"), default="en")
    collect.add_argument("--case", dest="case_id", default=DEFAULT_CASE)


def run_class_command(args: argparse.Namespace, case_or_report) -> int:
    case = case_or_report(args.case_id)
    if case is None:
        return 1
    if args.class_command == "serve":
        from .service import serve

        try:
            serve(args.db, case, args.host, args.port, args.instructors if args.hub else None)
        except (OSError, ValueError) as error:  # port taken, database of another case...
            print(f"cannot start the class service: {error}", file=sys.stderr)
            return 2
        except ImportError:  # --hub without JupyterHub
            print("--hub needs JupyterHub: pip install -e '.[hub]'", file=sys.stderr)
            return 2
        return 0
    return _collect(args, case)


def _progress_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found.extend(sorted(path.rglob("*.json")) if path.is_dir() else [path])
    return found


def _collect(args: argparse.Namespace, case) -> int:
    from ..progress import NotProgress, parse
    from .dashboard import page_html
    from .records import from_progress
    from .summary import summarise

    entries, learners, problems = [], [], 0
    for path in _progress_files(args.paths):
        try:  # read as the course reads it: entries that do not fit the case are left out
            progress = parse(path.read_bytes(), case.id, case).progress
        except (OSError, NotProgress) as error:
            print(f"{path}: skipped: {error}", file=sys.stderr)
            problems += 1
            continue
        pseudonym = f"L-{len(learners) + 1}"  # file names may hold names: never shown
        learners.append(pseudonym)
        entries.extend((pseudonym, record) for record in from_progress(progress, case))
    if not learners:
        print("no progress file could be read; nothing written", file=sys.stderr)
        return 2
    pacing = {
        "open_through": None,
        "hold_feedback": False,
        "released": [],
        "keys_shown": [k.id for k in (*case.questions, *case.pauses)]
        + [f"prediction:{p.finding}" for p in case.predictions],
    }
    view = summarise(case, entries, learners, pacing, args.lang)
    page = page_html(case, view, args.lang, live=False, static_files=len(learners))
    try:
        args.out.write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"{args.out}: cannot write: {error}", file=sys.stderr)
        return 2
    skipped = f", {problems} file(s) skipped" if problems else ""
    print(f"wrote {args.out} ({len(learners)} learner(s){skipped})")
    return 0
