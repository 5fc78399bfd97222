"""The one atomic writer: readers see the old file or the new one, never a mixture."""

from __future__ import annotations

import os
import threading

import pytest

from clinicase import files


def test_text_is_written_as_utf8_and_replaces_the_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    assert files.write_atomic(target, "Schéma – 28,5 mm/h") == target
    assert target.read_bytes() == "Schéma – 28,5 mm/h".encode()
    files.write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"], "no temporary file is left"


def test_the_temporary_file_is_in_the_target_folder_and_synced_before_the_rename(
    tmp_path, monkeypatch
):
    """A rename is atomic only within one file system: the temporary file must be a sibling."""
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: events.append(("fsync", fd)) or real_fsync(fd))

    def replace(src, dst):
        events.append(("replace", src, dst))
        assert os.path.getsize(src) == 5, "the data is complete before the rename"
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "progress.json"
    files.write_atomic(target, b"12345")
    (rename,) = [e for e in events if e[0] == "replace"]
    assert os.path.dirname(rename[1]) == str(tmp_path) and rename[2] == target
    assert os.path.basename(rename[1]).startswith(".progress.json.")
    assert rename[1].endswith(".tmp"), "a leftover is recognisable as temporary"
    kinds = [e[0] for e in events]
    assert kinds == ["fsync", "replace", "fsync"], "file synced, renamed, then its folder synced"


def test_the_folder_itself_is_synced(tmp_path, monkeypatch):
    opened = []
    real_open = os.open
    monkeypatch.setattr(
        os, "open", lambda p, flags, *a: opened.append((p, flags)) or real_open(p, flags, *a)
    )
    files.write_atomic(tmp_path / "x", b"1")
    assert (tmp_path, os.O_RDONLY | os.O_DIRECTORY) in opened


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "progress.json"
    target.write_bytes(b"saved work")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"new work")
    assert target.read_bytes() == b"saved work"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]


def test_a_folder_in_the_way_fails_cleanly(tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(OSError):
        files.write_atomic(tmp_path / "report.html", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_the_lock_is_a_file_beside_and_excludes_other_holders(tmp_path):
    from filelock import FileLock, Timeout

    target = tmp_path / "progress-case.json"
    refused = []

    def other() -> None:  # another thread stands for another kernel
        try:
            FileLock(tmp_path / "progress-case.lock").acquire(timeout=0)
        except Timeout:
            refused.append(True)

    with files.locked(target):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert refused == [True]
    with FileLock(tmp_path / "progress-case.lock", timeout=0):  # free again once released
        pass


def test_a_failed_clean_up_does_not_hide_why_the_write_failed(tmp_path, monkeypatch):
    def no_rename(src, dst):
        os.unlink(src)  # gone already: the clean-up then fails too
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError, match="Read-only file system"):
        files.write_atomic(tmp_path / "x", b"1")


def test_a_folder_checked_for_writing_is_made_and_left_empty(tmp_path):
    folder = tmp_path / "home" / ".clinicase"
    files.check_writable(folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_found_before_any_work(tmp_path):
    blocker = tmp_path / "home"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        files.check_writable(blocker / ".clinicase")
    with pytest.raises(OSError):
        files.check_writable(blocker)
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
