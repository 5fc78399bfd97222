"""What a new user and CI rely on: the README's commands, CI, and one environment everywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from casefiles import ROOT
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
BINDER_PYTHON = "3.11"  # what CI runs the tests with


def readme_command(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```bash\n(.+?)\n```", README)
    assert match, f"README has no {marker} block"
    return match.group(1)


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == readme_command("test-command")
    assert "--nbval" in PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--nbval-lax" not in PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"]


def test_readme_commands_set_up_from_nothing():
    for marker in ("course-command", "test-command"):
        assert readme_command(marker).startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert "jupyter lab notebooks/00_start_here.ipynb" in readme_command("course-command")


def _locked() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def test_binder_gets_the_python_ci_tests():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    # repo2docker takes the Python version from here; every package comes from the lock.
    assert env["dependencies"] == [f"python={BINDER_PYTHON}", "pip"]
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(BINDER_PYTHON)
    if os.environ.get("CI", "").lower() == "true":
        assert "{}.{}".format(*sys.version_info) == BINDER_PYTHON, "CI must test Binder's Python"


def test_the_lock_pins_every_dependency_within_pyproject_ranges():
    locked = _locked()
    for spec in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: run python tools/lock.py"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]}: {spec}?"


@pytest.mark.skipif(
    "{}.{}".format(*sys.version_info) != BINDER_PYTHON, reason="the lock is for Binder's Python"
)
def test_the_lock_is_what_the_tests_run_with():
    """Every runtime package installed here has the version Binder will install."""
    check = subprocess.run(
        [sys.executable, "tools/lock.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_ci_and_binder_install_from_the_lock():
    assert "pip install -c requirements.lock -e " in readme_command("test-command")
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir -c requirements.lock -e ." in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_two_doors_learners_to_voila_instructors_to_jupyterlab():
    binder = dict(re.findall(r"\[!\[Binder: (\w+)\]\([^)]*\)\]\(([^)]+)\)", README))
    hub = dict(re.findall(r"- (\w+): `(https://HUB/hub/user-redirect/git-pull\?[^`]+)`", README))
    assert set(binder) == set(hub) == {"learners", "instructors"}
    for who, page, server_path in [
        ("learners", "voila/render/", "notebooks/00_start_here.ipynb"),
        ("instructors", "lab/tree/", "instructor/instructor_guide.ipynb"),
    ]:
        assert binder[who].endswith(f"?urlpath={page}{server_path}")
        pulled = parse_qs(urlparse(hub[who]).query)
        assert pulled["repo"] == ["https://github.com/OWNER/REPOSITORY"]
        assert pulled["urlpath"] == [f"{page}REPOSITORY/{server_path}"]
        assert (ROOT / server_path).exists()


def test_licences_are_present_and_named_in_the_readme():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in README and "MIT" in README
