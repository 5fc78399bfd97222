"""The learners' door as Binder and JupyterHub open it: a Jupyter server with Voilà as an extension,
at `voila/render/notebooks/00_start_here.ipynb` (the README's badge). The page speaks the
learner's language, and nothing on the learners' path leads to the instructor guide."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

import clinicase
from conftest import ROOT, jupyter, voila_of

pytestmark = pytest.mark.browser
CASE = clinicase.load_case()


@pytest.fixture(scope="module")
def door(tmp_path_factory):
    """A copy of the repository's learner and instructor folders served as on Binder."""
    root = tmp_path_factory.mktemp("binder")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")  # the committed ones never change
    shutil.copytree(ROOT / "instructor", root / "instructor")
    shutil.copytree(ROOT / "casedata", root / "casedata")
    with jupyter("server", root) as (base, token):
        yield Door(base, token, root)


class Door(NamedTuple):
    base: str
    token: str
    root: Path


def page_title(lesson_id: str, lang: str) -> str:
    return f"{CASE.lesson(lesson_id).title[lang]} – {CASE.title[lang]}"


def assert_page_speaks(page, lesson_id: str, lang: str) -> None:
    """<html lang> and <title> follow the learner's language (WCAG 3.1.1 and 2.4.2)."""
    from playwright.sync_api import Error

    expected = [lang, page_title(lesson_id, lang)]
    with contextlib.suppress(Error):  # the assertion below says what the page has instead
        page.wait_for_function(
            "e => document.documentElement.lang === e[0] && document.title === e[1]",
            arg=expected,
            timeout=30_000,
        )
    assert [page.evaluate("document.documentElement.lang"), page.title()] == expected


def switch_to(page, language: str) -> None:
    page.locator(".clinicase-language").get_by_text(language).click()


def test_the_page_speaks_the_learners_language(door, page, screenshot):
    base, token, _ = door
    page.goto(f"{base}/voila/render/notebooks/02_examination.ipynb?token={token}")
    assert_page_speaks(page, "examination", "en")

    switch_to(page, "Français")
    assert_page_speaks(page, "examination", "fr")
    assert page.locator(".clinicase.lesson-intro h2").inner_text() == "2. Examen clinique"
    screenshot(page, "voila-page-language-fr")

    switch_to(page, "English")
    assert_page_speaks(page, "examination", "en")


def test_a_learner_who_chose_french_follows_the_next_link_to_a_french_page(door, page):
    base, token, _ = door
    page.goto(f"{base}/voila/render/notebooks/01_presentation.ipynb?token={token}")
    switch_to(page, "Français")
    assert_page_speaks(page, "presentation", "fr")
    page.locator(".progress-strip a.page-next").click()  # the link as Binder serves it
    page.wait_for_url("**/voila/render/notebooks/02_examination.ipynb")
    assert_page_speaks(page, "examination", "fr")
    switch_to(page, "English")  # the next test's learner starts in English again
    assert_page_speaks(page, "examination", "en")


def test_the_learners_door_opens_the_start_page_and_never_leads_to_the_answer_key(
    door, page, screenshot
):
    base, token, _ = door
    page.goto(f"{base}/voila/render/notebooks/00_start_here.ipynb?token={token}")
    assert_page_speaks(page, "start", "en")
    screenshot(page, "voila-learners-door")
    assert not page.locator("a[href*='instructor']").count()

    assert not page.locator("a[href*='tree']").count()


def test_the_voila_tree_of_the_learners_folder_does_not_list_the_instructor_guide(
    door, page, screenshot
):
    """`voila notebooks/` as the README has learners run it, with instructor/ beside it."""
    with voila_of(door.root / "notebooks") as base:
        page.goto(f"{base}/")
        page.get_by_text("00_start_here.ipynb").wait_for()
        listed = page.get_by_text(re.compile(r"\.ipynb$")).all_inner_texts()
        screenshot(page, "voila-learners-tree")
    assert sorted(listed) == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert (door.root / "instructor" / "instructor_guide.ipynb").exists()


def test_the_instructors_door_opens_the_guide_in_jupyterlab(door, page):
    base, token, _ = door
    page.goto(f"{base}/lab/tree/instructor/instructor_guide.ipynb?reset&token={token}")
    page.locator(".jp-RenderedMarkdown h1", has_text="Instructor guide").wait_for()
    page.wait_for_function("document.title.startsWith('instructor_g')")  # JupyterLab cuts it
