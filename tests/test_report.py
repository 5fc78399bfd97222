"""The take-away report from a fixture progress file, and its command-line failures."""

from __future__ import annotations

import json
import re

import pytest

import clinicase
from clinicase import report
from clinicase.progress import ProgressStore, parse

CASE = clinicase.load_case()

FIXTURE = {
    "schema": 1,
    "case_id": "calcinosis-lcssc",
    "language": "en",
    "reveals": {"presentation": 6, "examination": 3, "discussion:treatment": 2},
    "pauses": {
        "after_presentation": {
            "problem": "Woman, 47, limited SSc for 20 years, new dysphagia <script>",
            "differential": ["Oesophageal dysmotility", "Interstitial lung disease"],
            "skipped": False,
            "at": "2026-11-28T10:00:00+00:00",
        },
        "after_examination": {"skipped": True, "at": "2026-11-28T10:10:00+00:00"},
    },
    "finding_predictions": {
        "onset_raynaud": {"answer": "not_counted", "correct": False, "credit": 0.0, "at": "x"},
        "subcutaneous_nodules": {"answer": "gout <b>tophi</b>", "correct": False, "at": "x"},
    },
    "answers": {
        "dyspnoea_stage": {
            "first": {"answer": "a", "correct": False, "credit": 0.0, "at": "x"},
            "latest": {"answer": "c", "correct": True, "credit": 1.0, "at": "y"},
        },
        "separating_labs": {
            "first": {"answer": ["ca", "crp"], "correct": False, "credit": 0.5, "at": "x"},
            "latest": {"answer": ["ca", "crp"], "correct": False, "credit": 0.5, "at": "x"},
        },
    },
}


@pytest.fixture
def progress_file(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(FIXTURE), encoding="utf-8")
    return path


def test_report_content_from_a_fixture():
    progress = parse(json.dumps(FIXTURE).encode(), CASE.id, CASE).progress
    md = report.to_markdown(report.build(CASE, progress))
    assert CASE.patient.one_liner.en in md
    assert "- Presentation: 6 / 6" in md and "- Examination: 3 / 7" in md
    assert "What the authors conclude (treatment): 2 / 4" in md
    assert "new dysphagia <script>" in md  # the learner's own words, beside the expert's
    assert CASE.pause("after_presentation").problem_representation.en in md
    assert "Skipped: no reasoning was committed" in md
    assert "- ✘ **The report grades her breathlessness" in md  # the first answer is scored
    assert "Your answer: Class II of the NYHA scale" in md
    assert "Expected answer: Nothing precise: the scale is not named" in md
    assert "Score: 0 right at the first try, 1 answered of 2" in md
    assert "Your answer: Calcium; C-reactive protein" in md
    assert "van den Hoogen F, Khanna D, Fransen J, et al." in md  # references


def test_report_shows_each_prediction_in_the_notebook_that_asked_it():
    progress = parse(json.dumps(FIXTURE).encode(), CASE.id, CASE).progress
    data = report.build(CASE, progress, "fr")
    by_notebook = {lesson["notebook"]: lesson["predictions"] for lesson in data["lessons"]}
    raynaud = next(
        p for p in by_notebook["01_presentation.ipynb"] if p["finding"] == "onset_raynaud"
    )
    assert raynaud["correct"] is False and raynaud["answer"].startswith("Non : il est trop")
    assert raynaud["right_answer"].startswith("Oui")
    nodules = by_notebook["02_examination.ipynb"]
    assert [p["answer"] for p in nodules] == ["gout <b>tophi</b>"]  # the learner's own words
    html = report.to_html(data)
    assert "✘ <strong>Votre prédiction" in html
    assert "gout &lt;b&gt;tophi&lt;/b&gt;" in html and "<b>tophi" not in html
    assert re.search(r"Réponse attendue\W+calcinose<", html)
    # a prediction not made is listed as not made, not as wrong
    unmade = {p["finding"] for notebook in by_notebook.values() for p in notebook}
    assert "chest_ct" in unmade
    md = report.to_markdown(report.build(CASE, progress, "en"))
    assert "- – **Your prediction**: " in md  # chest CT: not made, so not marked


def test_html_report_is_escaped_printable_and_in_french(progress_file, tmp_path, cli):
    out = tmp_path / "report.html"
    result = cli("report", "--progress", str(progress_file), "--out", str(out), "--lang", "fr")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html and "@media print" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Le raisonnement de l&#39;expert" in html and "<script src" not in html


def test_json_report(progress_file, tmp_path, cli):
    out = tmp_path / "report.json"
    assert cli("report", "--progress", str(progress_file), "--out", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = next(lesson for lesson in data["lessons"] if lesson["id"] == "differential")
    assert scores["score"] == {"answered": 1, "right_first_time": 0, "credit": 0.5, "total": 7}


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No progress file"), ("{trunc", "cannot be read"), ("[]", "cannot be read"),
     ('{"schema": 1, "case_id": "other"}', "belongs to case 'other'")],
)  # fmt: skip
def test_missing_or_corrupt_progress_exits_2_with_a_message(tmp_path, content, message, cli):
    path = tmp_path / "progress.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli("report", "--progress", str(path))
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    if content is not None:
        assert path.read_text(encoding="utf-8") == content, "the file is left as it was"


def test_reset_keeps_a_backup_and_the_language(tmp_path):
    store = ProgressStore(tmp_path / "progress-calcinosis-lcssc.json", "calcinosis-lcssc")
    store.path.write_text(json.dumps(FIXTURE), encoding="utf-8")
    backup = store.reset()
    assert json.loads(backup.read_text(encoding="utf-8")) == FIXTURE, "the backup is the file"
    fresh = json.loads(store.path.read_text(encoding="utf-8"))
    assert fresh["language"] == "en" and fresh["answers"] == fresh["pauses"] == {}


def test_report_shows_attempts_and_first_answers_by_confidence():
    answers = {
        "dyspnoea_stage": {
            "first": {"answer": "a", "correct": False, "credit": 0.0, "confidence": "sure"},
            "latest": {"answer": "c", "correct": True, "credit": 1.0, "confidence": "unsure"},
            "attempts": 2,
        },
        "onset_signs": {
            "first": {"answer": "b", "correct": False, "credit": 0.0, "confidence": "sure"},
            "shown": True,
        },
        "separating_labs": {"first": {"answer": ["ca"], "correct": False, "credit": 0.5}},
        "esr_limit": {"first": {"answer": "28,5", "correct": True, "credit": 1.0,
                                "confidence": "guessing"}},
    }  # fmt: skip
    raw = json.dumps({"format": 2, "case_id": CASE.id, "answers": answers}).encode()
    data = report.build(CASE, parse(raw, CASE.id, CASE).progress, "en")
    md = report.to_markdown(data)
    assert "  - 2 answers checked\n" in md and "  - 1 answer checked, answer shown on request" in md
    section = md.split("## First answers by how sure you were\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Sure: 0 right, 2 not right",  # overconfidence, in plain sight
        "- Guessing: 1 right, 0 not right",
        "- Not said: 0 right, 1 not right",
    ]
    french = report.to_markdown(report.build(CASE, parse(raw, CASE.id, CASE).progress, "fr"))
    assert "- Sûr(e) : 0 justes, 2 fausses" in french and "2 réponses vérifiées" in french
