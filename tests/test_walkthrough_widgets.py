"""The reveal and reasoning-pause widgets, driven as a learner drives them (no browser)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import ipywidgets as widgets
import pytest
from casefiles import edit_yaml, shown

import clinicase
from clinicase import course
from clinicase.marking import MAX_TEXT_CHARS
from clinicase.state import state

CASE = clinicase.load_case()
pytestmark = pytest.mark.usefixtures("fresh_learner")
read = shown


def progress(home) -> dict:
    return json.loads((home / "progress-calcinosis-lcssc.json").read_text(encoding="utf-8"))


def test_presentation_reveals_one_finding_at_a_time_then_all():
    reveal = course.reveal_stage("presentation")  # no pause guards the first stage
    findings = CASE.stage("presentation").findings
    assert read(reveal.status) == f"0 of {len(findings)} findings revealed"
    assert read(reveal.cards) == ""

    reveal.next_button.click()
    assert findings[0].statement.en in read(reveal.cards)
    assert findings[1].statement.en not in read(reveal.cards)
    assert read(reveal.status) == f"1 of {len(findings)} findings revealed"

    reveal.all_button.click()  # up to the finding that asks for a prediction
    assert read(reveal.status) == "Predict before you reveal more."
    predict(reveal)
    reveal.all_button.click()
    assert all(f.statement.en in read(reveal.cards) for f in findings)
    assert "All findings are revealed." in read(reveal.status)
    assert reveal.next_button.disabled and reveal.all_button.disabled


def predict(reveal) -> None:
    """Make the prediction the reveal waits for (its first option)."""
    box = reveal.prediction
    box.choice.value = box.prediction.options[0].id
    box.submit.click()


def test_a_revealed_finding_shows_its_value_explanation_caveat_and_sources():
    reveal = course.reveal_stage("investigations", case_id="calcinosis-lcssc")
    commit(course.reasoning_pause("after_examination"), "Nodules in SSc", "Calcinosis")
    reveal.next_button.click()
    reveal.next_button.click()  # the ESR
    assert "Caveat" not in read(reveal.cards)  # the interpretation waits for pause 3
    commit(course.reasoning_pause("after_investigations"), "Calcinosis in SSc", "Dystrophic")
    shown = read(reveal.cards)
    assert "Value: 43 mm/h (reference: ≤ 28.5 mm/h)" in shown
    assert "Caveat (ambiguous): A raised ESR with a normal CRP" in shown
    assert "Miller A, Green M, Robinson D. Simple rule for calculating normal" in shown
    assert "Why it matters: Calcium deposits show as dense" in shown  # the radiograph card


def test_a_findings_interpretation_waits_for_the_pause_it_would_answer():
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    predict(reveal)
    reveal.all_button.click()
    dysphagia = CASE.finding("dysphagia")
    assert dysphagia.statement.en in read(reveal.cards)
    assert dysphagia.explanation.en not in read(reveal.cards)
    assert "Why it matters" not in read(reveal.cards)
    assert "opens once you commit your reasoning at the pause of notebook 2, Examination" in read(
        reveal.cards
    )
    source = read(course.case_source())
    assert "Saidane O" in source and CASE.source.title not in source  # it names pause 2's answer

    commit(course.reasoning_pause("after_presentation"), "SSc with dysphagia", "Dysmotility")
    assert f"Why it matters: {dysphagia.explanation.en}" in read(reveal.cards)
    assert CASE.source.title not in read(course.case_source())
    commit(course.reasoning_pause("after_examination"), "Nodules in SSc", "Calcinosis")
    assert CASE.source.title in read(course.case_source())


def test_adding_a_finding_to_the_data_adds_it_to_the_reveal(course_on_copy):
    new = {
        "id": "extra_sign",
        "label": {"en": "Extra sign", "fr": "Signe en plus"},
        "statement": {"en": "An added statement.", "fr": "Un énoncé ajouté."},
        "refs": ["poster"],
    }
    edit_yaml(course_on_copy, "case.yaml", lambda d: d["stages"][0]["findings"].append(new))
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()
    predict(reveal)
    reveal.all_button.click()
    assert "An added statement." in read(reveal.cards)
    assert read(reveal.status) == "✔ All findings are revealed."


def test_examination_stays_locked_until_the_pause_is_committed(fresh_learner):
    pause = course.reasoning_pause("after_presentation")
    reveal = course.reveal_stage("examination")
    assert reveal.next_button.disabled
    assert read(reveal.status).startswith(
        "Locked until you commit your reasoning at the pause of notebook 2, Examination"
    )
    assert '<a href="02_examination.ipynb">' in reveal.status.value  # a link, not a file name
    later = course.reveal_stage("discussion", topic="treatment")
    course.language_switch().value = "fr"
    assert "à la pause du carnet 4, Diagnostic différentiel" in read(later.status)
    course.language_switch().value = "en"
    reveal.reveal_next()  # even called directly, a locked reveal shows nothing
    assert read(reveal.cards) == ""

    pause.commit_button.click()  # nothing written yet
    assert "write your one-sentence problem representation" in read(pause.message)
    pause.problem.value = "   \n  "
    pause.commit_button.click()
    assert "write your one-sentence problem representation" in read(pause.message)
    pause.problem.value = "47-year-old woman, 20 years of limited SSc, new dysphagia"
    pause.commit_button.click()
    assert "add at least one diagnosis" in read(pause.message)
    assert reveal.next_button.disabled and read(pause.comparison) == ""

    pause.ranks[0].value = "Lung fibrosis"
    pause.ranks[2].value = "  Oesophageal dysmotility "
    pause.moves[2][0].click()  # "Up": dysmotility to rank 2
    pause.moves[1][0].click()  # and to rank 1
    pause.commit_button.click()

    expert = CASE.pause("after_presentation")
    comparison = read(pause.comparison)
    assert "Your reasoning" in comparison and "The expert's reasoning" in comparison
    assert expert.problem_representation.en in comparison
    assert comparison.index("Oesophageal dysmotility") < comparison.index("Lung fibrosis")
    assert read(pause.message) == "" and pause.commit_button.disabled and pause.problem.disabled
    assert not reveal.next_button.disabled and "0 of 7" in read(reveal.status)
    saved = progress(fresh_learner)["pauses"]["after_presentation"]
    assert saved["differential"] == ["Oesophageal dysmotility", "Lung fibrosis"]


def commit(pause, problem: str, *differential: str) -> None:
    pause.problem.value = problem
    for field, text in zip(pause.ranks, differential, strict=False):
        field.value = text
    pause.commit_button.click()


def test_a_learner_has_no_skip_and_a_skipped_pause_shows_no_expert_answer():
    pause = course.reasoning_pause("after_examination")
    reveal = course.reveal_stage("investigations")
    assert pause.skip_button is None  # not even sent to the page
    pause.skip()  # even if called: a learner cannot skip
    assert pause.saved() is None and reveal.next_button.disabled
    state.instructor = True  # an instructor running a class
    assert pause.skip_button.layout.display != "none"
    state.instructor = False
    assert pause.skip_button.layout.display == "none"
    state.instructor = True
    pause.skip_button.click()
    state.instructor = False
    assert "Skipped: no reasoning was committed" in read(pause.comparison)
    assert CASE.pause("after_examination").problem_representation.en not in read(pause.comparison)
    assert "Calcinosis" not in read(pause.comparison)
    assert not reveal.next_button.disabled


def test_the_comparison_says_which_key_features_and_diagnoses_were_named():
    """A French synonym typed in the English view still counts; each expert diagnosis carries
    its likelihood and her findings for and against."""
    pause = course.reasoning_pause("after_presentation")
    commit(pause, "Femme, sclérodermie ancienne, dysphagie", "Oesophagite à candida", "HTAP")
    shown = read(pause.comparison)
    # "oesophagite" (the accent and the œ left out) also names reflux oesophagitis
    assert "You named 2 of the 4 key features and 3 of the 9 diagnoses." in shown
    assert "✔ in yours — Reflux with peptic stricture (Can't miss)" in shown
    assert "✔ in yours — Candida oesophagitis (Less likely)" in shown
    assert "✔ in yours — Pulmonary hypertension (Can't miss)" in shown
    assert "✘ not in yours — Interstitial lung disease (Most likely)" in shown
    assert "For: Solids and liquids alike" in shown and "Against: A stricture gives" in shown


def test_the_learner_revises_and_the_report_shows_first_commit_revision_and_reflection(
    fresh_learner, monkeypatch
):
    monkeypatch.chdir(fresh_learner)
    pause = course.reasoning_pause("after_presentation")
    assert pause.revise is None, "revision comes after the commit (nothing hidden is sent)"
    commit(pause, "Dysphagia in SSc", "Reflux")
    assert pause.revise in pause.children and pause.revision.value == "Reflux"
    pause.revision.value = ""
    pause.save_revision()
    assert "Write your revised differential first" in read(pause.revise.children[-1])
    pause.revision.value = "Oesophageal dysmotility\nReflux\n<b>PAH</b>"
    pause.reflection.value = "Split the two problems before ranking."
    pause.revise.children[3].children[0].click()
    assert "Saved: your report shows your revision" in read(pause.revise.children[-1])
    saved = progress(fresh_learner)["pauses"]["after_presentation"]
    assert saved["differential"] == ["Reflux"], "the first commit is kept"
    assert saved["revision"] == ["Oesophageal dysmotility", "Reflux", "<b>PAH</b>"]
    assert "Your revision" in read(pause.comparison) and "<b>PAH" not in pause.comparison.value
    report = course.report_button()
    report.children[0].children[0].click()
    page = (fresh_learner / "my-report-calcinosis-lcssc.html").read_text(encoding="utf-8")
    assert "Dysphagia in SSc — Reflux" in page  # the first commit, beside
    assert "Oesophageal dysmotility; Reflux; &lt;b&gt;PAH&lt;/b&gt;" in page
    assert "Split the two problems before ranking." in page


def any_answer(question):
    """An answer the question can take, right or wrong."""
    ids = [o.id for o in question.options]
    return {"single": ids[:1] and ids[0], "region": ids[:1] and ids[0], "multiple": ids[:1],
            "ranking": ids, "numeric": "1"}.get(question.kind, "x")  # fmt: skip


def test_key_points_open_once_every_question_is_answered(fresh_learner):
    outro = course.lesson_outro("management")
    ids = [q.id for q in CASE.questions_for("management")]
    assert read(outro.content) == "" and f"(0 of {len(ids)} answered)" in read(outro.status)
    store = clinicase.progress.store_for(CASE)
    for question in CASE.questions_for("management"):
        assert read(outro.content) == "", "no key point before the last answer"
        record = clinicase.progress.Attempt(answer=any_answer(question))
        store.update(lambda p, q=question.id, r=record: p.answered(q, r))
        state.answers += 1  # what checking an answer does
    assert "Key points" in read(outro.content) and outro.show_button.layout.display == "none"
    assert read(outro.status) == ""


def test_key_points_open_on_request_and_stay_open(fresh_learner):
    outro = course.lesson_outro("examination")
    outro.show_button.click()
    assert "Key points" in read(outro.content)
    assert progress(fresh_learner)["key_points"] == {"examination": True}
    assert "Key points" in read(course.lesson_outro("examination").content), "after a restart"


def test_learner_text_is_escaped_in_the_comparison():
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value = "<img src=x onerror=alert(1)>"
    pause.ranks[0].value = "<script>alert(2)</script>"
    pause.commit_button.click()
    assert "<script>" not in pause.comparison.value and "<img" not in pause.comparison.value
    assert "<script>alert(2)</script>" in read(pause.comparison)


@pytest.mark.slow
def test_a_new_kernel_shows_what_the_learner_had_done(fresh_learner):
    """Progress comes back from the file in a new process, as after a kernel restart."""
    course.language_switch().value = "fr"
    first = course.reveal_stage("presentation")
    first.next_button.click()
    first.next_button.click()
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value = "Résumé"
    pause.ranks[0].value = "Dysmotilité"
    pause.commit_button.click()

    new_kernel = """
