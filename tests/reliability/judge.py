"""How a bad input is judged: run it with a time limit, watch what the user owns, and name the
outcome. A probe returns "accepted" (worked, and the result was checked) or "clean error" (refused
with a clear message); the judge turns an escaped exception into "traceback", a time-out into
"hang", a changed or vanished file the command did not promise to write into "loss", and a probe's
own AssertionError (a wrong value, a message over several lines) into "wrong"."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clinicase import cli

# the loader's parse cache and the learner's progress go to a folder of this run, not the home
_RUN = Path(tempfile.mkdtemp(prefix="clinicase-reliability-"))
os.environ.setdefault("CLINICASE_CACHE", str(_RUN / "cache"))
os.environ.setdefault("CLINICASE_HOME", str(_RUN / "home"))

OUTCOMES = ("accepted", "clean error", "wrong", "traceback", "hang", "loss")
SURFACES = ("case loader", "progress store", "answers", "calculators", "command line", "pauses")
SECONDS = 10  # one bad input may take this long before it counts as a hang


class Hang(Exception):
    pass


@dataclass(frozen=True)
class BadInput:
    surface: str
    name: str
    probe: Callable[[Path], str]  # given a fresh temporary folder, returns the judged outcome
    expect: str  # "accepted" or "clean error"
    setup: Callable[[Path], None] | None = None  # prepares the folder before it is watched
    watch: tuple[str, ...] = field(default=())  # folders under tmp whose files must not change
    pending: str = ""  # who fixes it, when a failure is known and fixed on another branch

    @property
    def id(self) -> str:
        return f"{self.surface}: {self.name}"


def snapshot(folders: list[Path]) -> dict[str, str]:
    """Every file under `folders` (links not followed) -> a hash of its bytes."""
    seen = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and not path.is_symlink():
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(*_):
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def judge(bad: BadInput, tmp: Path) -> tuple[str, str]:
    """(outcome, detail) of one bad input run in `tmp`."""
    watched, before = [tmp / name for name in bad.watch], None
    try:
        with time_limit(SECONDS):
            if bad.setup:
                bad.setup(tmp)
            before = snapshot(watched)
            outcome, detail = bad.probe(tmp), ""
    except Hang:
        return "hang", f"over {SECONDS} s"
    except AssertionError as exc:
        outcome, detail = "wrong", str(exc)
    except Exception as exc:
        return "traceback", f"{type(exc).__name__}: {exc}"
    if before is not None and snapshot(watched) != before:
        return "loss", "a watched file changed or vanished"
    return outcome, detail


# --- probes shared by the tables -------------------------------------------------------------


def one_line(message: str) -> None:
    assert message.strip(), "no message at all"
    assert "\n" not in message.strip(), f"a message over several lines: {message!r}"
    assert "Traceback" not in message, message


def run_cli(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The command run in-process as `python -m clinicase ARGV`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    saved = {key: os.environ.get(key) for key in env or {}}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(argv))
            except SystemExit as exc:  # argparse: a usage error
                code = exc.code
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, out.getvalue(), err.getvalue()


def cli_outcome(*argv: str, env: dict[str, str] | None = None, lines: int | None = 1) -> str:
    """Exit 0: accepted. Exit 1 or 2 with a message (one line unless `lines` is None: a case
    with many problems has one line per problem): clean error."""
    code, out, err = run_cli(*argv, env=env)
    if code == 0:
        return "accepted"
    assert code in (1, 2), f"exit {code}"
    message = err or out
    assert "Traceback" not in out + err
    if lines == 1 and code == 2 and not err.startswith("usage:"):
        one_line(message)
    assert message.strip(), "refused without a word"
    return "clean error"
