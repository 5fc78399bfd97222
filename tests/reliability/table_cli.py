"""Bad command lines: paths that are files, folders, missing or the course's own; overwrites
without --force; a case folder that is not one. Each is refused in one line with exit 2 (or
exit 1 with one line per problem of the case data), and the user's files stay as they were."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from casefiles import CASE_DIR, ROOT
from judge import BadInput, cli_outcome, run_cli

SURFACE = "command line"
CASE_ID = CASE_DIR.name
PROGRESS = {"schema": 1, "case_id": CASE_ID, "language": "fr"}


def mine(tmp: Path) -> Path:
    """A folder of the user's own files, watched by the judge."""
    folder = tmp / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (folder / "report.html").write_text("<p>my earlier report</p>\n", encoding="utf-8")
    (folder / "progress.json").write_text(json.dumps(PROGRESS), encoding="utf-8")
    (folder / "notebooks").mkdir(exist_ok=True)
    (folder / "notebooks" / "01_presentation.ipynb").write_text("{}", encoding="utf-8")
    return folder


def progress_file(content: str | bytes):
    def setup(tmp: Path) -> None:
        mine(tmp)
        path = tmp / "mine" / "bad-progress.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return setup


def command(*argv: str, env: dict | None = None, written: str | None = None):
    """A probe running `argv` ('{tmp}' is replaced by the temporary folder); `written`, a file
    the command must have written when accepted."""

    def probe(tmp: Path) -> str:
        args = [a.replace("{tmp}", str(tmp)) for a in argv]
        environment = {k: v.replace("{tmp}", str(tmp)) for k, v in (env or {}).items()}
        outcome = cli_outcome(*args, env=environment)
        if outcome == "accepted" and written:
            assert (tmp / written).is_file(), f"{written} was not written"
        return outcome

    return probe


def row(name, argv, expect, *, setup=mine, env=None, written=None, watch=("mine",)):
    return BadInput(SURFACE, name, command(*argv, env=env, written=written), expect, setup, watch)


def report_out(name, out, expect, *options, **fields):
    """`report` of the user's valid progress, written to `out`."""
    argv = ["report", "--progress", "{tmp}/mine/progress.json", "--out", out, *options]
    return row(f"report --out {name}", argv, expect, **fields)


def sources_unchanged(outdir: str):
    """build-student into the course's own folders: refused, and the sources keep every byte."""

    def probe(tmp: Path) -> str:
        watched = [ROOT / "casedata", ROOT / "notebooks", ROOT / "src" / "clinicase"]
        before = {p: p.stat().st_mtime_ns for f in watched for p in f.rglob("*") if p.is_file()}
        code, _out, err = run_cli("build-student", outdir.replace("{root}", str(ROOT)))
        after = {p: p.stat().st_mtime_ns for f in watched for p in f.rglob("*") if p.is_file()}
        assert before == after, "a source file was written"
        assert code == 2 and "course's own files" in err, (code, err)
        return "clean error"

    return probe


