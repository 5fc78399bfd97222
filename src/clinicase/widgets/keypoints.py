"""A notebook's key points and what comes next, which restate its answers: they open once the
learner has answered every question of the notebook, or asks for them, or in instructor mode."""

from __future__ import annotations

import traitlets

from .. import html
from ..model import Case, Lesson
from ..progress import ProgressStore
from ..state import state
from .views import HTML, HBox, VBox, button, follow, make


class KeyPoints(VBox):
    opened = traitlets.Bool(False, help="the learner asked for the key points before answering")

    def __init__(self, case: Case, lesson: Lesson, store: ProgressStore):
        self.case, self.lesson, self.store = case, lesson, store
        self.question_ids = [q.id for q in case.questions_for(lesson.id)]
        self.opened = bool(store.read().key_points.get(lesson.id))
        changes = [(self, "opened"), (state, "instructor"), (state, "answers")]
        self.show_button = button("show_key_points", "keypoints-show", shown=not self.unlocked)
        self.show_button.on_click(lambda _: self.show_now())
        self.status = make(HTML, "keypoints-status", value=self._status_html, follow=changes)
        self.content = make(HTML, "outro", value=self._content_html, follow=changes)
        follow(self.show_button, self._show_button, *changes)
        super().__init__(
            [self.status, HBox([self.show_button]), self.content],
            _dom_classes=("clinicase-keypoints",),
        )

    @property
    def unlocked(self) -> bool:
        return state.instructor or self.opened or self.answered() == len(self.question_ids)

    def answered(self) -> int:
        answers = self.store.read().answers
        return sum(q in answers for q in self.question_ids)

    def show_now(self) -> None:
        """Shown now, and saved: the learner chose to read them before answering."""
        self.store.update(lambda progress: progress.key_points.update({self.lesson.id: True}))
        self.opened = True

    def _show_button(self, _=None) -> None:
        self.show_button.layout.display = "none" if self.unlocked else None

    def _status_html(self, lang: str) -> str:
        if self.unlocked:
            return ""
        return html.widget_view("key_points_locked", self.answered(), len(self.question_ids), lang)

    def _content_html(self, lang: str) -> str:
        return html.lesson_outro(self.case, self.lesson, lang) if self.unlocked else ""
