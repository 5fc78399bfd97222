"""Question widgets: one class per kind of answer, sharing the check-feedback-retry cycle.

Marking is `clinicase.marking`'s; the learner's first and latest answers are saved in the progress
store, so feedback comes back after a restart. The first answer is the one marked. A first answer
that is not right gets only the feedback of what was chosen and a hint; the full feedback, the key
and the explanation come after a second answer or "Show the answer". Options appear in an order
drawn for each learner (the seed is saved with the progress).
"""

from __future__ import annotations

from datetime import datetime, timezone

import ipywidgets as widgets
import traitlets

from .. import html
from ..i18n import N_, ui
from ..marking import AnswerError, grade, refuse_slips
from ..model import Case, Question
from ..progress import CONFIDENCE, AnswerRecord, Attempt, ProgressStore
from ..state import state
from .instructor import when_instructor
from .pause import not_saved, notice_html
from .views import bilingual_view, button, follow, follow_language, follow_options


class QuestionWidget(widgets.VBox):
    """The shared cycle: the kind's input, a check button, feedback, and the saved answers."""

    notice = traitlets.Tuple(
        traitlets.Unicode(), traitlets.Dict(), default_value=("", {}),
        help="the refusal shown (interface key and its values), if any",
    )  # fmt: skip

    def __init__(self, case: Case, question: Question, number: int, store: ProgressStore):
        self.case, self.question, self.store = case, question, store
        self.option_ids = self._option_order() if question.options else []
        # Radio buttons, not toggle buttons: a toggle button shows its state by shade alone and
        # ipywidgets gives it no aria-pressed; a radio shows a dot and is announced "checked".
        self.confidence = widgets.RadioButtons(
            options=self._confidences(state.language),
            index=None,  # optional: nothing is chosen for the learner
            orientation="horizontal",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        follow_options(self.confidence, self._confidences)
        follow_language(self.confidence, "description", lambda lang: ui("confidence_label", lang))
        self.confidence.add_class("clinicase-confidence")
        self.confidence.add_class(f"question-confidence-{question.id}")
        self.show_button = button("show_answer", f"question-show-{question.id}")
        self.show_button.on_click(lambda _: self.show_answer())
        self.check_button = button("submit", f"question-check-{question.id}", primary=True)
        self.check_button.on_click(lambda _: self.check())
        self.message = follow_language(
            widgets.HTML(),
            "value",
            lambda lang: notice_html(self.notice[0], lang, **self.notice[1]),
            (self, "notice"),
        )
        self.feedback = follow_language(widgets.HTML(), "value", self._feedback_html)
        self.feedback.add_class("question-feedback")
        super().__init__(
            [
                bilingual_view(lambda lang: html.question_stem(question, number, lang)),
                self.input_widget(),
                self.confidence,
                widgets.HBox([self.check_button, self.show_button]),
                self.message,
                self.feedback,
                when_instructor(self._key_html),
            ]
        )
        self.add_class("clinicase-question")
        self.add_class(f"question-{question.id}")
        saved = self.saved()
        if saved:
            self.restore(saved.latest.answer)
        self._refresh()

    # -- what each kind provides -----------------------------------------------------------

    def input_widget(self) -> widgets.Widget:
        raise NotImplementedError

    def answer(self):
        """The learner's answer as `clinicase.marking.grade` takes it."""
        raise NotImplementedError

    def restore(self, answer) -> None:
        """Put a saved answer back into the input."""
        raise NotImplementedError

    # -- the shared cycle ------------------------------------------------------------------

    def check(self) -> None:
        answer = self.answer()
        try:
            result = grade(self.question, answer)
            refuse_slips(self.question, answer, result)
        except AnswerError as error:
            self.notice = (error.key, error.values)
            return
        withheld = self.case.answers_withheld
        attempt = Attempt(
            answer=sorted(answer) if isinstance(answer, set) else answer,
            correct=None if withheld else result.correct,
            credit=0.0 if withheld else result.credit,
            confidence=self.confidence.value,
            at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        self.store.update(lambda progress: progress.answered(self.question.id, attempt))
        self.notice = (not_saved(self.store), {})
        self._refresh()
        state.answers += 1

    def show_answer(self) -> None:
        """Give up the second attempt: the full feedback, the key and the explanation."""

        def shown(progress) -> None:
            progress.answers[self.question.id].shown = True

        self.store.update(shown)
        self.notice = (not_saved(self.store), {})
        self._refresh()

    def saved(self) -> AnswerRecord | None:
        return self.store.read().answers.get(self.question.id)

    def second_chance(self, saved: AnswerRecord | None) -> bool:
        """Whether the learner is between a first answer that is not right and a second one."""
        if saved is None or self.case.answers_withheld or saved.attempts > 1 or saved.shown:
            return False
        return not saved.latest.correct

    def _refresh(self) -> None:
        self.feedback.value = self._feedback_html(state.language)
        self.show_button.layout.display = None if self.second_chance(self.saved()) else "none"

    def _option_order(self) -> list[str]:
        progress = self.store.read()
        if progress.seed is None:  # the first question this learner sees: draw and save the seed
            progress = self.store.update(lambda p: p.option_order(self.question))
        return progress.option_order(self.question)

    @staticmethod
    def _confidences(lang: str) -> list[tuple[str, str]]:
        return [(ui(CONFIDENCE_LABELS[c], lang), c) for c in CONFIDENCE]

    def _key_html(self, lang: str) -> str:
        return "" if self.case.answers_withheld else html.answer_key_inline(self.question, lang)

    def _feedback_html(self, lang: str) -> str:
        saved = self.saved()
        if not saved:
            return ""
        latest = saved.latest.answer
        if self.case.answers_withheld:
            return html.answer_recorded(self.question, latest, lang)
        answer = set(latest) if self.question.kind == "multiple" else latest
        result = grade(self.question, answer)
        if self.second_chance(saved):
            return html.first_try_feedback(self.question, result, latest, lang, self.option_ids)
        return html.question_feedback(
            self.case, self.question, result, latest, saved.first, lang, self.option_ids
        )


CONFIDENCE_LABELS = {
    "sure": N_("confidence_sure"),
    "unsure": N_("confidence_unsure"),
    "guessing": N_("confidence_guessing"),
}


class SingleChoice(QuestionWidget):
    def input_widget(self):
        self.choice = widgets.RadioButtons(
            options=self._options(state.language), index=None, layout=widgets.Layout(width="auto")
        )
        follow_options(self.choice, self._options)
        return self.choice

    def _options(self, lang: str) -> list[tuple[str, str]]:
        texts = {o.id: o.text[lang] for o in self.question.options}
        return [(texts[option_id], option_id) for option_id in self.option_ids]

    def answer(self):
        return self.choice.value

    def restore(self, answer) -> None:
        self.choice.value = answer


class MultipleAnswer(QuestionWidget):
    def input_widget(self):
        self.boxes = {}
        options = {o.id: o for o in self.question.options}
        for option in (options[option_id] for option_id in self.option_ids):
            box = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="auto"))
            follow_language(box, "description", lambda lang, o=option: o.text[lang])
            self.boxes[option.id] = box
        return widgets.VBox(list(self.boxes.values()))

    def answer(self):
        return {option_id for option_id, box in self.boxes.items() if box.value}

    def restore(self, answer) -> None:
        for option_id, box in self.boxes.items():
            box.value = option_id in answer


