"""The stored outputs read without a kernel, and a live page shows the widget, never both.

A notebook opened in JupyterLab before its cells run shows each view's stored reading (the HTML
GitHub and nbviewer show), not `VBox(children=…`; once the cells run, the widgets replace it.
Voilà shows only the widgets.
"""

from __future__ import annotations

import pytest
from test_walkthrough_browser import run_all
from walk import open_reveals, wait_ready

import clinicase

QUESTION = clinicase.load_case().questions_for("presentation")[0]

pytestmark = [pytest.mark.browser, pytest.mark.kernel, pytest.mark.slow]


def test_jupyterlab_shows_the_reading_until_the_cells_run_then_only_the_widgets(
    page, jupyterlab, screenshot
):
    page.goto(jupyterlab("01_presentation.ipynb", "02_examination.ipynb"))
    reading = page.locator(".jp-OutputArea-output .static-question").first
    reading.wait_for()
    assert QUESTION.stem.en in page.locator(".jp-Notebook").inner_text()
    assert "VBox(children" not in page.locator(".jp-Notebook").inner_text()
    screenshot(page, "jupyterlab-01-before-run")

    run_all(page)
    page.locator(".clinicase-reveal .reveal-status").wait_for()  # that cell has run
    open_reveals(page)  # the questions come after the findings
    page.wait_for_selector(f"button.question-check-{QUESTION.id}", state="visible")
    page.wait_for_selector(".static-question", state="detached")
    assert page.locator(".jp-Notebook").get_by_text(QUESTION.stem.en).count() == 1

    # the progress strip's next link opens the next notebook in JupyterLab (issue 14 point 3):
    # the page reloads, and JupyterLab starts again on that notebook
    page.locator(".progress-strip a.page-next").click()
    page.wait_for_function(
        "() => (window.jupyterapp?.shell.currentWidget?.context?.path || '')"
        ".endsWith('/02_examination.ipynb')"
    )
    page.locator(".jp-Notebook .clinicase.lesson-intro h2", has_text="2. Examination").wait_for()


def test_voila_shows_the_widgets_and_not_the_reading(page, voila):
    page.goto(voila("01_presentation.ipynb"))
    wait_ready(page)
    open_reveals(page)
    page.wait_for_selector(f"button.question-check-{QUESTION.id}", state="visible")
    page.wait_for_selector("button.reveal-next", state="visible")
    assert page.locator(".static-question, .static-note").count() == 0
    assert page.get_by_text(QUESTION.stem.en).count() == 1
