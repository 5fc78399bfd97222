from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "casedata" / "calcinosis-lcssc"


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A writable copy of the real case, for tests that break it."""
    target = tmp_path / "calcinosis-lcssc"
    shutil.copytree(CASE_DIR, target)
    return target


def edit_yaml(directory: Path, name: str, change: Callable[[dict], object]) -> None:
    """Load a case file, let `change` mutate its data, and write it back."""
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
