"""Views let go of the course state when they are closed: clicking, switching language and
re-running a notebook's cells leave no widget model and no observer behind in the kernel."""

from __future__ import annotations

import ast
import json

import pytest
from casefiles import ROOT
from ipywidgets.widgets.widget import _instances  # ipywidgets' registry of live widget models

from clinicase.state import state
from clinicase.widgets import StageReveal, pause

pytestmark = pytest.mark.usefixtures("fresh_learner")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run_cells(notebook) -> list:
    """Run a notebook's code cells in this process as its kernel would; return what each cell's
    last line evaluates to (what the notebook shows)."""
    namespace: dict = {}
    shown = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        *body, last = ast.parse("".join(cell["source"])).body
        if not isinstance(last, ast.Expr):
            body, last = [*body, last], None
        exec(compile(ast.Module(body, []), notebook.name, "exec"), namespace)
        if last is not None:
            value = compile(ast.Expression(last.value), notebook.name, "eval")
            shown.append(eval(value, namespace))
    return shown


def observers() -> int:
    """Handlers registered on the course state and on the reasoning pauses' states."""
    watched = [state, *pause._states.values()]
    return sum(
        len(handlers)
        for owner in watched
        for by_name in owner._trait_notifiers.values()
        for handlers in by_name.values()
    )


def everything_in(views):
    """The views and every widget inside them, at any depth."""
    for view in views:
        yield view
        yield from everything_in(getattr(view, "children", ()))


def counts() -> tuple[int, int]:
    return len(_instances), observers()


def test_clicks_language_switches_and_reruns_leave_nothing_behind():
    notebook = ROOT / "notebooks" / "04_differential_diagnosis.ipynb"
    shown = run_cells(notebook)
    reveal = next(item for item in everything_in(shown) if isinstance(item, StageReveal))
    state.instructor = True  # past the pause: the questions wait for every finding
    reveal.reveal_all()
    state.instructor = False
    run_cells(notebook)  # the waiting line let go of, the questions made in its place
    shown = run_cells(notebook)
    before = counts()
    ranking = next(
        item for item in everything_in(shown)
        if getattr(item, "question", None) is not None and item.question.kind == "ranking"
    )  # fmt: skip
    first = ranking.answer()
    for _ in range(50):
        ranking.rows.children[1].children[1].click()  # the second item's Up button
    assert ranking.answer() == first, "an even number of swaps gives the first order back"
    for n in range(20):
        state.language = "fr" if n % 2 == 0 else "en"
    for _ in range(5):
        run_cells(notebook)
    assert counts() == before


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_rerunning_every_cell_of_a_notebook_replaces_its_views(notebook):
    run_cells(notebook)
    before = counts()
    run_cells(notebook)
    state.language = "fr"
    state.language = "en"
    assert counts() == before
    # The views closed took their own layouts and styles, not those shared with the new ones.
    for widget in list(_instances.values()):
        for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
            assert part is None or part.comm is not None, f"{widget!r} lost its layout or style"