def table() -> list[BadInput]:
    rows = [
        row("info of an unknown case", ["info", "no-such-case"], "clean error"),
        row("info of a path as the case", ["info", "../casedata"], "clean error"),
        row("info of an absolute path", ["info", "/etc"], "clean error"),
        row("info of an empty case id", ["info", ""], "clean error"),
        row("info of '.'", ["info", "."], "clean error"),
        row(
            "info, CLINICASE_CASEDATA a file",
            ["info"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/mine/notes.txt"},
        ),
        row(
            "info, CLINICASE_CASEDATA missing",
            ["info"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/nowhere"},
        ),
        row(
            "info, CLINICASE_CASEDATA an empty folder",
            ["info"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/mine/notebooks"},
        ),
        row("info of the real case", ["info", "--json"], "accepted"),
        row("schema --check on the real case", ["schema", "--check"], "accepted"),
        row(
            "schema, CLINICASE_CASEDATA a file",
            ["schema"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/mine/notes.txt"},
        ),
        row(
            "schema --check, CLINICASE_CASEDATA missing",
            ["schema", "--check"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/nowhere"},
        ),
        row(
            "schema, its folder taken by a file",
            ["schema"],
            "clean error",
            setup=_schema_is_a_file,
            env={"CLINICASE_CASEDATA": "{tmp}/cases"},
            watch=("cases",),
        ),
        row("figures --out a file", ["figures", "--out", "{tmp}/mine/notes.txt"], "clean error"),
        row(
            "figures --out a folder of the user's files",
            ["figures", "--out", "{tmp}/mine"],
            "clean error",
        ),
        row("figures of an unknown case", ["figures", "nope", "--out", "{tmp}/f"], "clean error"),
        row(
            "figures, CLINICASE_CASEDATA missing",
            ["figures", "--out", "{tmp}/f"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/nowhere"},
        ),
        row(
            "report --progress missing",
            ["report", "--progress", "{tmp}/mine/none.json"],
            "clean error",
        ),
        row("report --progress a folder", ["report", "--progress", "{tmp}/mine"], "clean error"),
        row(
            "report of valid progress to the screen",
            ["report", "--progress", "{tmp}/mine/progress.json"],
            "accepted",
        ),
        report_out("the progress file", "{tmp}/mine/progress.json", "clean error"),
        report_out(
            "the progress file, even with --force",
            "{tmp}/mine/progress.json",
            "clean error",
            "--force",
        ),
        report_out(
            "the progress file by another path",
            "{tmp}/mine/notebooks/../progress.json",
            "clean error",
        ),
        report_out("an existing report", "{tmp}/mine/report.html", "clean error"),
        report_out("a folder", "{tmp}/mine/notebooks", "clean error"),
        report_out("in a missing folder", "{tmp}/nowhere/r.html", "clean error"),
        report_out("under a file", "{tmp}/mine/notes.txt/r.html", "clean error"),
        report_out("with an unknown suffix", "{tmp}/r.pdf", "clean error"),
        report_out("a new file", "{tmp}/new.html", "accepted", written="new.html"),
        report_out(
            "an existing file with --force",
            "{tmp}/old.md",
            "accepted",
            "--force",
            setup=_old_report,
            written="old.md",
            watch=(),
        ),
        row(
            "report --lang of an unknown language",
            ["report", "--progress", "{tmp}/mine/progress.json", "--lang", "de"],
            "clean error",
        ),
        row("an unknown command", ["frobnicate"], "clean error"),
        row("no command at all", [], "clean error"),
        row("build-student into a file", ["build-student", "{tmp}/mine/notes.txt"], "clean error"),
        row(
            "build-student into a folder of the user's files",
            ["build-student", "{tmp}/mine"],
            "clean error",
        ),
        row(
            "build-student over a learner's notebooks",
            ["build-student", "{tmp}/mine/notebooks/.."],
            "clean error",
        ),
        row(
            "build-student of an unknown case",
            ["build-student", "{tmp}/out", "--case", "nope"],
            "clean error",
        ),
        row(
            "build-student, CLINICASE_CASEDATA missing",
            ["build-student", "{tmp}/out"],
            "clean error",
            env={"CLINICASE_CASEDATA": "{tmp}/nowhere"},
        ),
        row(
            "build-student under a file",
            ["build-student", "{tmp}/mine/notes.txt/out"],
            "clean error",
        ),
        row(
            "build-student into a new folder",
            ["build-student", "{tmp}/out"],
            "accepted",
            written=f"out/casedata/{CASE_ID}/case.yaml",
        ),
        row(
            "build-student into an empty folder",
            ["build-student", "{tmp}/mine/empty"],
            "accepted",
            setup=_empty_folder,
            written=f"mine/empty/casedata/{CASE_ID}/case.yaml",
            watch=(),
        ),
    ]
    for name, content, expect in [
        ("not JSON", "{not json", "clean error"),
        ("not UTF-8", b"\xff\xfe{}", "clean error"),
        ("a JSON list", "[]", "clean error"),
        ("JSON nested 100 000 deep", "[" * 100_000 + "]" * 100_000, "clean error"),
        ("another case's progress", json.dumps({"schema": 1, "case_id": "other"}), "clean error"),
        # a newer course's file loads, keeping what it can
        ("a newer schema", json.dumps({"schema": 99, "case_id": CASE_ID}), "accepted"),
        ("an empty file", "", "clean error"),
        ("NUL bytes", b"\x00" * 64, "clean error"),
    ]:
        rows.append(
            row(
                f"report of a progress file that is {name}",
                ["report", "--progress", "{tmp}/mine/bad-progress.json"],
                expect,
                setup=progress_file(content),
            )
        )
    for name, outdir in [
        ("the repository", "{root}"),
        ("the case folder", "{root}/casedata/" + CASE_ID),
        ("the folder of cases", "{root}/casedata"),
        ("the notebooks folder", "{root}/notebooks"),
        ("the package's source", "{root}/src/clinicase"),
        ("a folder inside the case", "{root}/casedata/" + CASE_ID + "/out"),
    ]:
        rows.append(
            BadInput(
                SURFACE, f"build-student into {name}", sources_unchanged(outdir), "clean error"
            )
        )
    return rows


def _schema_is_a_file(tmp: Path) -> None:
    cases = tmp / "cases"
    shutil.copytree(CASE_DIR, cases / CASE_ID)
    (cases / "schema").write_text("not a folder\n", encoding="utf-8")


def _old_report(tmp: Path) -> None:
    mine(tmp)
    (tmp / "old.md").write_text("old\n", encoding="utf-8")


def _empty_folder(tmp: Path) -> None:
    mine(tmp)
    os.mkdir(tmp / "mine" / "empty")
