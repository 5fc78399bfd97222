"""Where the course finds its cases, and what it says when a case is not there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from casefiles import CASE_DIR, ROOT

import clinicase
from clinicase import CaseDataError
from clinicase.loader import available_cases, casedata_root


def test_the_environment_names_the_folder_of_cases(monkeypatch, tmp_path):
    monkeypatch.setenv("CLINICASE_CASEDATA", str(tmp_path))
    assert casedata_root() == tmp_path


def test_notebooks_run_in_a_course_folder_read_the_case_data_beside_them(monkeypatch, tmp_path):
    monkeypatch.delenv("CLINICASE_CASEDATA", raising=False)
    (tmp_path / "casedata").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert casedata_root() == tmp_path / "casedata"


def test_elsewhere_the_repositorys_case_data_is_read(monkeypatch, tmp_path):
    monkeypatch.delenv("CLINICASE_CASEDATA", raising=False)
    (tmp_path / "notebooks").mkdir()  # a notebooks folder with no casedata beside it
    monkeypatch.chdir(tmp_path / "notebooks")
    assert casedata_root().resolve() == (ROOT / "casedata").resolve()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "casedata").mkdir()  # case data beside, but not run from notebooks/
    assert casedata_root().resolve() == (ROOT / "casedata").resolve()


def test_available_cases_are_the_folders_holding_a_case_yaml(tmp_path):
    shutil.copytree(CASE_DIR, tmp_path / "b-case")
    (tmp_path / "a-case").mkdir()
    (tmp_path / "a-case" / "case.yaml").write_text("id: a\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "c.yaml").write_text("a: 1\n")
    assert available_cases(tmp_path) == ["a-case", "b-case"]
    assert available_cases(tmp_path / "nowhere") == []
    assert available_cases(tmp_path / "c.yaml") == []


def test_an_unknown_case_names_the_known_ones(tmp_path):
    shutil.copytree(CASE_DIR, tmp_path / "second")
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case("first", root=tmp_path)
    (problem,) = info.value.problems
    assert problem.path == "(case)" and problem.file == str(tmp_path / "first")
    assert problem.message == "no such case; known: second"
    with pytest.raises(CaseDataError, match=r"no such case; known: none$"):
        clinicase.load_case("first", root=tmp_path / "second")


def test_a_case_is_loaded_from_another_folder_of_cases(tmp_path):
    shutil.copytree(CASE_DIR, tmp_path / CASE_DIR.name)
    assert clinicase.load_case(root=tmp_path).id == CASE_DIR.name


def test_a_path_inside_the_working_directory_is_shown_relative(monkeypatch, tmp_path):
    from clinicase.loader import _display

    monkeypatch.chdir(tmp_path)
    assert _display(tmp_path / "a" / "case.yaml") == str(Path("a") / "case.yaml")
    assert _display(Path("/elsewhere/case.yaml")) == "/elsewhere/case.yaml"


def test_a_wheel_reads_the_case_data_inside_the_package(monkeypatch, tmp_path):
    from clinicase import loader

    monkeypatch.delenv("CLINICASE_CASEDATA", raising=False)
    (tmp_path / "clinicase" / "casedata").mkdir(parents=True)
    monkeypatch.setattr(loader, "__file__", str(tmp_path / "clinicase" / "loader.py"))
    assert casedata_root() == tmp_path / "clinicase" / "casedata"


def test_every_known_case_is_named(tmp_path):
    for name in ("one", "two"):
        shutil.copytree(CASE_DIR, tmp_path / name)
    with pytest.raises(CaseDataError, match=r"no such case; known: one, two$"):
        clinicase.load_case("three", root=tmp_path)
