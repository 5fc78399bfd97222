"""A real class service for tests: `python -m clinicase class serve` on a free port."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ClassServer:
    process: subprocess.Popen
    db: Path
    base: str  # http://127.0.0.1:PORT/
    instructor_token: str
    join_code: str  # 127.0.0.1:PORT/CODE, as printed for learners
    dashboard_url: str

    def request(self, method: str, path: str, body=None, token: str | None = None):
        """(status, parsed JSON or text) of a request; the instructor's token by default."""
        data = None if body is None else json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token or self.instructor_token}",
        }
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                status, raw = reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read().decode()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw

    def pace(self, **change) -> dict:
        status, pacing = self.request("POST", "api/pacing", change)
        assert status == 200, pacing
        return pacing

    def stop(self, kill: bool = False) -> None:
        if self.process.poll() is None:
            self.process.kill() if kill else self.process.terminate()
            self.process.wait(timeout=20)


def start_class_server(db: Path, port: int = 0) -> ClassServer:
    """Start the service and read the two lines it prints: dashboard URL and join code."""
    process = subprocess.Popen(
        [sys.executable, "-m", "clinicase", "class", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    dashboard = process.stdout.readline().strip()
    join = process.stdout.readline().strip()
    match = re.fullmatch(r"dashboard: (http://([^/]+)/)dashboard\?token=(\S+)", dashboard)
    if not match or not join.startswith("join code: "):
        process.kill()
        raise RuntimeError(f"the class service printed {dashboard!r} / {join!r}")
    base, _, token = match.groups()
    url = dashboard.removeprefix("dashboard: ")
    return ClassServer(process, db, base, token, join.removeprefix("join code: "), url)


def wait_for(check, what: str, timeout: float = 20) -> None:
    """Wait until `check()` is true (the kernel's sender and pacing run in the background)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.05)
