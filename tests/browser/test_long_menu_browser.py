"""Ordering tests from the long menu of notebook 03 with the keyboard alone, in Voilà: type to
search (accents ignored), Tab to the matches, arrow keys to pick one, Enter on Add, then Tab to
Check and Enter; the feedback names the tests chosen."""

from __future__ import annotations

import pytest

import clinicase
from clinicase.marking import search_menu

MENU = clinicase.load_case().long_menu("order_tests")

pytestmark = pytest.mark.browser


def add_with_keyboard(page, menu, typed: str, down: int) -> None:
    """Type `typed` in the search box, Tab to the matches, ArrowDown `down` times, Tab to Add
    and press Enter."""
    search = menu.locator(".menu-search-order_tests input")
    search.focus()
    search.fill("")
    page.keyboard.type(typed)
    matches = menu.locator(".menu-matches-order_tests select")
    first = search_menu(MENU, typed)[0].name.en
    matches.locator("option").first.filter(has_text=first).wait_for()
    page.keyboard.press("Tab")
    assert matches.evaluate("e => e === document.activeElement")
    for _ in range(down):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert menu.locator("button.menu-add-order_tests").evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")


def test_tests_are_ordered_by_keyboard_in_voila(page, voila, screenshot):
    page.goto(voila("03_investigations.ipynb"))
    menu = page.locator(".question-order_tests")
    antibodies = search_menu(MENU, "anti")
    assert len(antibodies) > 1
    chosen = [search_menu(MENU, "calcemie")[0], antibodies[1]]

    add_with_keyboard(page, menu, "calcemie", 0)  # French, typed without its accent
    menu.get_by_role("button", name=f"Remove {chosen[0].name.en}").wait_for()
    add_with_keyboard(page, menu, "anti", 1)  # the second match, by the arrow key
    menu.get_by_role("button", name=f"Remove {chosen[1].name.en}").wait_for()
    assert "Your tests (2 of at most 6)" in menu.inner_text()

    check = menu.locator("button.question-check-order_tests")
    for _ in range(30):  # Tab on to Check: past the Remove buttons and the confidence choice
        if check.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert check.evaluate("e => e === document.activeElement"), "Tab never reached Check"
    page.keyboard.press("Enter")
    feedback = menu.locator(".widget-html.question-feedback")
    feedback.get_by_text(chosen[0].answers.en[:40]).wait_for()
    assert chosen[1].answers.en[:40] in feedback.inner_text()
    screenshot(page, "voila-03-long-menu-keyboard-en")
