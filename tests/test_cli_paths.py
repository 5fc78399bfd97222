"""Where commands may write: nothing the user owns is replaced without --force, nothing is written
into the course's own files, and each refusal is one line in the user's language, exit 2."""

from __future__ import annotations

import json

import pytest
from casefiles import ROOT

from clinicase import cli
from clinicase.paths import Refusal, file_to_write, folder_to_write, outside_sources


def refusal(call) -> Refusal:
    with pytest.raises(Refusal) as info:
        call()
    return info.value


def test_a_new_or_empty_folder_may_be_written(tmp_path):
    folder_to_write(tmp_path / "new", force=False)
    folder_to_write(tmp_path, force=False)


def test_a_folder_of_files_needs_force_and_names_one_of_them(tmp_path):
    (tmp_path / "b.ipynb").write_text("{}")
    (tmp_path / "a.ipynb").write_text("{}")
    stop = refusal(lambda: folder_to_write(tmp_path, force=False))
    assert (stop.key, stop.values) == (
        "cli_folder_not_empty",
        {"path": tmp_path, "example": "a.ipynb"},
    )
    folder_to_write(tmp_path, force=True)


def test_a_folder_holding_the_commands_own_marker_is_its_own(tmp_path):
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "figure.png").write_bytes(b"")
    folder_to_write(tmp_path, force=False, ours="manifest.json")
    assert refusal(lambda: folder_to_write(tmp_path, force=False, ours="other.json"))


def test_a_file_is_no_folder_even_with_force(tmp_path):
    (tmp_path / "f").write_text("x")
    stop = refusal(lambda: folder_to_write(tmp_path / "f", force=True))
    assert stop.key == "cli_not_a_folder"


@pytest.mark.parametrize(
    ("name", "force", "key"),
    [
        ("old.html", False, "cli_file_exists"),
        ("sub", True, "cli_is_a_folder"),
        ("progress.json", True, "cli_is_progress"),
        ("missing/r.html", True, "cli_no_such_folder"),
    ],
)
def test_a_file_to_write_is_refused_when_it_would_lose_something(tmp_path, name, force, key):
    (tmp_path / "old.html").write_text("mine")
    (tmp_path / "sub").mkdir()
    (tmp_path / "progress.json").write_text("{}")
    stop = refusal(
        lambda: file_to_write(tmp_path / name, force=force, source=tmp_path / "progress.json")
    )
    assert stop.key == key


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    (tmp_path / "old.html").write_text("mine")
    file_to_write(tmp_path / "old.html", force=True, source=tmp_path / "progress.json")
    file_to_write(tmp_path / "new.html", force=False)


@pytest.mark.parametrize(
    "out", ["", "casedata", "casedata/calcinosis-lcssc", "notebooks", "src/clinicase"]
)
def test_the_sources_are_never_an_output(out):
    sources = [("casedata", ROOT / "casedata"), ("notebooks", ROOT / "notebooks")]
    sources.append(("casedata", ROOT / "src" / "clinicase"))
    stop = refusal(lambda: outside_sources(ROOT / out, sources))
    assert stop.key == "cli_into_source"


def test_a_build_folder_beside_the_sources_is_allowed(tmp_path):
    outside_sources(ROOT / "build" / "student", [("casedata", ROOT / "casedata")])
    outside_sources(tmp_path, [("casedata", ROOT / "casedata"), ("notebooks", ROOT / "notebooks")])


def run(argv, capsys, monkeypatch, lang=None) -> tuple[int, str]:
    if lang:
        monkeypatch.setenv("LANG", lang)
    else:
        monkeypatch.delenv("LANG", raising=False)
    code = cli.main(argv)
    return code, capsys.readouterr().err


def test_refusals_follow_report_lang_then_the_environment(tmp_path, capsys, monkeypatch):
    progress = tmp_path / "p.json"
    progress.write_text(json.dumps({"schema": 1, "case_id": "calcinosis-lcssc"}))
    argv = ["report", "--progress", str(progress), "--out", str(progress)]
    code, err = run([*argv, "--lang", "fr"], capsys, monkeypatch)
    french = "est le fichier de progression dont le rapport est tiré : choisissez un autre nom."
    assert code == 2 and err == f"{progress} {french}\n"
    code, err = run(argv, capsys, monkeypatch, lang="fr_FR.UTF-8")
    assert code == 2 and "choisissez un autre nom" in err
    code, err = run(argv, capsys, monkeypatch, lang="C.UTF-8")
    assert code == 2 and err.endswith(
        "is the progress file the report is made from: choose another name.\n"
    )
    assert json.loads(progress.read_text()) == {"schema": 1, "case_id": "calcinosis-lcssc"}


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "f").write_text("x")
    code, err = run(["build-student", str(tmp_path / "f" / "out")], capsys, monkeypatch)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
