"""Writing files so that a crash, a full disk or a killed kernel never leaves half a file.

Every file the package writes (the learner's progress, the parsed-YAML cache, reports, figures,
schemas, a student build) goes through `write_atomic`: the bytes go to a temporary file in the
same folder (a rename is atomic only within one file system), are flushed to disk, and then
replace the target in one step; the folder is flushed too, so that the rename itself survives a
power cut. Readers see the old file or the new one, never a mixture.

`locked` serialises the read-change-write steps of several processes (two kernels of one
learner) with `filelock`, which works on Windows as well as on POSIX systems.

`cache_dir` is where the package keeps what it can always rebuild (parsed case files, the
validated case, compiled catalogs and templates).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# A lock is held only for one read-change-write, a few milliseconds: waiting longer means the
# holder is stuck, and the caller is then told (filelock's Timeout is an OSError).
LOCK_WAIT_S = 10


def cache_dir() -> Path:
    """$CLINICASE_CACHE, else ~/.cache/clinicase."""
    return Path(os.environ.get("CLINICASE_CACHE") or Path.home() / ".cache" / "clinicase")


def write_atomic(path: str | os.PathLike, data: bytes | str) -> Path:
    """Replace `path` with `data` (text is written as UTF-8) in one step; return the path."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no handle on a folder for this)."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_writable(folder: str | os.PathLike) -> None:
    """Raise the OSError that writing a file into `folder` (made if missing) would meet now: a
    read-only or full disk, a file in its place. Nothing is left behind but the folder."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


@contextlib.contextmanager
def locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold the lock of `path` (a `.lock` file beside it) for the duration of the block."""
    from filelock import FileLock  # imported on first use: a case load never needs it

    with FileLock(Path(path).with_suffix(".lock"), timeout=LOCK_WAIT_S):
        yield
