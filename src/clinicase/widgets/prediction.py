"""Predict, then see: a question on a revealed finding, answered once before what the finding
means appears. The answer is saved with the progress (a restarted kernel shows it in the
finding's card); its verdict and feedback are the card's, and a student build leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_string import TextStyle

from .. import html
from ..classroom import client as classroom
from ..i18n import ui
from ..marking import AnswerError, grade
from ..model import Case, Prediction
from ..progress import Attempt, ProgressStore
from .pause import not_saved, notice_html
from .views import HTML, RadioButtons, Text, VBox, bilingual_view, button, make, shared


class PredictionBox(VBox):
    notice = traitlets.Tuple(
        traitlets.Unicode(), traitlets.Dict(), default_value=("", {}),
        help="the refusal shown (interface key and its values), if any",
    )  # fmt: skip

    def __init__(
        self, case: Case, prediction: Prediction, store: ProgressStore, made: Callable[[], None]
    ):
        self.case, self.prediction, self.store, self.made = case, prediction, store, made
        css = f"prediction-{prediction.finding}"
        if prediction.kind == "single":
            self.choice = make(RadioButtons, f"{css}-answer", options=self._options, index=None)
        else:
            self.choice = make(
                Text, f"{css}-answer",
                layout=shared(widgets.Layout, width="22em"),
                style=shared(TextStyle, description_width="initial"),
                placeholder=lambda lang: ui("text_placeholder", lang),
                description=lambda lang: ui("your_answer_label", lang),
            )  # fmt: skip
        self.submit = button("submit_prediction", f"{css}-submit", primary=True)
        self.submit.on_click(lambda _: self.check())
        self.message = make(
            HTML,
            value=lambda lang: notice_html(self.notice[0], lang, **self.notice[1]),
            follow=[(self, "notice")],
        )
        super().__init__(
            [
                bilingual_view(lambda lang: html.prediction_prompt(case, prediction, lang)),
                self.choice,
                self.submit,
                self.message,
            ],
            _dom_classes=("clinicase-prediction", css),
        )

    def _options(self, lang: str) -> list[tuple[str, str]]:
        return [(o.text[lang], o.id) for o in self.prediction.options]

    def check(self) -> None:
        answer = self.choice.value
        try:
            result = grade(self.prediction, answer)
        except AnswerError as error:
            self.notice = (error.key, error.values)
            return
        withheld = self.case.answers_withheld
        attempt = Attempt(
            answer=answer,
            correct=None if withheld else result.correct,
            credit=0.0 if withheld else result.credit,
            at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        finding = self.prediction.finding
        self.store.update(lambda progress: progress.finding_predictions.update({finding: attempt}))
        classroom.record(self.store, "prediction", finding)
        self.notice = (not_saved(self.store), {})
        self.made()
