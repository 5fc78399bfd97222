"""Views that follow the course state until they are closed, and the accessible look of the
controls.

Every handler a view registers on the course state (or on another shared object) is removed when
that view is closed; `close_view` closes a view with everything it holds, which is what a re-run
notebook cell does to the view it made before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import ipywidgets as widgets
import traitlets

from .. import html
from ..i18n import N_, ui
from ..loader import CaseDataError
from ..model import LANGUAGES
from ..state import state

# A dark blue with white text: 9:1 contrast. The stock "info" style fails WCAG AA.
_ACTION_STYLE = {"button_color": "#1f4e79", "text_color": "#ffffff", "font_weight": "bold"}

Source = tuple[traitlets.HasTraits, str]
W = TypeVar("W", bound=widgets.Widget)


def on_close(widget: widgets.Widget, callback: Callable[[], object]) -> None:
    """Call `callback()` once, when `widget` is closed (its comm goes away)."""

    def closed(change) -> None:
        if change["new"] is None:
            widget.unobserve(closed, names="comm")
            callback()

    widget.observe(closed, names="comm")


def follow(widget: widgets.Widget, handler: Callable, *sources: Source) -> None:
    """Call `handler(change)` whenever one of `sources` ((object, trait) pairs) changes, for as
    long as `widget` is open."""
    for owner, name in sources:
        owner.observe(handler, names=name)
        on_close(widget, lambda owner=owner, name=name: owner.unobserve(handler, names=name))


def link(widget: widgets.Widget, source: Source, target: Source) -> None:
    """Keep two traits equal (the course state and a switch) while `widget` is open; `target`
    starts with the value of `source`."""
    on_close(widget, traitlets.link(source, target).unlink)


def follow_language(
    widget: widgets.Widget, attribute: str, render: Callable[[str], str], *also: Source
):
    """Set `widget.attribute` to `render(lang)` now, and again whenever the learner switches
    language or one of `also` changes, until `widget` is closed."""

    def update(_=None) -> None:
        setattr(widget, attribute, render(state.language))

    update()
    follow(widget, update, (state, "language"), *also)
    return widget


def follow_options(choice: widgets.Widget, options: Callable[[str], list[tuple[str, object]]]):
    """Relabel the choices of a selection widget (`options(lang)`) when the learner switches
    language, keeping the one selected."""

    def relabel(change) -> None:
        value = choice.value
        choice.options = options(change["new"])
        choice.value = value

    follow(choice, relabel, (state, "language"))


# The open view that carries the course stylesheet (see `bilingual_view`).
_stylesheet_holder: list[widgets.HTML] = []


def bilingual_view(render: Callable[[str], str], css: str = "", *also: Source, **traits) -> HTML:
    """An HTML view showing `render(lang)`, re-rendered when the language or `also` changes;
    `traits` are the widget's own (its `layout`).

    The course stylesheet goes to the page once: with the first such view of the kernel, and
    again with the next one after that view is closed."""
    first = not _stylesheet_holder or _stylesheet_holder[0].comm is None
    if first:
        content = render
        render = lambda lang: str(html.stylesheet()) + content(lang)  # noqa: E731
    view = make(HTML, css, value=render, follow=also, **traits)
    if first:
        _stylesheet_holder[:] = [view]
    return view


def close_view(view: widgets.Widget) -> None:
    """Close a view and every widget it holds (children, layouts, styles; not the shared ones),
    so that none stays in the kernel's registry of widget models and every handler they
    registered is removed."""
    for name in view.keys:
        value = getattr(view, name)
        for item in value if isinstance(value, (list, tuple)) else (value,):
            open_ = isinstance(item, widgets.Widget) and item.comm is not None
            if open_ and item not in _shared.values():
                close_view(item)
    view.close()


# The page loads every widget model the kernel makes, and every change made to one after: a
# notebook had 250 models and as many changes sent before the learner saw anything. So the
# course's widgets share the layouts and styles that no code changes, and are made in their
# final state at once (`make`).
_shared: dict[tuple, widgets.Widget] = {}


def shared(kind: type[widgets.Widget], **traits) -> widgets.Widget:
    """The one open `kind(**traits)` (a Layout or a style), made again if it was closed."""
    key = (kind, *sorted(traits.items()))
    one = _shared.get(key)
    if one is None or one.comm is None:
        one = _shared[key] = kind(**traits)
    return one


class Lean(traitlets.HasTraits):
    """A widget of the course: the shared default layout and style unless given its own. One
    that is shown and hidden, or sized, is given its own `layout=`: a change to the shared one
    would change every widget."""

    @traitlets.default("layout")
    def _shared_layout(self):
        return shared(widgets.Layout)

    @traitlets.default("style")
    def _shared_style(self):
        return shared(self.traits()["style"].klass)


class HTML(Lean, widgets.HTML): ...


class Label(Lean, widgets.Label): ...


class Button(Lean, widgets.Button): ...


class Checkbox(Lean, widgets.Checkbox): ...


class Dropdown(Lean, widgets.Dropdown): ...


class RadioButtons(Lean, widgets.RadioButtons): ...


class Select(Lean, widgets.Select): ...


class Text(Lean, widgets.Text): ...


class Textarea(Lean, widgets.Textarea): ...


class Box(Lean, widgets.Box): ...


class HBox(Lean, widgets.HBox): ...


class VBox(Lean, widgets.VBox): ...


class GridBox(Lean, widgets.GridBox): ...


def make(kind: type[W], *classes: str, follow: Iterable[Source] = (), **traits) -> W:
    """A `kind` widget with the CSS `classes`, made in its final state at once. A trait given as
    a function of the language is rendered now, and again at every switch of language and every
    change of a `follow` source, until the widget is closed; options keep the one chosen."""
    live = {name: render for name, render in traits.items() if callable(render)}
    traits.update((name, render(state.language)) for name, render in live.items())
    widget = kind(_dom_classes=tuple(filter(None, classes)), **traits)
    for name, render in live.items():
        if name == "options":
            follow_options(widget, render)
        else:
            follow_language(widget, name, render, *follow)
    return widget


def button(
    key: str,
    css: str,
    *,
    primary: bool = False,
    tooltip_key: str = "",
    shown: bool | None = None,
    disabled: bool = False,
    **fields,
) -> Button:
    """A button labelled with text from the interface strings (never an icon alone). One that is
    shown and hidden says whether it is `shown` at first, and gets a layout of its own."""
    style = shared(widgets.ButtonStyle, **(_ACTION_STYLE if primary else {}))
    if shown is None:
        layout = shared(widgets.Layout, width="auto")
    else:
        layout = widgets.Layout(width="auto", display=None if shown else "none")
    tooltip = {"tooltip": lambda lang: ui(tooltip_key, lang, **fields)} if tooltip_key else {}
    return make(
        Button, css, style=style, layout=layout, disabled=disabled,
        description=lambda lang: ui(key, lang, **fields), **tooltip,
    )  # fmt: skip


def case_data_problem(error: CaseDataError, *, in_notebook: bool = False) -> HTML:
    """What a learner sees instead of a traceback when the case data is broken, or when a
    notebook cell names something the course does not have (`in_notebook`): in every language,
    since the language setting may be what failed to load."""
    problems = [str(p) for p in error.problems]
    if in_notebook:
        title, explained = N_("notebook_error_title"), N_("notebook_error_help")
    else:
        title, explained = N_("data_error_title"), N_("data_error_help")
    return HTML(
        html.widget_view("data_problem", title, explained, problems, LANGUAGES),
        _dom_classes=("clinicase-error",),
    )
