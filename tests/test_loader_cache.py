"""The parse cache: where it lives, that it keeps every file of a case, and that a damaged or
foreign entry is never taken for the case's data."""

from __future__ import annotations

import sys

import clinicase
from clinicase.model import CASE_FILES


def test_the_cache_lives_in_the_users_cache_folder(case_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("CLINICASE_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    clinicase.load_case_dir(case_copy)
    assert len(list((tmp_path / "home" / ".cache" / "clinicase").iterdir())) == len(CASE_FILES)


def test_every_file_of_a_case_is_cached_in_a_folder_made_for_it(case_copy, tmp_path, monkeypatch):
    cache = tmp_path / "not" / "yet" / "made"
    monkeypatch.setenv("CLINICASE_CACHE", str(cache))
    first = clinicase.load_case_dir(case_copy)
    names = sorted(p.name for p in cache.iterdir())
    assert len(names) == len(CASE_FILES)
    version = f"-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
    assert all(name.endswith(version) for name in names), "another Python never reads them"
    assert clinicase.load_case_dir(case_copy) == first


def test_a_damaged_cache_entry_is_parsed_again(case_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CLINICASE_CACHE", str(tmp_path / "cache"))
    first = clinicase.load_case_dir(case_copy)
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(entry.read_bytes()[:5])
    assert clinicase.load_case_dir(case_copy) == first
