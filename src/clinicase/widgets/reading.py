"""What a view reads like without a kernel: the HTML that GitHub, nbviewer, a static export and
JupyterLab (before the cells run) show in place of the widget, and that the static site uses.

`readable(view)` makes a view's output carry, beside the widget, a `text/html` rendering of what
a learner can read there without having done anything (every reveal open, no pause committed, no
question answered) and a one-sentence `text/plain`. A live front end (JupyterLab, Voilà) shows the
widget; a page without the widget's model shows the HTML. Nothing there is an answer: questions
show their stem and options (in a fixed order that is not the key's), pauses their prompt,
calculators their checklist; feedback, expert reasoning and keys never.

It is rendered from the same templates as the live view, and is deterministic (no ids, no dates),
so strict nbval compares it.
"""

from __future__ import annotations

from functools import singledispatch
from weakref import WeakSet

import ipywidgets as widgets

from .. import html
from ..i18n import ui
from ..model import LongMenu, Question
from ..state import state
from .after_findings import AfterFindings
from .calculators import AcrEularCalculator, MrssCalculator
from .pause import ReasoningPauseWidget, SynthesisWidget
from .questions import QuestionWidget
from .reveal import StageReveal


def readable(view: widgets.Widget) -> widgets.Widget:
    """`view`, whose displayed output also carries its reading (text/html) and a sentence
    (text/plain) instead of the widget's repr. Set on the instance: the views are of many
    classes, and a live front end never sees the difference."""

    def bundle(**kwargs):
        lang = state.language
        shown = {
            # ipywidgets' own bundle holds this too, with a text/plain made from the repr of
            # every widget inside the view: a tenth of a second on a page of hundreds.
            WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": view.model_id},
            "text/plain": ui("view_without_kernel", lang),
        }
        if not state.voila:  # Voilà always shows the widget, and would send the reading in the
            shown["text/html"] = reading(view, lang)  # page for nothing (06: 137 kB of figures)
        return shown

    view._repr_mimebundle_ = bundle
    return view


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_live_only: WeakSet[widgets.Widget] = WeakSet()


def live_only(view: widgets.Widget) -> widgets.Widget:
    """`view`, which means something only while the learner works (a tally of their answers):
    it reads as nothing."""
    _live_only.add(view)
    return view


def reading(view: widgets.Widget, lang: str) -> str:
    """The static HTML of `view` in `lang`."""
    return "" if view in _live_only else _reading(view, lang)


@singledispatch
def _reading(view: widgets.Widget, lang: str) -> str:
    """Nothing, for a control (a button, a field, a switch)."""
    return ""


@_reading.register
def _(view: widgets.HTML, lang: str) -> str:
    if view.layout.display == "none":
        return ""
    return view.value.replace(str(html.stylesheet()), "")  # the page brings its own


@_reading.register
def _(view: widgets.Box, lang: str) -> str:
    if view.layout.display == "none":
        return ""
    return "".join(reading(child, lang) for child in view.children)


@_reading.register
def _(view: StageReveal, lang: str) -> str:
    """The stage with all its findings, and what follows them: what "Reveal all" shows."""
    header = reading(view.children[0], lang)
    then = view.then(lang) if view.then is not None else ""
    return header + html.revealed(view.case, view.findings, lang) + then


@_reading.register
def _(view: ReasoningPauseWidget, lang: str) -> str:
    """The prompt, and what to write on paper before reading on; never the expert's answer."""
    labels = [ui(view.TEXTS["problem"], lang), ui(view.TEXTS["list"], lang)]
    return reading(view.children[0], lang) + html.widget_view("static_blanks", labels, lang)


@_reading.register
def _(view: SynthesisWidget, lang: str) -> str:
    return html.widget_view("static_blanks", [ui(key, lang) for key in view.PARTS], lang)


@_reading.register
def _(view: QuestionWidget, lang: str) -> str:
    return _question(view.question, view.number, lang)


@_reading.register
def _(view: AfterFindings, lang: str) -> str:
    """The questions, whether they still wait for the findings or not: a reader without a kernel
    reads the whole page."""
    questions = view.case.questions_for(view.lesson.id)
    return "".join(_question(question, n, lang) for n, question in enumerate(questions, 1))


def _question(question: Question | LongMenu, number: int, lang: str) -> str:
    """The stem and the options (a long menu's tests) in alphabetical order: not the key's, not
    a learner's."""
    if question.kind == "longmenu":
        texts, most = [item.name[lang] for item in question.items], question.pick_max
    else:
        texts, most = [option.text[lang] for option in question.options], None
    options = sorted(texts, key=str.casefold)
    return html.question_stem(question, number, lang) + html.widget_view(
        "static_question", question.kind, options, most, lang
    )


@_reading.register
def _(view: MrssCalculator, lang: str) -> str:
    return reading(view.children[0], lang) + html.widget_view(
        "static_note", ui("calculator_without_kernel", lang), lang
    )


@_reading.register
def _(view: AcrEularCalculator, lang: str) -> str:
    """The criteria and their items with their points: the checklist, unticked."""
    parts = [reading(view.children[0], lang)]
    for row in view.children[1:]:
        if isinstance(row, widgets.Checkbox):
            parts.append(html.widget_view("static_item", row.description, lang))
        elif isinstance(row, widgets.HTML):
            parts.append(reading(row, lang))
    parts.append(html.widget_view("static_note", ui("calculator_without_kernel", lang), lang))
    return "".join(parts)
