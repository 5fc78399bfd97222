"""Progressive disclosure: the findings of a stage, revealed one at a time or all at once.

What is revealed comes from the case data (a finding added to the YAML appears here), and how
far the learner has gone is saved, so a restarted kernel shows the same findings. A finding with
a prediction waits for it: the reveal goes no further, and what the finding means stays held
back, until the learner has predicted. What answers a question further down the page is held
back too, until that question is answered.
"""

from __future__ import annotations

from collections.abc import Callable

import traitlets

from .. import html
from ..classroom import client as classroom
from ..i18n import ui
from ..model import Case, Lesson, Stage
from ..progress import NOTHING_HELD, ProgressStore, held_back
from ..state import state
from .pause import PauseState, pause_state
from .prediction import PredictionBox
from .views import HTML, HBox, VBox, bilingual_view, button, close_view, follow, make


class StageReveal(VBox):
    shown = traitlets.Int(0, help="how many findings are revealed")
    predicted = traitlets.Int(0, help="how many predictions were made here; the view follows it")

    def __init__(
        self,
        case: Case,
        stage: Stage,
        store: ProgressStore,
        *,
        topic: str | None = None,
        guard: PauseState | None = None,
        guard_lesson: Lesson | None = None,
        then: Callable[[str], str] | None = None,
    ):
        self.case, self.store, self.guard, self.then = case, store, guard, then
        self.guard_lesson = guard_lesson
        self.lesson_id = state.lesson  # the page: what it holds back follows its questions
        self.findings = tuple(f for f in stage.findings if topic is None or f.topic == topic)
        self.key = stage.id if topic is None else f"{stage.id}:{topic}"
        self.shown = min(store.read().reveals.get(self.key, 0), len(self.findings))

        stopped = self.locked or self.shown >= len(self.findings)
        self.next_button = button("reveal_next", "reveal-next", primary=True, disabled=stopped)
        self.all_button = button("reveal_all", "reveal-all", disabled=stopped)
        self.next_button.on_click(lambda _: self.reveal_next())
        self.all_button.on_click(lambda _: self.reveal_all())
        # What can change the view: a reveal, the pause being done, instructor mode.
        changes = [
            (self, "shown"), (self, "predicted"), (state, "instructor"),
            *classroom.pacing_sources(store),
        ]  # fmt: skip
        if guard is not None:
            changes.append((guard, "done"))
        self.status = make(HTML, "reveal-status", value=self._status_html, follow=changes)
        # The findings' interpretation waits for the pause it would answer (in a later notebook).
        after = case.pause_after(stage.id)
        self.interpreted = pause_state(store, after.id) if after else None
        self.interpreted_lesson = case.lesson_with_pause(after.id) if after else None
        card_changes = [
            (self, "shown"),
            (self, "predicted"),
            (state, "answers"),
            (state, "instructor"),
        ]
        if self.interpreted is not None:
            card_changes.append((self.interpreted, "done"))
        self.cards = make(HTML, "reveal-cards", value=self._cards_html, follow=card_changes)
        # The prediction waiting for the learner, and what `then` shows (e.g. the timeline that
        # ends with the outcome, once the whole stage is revealed), are made when they are due:
        # a page loads no model for what it may never show.
        self.prediction: PredictionBox | None = None
        self.figure: HTML | None = None
        follow(self.next_button, lambda _: self._enable_buttons(), *changes)

        super().__init__(
            [
                bilingual_view(lambda lang: html.stage_header(stage, lang)),
                HBox([self.next_button, self.all_button]),
                self.status,
                self.cards,
            ],
            _dom_classes=("clinicase-reveal",),
        )
        follow(self, lambda _: self._ask(), (self, "shown"), (self, "predicted"),
               (state, "instructor"))  # fmt: skip
        if then is not None:
            follow(self, lambda _: self._show_then(), (self, "shown"))
        self._ask()
        self._show_then()

    @property
    def locked(self) -> bool:
        paused = self.guard is not None and not self.guard.done and not state.instructor
        return paused or classroom.waiting(self.store, self.key) or self.waiting is not None

    @property
    def waiting(self):
        """The prediction the learner owes on a revealed finding (none in instructor mode)."""
        if state.instructor:
            return None
        made = self.store.read().finding_predictions
        return next(
            (p for f in self.findings[: self.shown]
             if f.id not in made and (p := self.case.prediction_for(f.id))),
            None,
        )  # fmt: skip

    def _ask(self) -> None:
        """Show the prediction the learner owes, under the cards; drop the one made."""
        prediction, current = self.waiting, self.prediction
        if current is not None and current.prediction is prediction:
            return
        shown = [child for child in self.children if child is not current]
        if current is not None:
            close_view(current)
        self.prediction = None
        if prediction is not None:
            self.prediction = PredictionBox(self.case, prediction, self.store, self._made)
            shown.insert(shown.index(self.cards) + 1, self.prediction)
        self.children = shown

    def _show_then(self) -> None:
        if self.then is not None and self.figure is None and self.complete:
            self.figure = bilingual_view(self.then, "figure")
            self.children += (self.figure,)

    @property
    def complete(self) -> bool:
        return self.shown >= len(self.findings)

    def _made(self) -> None:
        self.predicted += 1

    def reveal_next(self) -> None:
        self._reveal(self.shown + 1)

    def reveal_all(self) -> None:
        self._reveal(len(self.findings))

    def _reveal(self, count: int) -> None:
        if self.locked:
            return
        shown = min(count, len(self.findings))
        made = self.store.read().finding_predictions
        owed = (
            i + 1
            for i in range(self.shown, shown)
            if self.findings[i].id not in made and self.case.prediction_for(self.findings[i].id)
        )
        shown = shown if state.instructor else next(owed, shown)  # stop where a prediction is owed
        self.store.update(lambda progress: progress.reveals.update({self.key: shown}))
        self.shown = shown
        classroom.record(self.store, "stage", self.key)

    def _enable_buttons(self) -> None:
        self.next_button.disabled = self.all_button.disabled = self.locked or self.complete

    def _status_html(self, lang: str) -> str:
        if classroom.waiting(self.store, self.key):
            symbol, text = "", ui("class_waiting", lang)
        elif self.waiting is not None:
            symbol, text = "", ui("predict_first", lang)
        elif self.locked:
            step = html.step_link(self.case, self.guard_lesson, lang) if self.guard_lesson else ""
            symbol, text = "", html.ui_html("locked", lang, step=step)
        elif self.complete:
            symbol, text = "✔", ui("all_revealed", lang)
        else:
            symbol, text = "", ui("revealed_count", lang, n=self.shown, total=len(self.findings))
        return html.widget_view("reveal_status", symbol, text, lang)

    def _cards_html(self, lang: str) -> str:
        if not self.shown:
            return ""
        revealed, progress = self.findings[: self.shown], self.store.read()
        page = self.lesson_id
        held = NOTHING_HELD if state.instructor else held_back(self.case, progress, page, revealed)
        waiting = self.interpreted is not None and not (self.interpreted.done or state.instructor)
        lesson = self.interpreted_lesson if waiting else None
        return html.revealed(
            self.case, revealed, lang, held, progress.finding_predictions, waiting=lesson
        )
