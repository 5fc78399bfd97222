"""The learner's progress file: one typed contract, read tolerantly, written atomically, and
never silently lost, whatever the file holds and whatever the disk does."""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest
from casefiles import ROOT

import clinicase
from clinicase import files
from clinicase import progress as progress_module
from clinicase.progress import (
    FORMAT,
    Attempt,
    NotProgress,
    PauseEntry,
    Progress,
    ProgressStore,
    parse,
)

CASE = clinicase.load_case()
TODAYS_FILE = ROOT / "tests" / "fixtures" / "progress" / "format-1.json"


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress-case.json", "case")


@pytest.fixture
def case_store(tmp_path):
    return ProgressStore(tmp_path / f"progress-{CASE.id}.json", CASE.id, CASE)


def on_disk(store) -> dict:
    return json.loads(store.path.read_text(encoding="utf-8"))


def siblings(store, kind: str) -> list[Path]:
    return sorted(store.path.parent.glob(f"{store.path.stem}.{kind}-*"))


def test_a_new_learner_starts_empty_and_every_change_is_saved_at_once(store):
    assert store.read() == Progress(case_id="case")
    assert not store.path.exists(), "reading alone writes nothing"
    store.update(lambda p: p.reveals.update({"examination": 3}))
    store.update(lambda p: setattr(p, "language", "fr"))
    saved = on_disk(store)
    assert saved["format"] == FORMAT and saved["case_id"] == "case"
    assert saved["reveals"] == {"examination": 3} and saved["language"] == "fr"
    assert store.read().reveals == {"examination": 3}


def test_the_first_answer_stays_the_scored_one(store):
    store.update(lambda p: p.answered("q", Attempt(answer="a", correct=False)))
    store.update(lambda p: p.answered("q", Attempt(answer="b", correct=True, credit=1)))
    record = on_disk(store)["answers"]["q"]
    assert record["first"]["answer"] == "a" and record["latest"]["answer"] == "b"
    assert record["attempts"] == 2


def test_a_file_written_by_todays_version_loads_whole(store):
    """tests/fixtures/progress/format-1.json was written by the course as it was before the
    typed model (commit 2f4d7ba), by clicking through its widgets."""
    case_store = ProgressStore(store.path.parent / f"progress-{CASE.id}.json", CASE.id)
    original = TODAYS_FILE.read_bytes()
    case_store.path.write_bytes(original)
    progress = case_store.read()
    old = json.loads(original)
    assert progress.language == "fr" and progress.reveals == old["reveals"]
    committed = old["pauses"]["after_presentation"]
    pause = progress.pauses["after_presentation"]
    assert pause.model_dump(include=set(committed)) == committed
    assert pause.questions == ""  # only the synthesis of 08 has questions
    assert progress.pauses["after_examination"].skipped
    assert progress.model_dump()["answers"] == with_new_defaults(old["answers"])
    assert case_store.kept == [] and case_store.damaged == []
    assert case_store.path.read_bytes() == original, "a lossless migration needs no rewrite"
    case_store.update(lambda p: p.reveals.update({"presentation": 3}))
    saved = on_disk(case_store)
    assert saved["format"] == FORMAT and "schema" not in saved
    text = case_store.path.read_text(encoding="utf-8")
    assert "ScS limitée" in text and '\n "language": "fr",\n' in text, "readable by a person"
    assert saved["answers"] == with_new_defaults(old["answers"])
    assert saved["reveals"]["presentation"] == 3


