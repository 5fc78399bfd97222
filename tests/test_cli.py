"""`python -m clinicase validate|info|schema`, run as a case author would run them: in this
process through the `cli` fixture, and once as a real command."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from casefiles import ROOT, edit_yaml

from clinicase import load_case_dir
from clinicase.model import CASE_FILES

LINE = re.compile(r"^\S+\.yaml(:\d+)?: \S+: .+$")


def test_python_m_clinicase_runs_as_a_command():
    """The one test that starts an interpreter: `python -m clinicase` is wired to the CLI."""
    result = subprocess.run(
        [sys.executable, "-m", "clinicase", "validate", "casedata/calcinosis-lcssc"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_validate_without_arguments_checks_every_case(cli):
    result = cli("validate")
    assert result.returncode == 0 and "calcinosis-lcssc: valid" in result.stdout


def test_validate_reports_one_line_per_problem_without_traceback(case_copy, cli):
    edit_yaml(case_copy, "case.yaml", lambda d: d["patient"].update(age_years="47 years"))
    edit_yaml(case_copy, "sites.yaml", lambda d: d["sites"][0].update(region="wrist"))
    result = cli("validate", str(case_copy / "sites.yaml"))  # a file names its case folder
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and all(LINE.match(line) for line in lines), lines
    assert any("case.yaml:" in line and "patient.age_years: wrong type" in line for line in lines)
    assert any("sites.yaml:" in line and "sites.0.region: region 'wrist'" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_a_folder_that_does_not_exist(tmp_path, cli):
    result = cli("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_info_json_counts_what_the_case_holds(cli):
    result = cli("info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["case_id"] == "calcinosis-lcssc"
    assert info["languages"] == ["en", "fr"]
    assert info["stages"] >= 5 and info["findings"] >= 40 and info["references"] >= 30
    assert info["calcinosis_sites"] == ["shoulder", "elbow", "buttock", "thigh", "knee_medial"]
    by_kind = info["questions"]["by_kind"]
    assert info["questions"]["total"] == sum(by_kind.values()) >= 30
    assert set(by_kind) == {"single", "multiple", "numeric", "ranking", "text", "region"}


def test_info_on_an_unknown_case_is_a_message_not_a_traceback(cli):
    result = cli("info", "no-such-case")
    assert result.returncode == 2 and "No case “no-such-case”" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_check_passes_on_the_committed_schemas(cli):
    result = cli("schema", "--check")
    assert result.returncode == 0, result.stdout


def test_new_scaffolds_a_case_that_validates(tmp_path, cli):
    result = cli("new", "my-case", "--dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    case_dir = tmp_path / "my-case"
    assert sorted(p.name for p in case_dir.iterdir()) == sorted(CASE_FILES)
    assert cli("validate", str(case_dir)).returncode == 0
    case = load_case_dir(case_dir)
    assert case.id == "my-case" and "TO DO" in case.title.en and "À FAIRE" in case.title.fr


def test_new_never_overwrites_an_existing_case(tmp_path, cli):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "case.yaml").write_text("mine", encoding="utf-8")
    result = cli("new", "taken", "--dir", str(tmp_path))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "taken" / "case.yaml").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["case.yaml"]


@pytest.mark.parametrize("lang, said", [("C.UTF-8", "lower-case"), ("fr_FR.UTF-8", "minuscules")])
def test_new_refuses_an_id_that_is_not_a_case_id(tmp_path, cli, monkeypatch, lang, said):
    monkeypatch.setenv("LANG", lang)
    result = cli("new", "My Case", "--dir", str(tmp_path))
    assert result.returncode == 1 and said in result.stderr and "'My Case'" in result.stderr
    assert list(tmp_path.iterdir()) == []
