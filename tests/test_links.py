"""Every link of the Markdown pages and of the notebooks' Markdown: a local target must exist;
an external one must be listed in tests/external-links.txt (never fetched: no network in tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from casefiles import ROOT

SKIPPED = {".git", ".venv", "node_modules", "test-artifacts", "mutants"}
PAGES = sorted(p for p in ROOT.rglob("*.md") if not SKIPPED & set(p.relative_to(ROOT).parts[:-1]))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LISTED = ROOT / "tests" / "external-links.txt"

# [text](target) and ![alt](target), <a href>, <img src>, and any bare URL
TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)[^)]*\)|(?:href|src)=[\"']([^\"']+)[\"']")
URL = re.compile(r"https?://[^\s)>\]\"'`]+")


def markdown_of(path: Path) -> str:
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def local_targets(text: str) -> list[str]:
    found = (a or b for a, b in TARGET.findall(text))
    return [t for t in found if not re.match(r"[a-z]+:|#", t)]


def listed_links() -> list[str]:
    lines = LISTED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("path", PAGES + NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_local_links_lead_to_files_that_exist(path):
    missing = [
        target
        for target in local_targets(markdown_of(path))
        if not (path.parent / unquote(target.split("#")[0].split("?")[0])).exists()
    ]
    assert missing == []


def test_external_links_are_exactly_the_listed_ones():
    used = {url for path in PAGES + NOTEBOOKS for url in URL.findall(markdown_of(path))}
    listed = listed_links()
    assert len(listed) == len(set(listed)), "a link is listed twice"
    assert sorted(used - set(listed)) == [], f"new external links: add them to {LISTED.name}"
    assert sorted(set(listed) - used) == [], f"unused: remove from {LISTED.name}"