def with_new_defaults(answers: dict) -> dict:
    """Answers of a format-1 file as read now: one attempt, answer not shown, no confidence."""
    return {
        question: {
            **record,
            **{name: {**record[name], "confidence": None} for name in ("first", "latest")},
            "attempts": 1,
            "shown": False,
        }
        for question, record in answers.items()
    }


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"schema": 1, "case_id": "case", "reveals": {"exam', b"[1, 2]",
     b'{"schema": 1, "case_id": "another-case"}', b'{"format": "two"}', b'{"format": 0}',
     b"[" * 100_000, b'{"format": 2, "reveals": {"a": 1' + b"9" * 5000 + b"}}"],
    ids=["empty", "garbage", "truncated", "not-a-mapping", "other-case", "version-not-a-number",
         "version-zero", "deeply-nested", "huge-number"],
)  # fmt: skip
def test_a_file_that_is_not_progress_is_moved_aside_and_a_fresh_one_started(store, content):
    store.path.write_bytes(content)
    assert store.read() == Progress(case_id="case")
    (kept,) = store.damaged
    assert kept.read_bytes() == content, "the damaged file is kept as it was"
    assert kept.parent == store.path.parent and ".damaged-" in kept.name
    store.update(lambda p: setattr(p, "language", "en"))
    assert on_disk(store)["language"] == "en"


def test_a_page_opens_while_another_kernel_is_saving(store):
    """Reading takes no lock: every write replaces the file whole, so it is read whole."""
    store.update(lambda p: p.reveals.update({"presentation": 2}))
    opening = ProgressStore(store.path, "case")
    with files.locked(store.path):
        assert opening.read().reveals == {"presentation": 2}
    assert opening.problem is None


def test_two_damaged_files_in_one_second_are_both_kept(store):
    for content in (b"{first", b"{second"):
        store.path.write_bytes(content)
        store.read()
    assert sorted(p.read_bytes() for p in store.damaged) == [b"{first", b"{second"]


BAD_ENTRIES = {
    "format": 1,
    "case_id": "case",
    "language": "de",
    "reveals": {"presentation": 2, "examination": -1, "labs": "3", "outcome": True},
    "pauses": {
        "ok": {"skipped": True},
        "wrong-type": {"problem": 3, "differential": ["x"]},
        "empty-commit": {"skipped": False},
        "nested": {"problem": [[[["deep"]]]], "differential": []},
    },
    "answers": {
        "ok": {"first": {"answer": "a", "correct": True, "credit": 1.0, "at": "x"}},
        "no-answer": {"first": {"correct": True}},
        "credit-too-big": {"first": {"answer": "a", "credit": 5}, "latest": {"answer": "a"}},
        "not-a-record": [1, 2],
    },
    "notes_from_a_newer_version": {"anything": [1, 2]},
}


def test_one_bad_entry_costs_only_itself_and_the_file_as_it_was_is_kept(store):
    raw = json.dumps(BAD_ENTRIES).encode()
    store.path.write_bytes(raw)
    progress = store.read()
    assert progress.reveals == {"presentation": 2}
    assert set(progress.pauses) == {"ok"} and set(progress.answers) == {"ok"}
    assert progress.answers["ok"].latest == progress.answers["ok"].first  # a missing latest
    assert progress.language is None
    ((copy, dropped),) = store.kept
    assert copy.read_bytes() == raw, "what was left out is still on disk, untouched"
    assert siblings(store, "kept") == [copy]
    assert set(dropped) == {
        "language", "reveals: examination", "reveals: labs", "reveals: outcome",
        "pauses: wrong-type", "pauses: empty-commit", "pauses: nested", "answers: no-answer",
        "answers: credit-too-big", "answers: not-a-record", "notes_from_a_newer_version",
    }  # fmt: skip
    assert on_disk(store)["reveals"] == {"presentation": 2}, "the file now holds what fits"
    store.read()
    assert len(store.kept) == 1, "read again, nothing more is left out or copied"


CLASS_LINK = {
    "service": "http://127.0.0.1:8123/",
    "learner": "7",
    "token": "learner-token",
    "pseudonym": "Teal Heron",
    "pacing": {"open_through": "examination", "hold_feedback": True, "released": ["q"]},
    "outbox": [{"id": "answer:q", "kind": "answer", "item": "q", "at": "", "answer": "a"}],
    "sent": ["stage:presentation"],
    "refused": ["pause:p"],
}


