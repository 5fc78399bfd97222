"""Question widgets: one class per kind of answer, sharing the check-feedback-retry cycle.

Grading is `clinicase.marking`'s; the learner's first and latest answers are saved in the progress
store, so feedback comes back after a restart. The first answer is the one scored.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

import ipywidgets as widgets
import traitlets

from .. import render
from ..i18n import ui
from ..marking import AnswerError, grade, right_answer
from ..model import Case, Question
from ..progress import ProgressStore
from .instructor import when_instructor
from .language import current_language, observe_language
from .pause import notice
from .views import bilingual_view, button, follow_language


class AnswerCount(traitlets.HasTraits):
    """Bumped on every checked answer, so that tallies can refresh."""

    checked = traitlets.Int(0)


answers_changed = AnswerCount()


class QuestionWidget(widgets.VBox):
    """The shared cycle: the kind's input, a check button, feedback, and the saved answers."""

    def __init__(self, case: Case, question: Question, number: int, store: ProgressStore):
        self.case, self.question, self.store = case, question, store
        self._notice: tuple[str, dict] = ("", {})
        self.check_button = button("submit", f"question-check-{question.id}", primary=True)
        self.check_button.on_click(lambda _: self.check())
        self.message = follow_language(
            widgets.HTML(), "value", lambda lang: notice(self._notice[0], lang, **self._notice[1])
        )
        self.feedback = follow_language(widgets.HTML(), "value", self._feedback_html)
        self.feedback.add_class("question-feedback")
        super().__init__(
            [
                bilingual_view(lambda lang: render.question_stem(question, number, lang)),
                self.input_widget(),
                widgets.HBox([self.check_button]),
                self.message,
                self.feedback,
                when_instructor(self._key_html),
            ]
        )
        self.add_class("clinicase-question")
        self.add_class(f"question-{question.id}")
        saved = self.saved()
        if saved:
            self.restore(saved["latest"]["answer"])
            self.feedback.value = self._feedback_html(current_language())

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
        except AnswerError as error:
            self._say(error.key, **error.values)
            return
        withheld = self.case.answers_withheld
        record = {
            "answer": sorted(answer) if isinstance(answer, set) else answer,
            "correct": None if withheld else result.correct,
            "credit": 0.0 if withheld else result.credit,
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }

        def save(data: dict) -> None:
            entry = data.setdefault("answers", {}).setdefault(self.question.id, {})
            entry.setdefault("first", record)
            entry["latest"] = record

        self.store.update(save)
        self._say("")
        self.feedback.value = self._feedback_html(current_language())
        answers_changed.checked += 1

    def saved(self) -> dict | None:
        return self.store.get("answers", self.question.id)

    def _key_html(self, lang: str) -> str:
        q = self.question
        if self.case.answers_withheld:
            return ""
        return (
            f'<p lang="{lang}" class="answer-key"><strong>🔑 {ui("answer_key_inline", lang)}: '
            f"{render.esc(right_answer(q, lang))}</strong> — {render.esc(q.explanation[lang])}</p>"
        )

    def _say(self, key: str, **values: object) -> None:
        self._notice = (key, values)
        self.message.value = notice(key, current_language(), **values)

    def _feedback_html(self, lang: str) -> str:
        saved = self.saved()
        if not saved:
            return ""
        latest = saved["latest"]["answer"]
        if self.case.answers_withheld:
            return render.answer_recorded(self.question, latest, lang)
        answer = set(latest) if self.question.kind == "multiple" else latest
        result = grade(self.question, answer)
        return render.question_feedback(
            self.case, self.question, result, latest, saved["first"], lang
        )


class SingleChoice(QuestionWidget):
    def input_widget(self):
        options = self.question.options
        self.choice = widgets.RadioButtons(
            options=[(o.text[current_language()], o.id) for o in options],
            index=None,
            layout=widgets.Layout(width="auto"),
        )
        observe_language(self._relabel)
        return self.choice

    def _relabel(self, lang: str) -> None:
        value = self.choice.value
        self.choice.options = [(o.text[lang], o.id) for o in self.question.options]
        self.choice.value = value

    def answer(self):
        return self.choice.value

    def restore(self, answer) -> None:
        self.choice.value = answer


