"""The caches of a case load: the parsed YAML of each file, and the validated case as a whole.
Where they live, that a warm load takes the case from them, and that a stale, damaged or
foreign entry is never taken for the case."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from casefiles import edit_yaml

import clinicase
from clinicase import case_cache, loader
from clinicase.model import CASE_FILES

KEY_BYTES = 32  # an entry of the case cache starts with its key, a SHA-256 digest


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CLINICASE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def validated(monkeypatch) -> list[str]:
    """The names of the case files validated from now on (a load from the cache validates none)."""
    names: list[str] = []
    parse = loader._parse_file

    def counted(path, *args):
        names.append(path.name)
        return parse(path, *args)

    monkeypatch.setattr(loader, "_parse_file", counted)
    return names


def case_entry(cache: Path) -> Path:
    (entry,) = cache.glob("case-*.pickle")
    return entry


def test_the_cache_lives_in_the_users_cache_folder(case_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("CLINICASE_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    clinicase.load_case_dir(case_copy)
    folder = tmp_path / "home" / ".cache" / "clinicase"
    assert len(list(folder.glob("*.marshal"))) == len(CASE_FILES)
    assert case_entry(folder).is_file()


def test_every_file_of_a_case_is_cached_in_a_folder_made_for_it(case_copy, tmp_path, monkeypatch):
    cache = tmp_path / "not" / "yet" / "made"
    monkeypatch.setenv("CLINICASE_CACHE", str(cache))
    first = clinicase.load_case_dir(case_copy)
    names = [p.name for p in cache.glob("*.marshal")]
    assert len(names) == len(CASE_FILES)
    version = f"-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
    assert all(name.endswith(version) for name in names), "another Python never reads them"
    assert clinicase.load_case_dir(case_copy) == first


def test_a_damaged_cache_entry_is_parsed_again(case_copy, cache):
    first = clinicase.load_case_dir(case_copy)
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:5])
    assert clinicase.load_case_dir(case_copy) == first


def test_a_warm_load_takes_the_validated_case_from_the_cache(case_copy, cache, validated):
    first = clinicase.load_case_dir(case_copy)
    assert len(validated) == len(CASE_FILES)
    validated.clear()
    assert clinicase.load_case_dir(case_copy) == first
    assert validated == []


def test_an_edited_file_is_loaded_afresh_never_from_the_cache(case_copy, cache):
    clinicase.load_case_dir(case_copy)
    edit_yaml(case_copy, "case.yaml", lambda data: data["title"].update(en="An edited title"))
    assert clinicase.load_case_dir(case_copy).title["en"] == "An edited title"
    assert len(list(cache.glob("case-*.pickle"))) == 1, "the entry is replaced, not added to"


def test_a_file_broken_after_a_load_is_reported_not_hidden_by_the_cache(case_copy, cache):
    clinicase.load_case_dir(case_copy)
    edit_yaml(case_copy, "case.yaml", lambda data: data.pop("title"))
    with pytest.raises(clinicase.CaseDataError, match="missing field 'title'"):
        clinicase.load_case_dir(case_copy)


def test_a_file_added_after_a_load_is_reported_not_hidden_by_the_cache(case_copy, cache):
    clinicase.load_case_dir(case_copy)
    (case_copy / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(clinicase.CaseDataError, match="unknown case-data file"):
        clinicase.load_case_dir(case_copy)


def test_a_case_cached_by_another_version_of_the_model_is_loaded_afresh(
    case_copy, cache, validated, monkeypatch
):
    clinicase.load_case_dir(case_copy)
    validated.clear()
    monkeypatch.setattr(case_cache, "_code", lambda: b"the model's code as another version has it")
    clinicase.load_case_dir(case_copy)
    assert len(validated) == len(CASE_FILES)


def test_a_corrupt_entry_under_the_right_key_is_ignored(case_copy, cache):
    first = clinicase.load_case_dir(case_copy)
    entry = case_entry(cache)
    data = entry.read_bytes()
    entry.write_bytes(data[:KEY_BYTES] + b"\x80\x05garbage" + data[KEY_BYTES + 10 : 1000])
    assert clinicase.load_case_dir(case_copy) == first


class Planted:
    """What a crafted entry might hold: an object whose unpickling would write a file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_an_entry_holding_anything_but_the_case_model_runs_no_code(case_copy, cache, tmp_path):
    first = clinicase.load_case_dir(case_copy)
    entry, marker = case_entry(cache), tmp_path / "ran"
    entry.write_bytes(entry.read_bytes()[:KEY_BYTES] + pickle.dumps(Planted(marker)))
    assert clinicase.load_case_dir(case_copy) == first
    assert not marker.exists()
