"""The learner's progress: one JSON file per learner and case, the only learner-state store.

It survives a dead kernel: every change is written at once, atomically (temporary file, fsync,
`os.replace`), under a file lock so two kernels of the same learner never lose each other's
update. A file that cannot be read is moved aside with a timestamp, never silently dropped, and
the store remembers a warning for the learner.

Location: $CLINICASE_HOME, else ~/.clinicase (on JupyterHub, each user's own home).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:  # POSIX; on Windows a single kernel per learner is the usual case and runs unlocked
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

SCHEMA_VERSION = 1


# The key of the learner's synthesis of 08 among the pauses (beside the pause ids of the case).
SYNTHESIS = "synthesis"


def progress_dir() -> Path:
    return Path(os.environ.get("CLINICASE_HOME") or Path.home() / ".clinicase")


def _empty(case_id: str) -> dict:
    return {"schema": SCHEMA_VERSION, "case_id": case_id}


class ProgressStore:
    """Read and update one learner's progress for one case."""

    def __init__(self, path: Path, case_id: str):
        self.path = Path(path)
        self.case_id = case_id
        # where each damaged file found was moved; the learner is told about each
        self.damaged: list[Path] = []
        # why progress cannot be saved (a read-only or missing home...); it is then kept in
        # memory for as long as the kernel lives, and the learner is told
        self.problem: str | None = None
        self._memory: dict | None = None

    def read(self) -> dict:
        if self.problem is None:
            try:
                with self._locked():
                    self._memory = self._read_unlocked()
            except OSError as exc:
                self._cannot_save(exc)
        return self._memory

    def update(self, change: Callable[[dict], None]) -> dict:
        """Apply `change` to the stored data and save it, as one locked step."""
        if self.problem is None:
            try:
                with self._locked():
                    data = self._read_unlocked()
                    change(data)
                    self._write_unlocked(data)
                    self._memory = data
                    return data
            except OSError as exc:
                self._cannot_save(exc)
        change(self._memory)
        return self._memory

    def reset(self) -> Path | None:
        """Start afresh, keeping the language; the old file is kept as a timestamped backup,
        whose path is returned (None if there was nothing to back up)."""
        backup = None
        with self._locked():
            data = self._read_unlocked()
            if self.path.exists():
                stamp = time.strftime("%Y%m%d-%H%M%S")
                backup = self.path.with_name(f"{self.path.stem}.backup-{stamp}{self.path.suffix}")
                backup.write_bytes(self.path.read_bytes())
            fresh = _empty(self.case_id)
            if "language" in data:
                fresh["language"] = data["language"]
            self._write_unlocked(fresh)
            self._memory = fresh
        return backup

    def _cannot_save(self, exc: OSError) -> None:
        self.problem = f"{type(exc).__name__}: {exc}"
        if self._memory is None:
            self._memory = _empty(self.case_id)

    def get(self, *keys: str, default=None):
        node = self.read()
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def set(self, *keys: str, value) -> None:
        def change(data: dict) -> None:
            node = data
            for key in keys[:-1]:
                node = node.setdefault(key, {})
            node[keys[-1]] = value

        self.update(change)

    # -- file handling ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:  # pragma: no cover
            yield
            return
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read_unlocked(self) -> dict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return _empty(self.case_id)
        try:
            data = json.loads(text)
            valid = (
                isinstance(data, dict)
                and data.get("schema") == SCHEMA_VERSION
                and data.get("case_id") == self.case_id
            )
        except (json.JSONDecodeError, UnicodeDecodeError):
            valid = False
        if valid:
            return data
        self._move_aside()
        return _empty(self.case_id)

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}-{n}{self.path.suffix}")
        os.replace(self.path, target)
        self.damaged.append(target)

    def _write_unlocked(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
            dir_fd = os.open(self.path.parent, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


_stores: dict[tuple[Path, str], ProgressStore] = {}


def store_for(case_id: str) -> ProgressStore:
    """The progress store of the current learner for `case_id` (one object per file)."""
    path = progress_dir() / f"progress-{case_id}.json"
    key = (path, case_id)
    if key not in _stores:
        _stores[key] = ProgressStore(path, case_id)
    return _stores[key]
