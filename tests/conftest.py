from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from casefiles import CASE_DIR


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A writable copy of the real case, for tests that break it."""
    target = tmp_path / "calcinosis-lcssc"
    shutil.copytree(CASE_DIR, target)
    return target


@pytest.fixture
def fresh_learner(tmp_path, monkeypatch):
    """A new learner: empty progress in a folder of their own, the course in English, not in
    instructor mode."""
    from clinicase.state import state

    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    state.language, state.instructor = "en", False
    yield tmp_path
    state.language, state.instructor = "en", False


@pytest.fixture
def course_on_copy(case_copy, monkeypatch):
    """The notebook calls, reading the writable copy of the case instead of the real one."""
    from clinicase import course

    monkeypatch.setenv("CLINICASE_CASEDATA", str(case_copy.parent))
    course._case.cache_clear()
    yield case_copy
    course._case.cache_clear()
