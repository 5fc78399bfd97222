"""A learner's kernel in a live class, against the real service on a free port: the Join box,
what is sent from the widgets, the queue while the service is down, pacing and leaving."""

from __future__ import annotations

import socket

import pytest
from casefiles import shown
from classroom_helpers import start_class_server, wait_for

from clinicase import course, load_case
from clinicase.classroom import client
from clinicase.progress import PauseEntry, store_for

CASE = load_case("calcinosis-lcssc")
pytestmark = pytest.mark.usefixtures("fresh_learner")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One class service for the module's tests (pacing is reset after each test)."""
    running = start_class_server(tmp_path_factory.mktemp("class") / "class.sqlite")
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    monkeypatch.setattr(client, "POLL_SECONDS", 0.1)
    yield
    for link in client._links.values():  # each kernel thread ends
        link.close()
    client._links.clear()


@pytest.fixture
def no_pacing(server):
    yield
    server.pace(open_through=None, hold_feedback=False)


def join(code: str):
    box = course.join_class()
    box.code.value = code
    box.join_button.click()
    return box


def skip_pause(pause_id: str) -> None:
    store_for(CASE).update(
        lambda progress: progress.pauses.update({pause_id: PauseEntry(skipped=True)})
    )


def records_of(server, pseudonym: str) -> list[dict]:
    return [r for r in server.request("GET", "export.json")[1]["records"]
            if r["learner"] == pseudonym]  # fmt: skip


def answer(question_id: str, option: str):
    question = next(q for q in course.questions("presentation").children
                    if q.question.id == question_id)  # fmt: skip
    question.choice.value = option
    question.check_button.click()
    return question


def test_the_join_box_says_what_is_sent_and_answers_pauses_and_stages_arrive_once(server):
    box = join(server.join_code)
    link = box.link
    assert "You are in the class as L-" in shown(box.status)
    assert "never your name or account" in shown(box.status)
    answer("onset_signs", "a")
    answer("onset_signs", "b")  # a second try is not a first answer: nothing more is sent
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value = "Long-standing SSc with dysphagia and dyspnoea"
    pause.ranks[0].value = "<script>alert(1)</script>"
    pause.commit_button.click()
    reveal = course.reveal_stage("examination")
    reveal.next_button.click()
    reveal.next_button.click()
    wait_for(lambda: link.sent == 3 and link.queued == 0, "three records sent")
    assert "Sent: 3. Waiting to be sent: 0." in shown(box.status)
    sent = {r["id"]: r for r in records_of(server, link.pseudonym)}
    assert set(sent) == {"answer:onset_signs", "pause:after_presentation", "stage:examination"}
    assert sent["answer:onset_signs"]["answer"] == "a"
    assert sent["pause:after_presentation"]["differential"] == "<script>alert(1)</script>"


def test_the_confidence_long_menu_plan_and_synthesis_reach_the_class(server):
    link = join(server.join_code).link
    question = next(q for q in course.questions("presentation").children
                    if q.question.id == "onset_signs")  # fmt: skip
    question.confidence.value = "unsure"
    question.choice.value = "a"
    question.check_button.click()
    menu = course.long_menu("order_tests")
    menu.add("fbc")
    menu.add("xray")
    menu.check_button.click()
    plan = course.management_pause()
    plan.problem.value = "Calcinosis; reflux"
    plan.ranks[0].value = "diltiazem"
    plan.commit_button.click()
    synthesis = course.my_synthesis()
    for field, text in zip(synthesis.fields, ("A summary.", "SSc\nHRCT", "Why?"), strict=True):
        field.value = text
    synthesis.commit_button.click()
    wait_for(lambda: link.sent == 4 and link.queued == 0, "four records sent")
    sent = {r["id"]: r for r in records_of(server, link.pseudonym)}
    assert sent["answer:onset_signs"]["confidence"] == "unsure"
    assert sent["answer:order_tests"]["answer"] == "fbc | xray"
    assert sent["pause:management_plan"]["problem"] == "Calcinosis; reflux"
    assert sent["pause:synthesis"]["questions"] == "Why?"
    assert not link.state().refused


def test_a_prediction_reaches_the_class_and_its_dashboard(server):
    link = join(server.join_code).link
    reveal = course.reveal_stage("presentation")
    reveal.all_button.click()  # stops at Raynaud's, which asks for a prediction
    box = reveal.prediction
    box.choice.value = "three"
    box.submit.click()
    wait_for(lambda: link.queued == 0 and link.sent >= 1, "the prediction sent")
    sent = {r["id"]: r for r in records_of(server, link.pseudonym)}
    assert sent["prediction:onset_raynaud"]["answer"] == "three"
    assert sent["prediction:onset_raynaud"]["correct"] == "true"
    status, page = server.request("GET", "dashboard?lang=fr")
    assert status == 200
    article = page[page.index('id="q-prediction:onset_raynaud"') :].split("</article>")[0]
    assert "Prédiction\xa0: Le phénomène de Raynaud était là dès le début" in article
    assert "release-" not in article  # nothing of a prediction's feedback is held
    assert 'id="key-prediction:onset_raynaud"' in article