import json, re, html
from clinicase import course
from clinicase.state import state
read = lambda w: html.unescape(re.sub(r"<[^>]+>", "", w.value))
course.language_switch()
again = course.reveal_stage("presentation")
resumed = course.reasoning_pause("after_presentation")
print(json.dumps({
    "language": state.language,
    "status": read(again.status),
    "problem": resumed.problem.value,
    "locked_input": resumed.commit_button.disabled,
    "comparison": read(resumed.comparison),
    "examination_open": not course.reveal_stage("examination").next_button.disabled,
}))
"""
    env = {**os.environ, "CLINICASE_HOME": str(fresh_learner)}
    out = subprocess.run(
        [sys.executable, "-c", new_kernel], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen["language"] == "fr"
    assert seen["status"] == "2 résultats dévoilés sur 6"
    assert seen["problem"] == "Résumé" and seen["locked_input"]
    assert (
        "Le raisonnement de l'expert" in seen["comparison"] and "Dysmotilité" in seen["comparison"]
    )
    assert seen["examination_open"]


def test_every_widget_label_follows_the_language():
    pause = course.reasoning_pause("after_presentation")
    reveal = course.reveal_stage("presentation")
    course.language_switch().value = "fr"
    state.instructor = True
    assert pause.commit_button.description == "Valider et comparer"
    assert pause.skip_button.description == "Passer (enseignant)"
    state.instructor = False
    assert pause.problem.description == "Représentation du problème (une phrase)"
    assert pause.ranks[0].description == "Diagnostic 1"
    assert pause.moves[1][0].tooltip == "Monter le diagnostic 2"
    assert reveal.next_button.description == "Dévoiler le résultat suivant"
    assert "Le phénomène de Raynaud" not in read(reveal.cards)  # nothing revealed yet


def test_damaged_progress_file_gives_a_warning_in_both_languages(fresh_learner):
    (fresh_learner / "progress-calcinosis-lcssc.json").write_text("{trunc", encoding="utf-8")
    from clinicase import progress

    progress._stores.clear()
    view = course.language_switch()
    warning = read(view.children[0])
    assert "Your saved progress could not be read" in warning
    assert "Votre progression enregistrée n'a pas pu être lue" in warning
    assert list(fresh_learner.glob("progress-calcinosis-lcssc.damaged-*.json"))


def test_unwritable_home_is_explained_and_the_course_still_works(tmp_path, monkeypatch):
    home = tmp_path / "home-is-a-file"
    home.write_text("", encoding="utf-8")
    monkeypatch.setenv("CLINICASE_HOME", str(home))
    view = course.language_switch()
    assert "Your progress cannot be saved on this computer" in read(view.children[0])
    assert "Votre progression ne peut pas être enregistrée" in read(view.children[0])
    reveal = course.reveal_stage("presentation")
    reveal.next_button.click()
    assert "1 of 6 findings revealed" in read(reveal.status)


def test_report_button_writes_a_printable_report_beside_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = course.report_button()
    view.children[0].children[0].click()
    assert "my-report-calcinosis-lcssc.html" in read(view.children[1])
    page = (tmp_path / "my-report-calcinosis-lcssc.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Findings revealed" in page


def test_reset_asks_first_then_keeps_a_backup(fresh_learner):
    course.reveal_stage("presentation").all_button.click()
    view = course.reset_progress()
    ask, confirm, done = view.children[0].children[0], view.children[1], view.children[2]
    assert confirm.layout.display == "none"
    ask.click()
    assert confirm.layout.display == "flex" and "A backup copy is kept" in read(confirm.children[0])
    confirm.children[1].children[1].click()  # Cancel: nothing happens
    assert confirm.layout.display == "none" and progress(fresh_learner)["reveals"]
    ask.click()
    confirm.children[1].children[0].click()  # Yes, reset
    assert progress(fresh_learner)["reveals"] == {}
    backups = list(fresh_learner.glob("progress-calcinosis-lcssc.backup-*.json"))
    assert len(backups) == 1 and str(backups[0]) in read(done)


def test_instructor_mode_opens_reveals_and_shows_notes_and_answer_key():
    intro = course.lesson_intro("investigations")
    reveal = course.reveal_stage("investigations")
    question = next(
        q
        for q in course.questions("investigations").children
        if "question-esr_limit" in q._dom_classes
    )
    assert reveal.next_button.disabled and read(intro.children[1]) == ""
    assert not any(isinstance(w, widgets.Checkbox) for w in intro.children), "no learner switch"
    switch = course.instructor_mode()  # the instructor guide's switch
    switch.value = True
    assert not reveal.next_button.disabled
    assert "Teaching notes" in read(intro.children[1])
    assert "In the 60-minute plan: 10 minutes." in read(intro.children[1])
    assert "🔑 Answer key: 28.5 mm/h" in read(question.children[-1])
    switch.value = False
    assert reveal.next_button.disabled and read(question.children[-1]) == ""


def test_instructor_mode_follows_the_environment_setting(monkeypatch):
    from clinicase import state as state_module

    monkeypatch.setenv("CLINICASE_INSTRUCTOR", "1")
    assert state_module._instructor_requested()
    monkeypatch.setenv("CLINICASE_INSTRUCTOR", "0")
    assert not state_module._instructor_requested()


def test_report_button_in_a_folder_it_cannot_write_says_why(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "my-report-calcinosis-lcssc.html").mkdir()  # a folder where the file should go
    monkeypatch.chdir(blocked)
    view = course.report_button()
    view.children[0].children[0].click()
    assert "The report could not be written in this folder" in read(view.children[1])


def test_an_html_laden_commit_at_the_length_limit_is_kept_and_shown_escaped(
    fresh_learner, monkeypatch
):
    monkeypatch.chdir(fresh_learner)
    pause = course.reasoning_pause("after_presentation")
    pause.commit_button.click()
    assert "problem representation first" in read(pause.message), "an empty commit is refused"
    assert pause.saved() is None
    big = "<script>alert(1)</script>" + "x" * (MAX_TEXT_CHARS - 25)  # the longest text kept
    commit(pause, big, "<img src=x onerror=alert(2)>")
    assert progress(fresh_learner)["pauses"]["after_presentation"]["problem"] == big
    assert "<script>" not in pause.comparison.value and "<img" not in pause.comparison.value
    course.report_button().children[0].children[0].click()
    page = (fresh_learner / "my-report-calcinosis-lcssc.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)" in page and "<script>" not in page
