"""The live class in a real browser: the instructor's dashboard updates as a learner's kernel
answers, and a learner's Voilà page waits for the instructor's pacing."""

from __future__ import annotations

import pytest
from classroom_helpers import start_class_server
from walk import open_reveals

import clinicase
from clinicase import course
from clinicase.classroom import client
from clinicase.progress import PauseEntry, store_for

pytestmark = pytest.mark.browser
CASE = clinicase.load_case()


@pytest.fixture
def class_server(tmp_path):
    server = start_class_server(tmp_path / "class.sqlite")
    yield server
    server.stop()


@pytest.fixture
def learner_link():
    """The learner's kernel-side link, closed after the test."""
    yield
    for link in client._links.values():
        link.close()
    client._links.clear()


def test_the_dashboard_shows_a_kernels_answer_and_the_key_on_demand(
    page, class_server, fresh_learner, learner_link, screenshot
):
    page.goto(class_server.dashboard_url)
    assert "token=" not in page.url  # the token leaves the address bar (and the history)
    question = page.locator("#q-onset_signs")
    question.locator(".count", has_text="first answers: 0").wait_for()

    box = course.join_class()  # the learner's kernel
    box.code.value = class_server.join_code
    box.join_button.click()
    widget = next(
        q for q in course.questions("presentation").children if q.question.id == "onset_signs"
    )
    widget.choice.value = "a"
    widget.check_button.click()

    question.locator(".count", has_text="first answers: 1").wait_for()  # polled every second
    page.locator("#learner-count", has_text="1").wait_for()
    assert "✔ key" not in question.inner_text()
    page.locator("#key-onset_signs").click()
    question.get_by_text("✔ key:").wait_for()
    screenshot(page, "class-dashboard-en")

    page.get_by_role("link", name="Français").click()
    page.locator("#q-onset_signs .count", has_text="premières réponses : 1").wait_for()
    assert page.get_attribute("html", "lang") == "fr"
    screenshot(page, "class-dashboard-fr")


def test_a_voila_page_waits_for_the_instructor_then_opens(
    page, voila, voila_learner_home, class_server, monkeypatch, learner_link, screenshot
):
    url = voila("02_examination.ipynb")
    monkeypatch.setenv("CLINICASE_HOME", str(voila_learner_home(url)))  # that page's learner
    class_server.pace(open_through="presentation")
    store = store_for(CASE)
    skipped = PauseEntry(skipped=True)
    store.update(lambda progress: progress.pauses.update({"after_presentation": skipped}))
    client.link_for(store).join(class_server.join_code)  # as the Join box of 00 does
    client.link_for(store).close()

    page.goto(url)
    status = page.locator(".reveal-status")
    status.get_by_text("Waiting for your instructor to open this stage").wait_for()
    assert page.locator("button.reveal-next").is_disabled()
    screenshot(page, "voila-class-waiting-en")

    class_server.pace(open_through="examination")
    status.get_by_text("0 of").wait_for()  # opened by itself: the kernel polls the pacing
    page.locator("button.reveal-next").click()
    status.get_by_text("1 of").wait_for()
    open_reveals(page)  # the questions come after the findings

    # the Voilà page's kernel answers; the instructor's dashboard shows it
    question = next(q for q in CASE.questions if q.lesson == "examination" and q.kind == "single")
    box = page.locator(f".question-{question.id}")
    box.locator("label", has_text=question.options[0].text.en).click()
    box.locator(f"button.question-check-{question.id}").click()
    dashboard = page.context.new_page()
    dashboard.goto(class_server.dashboard_url)
    dashboard.locator(f"#q-{question.id} .count", has_text="first answers: 1").wait_for()
    dashboard.locator("#h-stages + ul li", has_text="Examination").get_by_text("1").wait_for()