def test_clinicase_class_in_the_environment_joins_without_typing(server, monkeypatch):
    monkeypatch.setenv(client.ENV, server.join_code)
    box = course.join_class()
    wait_for(lambda: box.link.joined, "joined from CLINICASE_CLASS")
    wait_for(lambda: "You are in the class as L-" in shown(box.status), "the box updated")


def test_work_done_before_joining_is_sent_on_joining(server):
    answer("onset_signs", "a")
    box = join(server.join_code)
    wait_for(lambda: box.link.sent == 1, "the earlier answer sent")
    assert [r["id"] for r in records_of(server, box.link.pseudonym)] == ["answer:onset_signs"]


def test_a_wrong_code_or_a_dead_service_is_said_and_nothing_is_lost(server):
    answer("onset_signs", "a")
    box = join(server.join_code.rsplit("/", 1)[0] + "/ZZZZZZ")
    assert "The class does not know this code" in shown(box.status)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"127.0.0.1:{s.getsockname()[1]}/ABCDEF"
    box = join(dead)
    assert f"The class at http://{dead.rsplit('/', 1)[0]}/ cannot be reached" in shown(box.status)
    assert "nothing you have done is lost" in shown(box.status)
    box = join("ABCDEF")
    assert "This code needs the class address too" in shown(box.status)
    assert not box.link.joined
    assert store_for(CASE).read().answers["onset_signs"].first.answer == "a"
    box.code.value = server.join_code
    box.join_button.click()
    wait_for(lambda: box.link.sent == 1, "the answer sent once the right code is typed")


def test_a_record_the_class_refuses_does_not_block_the_queue(server):
    box = join(server.join_code)
    pause = course.reasoning_pause("after_presentation")
    pause.problem.value = "Long-standing SSc with dysphagia"
    pause.ranks[0].value = "a very long diagnosis " * 20  # kept here, too long for the class
    pause.commit_button.click()
    answer("onset_signs", "a")
    wait_for(lambda: box.link.queued == 0, "the queue emptied")
    assert box.link.sent == 1
    assert [r["id"] for r in records_of(server, box.link.pseudonym)] == ["answer:onset_signs"]
    assert store_for(CASE).read().pauses["after_presentation"].differential[0].startswith("a very")


def test_leaving_stops_sending(server):
    box = join(server.join_code)
    pseudonym = box.link.pseudonym
    box.leave_button.click()
    assert "You have left the class" in shown(box.status)
    assert box.form.layout.display == "flex"
    answer("onset_signs", "a")
    assert store_for(CASE).read().classroom is None
    assert records_of(server, pseudonym) == []


def test_a_reveal_waits_for_the_instructor_and_opens_by_itself(server, no_pacing):
    server.pace(open_through="presentation")
    box = join(server.join_code)
    skip_pause("after_presentation")
    reveal = course.reveal_stage("examination")
    wait_for(lambda: reveal.next_button.disabled, "the reveal locked")
    assert "Waiting for your instructor to open this stage" in shown(reveal.status)
    reveal.reveal_next()
    assert reveal.shown == 0
    server.pace(open_through="examination")
    wait_for(lambda: not reveal.next_button.disabled, "the reveal opened")
    reveal.next_button.click()
    assert reveal.shown == 1 and "Waiting" not in shown(reveal.status)
    server.pace(open_through="presentation")
    wait_for(lambda: reveal.next_button.disabled, "the reveal locked again")
    box.leave_button.click()  # leaving the class lifts its pacing
    assert not reveal.next_button.disabled


def test_feedback_waits_until_the_instructor_releases_it(server, no_pacing):
    server.pace(hold_feedback=True)
    join(server.join_code)
    wait_for(lambda: client.link_for(store_for(CASE)).pacing.hold_feedback, "pacing fetched")
    question = answer("onset_signs", "a")
    assert "Your instructor will give the feedback" in shown(question.feedback)
    assert "Right" not in shown(question.feedback)
    server.pace(release="onset_signs")
    wait_for(lambda: shown(question.feedback).startswith("✔ Right."), "the feedback released")


def test_the_queue_waits_in_the_progress_file_while_the_service_is_down(tmp_path):
    first = start_class_server(tmp_path / "class.sqlite")
    port = first.base.rsplit(":", 1)[1].strip("/")
    box = join(first.join_code)
    link = box.link
    first.stop(kill=True)  # SIGKILL: no goodbye
    answer("onset_signs", "a")
    wait_for(lambda: not link.reachable, "the service seen as unreachable")
    assert link.queued == 1
    assert "cannot be reached just now" in shown(box.status)
    saved = store_for(CASE).read().classroom.outbox
    assert [r.id for r in saved] == ["answer:onset_signs"]
    # a new kernel (the old link closed) finds the queue in the progress file
    link.close()
    client._links.clear()
    again = start_class_server(tmp_path / "class.sqlite", int(port))
    try:
        fresh = client.link_for(store_for(CASE))
        wait_for(lambda: fresh.queued == 0 and fresh.sent == 1, "the queue sent after a restart")
        assert [r["id"] for r in records_of(again, fresh.pseudonym)] == ["answer:onset_signs"]
    finally:
        again.stop()
