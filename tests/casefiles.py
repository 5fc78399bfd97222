"""Paths of the repository and a helper to edit a copy of the case, shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "casedata" / "calcinosis-lcssc"


def edit_yaml(directory: Path, name: str, change: Callable[[dict], object]) -> None:
    """Load a case file, let `change` mutate its data, and write it back."""
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