def test_a_learner_in_a_live_class_keeps_the_class_link_across_a_reload(store):
    store.path.write_text(
        json.dumps({"format": FORMAT, "case_id": "case", "classroom": CLASS_LINK}), "utf-8"
    )
    link = store.read().classroom
    assert (link.pseudonym, link.pacing.open_through, link.sent) == (
        "Teal Heron", "examination", ["stage:presentation"]
    )  # fmt: skip
    assert link.outbox[0].id == "answer:q"
    assert store.kept == [] and store.damaged == []
    store.update(lambda p: p.reveals.update({"presentation": 1}))
    assert on_disk(store)["classroom"] == CLASS_LINK, "the queue goes back out as it came in"


def test_a_learner_outside_a_class_has_no_class_entry_in_the_file(store):
    store.update(lambda p: p.reveals.update({"presentation": 1}))
    assert "classroom" not in on_disk(store)


@pytest.mark.parametrize(
    "damaged",
    [[], "a link", {**CLASS_LINK, "token": ""}, {**CLASS_LINK, "learner": 7},
     {**CLASS_LINK, "outbox": [{"kind": "answer"}]}, {"pseudonym": "Teal Heron"}],
    ids=["not-a-mapping", "text", "empty-token", "learner-not-text", "record-without-id",
         "no-service"],
)  # fmt: skip
def test_a_damaged_class_link_is_dropped_and_the_rest_of_the_file_kept(store, damaged):
    data = {"format": FORMAT, "case_id": "case", "reveals": {"presentation": 2},
            "classroom": damaged}  # fmt: skip
    store.path.write_text(json.dumps(data), encoding="utf-8")
    progress = store.read()
    assert progress.classroom is None and progress.reveals == {"presentation": 2}
    ((_, dropped),) = store.kept
    assert dropped == ["classroom"]
    assert store.damaged == []


def test_a_file_from_a_newer_version_keeps_what_this_version_knows(store):
    newer = {"format": FORMAT + 1, "case_id": "case", "language": "fr", "badges": ["gold"]}
    store.path.write_text(json.dumps(newer), encoding="utf-8")
    assert store.read().language == "fr"
    ((_, dropped),) = store.kept
    assert dropped == ["badges"]


def test_bytes_that_are_not_utf8_cost_only_those_characters(store):
    raw = b'{"case_id": "case", "pauses": {"p": {"problem": "caf\xe9", "differential": ["x"]}}}'
    store.path.write_bytes(raw)
    assert store.read().pauses["p"].problem == "caf\ufffd"
    ((copy, dropped),) = store.kept
    assert copy.read_bytes() == raw and dropped == ["(characters that are not UTF-8)"]


def test_against_the_course_of_today_only_the_questions_changed_since_are_left_out(case_store):
    """dystrophic_word was removed, and calcinosis_kind_rank lost two items whose place no source
    supports: a five-item order no longer fits it."""
    case_store.path.write_bytes(TODAYS_FILE.read_bytes())
    progress = case_store.read()
    ((copy, dropped),) = case_store.kept
    assert dropped == ["answers: dystrophic_word", "answers: calcinosis_kind_rank"]
    assert copy.read_bytes() == TODAYS_FILE.read_bytes()
    assert set(progress.answers) == {"dyspnoea_stage", "dyspnoea_causes", "esr_limit"}


