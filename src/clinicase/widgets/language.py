"""The course language: one choice per kernel that every view follows as soon as it changes."""

from __future__ import annotations

import os

import ipywidgets as widgets
import traitlets

from ..model import LANGUAGES
from ..progress import ProgressStore


class _Language(traitlets.HasTraits):
    code = traitlets.Enum(LANGUAGES, default_value="en")


_requested = os.environ.get("CLINICASE_LANG", "en")
_state = _Language(code=_requested if _requested in LANGUAGES else "en")


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
    """English / Français, labelled in both languages (the learner may read only one). Radio
    buttons show the choice by their checked mark, not by colour, and take the arrow keys."""
    switch = widgets.RadioButtons(
        options=[("English", "en"), ("Français", "fr")],
        value=current_language(),
        description="Language · Langue",
        style={"description_width": "initial"},
    )
    switch.add_class("clinicase-language")
    traitlets.link((switch, "value"), (_state, "code"))
    return switch
