"""The layers stay apart: each module imports only from the layers below it (the import-linter
contracts in pyproject.toml), and loading a case pulls in neither plotting nor widgets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from casefiles import ROOT


def test_imports_keep_the_layers_of_pyproject():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "statement", ["import clinicase; clinicase.load_case()", "import clinicase.scores"]
)
def test_data_and_scores_do_not_import_matplotlib_or_ipywidgets(statement):
    code = (
        f"import sys; {statement}; "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_warm_load_reads_the_cache_without_importing_pyyaml(tmp_path):
    code = "import sys, clinicase; clinicase.load_case(); print('yaml' in sys.modules)"
    env = {**os.environ, "CLINICASE_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.strip() == "True" and second.stdout.strip() == "False"


def test_a_damaged_cache_entry_is_ignored(tmp_path, monkeypatch):
    from clinicase import loader

    monkeypatch.setenv("CLINICASE_CACHE", str(tmp_path))
    text = "a: 1\nb: [x, y]\n"
    assert loader._yaml_data(text) == {"a": 1, "b": ["x", "y"]}
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(b"\x00garbage")
    assert loader._yaml_data(text) == {"a": 1, "b": ["x", "y"]}
    assert loader._yaml_data("when: 2026-11-28\n")["when"] == "2026-11-28"  # no field is a date


def test_after_warm_a_page_opens_without_making_anything_for_the_cache(tmp_path):
    """`python -m clinicase warm` (Binder's postBuild) leaves a page nothing to parse, validate
    or compile: the first page of a session opens as fast as the next."""
    cache = tmp_path / "cache"
    env = {**os.environ, "CLINICASE_CACHE": str(cache), "CLINICASE_HOME": str(tmp_path / "home")}
    notebooks = ROOT / "notebooks"
    warm = subprocess.run(
        [sys.executable, "-m", "clinicase", "warm"], cwd=notebooks, env=env, capture_output=True
    )
    assert warm.returncode == 0, warm.stderr
    made = sorted(cache.rglob("*"))
    page = (
        "import sys; from clinicase import course, model; course.language_switch();"
        "course.progress_strip('scores'); course.show_findings('mrss'); course.questions('scores');"
        "print(sorted(m for m in ('yaml', 'babel') if m in sys.modules),"
        " model.CaseFile.__pydantic_complete__)"
    )
    opened = subprocess.run(
        [sys.executable, "-c", page], cwd=notebooks, env=env, capture_output=True, text=True
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["[]", "False"], "no YAML parsed, no catalog, no validation"
    assert sorted(cache.rglob("*")) == made, "and nothing new for the cache: no template compiled"