def test_entries_the_case_no_longer_has_are_left_out_and_named():
    data = json.loads(TODAYS_FILE.read_text(encoding="utf-8"))
    data["reveals"] |= {"old_stage": 2, "discussion:old_topic": 1, "examination": 99}
    data["reveals"]["discussion:treatment"] = 1
    data["pauses"]["old_pause"] = {"skipped": True}
    answers = data["answers"]
    answers["old_question"] = answers["dyspnoea_stage"]
    answers["dyspnoea_causes"]["latest"]["answer"] = ["a", "z"]  # an option removed since
    answers["dyspnoea_stage"]["first"]["answer"] = ["a"]  # a list for a single choice
    answers["calcinosis_kind_rank"]["latest"]["answer"] = ["a"]  # not every item ranked
    answers["esr_limit"]["latest"]["answer"] = "about thirty"  # no longer read as a number
    answers["onset_signs"] = {"first": {"answer": "z"}}  # an option id removed since
    answers["click_her_site"] = {"first": {"answer": "z"}}
    every = [o.id for o in CASE.question("separating_labs").options]
    answers["separating_labs"] = {"first": {"answer": every}}
    answers["dystrophic_word"]["first"]["answer"] = ["dystrophic"]
    loaded = parse(json.dumps(data).encode(), CASE.id, CASE)
    assert loaded.progress.reveals["examination"] == 7, "capped at the stage's findings"
    assert loaded.progress.reveals["discussion:treatment"] == 1
    assert set(loaded.dropped) == {
        "reveals: old_stage", "reveals: discussion:old_topic", "pauses: old_pause",
        "answers: old_question", "answers: dyspnoea_causes", "answers: dyspnoea_stage",
        "answers: calcinosis_kind_rank", "answers: esr_limit", "answers: onset_signs",
        "answers: click_her_site", "answers: dystrophic_word",
    }  # fmt: skip
    assert set(loaded.progress.answers) == {"separating_labs"}, "every option ticked is fine"


def test_a_ranking_saved_as_text_is_left_out():
    ranking = CASE.question("calcinosis_kind_rank")
    as_text = "".join(o.id for o in ranking.options)
    data = {"answers": {ranking.id: {"first": {"answer": as_text}}}}
    assert parse(json.dumps(data).encode(), CASE.id, CASE).dropped == [f"answers: {ranking.id}"]


def test_a_store_that_knows_the_case_fits_the_file_to_it(case_store):
    case_store.path.write_text('{"reveals": {"old_stage": 1}}', encoding="utf-8")
    assert case_store.read().reveals == {}
    ((_, dropped),) = case_store.kept
    assert dropped == ["reveals: old_stage"]


def test_names_quoted_to_the_learner_are_short_and_printable():
    names = {"x\n" * 50: 1, "a\tb": 1, "y" * 40: 1, "z" * 41: 1}
    dropped = parse(json.dumps({"case_id": "c", **names}).encode(), "c").dropped
    assert dropped == ["x?" * 19 + "x…", "a?b", "y" * 40, "z" * 39 + "…"]


def test_parse_refuses_what_is_not_progress_with_a_reason():
    with pytest.raises(NotProgress, match="belongs to case 'other'"):
        parse(b'{"format": 2, "case_id": "other"}', "case")
    with pytest.raises(NotProgress, match="not JSON"):
        parse(b"\xff\xfe", "case")
    for content in (b"[]", b'{"format": "2"}', b'{"format": 0}'):
        with pytest.raises(NotProgress, match=r"^not a progress file$"):
            parse(content, "case")
    text = '{"format": 2, "pauses": {"p": {"problem": "\ufffd", "differential": ["x"]}}}'
    assert parse(text.encode(), "case").dropped == [], "a replacement character typed is kept"
    assert parse(b'{"format": 2}', "case").progress == Progress(case_id="case")
    assert parse('\ufeff{"format": 2}'.encode(), "case").dropped == []  # a BOM from Notepad


def test_text_with_lone_surrogates_is_saved(store):
    """Some keyboards and pastes produce lone surrogates, which UTF-8 cannot encode."""
    entry = PauseEntry(problem="dyspnée \udcff", differential=["ILD \ud800", "PAH 😀"])
    store.update(lambda p: p.pauses.update({"p": entry}))
    store.update(lambda p: p.answered("q", Attempt(answer="28,5 \udcff")))
    saved = on_disk(store)
    assert saved["pauses"]["p"]["problem"] == "dyspnée \ufffd"
    assert saved["pauses"]["p"]["differential"] == ["ILD \ufffd", "PAH 😀"]
    assert saved["answers"]["q"]["first"]["answer"] == "28,5 \ufffd"