class MultipleAnswer(QuestionWidget):
    def input_widget(self):
        self.boxes = {}
        for option in self.question.options:
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
    """Numeric and free-text questions: a text field, parsed by the grader."""

    def input_widget(self):
        self.field = widgets.Text(layout=widgets.Layout(width="22em"))
        self.field.style.description_width = "initial"
        key = "number_placeholder" if self.question.kind == "numeric" else "text_placeholder"
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
    """Items in a shuffled order (the same for every learner); Up and Down move them."""

    def input_widget(self):
        ids = [o.id for o in self.question.options]
        self.order = ids[:]
        random.Random(self.question.id).shuffle(self.order)
        if self.order == ids:
            self.order.reverse()
        self.rows = widgets.VBox()
        observe_language(lambda lang: self._draw())
        self._draw()
        return self.rows

    def move(self, index: int, step: int) -> None:
        other = index + step
        if 0 <= other < len(self.order):
            self.order[index], self.order[other] = self.order[other], self.order[index]
            self._draw()

    def _draw(self) -> None:
        lang = current_language()
        texts = {o.id: o.text[lang] for o in self.question.options}
        rows = []
        for i, option_id in enumerate(self.order):
            css = f"{self.question.id}-{i + 1}"
            up = button("move_up", f"rank-up-{css}", tooltip_key="move_up_help", n=i + 1)
            down = button("move_down", f"rank-down-{css}", tooltip_key="move_down_help", n=i + 1)
            up.disabled, down.disabled = i == 0, i == len(self.order) - 1
            up.on_click(lambda _, i=i: self.move(i, -1))
            down.on_click(lambda _, i=i: self.move(i, +1))
            label = widgets.HTML(f"<span>{i + 1}. {render.esc(texts[option_id])}</span>",
                                 layout=widgets.Layout(width="26em"))  # fmt: skip
            rows.append(widgets.HBox([label, up, down]))
        self.rows.children = rows

    def answer(self):
        return list(self.order)

    def restore(self, answer) -> None:
        self.order = list(answer)
        self._draw()


class RegionQuestion(SingleChoice):
    """Click on the body map (ipympl) or, from the keyboard, choose the region in the list."""

    def input_widget(self):
        from ipympl.backend_nbagg import Canvas, FigureManager

        from .. import plots

        choices = super().input_widget()
        self.figure = plots.body_outline(current_language())
        self.canvas = Canvas(self.figure)
        FigureManager(self.canvas, 0)
        self.canvas.toolbar_visible = self.canvas.header_visible = False
        self.canvas.footer_visible = self.canvas.resizable = False
        self.canvas.add_class(f"region-canvas-{self.question.id}")
        self.canvas.mpl_connect("button_press_event", self.on_click)
        observe_language(self._redraw)
        caption = bilingual_view(lambda lang: f"<p>{ui('region_list', lang)}</p>")
        return widgets.VBox([self.canvas, caption, choices])

    def on_click(self, event) -> None:
        from .. import plots

        if event.inaxes is None or event.xdata is None:
            return
        view = ("front", "back")[self.figure.axes.index(event.inaxes)]
        regions = [o.id for o in self.question.options]
        region = plots.region_at(view, event.xdata, event.ydata, regions)
        if region is None:
            self._say("answer_choose_region")
            return
        self.choice.value = region
        self.check()

    def _redraw(self, lang: str) -> None:
        from .. import plots

        fresh = plots.body_outline(lang)
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
    """The learner's score for a notebook's questions, refreshed after every answer."""
    questions = case.questions_for(lesson_id)

    def draw(lang: str) -> str:
        answers = store.get("answers", default={})
        return render.quiz_tally(questions, answers, lang, case.answers_withheld)

    view = bilingual_view(draw, "quiz-tally")
    answers_changed.observe(lambda _: setattr(view, "value", draw(current_language())), "checked")
    return view
