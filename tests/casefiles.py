"""Paths of the repository and a helper to edit a copy of the case, shared by the tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASE_DIR = ROOT / "casedata" / "calcinosis-lcssc"
# Cases that exist only to test the engine: clearly fictional, never shipped.
FIXTURE_CASES = ROOT / "tests" / "fixtures" / "casedata"


def edit_yaml(directory: Path, name: str, change: Callable[[dict], object]) -> None:
    """Load a case file, let `change` mutate its data, and write it back."""
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def shown(widget) -> str:
    """The text a learner reads in an HTML widget: tags dropped, entities decoded, spaces single."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", widget.value)).split())