class TypedAnswer(QuestionWidget):
    """Numeric and free-text questions: a text field, read by the marking."""

    def input_widget(self):
        self.field = widgets.Text(layout=widgets.Layout(width="22em"))
        self.field.style.description_width = "initial"
        numeric = self.question.kind == "numeric"
        key = N_("number_placeholder") if numeric else N_("text_placeholder")
        follow_language(self.field, "placeholder", lambda lang: ui(key, lang))
        follow_language(self.field, "description", lambda lang: ui("your_answer_label", lang))
        self.field.add_class(f"question-input-{self.question.id}")
        if self.question.answer is None:  # a student build: the unit went with the key
            return self.field
        unit = widgets.Label()
        follow_language(unit, "value", lambda lang: self.question.answer.unit[lang])
        return widgets.HBox([self.field, unit])

    def answer(self):
        return self.field.value

    def restore(self, answer) -> None:
        self.field.value = answer


class Ranking(QuestionWidget):
    """Items in the learner's shuffled order (never the expected one); Up and Down move them. One
    row per rank: a move changes which item the rows show, not the rows."""

    order = traitlets.List(traitlets.Unicode(), help="option ids, first rank first")

    def input_widget(self):
        self.order = list(self.option_ids)
        self.rows = widgets.VBox([self._row(i) for i in range(len(self.order))])
        return self.rows

    def move(self, index: int, step: int) -> None:
        other = index + step
        if 0 <= other < len(self.order):
            order = list(self.order)
            order[index], order[other] = order[other], order[index]
            self.order = order

    def _row(self, index: int) -> widgets.HBox:
        css, n = f"{self.question.id}-{index + 1}", index + 1
        up = button("move_up", f"rank-up-{css}", tooltip_key="move_up_help", n=n)
        down = button("move_down", f"rank-down-{css}", tooltip_key="move_down_help", n=n)
        up.disabled, down.disabled = index == 0, index == len(self.order) - 1
        up.on_click(lambda _: self.move(index, -1))
        down.on_click(lambda _: self.move(index, +1))
        texts = {o.id: o.text for o in self.question.options}
        label = bilingual_view(
            lambda lang: html.widget_view("ranked_item", n, texts[self.order[index]][lang], lang),
            "",
            (self, "order"),
        )
        label.layout.width = "26em"
        return widgets.HBox([label, up, down])

    def answer(self):
        return list(self.order)

    def restore(self, answer) -> None:
        if sorted(answer) == sorted(self.order):  # not an order of items the bank no longer has
            self.order = list(answer)


