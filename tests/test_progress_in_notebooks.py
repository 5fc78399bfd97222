"""What a learner sees when their progress file is odd or cannot be saved: the notebook calls
never raise, one bad entry costs only itself, and every loss is said in both languages."""

from __future__ import annotations

import errno
import json

import pytest
from casefiles import ROOT, shown

import clinicase
from clinicase import cli, course
from clinicase import progress as progress_module
from clinicase.widgets import pause as pause_module

CASE = clinicase.load_case()
TODAYS_FILE = ROOT / "tests" / "fixtures" / "progress" / "format-1.json"
read = shown


@pytest.fixture
def learner(fresh_learner):
    """A learner whose file the test writes first; the kernel has never read it."""
    progress_module._stores.clear()
    pause_module._states.clear()
    yield fresh_learner / f"progress-{CASE.id}.json"
    progress_module._stores.clear()
    pause_module._states.clear()


def todays_file() -> dict:
    return json.loads(TODAYS_FILE.read_text(encoding="utf-8"))


def every_call() -> list:
    """One call of each kind that reads the progress, as the notebooks make them."""
    return [
        course.language_switch(),
        course.reveal_stage("presentation"),
        course.reveal_stage("discussion", topic="treatment"),
        course.reasoning_pause("after_presentation"),
        course.questions("presentation"),
        course.questions("differential"),
        course.quiz_tally("presentation"),
        course.my_reasoning(),
        course.report_button(),
        course.reset_progress(),
    ]


def with_changes(change) -> bytes:
    data = todays_file()
    change(data)
    return json.dumps(data).encode()


ODD_FILES = {
    "not-utf8": TODAYS_FILE.read_bytes().replace("é".encode(), b"\xe9"),
    "deeply-nested": b'{"reveals": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "nested-in-an-entry": with_changes(lambda d: d["pauses"].update(x=[[[[[[{}]]]]]])),
    "wrong-inner-types": with_changes(
        lambda d: d.update(reveals=[1], pauses={"after_presentation": "text"}, answers=3)
    ),
    "unknown-language": with_changes(lambda d: d.update(language="klingon")),
    "renamed-stage": with_changes(lambda d: d["reveals"].update(presentation_old=2)),
    "renamed-topic": with_changes(lambda d: d["reveals"].update({"discussion:old": 2})),
    "renamed-question": with_changes(
        lambda d: d["answers"].update(old_id=d["answers"]["dyspnoea_stage"])
    ),
    "negative-count": with_changes(lambda d: d["reveals"].update(presentation=-3)),
    "answer-of-another-kind": with_changes(
        lambda d: d["answers"]["dyspnoea_stage"]["latest"].update(answer=["a", "b"])
    ),
    "newer-version": with_changes(lambda d: d.update(schema=None, format=9, badges=[1])),
}


@pytest.mark.parametrize("content", ODD_FILES.values(), ids=ODD_FILES.keys())
def test_odd_files_never_stop_a_notebook_and_the_learner_is_told(learner, content):
    learner.write_bytes(content)
    switch, *_ = every_call()
    warning = read(switch.children[0])
    assert "was left out" in warning or "could not be read" in warning
    assert "laissée de côté" in warning or "n'a pas pu être lue" in warning
    kept = list(learner.parent.glob(f"{learner.stem}.*-*.json"))
    assert [p.read_bytes() for p in kept] == [content], "the file as it was is kept"


def test_one_bad_answer_leaves_the_other_questions_of_the_notebook_as_saved(learner):
    learner.write_bytes(ODD_FILES["answer-of-another-kind"])
    switch = course.language_switch()
    assert "answers: dyspnoea_stage" in read(switch.children[0])
    questions = {
        q.question.id: q
        for lesson in ("presentation", "examination")
        for q in course.questions(lesson).children
    }
    assert questions["dyspnoea_stage"].choice.value is None, "the bad one starts afresh"
    assert questions["dyspnoea_causes"].boxes["a"].value, "the others are as saved"
    assert read(questions["dyspnoea_causes"].feedback)
    assert course.reveal_stage("presentation").shown == 2