# --- when the file cannot be written --------------------------------------------------------


def fail_writes(monkeypatch, code=errno.ENOSPC):
    def refuse(path, data):
        raise OSError(code, f"{errno.errorcode[code]} (simulated)")

    monkeypatch.setattr(progress_module, "write_atomic", refuse)


def test_a_full_disk_keeps_the_work_in_memory_and_says_so(store, monkeypatch):
    store.update(lambda p: p.reveals.update({"presentation": 1}))
    fail_writes(monkeypatch)
    store.update(lambda p: p.reveals.update({"presentation": 2}))
    assert store.problem == "ENOSPC (simulated)"
    assert store.read().reveals == {"presentation": 2}, "unsaved work is not shown as missing"
    assert on_disk(store)["reveals"] == {"presentation": 1}, "and the file is not torn"
    store.update(lambda p: p.reveals.update({"examination": 1}))
    assert store.read().reveals == {"presentation": 2, "examination": 1}
    monkeypatch.undo()  # space again: the next change saves everything kept in memory
    store.update(lambda p: p.reveals.update({"outcome": 1}))
    assert store.problem is None
    assert on_disk(store)["reveals"] == {"presentation": 2, "examination": 1, "outcome": 1}


def test_a_read_only_home_still_shows_the_saved_work(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "progress-case.json", "case")
    store.update(lambda p: p.reveals.update({"presentation": 4}))
    fresh = ProgressStore(store.path, "case")  # a new kernel, on a home now read-only

    def read_only(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(progress_module, "check_writable", read_only)
    monkeypatch.setattr(progress_module, "locked", read_only)
    fail_writes(monkeypatch, errno.EROFS)
    assert fresh.read().reveals == {"presentation": 4}
    assert fresh.problem == "Permission denied"
    odd = ProgressStore(store.path, "case")
    store.path.write_text('{"reveals": {"presentation": 4, "x": -1}}', encoding="utf-8")
    assert odd.read().reveals == {"presentation": 4}, (
        "what fits is shown, though nothing is written"
    )
    fresh.update(lambda p: p.reveals.update({"examination": 1}))
    assert fresh.read().reveals == {"presentation": 4, "examination": 1}


def test_a_folder_where_the_file_should_be_keeps_the_work_in_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be", encoding="utf-8")
    store = ProgressStore(blocker / "progress-case.json", "case")
    store.update(lambda p: p.reveals.update({"examination": 2}))
    store.update(lambda p: setattr(p, "language", "fr"))
    assert store.problem
    assert store.read().reveals == {"examination": 2} and store.read().language == "fr"


def test_unsaved_work_can_be_saved_elsewhere(store, tmp_path, monkeypatch):
    fail_writes(monkeypatch)
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    monkeypatch.undo()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert ProgressStore(store.path, "case").save_copy(elsewhere).is_file()  # never read before
    first, second = store.save_copy(elsewhere), store.save_copy(elsewhere)
    assert first.parent == elsewhere and first != second, "a copy never replaces another"
    assert json.loads(first.read_text(encoding="utf-8"))["reveals"] == {"presentation": 5}
    assert parse(first.read_bytes(), "case").progress.reveals == {"presentation": 5}


# --- reset ------------------------------------------------------------------------------------


def test_reset_keeps_the_language_and_a_backup_of_the_file(store):
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    store.update(lambda p: setattr(p, "language", "fr"))
    before = store.path.read_bytes()
    backup = store.reset()
    assert backup.read_bytes() == before and backup.parent == store.path.parent
    assert store.read() == Progress(case_id="case", language="fr")
    assert on_disk(store)["reveals"] == {}


def test_two_resets_within_a_second_keep_both_backups(store):
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    work = store.path.read_bytes()
    first, second = store.reset(), store.reset()
    assert first != second and first.read_bytes() == work, "the work's backup is not replaced"
    assert re.fullmatch(r"progress-case\.backup-\d{8}-\d{6}\.json", first.name)
    assert siblings(store, "backup") == sorted([first, second])


def test_backups_within_one_second_take_the_next_free_name(store, monkeypatch):
    monkeypatch.setattr(progress_module.time, "strftime", lambda fmt: "20261128-233000")
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    names = [store.reset().name for _ in range(3)]
    base = "progress-case.backup-20261128-233000"
    assert names == [f"{base}.json", f"{base}-2.json", f"{base}-3.json"]


def test_reset_with_nothing_saved_has_nothing_to_back_up(store):
    assert store.reset() is None and store.read() == Progress(case_id="case")


def test_a_reset_that_cannot_be_written_changes_nothing(store, monkeypatch):
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    before = store.path.read_bytes()
    fail_writes(monkeypatch)
    assert store.reset() is None and store.problem == "ENOSPC (simulated)"
    assert store.path.read_bytes() == before and siblings(store, "backup") == []
    assert store.read().reveals == {"presentation": 5}, "the work is still there"


def test_a_reset_after_unsaved_work_saves_it_first_when_it_can(store, monkeypatch):
    fail_writes(monkeypatch)
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    monkeypatch.undo()
    backup = store.reset()
    assert json.loads(backup.read_text(encoding="utf-8"))["reveals"] == {"presentation": 5}
    assert store.problem is None


def test_a_reset_while_saving_still_fails_is_refused(store, monkeypatch):
    fail_writes(monkeypatch)
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    assert store.reset() is None and store.read().reveals == {"presentation": 5}


def test_one_store_per_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    progress_module._stores.clear()
    store = progress_module.store_for(CASE)
    assert store is progress_module.store_for(CASE) and store.case is CASE
    assert store.case_id == CASE.id
    assert store.path == tmp_path / f"progress-{CASE.id}.json"
    progress_module._stores.clear()


def test_a_new_learners_folder_is_made(tmp_path):
    store = ProgressStore(tmp_path / "home" / ".clinicase" / "progress-case.json", "case")
    store.update(lambda p: setattr(p, "language", "fr"))
    assert on_disk(store)["language"] == "fr" and store.problem is None


def test_a_stuck_lock_is_a_failed_save_not_a_hang(store, monkeypatch):
    from filelock import FileLock

    from clinicase import files

    monkeypatch.setattr(files, "LOCK_WAIT_S", 0)
    with FileLock(store.path.with_suffix(".lock")):  # another kernel, stuck while holding it
        store.update(lambda p: p.reveals.update({"presentation": 1}))
    assert "lock" in store.problem and store.read().reveals == {"presentation": 1}


def test_a_failure_without_a_reason_is_still_named(store, monkeypatch):
    def fail(path, data):
        raise OSError

    monkeypatch.setattr(progress_module, "write_atomic", fail)
    store.update(lambda p: p.reveals.update({"presentation": 1}))
    assert store.problem == "OSError"


def test_progress_is_kept_in_the_home_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("CLINICASE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress_module.progress_dir() == tmp_path / ".clinicase"


def test_after_a_reset_unsaved_changes_build_on_the_fresh_record(store, monkeypatch):
    store.update(lambda p: p.reveals.update({"presentation": 5}))
    store.reset()
    fail_writes(monkeypatch)
    store.update(lambda p: p.reveals.update({"examination": 1}))
    assert store.read().reveals == {"examination": 1}


def test_a_notebook_sees_what_another_notebook_of_the_learner_saved(store):
    """Two kernels (two notebooks open) keep one file: each reads what the other wrote, however
    quickly, and a file put back by hand is read again too."""
    other = ProgressStore(store.path, store.case_id)
    assert store.read().language is None
    for code in ("fr", "en", "fr"):
        other.update(lambda progress, code=code: setattr(progress, "language", code))
        assert store.read().language == code
    store.path.unlink()
    assert store.read().language is None
