"""Every learner page in Voilà, as a learner leaves it, in both languages: axe-core finds no serious
or critical problem as first shown nor after every pause is committed, every reveal opened and
every question answered; no label is cut short, at 1280 x 720 (a projector) or 375 px wide (a
phone); the keyboard alone goes through a notebook. Screenshots of each state go to
test-artifacts/ for a person to look at."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from walk import (
    CASE,
    CUT_SHORT,
    answer_all,
    commit_pauses,
    do_everything,
    lesson_of,
    open_reveals,
    reasoned_at_04,
    sideways_at,
    switch_to,
    wait_ready,
)

from conftest import ARTIFACTS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOKS = [lesson.notebook for lesson in CASE.lessons]
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 375, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def course(voila_server, request):
    """All the learner notebooks in one folder, for one learner who goes through them in order:
    a function notebook name -> its Voilà URL."""
    root, base = voila_server
    folder = Path(tempfile.mkdtemp(prefix=f"{request.node.name[:40]}-", dir=root))
    for notebook in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / notebook, folder / notebook)
    return lambda notebook: f"{base}/voila/render/{folder.name}/{notebook}"


# Every image decoded (a figure that grows while axe works moves what it measures: axe once
# took a caveat's text under 07's timeline for text on the wrong background) and no layout
# pending: two frames drawn since.
SETTLED = """() => [...document.images].every(i => i.complete) && new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


