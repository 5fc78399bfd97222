"""Predict, then see (issue 11 point 1): what answers a question (its `answered_by` in the case
data) is not on the question's page before the question is answered, and what a finding means
waits for its prediction. A question answered by a fact of the case stays answerable from the
text above it; at most 20 % may."""

from __future__ import annotations

import json

import pytest
from casefiles import notebook_calls, reveal_keys
from learner_view import CASE, NOTEBOOKS, done_through, lesson_of, seen, text

from clinicase.marking import normalise
from clinicase.progress import Attempt, parse, to_json

STAGE_NOTEBOOKS = [n for n in NOTEBOOKS if n.name[:2] in {f"0{i}" for i in range(1, 8)}]
QUESTIONED = [n for n in NOTEBOOKS if CASE.questions_for(lesson_of(n).id)]


def answers(question) -> list[str]:
    """The texts of the case that answer `question`, in English."""
    by = question.answered_by
    texts = [CASE.finding(f).statement.en for f in by.facts]
    for finding in map(CASE.finding, by.findings):
        texts += [finding.statement.en] if finding.topic else []
        texts += [finding.explanation.en] if finding.explanation else []
    texts += [c.note.en for c in CASE.caveats if c.id in by.caveats]
    return texts


def flat(text: str) -> str:
    return " ".join(normalise(text).split())


def open_page(home, notebook, *, predicted: bool) -> None:
    """Progress in which the notebooks before `notebook` are done and its own findings are all
    revealed, its predictions made (or not), none of its questions answered."""
    index = NOTEBOOKS.index(notebook)
    done_through(home, [lesson_of(n).id for n in NOTEBOOKS[:index]])
    path = home / f"progress-{CASE.id}.json"
    progress = parse(path.read_bytes(), CASE.id, CASE).progress
    progress.reveals.update(dict.fromkeys(reveal_keys(notebook_calls(notebook)), 99))
    if predicted:
        for p in CASE.predictions:
            answer = p.options[0].id if p.options else "x"
            progress.finding_predictions[p.finding] = Attempt(answer=answer)
    path.write_text(to_json(progress), encoding="utf-8")


def answerable_above(notebook, home) -> list[str]:
    """The questions of `notebook` that the text above them answers, with every finding of the
    page revealed and every prediction made."""
    lesson = lesson_of(notebook).id
    open_page(home, notebook, predicted=True)
    above = flat(seen(notebook, stop_before=f'course.check_yourself("{lesson}")', langs=("en",)))
    return [q.id for q in CASE.questions_for(lesson) if any(flat(t) in above for t in answers(q))]


def test_every_question_says_what_answers_it():
    assert [q.id for q in CASE.questions if q.answered_by is None] == []


@pytest.mark.parametrize("notebook", QUESTIONED, ids=[n.stem for n in QUESTIONED])
def test_only_facts_answer_a_question_from_above(notebook, tmp_path, monkeypatch):
    """What is held back is held: only a question answered by a fact may be answered from
    the page above it."""
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    by_facts = {q.id for q in CASE.questions if q.answered_by.facts}
    spoiled = answerable_above(notebook, tmp_path)
    print(f"{notebook.stem}: answerable from above: {spoiled}")
    assert set(spoiled) <= by_facts


def test_at_most_a_fifth_of_questions_are_answered_from_above(tmp_path, monkeypatch):
    spoiled = []
    for notebook in QUESTIONED:
        home = tmp_path / notebook.stem
        monkeypatch.setenv("CLINICASE_HOME", str(home))
        spoiled += answerable_above(notebook, home)
    print(f"answerable from above: {len(spoiled)} of {len(CASE.questions)}: {spoiled}")
    assert len(spoiled) <= 0.2 * len(CASE.questions)


def test_a_question_s_feedback_gives_what_was_held_back(tmp_path, monkeypatch):
    from clinicase import course

    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    question = CASE.question("mrss_reading")
    right = next(o.id for o in question.options if o.correct)
    course.lesson_intro("examination")
    view = next(w for w in course.questions("examination").children
                if f"question-{question.id}" in w._dom_classes)  # fmt: skip
    view.choice.value = right
    view.check_button.click()
    feedback = flat(text(view.feedback))
    assert all(flat(t) in feedback for t in answers(question))


@pytest.mark.parametrize("notebook", STAGE_NOTEBOOKS, ids=[n.stem for n in STAGE_NOTEBOOKS])
def test_every_stage_notebook_asks_a_prediction_before_what_it_means(
    notebook, tmp_path, monkeypatch
):
    """Each stage notebook reveals a finding that asks for a prediction, and until it is made
    the page shows neither the finding's explanation nor its caveats."""
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path))
    revealed = {f.id for key in reveal_keys(notebook_calls(notebook))
                for stage, _, topic in [key.partition(":")]
                for f in CASE.stage(stage).findings if not topic or f.topic == topic}  # fmt: skip
    asked = [p for p in CASE.predictions if p.finding in revealed]
    assert asked, f"{notebook.name} asks no prediction"
    open_page(tmp_path, notebook, predicted=False)
    page = flat(seen(notebook, langs=("en",)))
    for prediction in asked:
        finding = CASE.finding(prediction.finding)
        meaning = [finding.explanation.en] if finding.explanation else []
        meaning += [finding.statement.en] if finding.topic else []
        meaning += [c.note.en for c in CASE.caveats_for(finding.id)]
        assert flat(prediction.prompt.en) in page
        assert not [t for t in meaning if flat(t) in page], finding.id


def test_a_saved_progress_file_keeps_predictions_and_drops_the_unknown():
    raw = json.dumps({
        "case_id": CASE.id,
        "finding_predictions": {
            "chest_ct": {"answer": "values", "correct": True, "credit": 1.0},
            "mrss": {"answer": "x"},  # no prediction on this finding
            "onset_raynaud": {"answer": "gone"},  # not an option
            "subcutaneous_nodules": 7,  # not an answer at all
        },
    }).encode()  # fmt: skip
    loaded = parse(raw, CASE.id, CASE)
    assert list(loaded.progress.finding_predictions) == ["chest_ct"]
    assert sorted(loaded.dropped) == [
        "finding_predictions: mrss", "finding_predictions: onset_raynaud",
        "finding_predictions: subcutaneous_nodules",
    ]  # fmt: skip
