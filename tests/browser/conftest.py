"""Real-browser fixtures: Debian's Chromium driven by Playwright, against servers the tests start.

Where Chromium or Playwright is missing the browser tests are skipped with the reason shown,
except under CI (CI=true), where a missing browser is a failure: CI must test in a browser.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
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
    if "/voila/render/" in page.url:  # left as a learner leaves it: Voilà stops its kernel
        with contextlib.suppress(Exception):
            page.goto("about:blank")
    context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kernels_of(base: str) -> set[int]:
    """The pids of the kernels the server at `base` (http://127.0.0.1:PORT) runs now."""
    import psutil

    port = int(base.rsplit(":", 1)[1])
    server = next(
        c.pid for c in psutil.net_connections("tcp")
        if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN
    )  # fmt: skip
    children = psutil.Process(server).children()
    return {k.pid for k in children if k.is_running() and k.status() != psutil.STATUS_ZOMBIE}


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
    """Ask a server to stop; kill it if it is still at it after 5 s (shutting down a few dozen
    idle kernels one request at a time took over 20 s on a loaded machine). Its kernels follow
    it out by themselves: each polls for its parent (JPY_PARENT_PID) and exits without it."""
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# Each test works in a folder of its own under the server's root, holding its copy of the
# notebook (the committed notebooks never change) and its learner's progress. The servers give
# every kernel this relative CLINICASE_HOME, and a kernel runs in its notebook's folder, so each
# test's learner starts fresh while one server per session serves them all.
LEARNER_HOME = "learner-home"


def learner_env() -> dict:
    env = {**os.environ, "CLINICASE_HOME": LEARNER_HOME}
    env.pop("CLINICASE_LANG", None)
    return env


def own_copy(root: Path, notebook: str, request, *beside: str) -> str:
    """Copy `notebook` (and the notebooks `beside` it, for its links) into a new folder of `root`
    named after the test; its path under root."""
    folder = Path(tempfile.mkdtemp(prefix=f"{request.node.name[:40]}-", dir=root))
    for name in (notebook, *beside):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    return f"{folder.name}/{notebook}"


@contextlib.contextmanager
def serving(command: list[str], ready, what: str):
    """A server started from `command` for the tests' learner, stopped when the block ends."""
    server = subprocess.Popen(
        command, env=learner_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until(ready, what)
        yield
    finally:
        stop(server)


@contextlib.contextmanager
def jupyter(app: str, root: Path, *options: str):
    """`jupyter APP` (lab or server) over `root`, as root, with a token; yields (base URL, token)
    once it answers."""
    port, token = free_port(), "clinicase-test"
    base = f"http://127.0.0.1:{port}"
    command = [
        str(BIN / "jupyter"), app, "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", *options,
    ]  # fmt: skip
    status = f"{base}/api/status?token={token}"
    with serving(command, lambda: urllib.request.urlopen(status).status == 200, f"jupyter {app}"):
        yield base, token


@contextlib.contextmanager
def voila_of(target: Path):
    """`voila TARGET`: a folder (Voilà's tree) or one notebook (that page alone); yields its
    base URL once it listens. Every page it renders starts a kernel of its own."""
    port = free_port()
    command = [str(BIN / "voila"), str(target), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]  # fmt: skip

    def listening() -> bool:  # (a page's GET starts a kernel: do not ask for one)
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True

    with serving(command, listening, "Voilà"):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def jupyterlab_server(tmp_path_factory):
    """One JupyterLab server for the session; yields (root folder, base URL, token)."""
    base_dir = tmp_path_factory.mktemp("lab")
    root = base_dir / "root"
    root.mkdir()
    settings = base_dir / "settings"
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
    with jupyter(
        "lab", root, "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={base_dir / 'workspaces'}",
    ) as (base, token):  # fmt: skip
        yield root, base, token


@pytest.fixture
def jupyterlab(jupyterlab_server, request):
    """Opens a notebook in the session's JupyterLab, on the test's own copy and fresh learner:
    a function (notebook name, names of notebooks to copy beside it) -> URL. The test's kernels
    are shut down after it."""
    root, base, token = jupyterlab_server

    def open_url(notebook: str, *beside: str) -> str:
        path = own_copy(root, notebook, request, *beside)
        return f"{base}/lab/tree/{path}?reset&token={token}"

    yield open_url
    # free the memory of this test's kernels now rather than at the end of the session
    for kernel in json.load(urllib.request.urlopen(f"{base}/api/kernels?token={token}")):
        url = f"{base}/api/kernels/{kernel['id']}?token={token}"
        # a kernel still restarting refuses; the server stops it at the end of the session
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(urllib.request.Request(url, method="DELETE"))


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """One Voilà server for the session, over a folder of notebooks; yields (root, base URL).
    Every page it renders starts a kernel of its own, in the notebook's folder."""
    root = tmp_path_factory.mktemp("voila")
    with voila_of(root) as base:
        yield root, base


@pytest.fixture
def voila(voila_server, request):
    """A function notebook name -> the Voilà URL of the test's own copy, for a fresh learner."""
    root, base = voila_server
    return lambda notebook: f"{base}/voila/render/{own_copy(root, notebook, request)}"


@pytest.fixture
def voila_learner_home(voila_server):
    """A function Voilà URL (from `voila`) -> the folder where that page's kernel keeps the
    learner's progress, for a test that gives the learner some history first."""
    root, _ = voila_server
    return lambda url: root / url.split("/voila/render/")[1].rsplit("/", 1)[0] / LEARNER_HOME


@pytest.fixture
def lab_learner_home(jupyterlab_server):
    """As `voila_learner_home`, for a JupyterLab URL (from `jupyterlab`)."""
    root = jupyterlab_server[0]
    return lambda url: (
        root / url.split("/lab/tree/")[1].split("?")[0].rsplit("/", 1)[0] / LEARNER_HOME
    )


@pytest.fixture
def screenshot():
    """Saves screenshots for a person to look at, in the git-ignored test-artifacts/."""

    def save(page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        # Voilà scrolls inside #rendered_cells, so a "full page" is one screen: make the window
        # as tall as the content for the shot (up to 20,000 px), then give it back its size.
        size = page.viewport_size
        height = page.evaluate(
            "() => { const c = document.querySelector('#rendered_cells');"
            " return c ? c.getBoundingClientRect().top + c.scrollHeight : 0; }"
        )
        page.set_viewport_size({**size, "height": max(size["height"], min(int(height), 20_000))})
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        page.set_viewport_size(size)

    return save