def audit(page) -> dict[str, list[str]]:
    """axe-core's violations on the page, by impact: {impact: [rule id: what, ...]}. axe-core is
    loaded once per page (Axe().run loads its 570 kB again at every call), and sends back the
    violations only: the nodes that pass, thousands on a page done, are not copied out."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(SETTLED)
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(Axe().axe_script)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    found: dict[str, list[str]] = {}
    for violation in results["violations"]:
        targets = [str(node["target"]) for node in violation["nodes"]][:3]
        found.setdefault(violation["impact"], []).append(f"{violation['id']}: {targets}")
    return found


def test_every_learner_page_in_every_state_and_language(page, course, screenshot):
    page.set_viewport_size(PROJECTOR)
    counts, problems = {}, []

    def check(notebook: str, state: str, lang: str) -> None:
        found = audit(page)
        counts[f"{notebook} {state} {lang}"] = {  # impact -> the rules broken
            impact: sorted(v.split(":")[0] for v in violations)
            for impact, violations in found.items()
        }
        serious = found.get("serious", []) + found.get("critical", [])
        problems.extend(f"{notebook} {state} {lang}: {v}" for v in serious)
        cut = page.evaluate(CUT_SHORT)
        problems.extend(f"{notebook} {state} {lang} {page.viewport_size['width']}px: cut {cut}"
                        for _ in cut[:1])  # fmt: skip

    # The learner's language carries over to the next page: each page opens in the language
    # the last one was left in, is switched to the other, used there, then switched back.
    lang, other = "en", "fr"
    for notebook in NOTEBOOKS:
        name = notebook[:2]
        page.goto(course(notebook))
        wait_ready(page)
        check(notebook, "first", lang)
        switch_to(page, other)
        check(notebook, "first", other)
        screenshot(page, f"voila-{name}-first-{other}")

        do_everything(page, notebook, other)
        check(notebook, "done", other)
        screenshot(page, f"voila-{name}-done-{other}")
        sideways, past = sideways_at(page, PHONE)
        cut = page.evaluate(CUT_SHORT)
        problems.extend(f"{notebook} phone {other}: cut {cut}" for _ in cut[:1])
        problems.extend(f"{notebook} phone {other}: off the screen {past}" for _ in past[:1])
        if sideways > 1:
            problems.append(f"{notebook} phone {other}: scrolls {sideways} px sideways")
        screenshot(page, f"voila-{name}-phone-{other}")
        page.set_viewport_size(PROJECTOR)
        switch_to(page, lang)
        check(notebook, "done", lang)
        screenshot(page, f"voila-{name}-done-{lang}")
        lang, other = other, lang

    # JupyterLab's dark theme, on the page with the most kinds of control, as the learner left it
    page.goto(course("05_scores.ipynb") + "?theme=dark")
    wait_ready(page)
    check("05_scores.ipynb", "dark", lang)
    screenshot(page, f"voila-05-dark-{lang}")

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-counts.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")
    assert not problems, "\n".join(problems)


def focus_by_tab(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focus is on an element matching `selector`, as a keyboard user would;
    fails if it is never reached (not focusable, or out of the tab order)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"the focus on {selector} cannot be seen"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_keyboard_alone_goes_through_a_notebook(page, voila, screenshot):
    notebook = "01_presentation.ipynb"
    lesson = lesson_of(notebook)
    page.goto(voila(notebook))
    wait_ready(page)
    page.locator(".clinicase-language input").first.focus()  # where a learner starts
    reveal = page.locator(".clinicase-reveal")
    done = reveal.locator(".reveal-status", has_text="✔")
    prediction = reveal.locator(".clinicase-prediction")
    while not done.count():  # every finding, and the prediction the reveal stops at
        focus_by_tab(page, "button.reveal-all:not([disabled])")
        page.keyboard.press("Enter")
        done.or_(prediction).wait_for()
        if prediction.count():
            focus_by_tab(page, ".clinicase-prediction input")
            page.keyboard.press("Space")
            focus_by_tab(page, ".clinicase-prediction button")
            page.keyboard.press("Enter")
            prediction.wait_for(state="detached")

    for question in CASE.questions_for(lesson.id):
        box = f".question-{question.id}"
        focus_by_tab(
            page,
            f"{box} .widget-radio:not(.clinicase-confidence) input, {box} input[type=checkbox]",
        )
        page.keyboard.press("Space")
        focus_by_tab(page, f"button.question-check-{question.id}")
        page.keyboard.press("Enter")
        page.locator(f"{box} .clinicase.question-feedback").wait_for()
        if page.locator(f"{box} .clinicase.question-feedback.first-try").count():
            page.locator(f"button.question-show-{question.id}").wait_for()  # made with it
            focus_by_tab(page, f"button.question-show-{question.id}")
            page.keyboard.press("Enter")
            page.locator(f"{box} .clinicase.question-feedback:not(.first-try)").wait_for()

    outro = page.locator(".clinicase.lesson-outro")
    outro.get_by_text(lesson.key_points[0].en).wait_for()
    focus_by_tab(page, ".clinicase.lesson-outro a")  # on to the next notebook
    screenshot(page, "voila-01-keyboard-en")


def test_a_learner_reaches_the_experts_reasoning_only_by_committing_and_sees_no_instructor_control(
    page, voila
):
    pause = CASE.pause("after_presentation")
    page.goto(voila("02_examination.ipynb"))
    wait_ready(page)
    page.locator("button.pause-commit").wait_for()
    for control in ("button.pause-skip", ".clinicase-instructor", ".answer-key"):
        assert not page.locator(control).filter(visible=True).count(), control
    assert "nstructor" not in page.locator("#rendered_cells").inner_text()
    assert pause.problem_representation.en not in page.content()
    reveal = page.locator("button.reveal-next")
    assert reveal.is_disabled() and page.locator("button.reveal-all").is_disabled()
    reveal.click(force=True)  # a click on the locked button reveals nothing
    page.locator("button.pause-commit").click()  # nothing written: refused
    page.locator(".pause-message [role=alert]").wait_for()
    assert pause.problem_representation.en not in page.content()
    assert not page.locator(".reveal-cards .finding").count()

    page.locator(".pause-problem textarea").fill("Woman with limited SSc, dysphagia, breathless")
    page.locator(".pause-rank-1 input").fill("Oesophageal dysmotility")
    page.locator("button.pause-commit").click()
    page.locator(".pause-comparison").get_by_text(pause.problem_representation.en).wait_for()
    assert reveal.is_enabled()


def scroll_to_bottom(page) -> None:
    page.evaluate(
        "() => { const c = document.querySelector('#rendered_cells');"
        " c.scrollTop = c.scrollHeight; }"
    )


def test_the_key_points_of_07_wait_at_the_bottom_until_its_questions_are_answered(
    page, voila, voila_learner_home, screenshot
):
    notebook = "07_management_and_outcome.ipynb"
    key_points = [k.en for k in lesson_of(notebook).key_points]
    url = voila(notebook)
    reasoned_at_04(voila_learner_home(url))  # the report's discussion of her treatment waits
    page.goto(url)
    wait_ready(page)
    scroll_to_bottom(page)
    status = page.locator(".keypoints-status")
    status.wait_for()
    status.scroll_into_view_if_needed()
    questions = len(CASE.questions_for(lesson_of(notebook).id))
    assert f"(0 of {questions} answered)" in status.inner_text()
    content = page.content()
    assert not [k for k in key_points if k in content]
    screenshot(page, "voila-07-key-points-locked-en")

    commit_pauses(page)
    open_reveals(page)  # the questions come after the findings
    answer_all(page, notebook)
    scroll_to_bottom(page)
    outro = page.locator(".clinicase.lesson-outro")
    outro.get_by_text(key_points[0]).wait_for()
    assert all(k in outro.inner_text() for k in key_points)
    assert not status.inner_text().strip()