class RegionQuestion(SingleChoice):
    """Click on the body map (ipympl) or, from the keyboard, choose the region in the list."""

    def input_widget(self):
        from ipympl.backend_nbagg import Canvas, FigureManager

        from ..figures import draw

        choices = super().input_widget()
        self.figure = draw.body_outline(state.language)
        self.canvas = Canvas(self.figure)
        FigureManager(self.canvas, 0)
        self.canvas.toolbar_visible = self.canvas.header_visible = False
        self.canvas.footer_visible = self.canvas.resizable = False
        self.canvas.add_class(f"region-canvas-{self.question.id}")
        self.canvas.mpl_connect("button_press_event", self.on_click)
        follow(self.canvas, lambda change: self._redraw(change["new"]), (state, "language"))
        caption = bilingual_view(
            lambda lang: html.widget_view("paragraph", ui("region_list", lang), lang)
        )
        return widgets.VBox([self.canvas, caption, choices])

    def on_click(self, event) -> None:
        from ..figures import draw

        if event.inaxes is None or event.xdata is None:
            return
        view = ("front", "back")[self.figure.axes.index(event.inaxes)]
        regions = [o.id for o in self.question.options]
        region = draw.region_at(view, event.xdata, event.ydata, regions)
        if region is None:
            self.notice = (N_("answer_choose_region"), {})
            return
        self.choice.value = region
        self.check()

    def _redraw(self, lang: str) -> None:
        from ..figures import draw

        fresh = draw.body_outline(lang)
        for old, new in zip(self.figure.axes, fresh.axes, strict=True):
            old.set_title(new.get_title())
            for text_old, text_new in zip(old.texts, new.texts, strict=True):
                text_old.set_text(text_new.get_text())
        self.figure.texts[0].set_text(fresh.texts[0].get_text())
        self.canvas.draw_idle()


WIDGETS = {
    "single": SingleChoice,
    "multiple": MultipleAnswer,
    "numeric": TypedAnswer,
    "text": TypedAnswer,
    "ranking": Ranking,
    "region": RegionQuestion,
}


def question_widget(case: Case, question: Question, number: int, store: ProgressStore):
    return WIDGETS[question.kind](case, question, number, store)


def tally_view(case: Case, lesson_id: str, store: ProgressStore) -> widgets.HTML:
    """The learner's marks for a notebook's questions, refreshed after every answer."""
    questions = case.questions_for(lesson_id)

    def draw(lang: str) -> str:
        answers = store.read().answers
        return html.quiz_tally(questions, answers, lang, case.answers_withheld)

    return bilingual_view(draw, "quiz-tally", (state, "answers"))
