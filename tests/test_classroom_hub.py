"""The class service under a real local JupyterHub (DummyAuthenticator, SimpleLocalProcessSpawner,
configurable-http-proxy from npm): two learners and an instructor log in; who may see what; and a
learner's real single-user server, whose kernel joins from the hub's environment alone."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys

import psutil
import pytest
from casefiles import ROOT
from classroom_helpers import wait_for

pytestmark = pytest.mark.slow
requests = pytest.importorskip("requests")
pytest.importorskip("jupyterhub")

SERVICE = "clinicase-class"
CHP_DIR = ROOT / ".cache" / "chp"  # where the test set-up (and .ci/run) install the proxy

CONFIG = """
import os, sys
e = os.environ
T = e["HUB_TMP"]
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(e["HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(e["HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{e['CHP_API_PORT']}"
c.ConfigurableHTTPProxy.pid_file = f"{T}/proxy.pid"
c.JupyterHub.db_url = f"sqlite:///{T}/hub.sqlite"
c.JupyterHub.cookie_secret_file = f"{T}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.Authenticator.allowed_users = {"alice", "bob", "teacher"}
# a learner's own single-user server, run from this Python (the test runs as root here)
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root"] if os.getuid() == 0 else []
c.SimpleLocalProcessSpawner.home_dir_template = T + "/home/{username}"
c.Spawner.start_timeout = c.Spawner.http_timeout = 240  # a loaded CI machine is slow to start Lab
# -- the lines the README gives for the class service --
c.JupyterHub.services = [{
    "name": "clinicase-class",
    "url": f"http://127.0.0.1:{e['SVC_PORT']}",
    "command": [sys.executable, "-m", "clinicase", "class", "serve", "--hub",
                "--db", f"{T}/class.sqlite", "--instructors", "instructors"],
    "oauth_no_confirm": True,
}]
c.JupyterHub.load_groups = {"instructors": {"users": ["teacher"]}}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=clinicase-class"]},
]
c.Spawner.server_token_scopes = [
    "users:activity!user", "access:servers!server", "access:services!service=clinicase-class",
]
c.Spawner.environment = {"CLINICASE_CLASS": f"http://127.0.0.1:{e['HUB_PORT']}/services/clinicase-class/"}
# -- (the test finds the kernel's connection file here)
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = T + "/runtime"
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_on_path(env: dict) -> None:
    """configurable-http-proxy on PATH: installed already, or from npm into .cache/chp."""
    bin_dir = CHP_DIR / "node_modules" / ".bin"
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    if shutil.which("configurable-http-proxy", path=env["PATH"]):
        return
    if not shutil.which("npm"):
        pytest.skip("npm is needed to install configurable-http-proxy")
    subprocess.run(
        ["npm", "install", "--silent", "--prefix", str(CHP_DIR), "configurable-http-proxy"],
        check=True,
    )


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hub")
    (tmp / "jupyterhub_config.py").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "HUB_TMP": str(tmp)}
    for name in ("HUB_PORT", "HUB_API_PORT", "CHP_API_PORT", "SVC_PORT"):
        env[name] = str(free_port())
    proxy_on_path(env)
    log = (tmp / "hub.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(tmp / "jupyterhub_config.py")],
        cwd=tmp,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{env['HUB_PORT']}"

    def up() -> bool:
        try:
            service = requests.get(f"{base}/services/{SERVICE}/api/pacing/learner", timeout=2)
            return service.status_code == 401  # the class answers through the proxy
        except requests.ConnectionError:
            return False

    try:
        wait_for(up, "the hub and its class service", timeout=90)
        yield base, tmp
    finally:
        # The proxy, the class service and the learners' servers run in sessions of their own,
        # and outlive a hub stopped in the middle of its work: each is stopped too.
        try:
            started = psutil.Process(process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        for child in psutil.wait_procs(started, timeout=10)[1]:
            child.kill()
        log.close()


def logged_in(base: str, name: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/hub/login")
    form = {"username": name, "password": "any", "_xsrf": session.cookies["_xsrf"]}
    # not following the redirect: it would start the user's server, which this test needs not
    reply = session.post(f"{base}/hub/login?next=/hub/home", data=form, allow_redirects=False)
    assert reply.status_code == 302, reply.status_code
    return session


def xsrf(session: requests.Session, under: str = "/hub") -> dict:
    """The XSRF header for a form posted to the hub (/hub) or to the class service (/services)."""
    token = next(c.value for c in session.cookies if c.name == "_xsrf" and c.path.startswith(under))
    return {"X-XSRFToken": token}


def pace(base: str, session: requests.Session, stage: str) -> int:
    """The dashboard's pacing form, as its page posts it (hub cookie + XSRF token): the status."""
    service = f"{base}/services/{SERVICE}/"
    session.get(service + "dashboard")
    reply = session.post(
        service + "api/pacing", json={"open_through": stage}, headers=xsrf(session, "/services")
    )
    return reply.status_code


def api_token(base: str, session: requests.Session, name: str, scope: str = "") -> str:
    """A token like the one a learner's single-user server gives its kernels."""
    reply = session.post(
        f"{base}/hub/api/users/{name}/tokens",
        json={"scopes": [scope or f"access:services!service={SERVICE}"], "note": "kernel"},
        headers=xsrf(session),
    )
    assert reply.status_code == 201, reply.text
    return reply.json()["token"]


def test_learners_and_instructor_on_a_hub(hub, monkeypatch, tmp_path):
    from clinicase.classroom import client
    from clinicase.progress import Attempt, ProgressStore

    hub, _ = hub
    service = f"{hub}/services/{SERVICE}/"
    anonymous = requests.get(service + "dashboard")
    assert "/hub/login" in anonymous.url  # sent to log in first

    sessions = {name: logged_in(hub, name) for name in ("alice", "bob", "teacher")}
    assert sessions["alice"].get(service + "dashboard").status_code == 403
    assert sessions["alice"].get(service + "export.json").status_code == 403
    teacher_page = sessions["teacher"].get(service + "dashboard")
    assert teacher_page.status_code == 200 and "Live class" in teacher_page.text

    # each learner's kernel joins with its hub token, no code; CLINICASE_CLASS names the class
    monkeypatch.setattr(client, "POLL_SECONDS", 0.1)
    links = {}
    for name in ("alice", "bob"):
        monkeypatch.setenv("JUPYTERHUB_API_TOKEN", api_token(hub, sessions[name], name))
        store = ProgressStore(tmp_path / name / "progress.json", "calcinosis-lcssc")
        first = Attempt(answer="a", correct=True)
        store.update(lambda progress, first=first: progress.answered("onset_signs", first))
        links[name] = client.ClassLink(store)
        links[name].join(service)
    alice, bob = links["alice"], links["bob"]
    wait_for(lambda: alice.sent == 1 and bob.sent == 1, "both first answers sent")
    assert alice.pseudonym != bob.pseudonym

    # alice's learner token cannot write bob's records
    token = alice.state().token
    forged = requests.post(
        service + "api/records",
        headers={"Authorization": f"Bearer {token}"},
        json={"learner": bob.state().learner, "records": []},
    )
    assert forged.status_code == 403

    assert pace(hub, sessions["alice"], "examination") == 403
    assert pace(hub, sessions["teacher"], "examination") == 200
    wait_for(lambda: alice.pacing.open_through == "examination", "alice's kernel paced")

    export = sessions["teacher"].get(service + "export.json").json()
    assert export["learners"] == 2
    assert {r["learner"] for r in export["records"]} == {alice.pseudonym, bob.pseudonym}
    assert "alice" not in str(export) and "bob" not in str(export)  # pseudonyms only
    for link in links.values():
        link.leave()


JOIN_AND_ANSWER = """
from clinicase import course
from clinicase.classroom import client
client.POLL_SECONDS = 0.2
box = course.join_class()  # 00's Join box: CLINICASE_CLASS and the hub token, nothing typed
question = next(q for q in course.questions("presentation").children
                if q.question.id == "dyspnoea_stage")  # (the other test answered onset_signs)
question.confidence.value = "sure"
question.choice.value = question.question.options[0].id
question.check_button.click()
"""


def test_a_learners_kernel_on_the_hub_joins_answers_and_is_paced(hub):
    """A real spawn: alice's single-user server (SimpleLocalProcessSpawner) runs a kernel whose
    Join box joins the class from the hub's environment alone; the instructor sees the answer
    and paces her kernel."""
    from jupyter_client import BlockingKernelClient

    hub, tmp = hub
    service = f"{hub}/services/{SERVICE}/"
    alice, teacher = logged_in(hub, "alice"), logged_in(hub, "teacher")
    assert teacher.get(service + "dashboard").status_code == 200  # the service's OAuth, once
    spawned = alice.post(f"{hub}/hub/api/users/alice/server", headers=xsrf(alice))
    assert spawned.status_code in (201, 202), spawned.text

    def ready() -> bool:
        server = alice.get(f"{hub}/hub/api/users/alice").json()["servers"].get("", {})
        return bool(server.get("ready"))

    wait_for(ready, "alice's server spawned", timeout=300)
    token = api_token(hub, alice, "alice", "access:servers!user=alice")
    auth = {"Authorization": f"token {token}"}
    kernel = requests.post(f"{hub}/user/alice/api/kernels", json={}, headers=auth)
    assert kernel.status_code == 201, kernel.text
    connection = tmp / "runtime" / f"kernel-{kernel.json()['id']}.json"
    wait_for(connection.exists, "the kernel's connection file")
    kc = BlockingKernelClient(connection_file=str(connection))
    kc.load_connection_file()
    kc.start_channels()
    try:
        kc.kernel_info()  # (not wait_for_ready: on a loaded machine a late heartbeat fails it)
        kc.get_shell_msg(timeout=120)

        def run(code: str) -> str:
            out = []
            reply = kc.execute_interactive(
                code,
                timeout=60,
                output_hook=lambda m: out.append(m["content"].get("text", "")),
            )
            assert reply["content"]["status"] == "ok", reply["content"]
            return "".join(out).strip()

        run(JOIN_AND_ANSWER)
        pseudonym = run("print(box.link.pseudonym)")
        assert pseudonym.startswith("L-")

        def answer_arrived() -> list[dict]:
            records = teacher.get(service + "export.json").json()["records"]
            return [
                r for r in records if r["learner"] == pseudonym and r["item"] == "dyspnoea_stage"
            ]

        wait_for(answer_arrived, "alice's answer on the dashboard")
        (record,) = answer_arrived()
        assert record["confidence"] == "sure"

        assert pace(hub, teacher, "presentation") == 200

        def kernel_paced() -> bool:
            return run("print(box.link.pacing.open_through)") == "presentation"

        wait_for(kernel_paced, "alice's kernel paced")
        assert run("print(client.waiting(box.link.store, 'examination'))") == "True"
    finally:
        kc.stop_channels()
        alice.delete(f"{hub}/hub/api/users/alice/server", headers=xsrf(alice))
