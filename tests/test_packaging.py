"""What a new user and CI rely on: the README's commands, CI, and one environment everywhere."""

from __future__ import annotations

import re

import pytest
import yaml
from casefiles import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def readme_command(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```bash\n(.+?)\n```", README)
    assert match, f"README has no {marker} block"
    return match.group(1)


def _requirement(spec: str) -> tuple[str, str]:
    name, constraint = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", spec).groups()
    return name.lower().replace("_", "-"), constraint.replace(" ", "")


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == readme_command("test-command")
    assert "--nbval" in PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--nbval-lax" not in PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"]


def test_readme_commands_set_up_from_nothing():
    for marker in ("course-command", "test-command"):
        assert readme_command(marker).startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert "jupyter lab notebooks/00_start_here.ipynb" in readme_command("course-command")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(_requirement(d) for d in env["dependencies"] if isinstance(d, str))
    python = conda.pop("python")
    conda.pop("pip")
    assert conda == dict(_requirement(d) for d in PYPROJECT["project"]["dependencies"])
    assert python == PYPROJECT["project"]["requires-python"]


def test_binder_installs_the_package():
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post_build and "-e ." in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_licences_are_present_and_named_in_the_readme():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in README and "MIT" in README
