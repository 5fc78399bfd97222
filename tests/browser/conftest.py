"""Real-browser fixtures: Debian's Chromium driven by Playwright, against servers the tests start.

Where Chromium or Playwright is missing the browser tests are skipped with the reason shown,
except under CI (CI=true), where a missing browser is a failure: CI must test in a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CLINICASE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
BIN = Path(sys.executable).parent
# Debian's Chromium as root, headless, offline (benchmarks/voila.py launches it the same way).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{what} did not start within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    """Ask a server to stop; kill it if it is still shutting its kernels down after 20 s."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def copy_notebooks(target: Path) -> None:
    """The tests work on copies: running them must never change the committed notebooks."""
    target.mkdir(parents=True, exist_ok=True)
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, target / nb.name)


def learner_env(home: Path) -> dict:
    env = {**os.environ, "CLINICASE_HOME": str(home)}
    env.pop("CLINICASE_LANG", None)
    return env


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server over copies of the notebooks; yields (base URL, token)."""
    root = tmp_path_factory.mktemp("lab")
    copy_notebooks(root / "notebooks")
    settings = root / "settings"
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }.items():
        package, name = plugin.rsplit("/", 1)
        path = settings / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), "clinicase-test"
    server = subprocess.Popen(
        [
            str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'notebooks'}",
            "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={root / 'workspaces'}",
        ],
        env=learner_env(root / "home"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: urllib.request.urlopen(f"{base}/api/status?token={token}").status == 200,
            "JupyterLab",
        )
        yield base, token
    finally:
        stop(server)


@pytest.fixture
def voila(tmp_path):
    """Starts Voilà on a copy of one notebook; yields a function name -> URL."""
    servers = []
    copy_notebooks(tmp_path / "notebooks")

    def serve(notebook: str) -> str:
        port = free_port()
        command = [
            str(BIN / "voila"), str(tmp_path / "notebooks" / notebook), "--no-browser",
            f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
        ]  # fmt: skip
        env = learner_env(tmp_path / "home")
        servers.append(
            subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        )
        wait_until(
            lambda: socket.create_connection(("127.0.0.1", port), 1).close() or True, "Voilà"
        )
        return f"http://127.0.0.1:{port}/"

    yield serve
    for server in servers:
        stop(server)


@pytest.fixture
def screenshot():
    """Saves screenshots for a person to look at, in the git-ignored test-artifacts/."""

    def save(page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return save
