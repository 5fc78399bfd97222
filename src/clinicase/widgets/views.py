"""Views whose text follows the course language."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..i18n import ui
from ..loader import CaseDataError
from ..model import LANGUAGES
from .language import current_language, observe_language


def bilingual_view(render: Callable[[str], str], css: str = "") -> widgets.HTML:
    """An HTML view showing `render(lang)`, re-rendered whenever the learner switches language."""
    view = widgets.HTML(render(current_language()))
    if css:
        view.add_class(css)

    def update(lang: str) -> None:
        view.value = render(lang)

    observe_language(update)
    return view


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