def test_a_file_from_todays_version_resumes_where_the_learner_was(learner):
    learner.write_bytes(TODAYS_FILE.read_bytes())
    switch = course.language_switch()
    assert switch.children[-1].value == "fr"
    notice = read(switch.children[0])
    assert "(answers: dystrophic_word, answers: calcinosis_kind_rank)" in notice, "changed since"
    pause = course.reasoning_pause("after_presentation")
    assert pause.problem.value.startswith("Femme de 47 ans") and pause.commit_button.disabled
    assert course.reveal_stage("examination").shown == 7


def fail_saves(monkeypatch, folder=None):
    """Every write fails as on a full disk; or only writes into `folder`."""
    write = progress_module.write_atomic

    def refuse(path, data):
        if folder is None or path.parent == folder:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(path, data)

    monkeypatch.setattr(progress_module, "write_atomic", refuse)


def test_a_failed_save_is_said_where_the_learner_acted_and_the_work_stays(
    learner, monkeypatch, tmp_path
):
    course.language_switch()
    fail_saves(monkeypatch, learner.parent)
    question = course.questions("presentation").children[0]
    question.choice.value = question.question.options[0].id
    question.check_button.click()
    assert "This was not saved" in read(question.message)
    assert read(question.feedback), "the feedback is still given"
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value, pause.ranks[0].value = "Dyspnoea \udcff in SSc", "ILD"
    pause.commit_button.click()
    assert "This was not saved" in read(pause.message) and pause.commit_button.disabled
    assert not learner.exists(), "nothing is shown as saved that is not"

    view = course.language_switch()  # run again: the warning offers a copy elsewhere
    assert "cannot be saved on this computer" in read(view.children[0])
    save_copy = view.children[1].children[0].children[0]
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)
    save_copy.click()
    (copy,) = notebooks.glob("progress-*.json")
    assert str(copy) in read(view.children[1].children[1])
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert saved["pauses"]["after_presentation"]["problem"] == "Dyspnoea \ufffd in SSc"
    assert question.question.id in saved["answers"]


def test_a_copy_that_cannot_be_written_says_so(learner, monkeypatch):
    fail_saves(monkeypatch)
    course.reveal_stage("presentation").next_button.click()
    monkeypatch.chdir(learner.parent)
    view = course.language_switch()
    view.children[1].children[0].children[0].click()
    assert "could not be saved here either" in read(view.children[1].children[1])


def test_two_quick_yes_reset_keep_the_first_backup(learner):
    course.reveal_stage("presentation").all_button.click()
    work = learner.read_bytes()
    view = course.reset_progress()
    ask, confirm = view.children[0].children[0], view.children[1]
    for _ in range(2):
        ask.click()
        confirm.children[1].children[0].click()  # Yes, reset
    backups = sorted(learner.parent.glob(f"{learner.stem}.backup-*.json"))
    assert len(backups) == 2 and work in [b.read_bytes() for b in backups]


def test_a_reset_that_cannot_be_saved_changes_nothing_and_says_so(learner, monkeypatch):
    course.reveal_stage("presentation").all_button.click()
    work = learner.read_bytes()
    fail_saves(monkeypatch)
    view = course.reset_progress()
    view.children[0].children[0].click()
    view.children[1].children[1].children[0].click()
    assert "Nothing was reset" in read(view.children[2])
    assert learner.read_bytes() == work


def test_a_reset_with_nothing_saved_says_so(learner):
    view = course.reset_progress()
    view.children[0].children[0].click()
    view.children[1].children[1].children[0].click()
    assert "There was no saved progress to keep" in read(view.children[2])


def test_report_leaves_out_what_does_not_fit_says_so_and_changes_nothing(tmp_path, capsys):
    path, out = tmp_path / "progress.json", tmp_path / "report.md"
    content = ODD_FILES["renamed-question"]
    path.write_bytes(content)
    assert cli.main(["report", "--progress", str(path), "--out", str(out), "--lang", "fr"]) == 0
    assert "answers: old_id" in capsys.readouterr().err
    assert path.read_bytes() == content and "Femme de 47 ans" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["not-utf8", "deeply-nested", "wrong-inner-types"])
def test_report_on_odd_files_never_raises(tmp_path, capsys, name):
    path = tmp_path / "progress.json"
    path.write_bytes(ODD_FILES[name])
    assert cli.main(["report", "--progress", str(path)]) in (0, 2)
    assert path.read_bytes() == ODD_FILES[name]
