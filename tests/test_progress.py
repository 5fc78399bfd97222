"""The learner's progress file: atomic, shared safely, and never silently lost."""

from __future__ import annotations

import json

import pytest

from clinicase.progress import ProgressStore


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress-case.json", "case")


def test_a_new_learner_starts_empty_and_updates_are_saved_at_once(store):
    assert store.read() == {"schema": 1, "case_id": "case"}
    store.set("reveals", "examination", value=3)
    store.set("language", value="fr")
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))
    assert on_disk["reveals"] == {"examination": 3} and on_disk["language"] == "fr"
    assert store.get("reveals", "examination") == 3 and store.get("nothing", default=0) == 0


@pytest.mark.parametrize(
    "content",
    ["", "{not json", '{"schema": 1, "case_id": "case", "reveals": {"exam', "[1, 2]",
     '{"schema": 99, "case_id": "case"}', '{"schema": 1, "case_id": "another-case"}'],
    ids=["empty", "garbage", "truncated", "not-a-mapping", "future-schema", "other-case"],
)  # fmt: skip
def test_damaged_file_is_moved_aside_and_a_fresh_one_started(store, content):
    store.path.write_text(content, encoding="utf-8")
    assert store.read() == {"schema": 1, "case_id": "case"}
    (kept,) = store.damaged
    assert kept.read_text(encoding="utf-8") == content, "the damaged file is kept as it was"
    assert "damaged" in kept.name and kept.parent == store.path.parent
    store.set("language", value="en")
    assert json.loads(store.path.read_text(encoding="utf-8"))["language"] == "en"


def test_no_temporary_files_are_left_behind(store):
    for n in range(20):
        store.set("reveals", "examination", value=n)
    leftovers = [p.name for p in store.path.parent.iterdir() if p.suffix == ".tmp"]
    assert leftovers == []


def test_where_nothing_can_be_written_progress_is_kept_in_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be", encoding="utf-8")
    store = ProgressStore(blocker / "progress-case.json", "case")
    store.set("reveals", "examination", value=2)
    store.set("language", value="fr")
    assert store.problem and "File exists" in store.problem
    assert store.get("reveals", "examination") == 2 and store.get("language") == "fr"
