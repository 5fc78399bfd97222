"""A notebook's questions wait for its findings: they build on what the page reveals, and some
stems quote it (ESR 43 mm/h, a 7-point score), so a learner who scrolls past the reveals would
read the findings in the questions. Until every finding of the page is revealed, "Check
yourself" says so, and its question widgets are not made: a page loads no model for what the
learner cannot use yet.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from .. import html
from ..model import Case, Lesson
from ..progress import ProgressStore
from ..state import state
from ..status import reveal_counts
from .views import VBox, bilingual_view, close_view, follow


class AfterFindings(VBox):
    def __init__(
        self,
        case: Case,
        lesson: Lesson,
        store: ProgressStore,
        make_views: Callable[[], list[widgets.Widget]],
    ):
        self.case, self.lesson, self.store = case, lesson, store
        self._make_views: Callable[[], list[widgets.Widget]] | None = make_views
        super().__init__(_dom_classes=("clinicase-after-findings",))
        if self.hidden == 0 or state.instructor:
            self._release()
            return
        # A reveal saves the progress (`state.saved`); an instructor sees the questions at once.
        saved = (state, "saved")
        self.children = [bilingual_view(self._waiting_html, "questions-waiting", saved)]
        follow(self, self._on_change, saved, (state, "instructor"))

    @property
    def hidden(self) -> int:
        """How many findings of the page the learner has still to reveal."""
        counts = reveal_counts(self.case, self.lesson, self.store.read())
        return sum(total - shown for shown, total in counts)

    def _waiting_html(self, lang: str) -> str:
        return html.widget_view("questions_waiting", self.hidden, lang)

    def _on_change(self, _) -> None:
        if self._make_views is None:
            return
        if self.hidden == 0 or state.instructor:
            waiting = self.children[0]
            self._release()
            close_view(waiting)

    def _release(self) -> None:
        self.children, self._make_views = self._make_views(), None
