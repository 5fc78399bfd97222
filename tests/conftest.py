from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from casefiles import CASE_DIR, ROOT


@pytest.fixture(autouse=True)
def own_parse_cache(tmp_path_factory, monkeypatch):
    """Each test parses the case files into a cache of its own. With one cache for the whole
    run, a parse cached earlier answers for the loader under test: under mutation testing, a
    mutant that built wrong data for a text would pass it on to the runs of later mutants."""
    monkeypatch.setenv("CLINICASE_CACHE", str(tmp_path_factory.mktemp("parse-cache")))


@pytest.fixture(autouse=True)
def learner_views_closed():
    """The views a test made with `learner_view.views` are closed after it: left open, each
    would re-render at every later switch of language, in every later test."""
    yield
    if "learner_view" in sys.modules:
        sys.modules["learner_view"].close_views()


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A writable copy of the real case, for tests that break it."""
    target = tmp_path / "calcinosis-lcssc"
    shutil.copytree(CASE_DIR, target)
    return target


@pytest.fixture
def fresh_learner(tmp_path, monkeypatch):
    """A new learner: empty progress in a folder of their own, the course in English, not in
    instructor mode, on no notebook's page."""
    from clinicase.state import state

    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    state.language, state.instructor, state.lesson = "en", False, None
    yield tmp_path
    state.language, state.instructor, state.lesson = "en", False, None


@pytest.fixture
def course_on_copy(case_copy, monkeypatch):
    """The notebook calls, reading the writable copy of the case instead of the real one."""
    from clinicase import course

    monkeypatch.setenv("CLINICASE_CASEDATA", str(case_copy.parent))
    course._case.cache_clear()
    yield case_copy
    course._case.cache_clear()


@pytest.fixture
def cli(capsys, monkeypatch):
    """`python -m clinicase ARGS`, run in this process (no interpreter start-up per test) from
    the repository's folder; returns what a subprocess run would: exit code, stdout, stderr."""
    from clinicase.cli import main

    def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run
