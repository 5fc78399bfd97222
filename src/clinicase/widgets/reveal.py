"""Progressive disclosure: the findings of a stage, revealed one at a time or all at once.

What is revealed comes from the case data (a finding added to the YAML appears here), and how
far the learner has gone is saved, so a restarted kernel shows the same findings.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import render
from ..i18n import ui
from ..model import Case, Stage
from ..progress import ProgressStore
from .instructor import instructor
from .language import current_language
from .pause import PauseState
from .views import bilingual_view, button, follow_language


class StageReveal(widgets.VBox):
    def __init__(
        self,
        case: Case,
        stage: Stage,
        store: ProgressStore,
        *,
        topic: str | None = None,
        guard: PauseState | None = None,
        guard_notebook: str = "",
    ):
        self.case, self.store, self.guard = case, store, guard
        self.guard_notebook = guard_notebook
        self.findings = tuple(f for f in stage.findings if topic is None or f.topic == topic)
        self.key = stage.id if topic is None else f"{stage.id}:{topic}"
        saved = store.get("reveals", self.key, default=0)
        self.shown = min(saved, len(self.findings)) if isinstance(saved, int) else 0

        self.next_button = button("reveal_next", "reveal-next", primary=True)
        self.all_button = button("reveal_all", "reveal-all")
        self.next_button.on_click(lambda _: self.reveal_next())
        self.all_button.on_click(lambda _: self.reveal_all())
        self.status = follow_language(widgets.HTML(), "value", self._status_html)
        self.status.add_class("reveal-status")
        self.cards = follow_language(widgets.HTML(), "value", self._cards_html)
        self.cards.add_class("reveal-cards")

        super().__init__(
            [
                bilingual_view(lambda lang: render.stage_header(stage, lang)),
                widgets.HBox([self.next_button, self.all_button]),
                self.status,
                self.cards,
            ]
        )
        self.add_class("clinicase-reveal")
        if guard is not None:
            guard.observe(lambda _: self._refresh(), names="done")
            instructor.observe(lambda _: self._refresh(), names="on")
        self._refresh()

    @property
    def locked(self) -> bool:
        return self.guard is not None and not self.guard.done and not instructor.on

    def reveal_next(self) -> None:
        self._reveal(self.shown + 1)

    def reveal_all(self) -> None:
        self._reveal(len(self.findings))

    def _reveal(self, count: int) -> None:
        if self.locked:
            return
        self.shown = min(count, len(self.findings))
        self.store.set("reveals", self.key, value=self.shown)
        self._refresh()

    def _refresh(self) -> None:
        done = self.shown >= len(self.findings)
        self.next_button.disabled = self.all_button.disabled = self.locked or done
        self.status.value = self._status_html(current_language())
        self.cards.value = self._cards_html(current_language())

    def _status_html(self, lang: str) -> str:
        if self.locked:
            text = f"🔒 {ui('locked', lang, notebook=self.guard_notebook)}"
        elif self.shown >= len(self.findings):
            text = f"✔ {ui('all_revealed', lang)}"
        else:
            text = ui("revealed_count", lang, n=self.shown, total=len(self.findings))
        return f'<p lang="{lang}" aria-live="polite">{text}</p>'

    def _cards_html(self, lang: str) -> str:
        return render.revealed(self.case, self.findings[: self.shown], lang) if self.shown else ""
