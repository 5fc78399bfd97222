"""Reasoning pauses: the learner commits a problem representation and a ranked differential
before the next reveal, then sees the expert's beside theirs."""

from __future__ import annotations

from datetime import datetime, timezone

import ipywidgets as widgets
import traitlets

from .. import html
from ..classroom import client as classroom
from ..i18n import N_, ui
from ..marking import MAX_TEXT_CHARS
from ..model import Case, ReasoningPause
from ..progress import PauseEntry, ProgressStore
from ..state import state
from .views import bilingual_view, button, follow_language

RANKS = 5


class PauseState(traitlets.HasTraits):
    """Whether a pause is done (committed or skipped); the reveal it guards observes this."""

    done = traitlets.Bool(False)


_states: dict[tuple[str, str], PauseState] = {}


def pause_state(store: ProgressStore, pause_id: str) -> PauseState:
    """One state per pause in a kernel, initialised from the learner's saved progress."""
    key = (str(store.path), pause_id)
    if key not in _states:
        _states[key] = PauseState(done=pause_id in store.read().pauses)
    return _states[key]


def not_saved(store: ProgressStore) -> str:
    """The notice owed to the learner after a change: none, or that it was not saved."""
    return N_("progress_change_not_saved") if store.problem else ""


def notice_html(key: str, lang: str, **values: object) -> str:
    """A short refusal, marked by a symbol and words, not by colour alone."""
    if not key:
        return ""
    return html.widget_view("notice", key, values, lang)


class ReasoningPauseWidget(widgets.VBox):
    notice = traitlets.Unicode("", help="the key of the refusal shown, if any")
    notice_values = traitlets.Dict(help="the values its text names (a limit)")

    def __init__(self, case: Case, pause: ReasoningPause, store: ProgressStore):
        self.case, self.pause, self.store = case, pause, store
        self.pause_state = pause_state(store, pause.id)

        self.problem = widgets.Textarea(layout=widgets.Layout(width="100%", height="4.5em"))
        self.problem.style.description_width = "initial"
        follow_language(self.problem, "description", lambda lang: ui("problem_label", lang))
        follow_language(self.problem, "placeholder", lambda lang: ui("problem_placeholder", lang))
        self.problem.add_class("pause-problem")

        self.ranks = [self._rank_field(n) for n in range(1, RANKS + 1)]
        self.moves = [self._move_buttons(i) for i in range(RANKS)]
        self.commit_button = button("commit", "pause-commit", primary=True)
        self.skip_button = button("skip", "pause-skip")
        self.commit_button.on_click(lambda _: self.commit())
        self.skip_button.on_click(lambda _: self.skip())

        self.message = follow_language(
            widgets.HTML(),
            "value",
            lambda lang: notice_html(self.notice, lang, **self.notice_values),
            (self, "notice"),
        )
        self.message.add_class("pause-message")
        self.comparison = follow_language(widgets.HTML(), "value", self._comparison_html)
        self.comparison.add_class("pause-comparison")

        super().__init__(
            [
                bilingual_view(lambda lang: html.pause_prompt(pause, lang)),
                self.problem,
                bilingual_view(
                    lambda lang: html.widget_view("paragraph", ui("differential_label", lang), lang)
                ),
                *(widgets.HBox([f, *m]) for f, m in zip(self.ranks, self.moves, strict=True)),
                widgets.HBox([self.commit_button, self.skip_button]),
                self.message,
                self.comparison,
            ]
        )
        self.add_class("clinicase-pause")
        if self.saved() is not None:
            self._show_saved()

    # -- learner actions -------------------------------------------------------------------

    def commit(self) -> None:
        problem = self.problem.value.strip()
        differential = [field.value.strip() for field in self.ranks if field.value.strip()]
        if not problem:
            self.notice = N_("need_problem")
        elif not differential:
            self.notice = N_("need_differential")
        elif any(len(text) > MAX_TEXT_CHARS for text in (problem, *differential)):
            self.notice_values = {"limit": MAX_TEXT_CHARS}
            self.notice = N_("answer_too_long")
        else:
            self._save(PauseEntry(problem=problem, differential=differential))

    def skip(self) -> None:
        self._save(PauseEntry(skipped=True))

    def move(self, index: int, step: int) -> None:
        """Swap diagnosis `index` with its neighbour `step` places away (ranking by hand)."""
        other = index + step
        if 0 <= other < RANKS:
            a, b = self.ranks[index], self.ranks[other]
            a.value, b.value = b.value, a.value

    def saved(self) -> PauseEntry | None:
        return self.store.read().pauses.get(self.pause.id)

    # -- helpers ---------------------------------------------------------------------------

    def _rank_field(self, n: int) -> widgets.Text:
        field = widgets.Text(layout=widgets.Layout(width="28em"))
        field.style.description_width = "7em"
        follow_language(field, "description", lambda lang: ui("rank", lang, n=n))
        field.add_class(f"pause-rank-{n}")
        return field

    def _move_buttons(self, index: int) -> tuple[widgets.Button, widgets.Button]:
        n = index + 1
        up = button("move_up", f"pause-up-{n}", tooltip_key="move_up_help", n=n)
        down = button("move_down", f"pause-down-{n}", tooltip_key="move_down_help", n=n)
        up.on_click(lambda _: self.move(index, -1))
        down.on_click(lambda _: self.move(index, +1))
        up.disabled, down.disabled = index == 0, index == RANKS - 1
        return up, down

    def _save(self, entry: PauseEntry) -> None:
        entry.at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.store.update(lambda progress: progress.pauses.update({self.pause.id: entry}))
        classroom.record(self.store, "pause", self.pause.id)
        self.notice = not_saved(self.store)
        self._show_saved()

    def _show_saved(self) -> None:
        entry = self.saved()
        if not entry.skipped:
            self.problem.value = entry.problem
            for field, text in zip(self.ranks, entry.differential + [""] * RANKS, strict=False):
                field.value = text
        for control in (self.problem, *self.ranks, *sum(self.moves, ())):
            control.disabled = True
        self.commit_button.disabled = self.skip_button.disabled = True
        self.comparison.value = self._comparison_html(state.language)
        self.pause_state.done = True

    def _comparison_html(self, lang: str) -> str:
        entry = self.saved()
        return "" if entry is None else html.pause_comparison(self.case, self.pause, entry, lang)
