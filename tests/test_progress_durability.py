"""The progress file survives what kernels do to it: being killed mid-write, and two kernels of
one learner writing at once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

WRITER = """
import sys
from pathlib import Path
from clinicase.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]), "case")
for n in range(int(sys.argv[2])):
    def add(progress, n=n):
        progress.reveals[f"{sys.argv[3]}-{n}"] = n    # a growing file: slow, torn-prone writes
        progress.reveals["count"] = progress.reveals.get("count", 0) + 1
    store.update(add)
"""


@pytest.mark.slow
def test_killed_writers_never_leave_a_corrupt_file(tmp_path):
    path = tmp_path / "progress-case.json"
    for round_ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "100000", str(round_)])
        while not path.exists() and writer.poll() is None:
            time.sleep(0.01)
        time.sleep(0.02 + 0.03 * (round_ % 5))  # then kill it at a different point each round
        writer.send_signal(signal.SIGKILL)  # no chance to clean up
        writer.wait()
        reveals = json.loads(path.read_text(encoding="utf-8"))["reveals"]  # never torn
        assert reveals["count"] == len(reveals) - 1
    assert not list(tmp_path.glob("*.damaged-*")), "nothing had to be moved aside"


@pytest.mark.slow
def test_two_kernels_writing_at_once_lose_no_update(tmp_path):
    path = tmp_path / "progress-case.json"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), "150", name]) for name in "ab"
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    reveals = json.loads(path.read_text(encoding="utf-8"))["reveals"]
    assert reveals.pop("count") == 300
    assert reveals == {f"{name}-{n}": n for name in "ab" for n in range(150)}
