"""The walk-through in a real browser, as a learner uses it: JupyterLab, then Voilà.

Open 02_examination, run it, commit the reasoning pause, reveal findings by mouse and keyboard,
switch to French; the expert's text, the findings and the French labels must appear.
"""

from __future__ import annotations

import re

import pytest
from walk import commit_pauses, open_reveals, reasoned_at_04, wait_ready

import clinicase

CASE = clinicase.load_case()
EXPERT = CASE.pause("after_presentation").problem_representation
EXAM = CASE.stage("examination").findings

pytestmark = [pytest.mark.browser, pytest.mark.kernel, pytest.mark.slow]


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(page, selector: str) -> float:
    """WCAG contrast ratio between a control's text and its background, as rendered."""
    colours = page.eval_on_selector(
        selector,
        "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]",
    )
    fg, bg = (tuple(int(v) for v in re.findall(r"\d+", c)[:3]) for c in colours)
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def run_all(page) -> None:
    """Run every cell once the notebook's kernel is idle. The command is started, not awaited:
    its promise only settles when the last cell ends, and a stuck cell must fail a wait (with a
    timeout) rather than hang the suite."""
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return kernel && kernel.status === 'idle';
        }"""
    )
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def walk_examination(page, where: str, screenshot) -> None:
    """What a learner does in 02_examination, with what they must see after each step."""
    page.wait_for_selector("button.pause-commit", state="visible")
    reveal = page.locator("button.reveal-next")
    assert reveal.is_disabled(), "the examination must stay locked until the pause is committed"

    page.locator("button.pause-commit").click()
    page.wait_for_selector(".pause-message:has-text('Not yet')")

    page.locator(".pause-problem textarea").fill("47-year-old woman, limited SSc, dysphagia")
    page.locator(".pause-rank-1 input").fill("Oesophageal dysmotility")
    page.locator(".pause-rank-2 input").fill("Interstitial lung disease")
    page.locator("button.pause-commit").click()
    page.wait_for_selector(f'.pause-comparison:has-text("{EXPERT.en[:60]}")')

    reveal.click()
    reveal.click()
    cards = page.locator(".reveal-cards")
    cards.get_by_text(EXAM[1].statement.en).wait_for()
    assert EXAM[0].statement.en in cards.inner_text()
    assert EXAM[2].statement.en not in cards.inner_text()

    reveal.focus()  # the keyboard alone must work too
    page.keyboard.press("Enter")
    cards.get_by_text(EXAM[2].statement.en).wait_for()

    assert contrast(page, "button.reveal-next") >= 4.5
    assert contrast(page, "button.pause-save-revision") >= 4.5  # skip: instructors only
    missing_alt = page.eval_on_selector_all(
        ".jp-OutputArea img",  # the course's images, not JupyterLab's own (its kernel logos)
        "imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim())"
        ".map(i => (i.closest('[class]') || i).className + ' ' + (i.src || '').slice(0, 60))",
    )
    assert missing_alt == [], f"every image needs a meaningful alt: {missing_alt}"
    screenshot(page, f"{where}-02-examination-en")

    page.locator(".clinicase-language label", has_text="Français").click()
    page.wait_for_selector("button.reveal-next:has-text('Dévoiler le résultat suivant')")
    cards.get_by_text(EXAM[0].statement.fr).wait_for()
    page.wait_for_selector('.pause-comparison:has-text("Le raisonnement de l\'expert")')
    screenshot(page, f"{where}-02-examination-fr")


def test_examination_in_jupyterlab(page, jupyterlab, screenshot):
    page.goto(jupyterlab("02_examination.ipynb"))
    run_all(page)
    walk_examination(page, "jupyterlab", screenshot)


def test_examination_in_voila_shows_no_code(page, voila, screenshot):
    page.goto(voila("02_examination.ipynb"))
    page.wait_for_selector("button.pause-commit", state="visible")
    assert "from clinicase import course" not in page.content()
    walk_examination(page, "voila", screenshot)


def test_skin_score_calculator_in_jupyterlab(page, jupyterlab, lab_learner_home, screenshot):
    url = jupyterlab("05_scores.ipynb")
    reasoned_at_04(lab_learner_home(url))
    page.goto(url)
    run_all(page)
    page.wait_for_selector(".mrss-site-face select", state="visible")
    page.locator(".mrss-site-face label", has_text="Face").wait_for()
    page.locator(".mrss-site-face select").select_option(label="2 · moderate")
    page.locator(".mrss-site-thigh_left select").select_option(label="1 · mild")
    result = page.locator(".mrss-result")
    result.get_by_text("Total: 3 / 51").wait_for()
    # the sites in a body's shape: the face above the chest, the patient's right on the left
    box = {s: page.locator(f".mrss-site-{s}").bounding_box() for s in
           ("face", "anterior_chest", "upper_arm_right", "hand_right", "hand_left")}  # fmt: skip
    assert box["face"]["x"] == box["anterior_chest"]["x"] > box["upper_arm_right"]["x"]
    assert box["face"]["y"] < box["anterior_chest"]["y"] == box["upper_arm_right"]["y"]
    assert box["hand_right"]["y"] == box["hand_left"]["y"] > box["anterior_chest"]["y"]
    assert box["hand_left"]["x"] > box["face"]["x"]
    assert "diffuse" in result.inner_text()
    # the report's items open only after the learner predicts her total
    page.locator(".acr-prediction input").fill("14")
    page.locator("button.acr-predict").click()
    page.locator("button.acr-apply:not([disabled])").click()
    page.locator(".acr-result").get_by_text("Total: 15 points").wait_for()
    screenshot(page, "jupyterlab-05-scores-en")

    # a question of the bank, once the findings are revealed, answered with a French decimal
    # comma, then its feedback
    page.locator(".clinicase-reveal .reveal-status").wait_for()  # that cell has run
    open_reveals(page)
    page.locator(".question-input-acr_total_ulcers input").fill("15,0")
    page.locator("button.question-check-acr_total_ulcers").click()
    feedback = page.locator(".question-acr_total_ulcers .widget-html.question-feedback")
    feedback.get_by_text("✔ Right.").wait_for()
    assert "Raynaud 3 + sclerodactyly 4" in feedback.inner_text()


def test_body_map_images_carry_alt_text_in_voila(page, voila, screenshot):
    from clinicase.figures import draw

    page.goto(voila("06_calcinosis_map.ipynb"))
    page.wait_for_selector(".figure img", state="visible")
    alts = page.eval_on_selector_all(".figure img", "imgs => imgs.map(i => i.alt)")
    assert draw.body_map(CASE, "patient", "en").alt in alts
    assert draw.body_map(CASE, "skin", "en").alt in alts
    missing_alt = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim()).length"
    )
    assert missing_alt == 0
    page.locator("table caption", has_text="Calcinosis sites").wait_for()
    screenshot(page, "voila-06-map-en")
    page.locator(".clinicase-language label", has_text="Français").click()
    page.wait_for_function(
        "alt => [...document.querySelectorAll('.figure img')].some(i => i.alt === alt)",
        arg=draw.body_map(CASE, "patient", "fr").alt,
    )
    page.wait_for_function(  # every figure redrawn in French before the screenshot
        "() => [...document.querySelectorAll('.figure img')].every(i => !i.alt.startsWith('Body'))"
    )
    screenshot(page, "voila-06-map-fr")


def test_hotspot_click_on_the_body_map_in_voila(page, voila, voila_learner_home, screenshot):
    from clinicase.figures import draw

    url = voila("06_calcinosis_map.ipynb")
    reasoned_at_04(voila_learner_home(url))
    page.goto(url)
    wait_ready(page)
    open_reveals(page)  # the questions come after the findings
    page.locator("button.region-open-click_usual_site").click()
    canvas = page.locator(".region-canvas-click_usual_site canvas").last
    canvas.wait_for(state="visible")
    page.wait_for_timeout(500)  # the first draw of the figure
    figure = draw.body_outline("en")
    front = figure.axes[0]
    x, y = front.transData.transform(draw._points("hand", "bilateral", "front")[0])
    box = canvas.bounding_box()
    scale = box["width"] / figure.bbox.width
    canvas.click(position={"x": x * scale, "y": (figure.bbox.height - y) * scale})
    feedback = page.locator(".question-click_usual_site .widget-html.question-feedback")
    feedback.get_by_text("✔ Right.").wait_for()
    assert "Hand (your choice)" in feedback.inner_text()
    screenshot(page, "voila-06-hotspot-en")


def test_an_answer_survives_a_kernel_restart_in_jupyterlab(page, jupyterlab, screenshot):
    page.goto(jupyterlab("03_investigations.ipynb"))
    run_all(page)
    page.locator(".clinicase-reveal .reveal-status").wait_for()  # the cells up to it have run
    commit_pauses(page)
    open_reveals(page)  # the questions come after the findings
    field = page.locator(".question-input-esr_limit input")
    field.fill("28,5")
    page.locator("button.question-check-esr_limit").click()
    feedback = page.locator(".question-esr_limit .widget-html.question-feedback")
    feedback.get_by_text("✔ Right.").wait_for()

    # restart the kernel and run everything again, as a learner whose kernel died would
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
    page.locator(".jp-Dialog button.jp-mod-accept").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.question-esr_limit input')]"
        ".some(i => i.value === '28,5')"
    )
    feedback = page.locator(".question-esr_limit .widget-html.question-feedback")
    feedback.get_by_text("✔ Right.").wait_for()
    assert "Expected answer: 28.5 mm/h" in feedback.inner_text()
    screenshot(page, "jupyterlab-03-after-restart-en")
