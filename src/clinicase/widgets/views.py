"""Views whose text follows the course language, and the accessible look of the controls."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..i18n import ui
from ..loader import CaseDataError
from ..model import LANGUAGES
from .language import current_language, observe_language

# A dark blue with white text: 9:1 contrast. The stock "info" style fails WCAG AA.
_ACTION_STYLE = {"button_color": "#1f4e79", "text_color": "#ffffff", "font_weight": "bold"}


def follow_language(widget: widgets.Widget, attribute: str, render: Callable[[str], str]):
    """Set `widget.attribute` to `render(lang)` now and whenever the learner switches language."""
    setattr(widget, attribute, render(current_language()))
    observe_language(lambda lang: setattr(widget, attribute, render(lang)))
    return widget


def bilingual_view(render: Callable[[str], str], css: str = "") -> widgets.HTML:
    """An HTML view showing `render(lang)`, re-rendered whenever the learner switches language."""
    view = follow_language(widgets.HTML(), "value", render)
    if css:
        view.add_class(css)
    return view


def button(key: str, css: str, *, primary: bool = False, tooltip_key: str = "", **fields):
    """A button labelled with text from the interface strings (never an icon alone)."""
    control = widgets.Button(layout=widgets.Layout(width="auto"))
    follow_language(control, "description", lambda lang: ui(key, lang, **fields))
    if tooltip_key:
        follow_language(control, "tooltip", lambda lang: ui(tooltip_key, lang, **fields))
    if primary:
        control.style = _ACTION_STYLE
    control.add_class(css)
    return control


def case_data_problem(error: CaseDataError) -> widgets.HTML:
    """What a learner sees instead of a traceback when the case data is broken: in every
    language, since the language setting may be what failed to load."""
    problems = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in error.problems)
    parts = [
        f'<div lang="{lang}"><strong>{ui("data_error_title", lang)}</strong>'
        f"<p>{escape(ui('data_error_help', lang))}</p></div>"
        for lang in LANGUAGES
    ]
    view = widgets.HTML(f'<div role="alert">{"".join(parts)}<ul>{problems}</ul></div>')
    view.add_class("clinicase-error")
    return view
