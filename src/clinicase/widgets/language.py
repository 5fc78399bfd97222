"""The course language: one choice per kernel that every view follows as soon as it changes."""

from __future__ import annotations

import os

import ipywidgets as widgets
import traitlets

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, ui
from ..progress import ProgressStore


class _Language(traitlets.HasTraits):
    code = traitlets.Enum(LANGUAGES, default_value=DEFAULT_LANGUAGE)


_requested = os.environ.get("CLINICASE_LANG", DEFAULT_LANGUAGE)
_state = _Language(code=_requested if _requested in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _state.code


def set_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    _state.code = code


def observe_language(callback) -> None:
    """Call `callback(code)` whenever the language changes."""
    _state.observe(lambda change: callback(change["new"]), names="code")


def remember_language(store: ProgressStore) -> None:
    """Take the learner's saved language, and save every later choice to their progress."""
    saved = store.get("language")
    if saved in LANGUAGES:
        _state.code = saved
    if store.path not in _remembered:
        _remembered.add(store.path)
        _state.observe(lambda change: store.set("language", value=change["new"]), names="code")


_remembered: set = set()


def language_switch() -> widgets.RadioButtons:
    """English / Français…, each language named in itself and the label in every language (the
    learner may read only one). Radio buttons show the choice by their checked mark, not by
    colour, and take the arrow keys."""
    switch = widgets.RadioButtons(
        options=[(ui("language_name", lang), lang) for lang in LANGUAGES],
        value=current_language(),
        description=" · ".join(ui("language", lang) for lang in LANGUAGES),
        style={"description_width": "initial"},
    )
    switch.add_class("clinicase-language")
    traitlets.link((switch, "value"), (_state, "code"))
    return switch
