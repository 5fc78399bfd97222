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
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle

from .. import html
from ..classroom import client as classroom
from ..i18n import N_, ui
from ..i18n.formatting import series
from ..marking import AnswerError, grade, refuse_slips, search_menu
from ..model import Case, LongMenu, Question
from ..progress import CONFIDENCE, AnswerRecord, Attempt, ProgressStore
from ..state import state
from .pause import not_saved, notice_html
from .views import (
    HTML,
    Box,
    Button,
    Checkbox,
    HBox,
    Label,
    RadioButtons,
    Select,
    Text,
    VBox,
    bilingual_view,
    button,
    close_view,
    follow,
    make,
    shared,
)


class QuestionWidget(VBox):
    """The shared cycle: the kind's input, a check button, feedback, and the saved answers."""

    notice = traitlets.Tuple(
        traitlets.Unicode(), traitlets.Dict(), default_value=("", {}),
        help="the refusal shown (interface key and its values), if any",
    )  # fmt: skip

    def __init__(self, case: Case, question: Question, number: int, store: ProgressStore):
        self.case, self.question, self.store, self.number = case, question, store, number
        shuffled = question.kind != "longmenu" and question.options  # a long menu is searched
        self.option_ids = self._option_order() if shuffled else []
        # Radio buttons, not toggle buttons: a toggle button shows its state by shade alone and
        # ipywidgets gives it no aria-pressed; a radio shows a dot and is announced "checked".
        self.confidence = make(
            RadioButtons, "clinicase-confidence", f"question-confidence-{question.id}",
            options=self._confidences,
            index=None,  # optional: nothing is chosen for the learner
            orientation="horizontal",
            style=shared(DescriptionStyle, description_width="initial"),
            layout=shared(widgets.Layout, width="auto"),
            description=lambda lang: ui("confidence_label", lang),
        )  # fmt: skip
        saved = self.saved()
        self.check_button = button("submit", f"question-check-{question.id}", primary=True)
        self.check_button.on_click(lambda _: self.check())
        # "Show the answer" is made when a second chance first needs it (`_refresh`).
        self.show_button: Button | None = None
        self.actions = HBox([self.check_button])
        self.message = make(
            HTML,
            value=lambda lang: notice_html(self.notice[0], lang, **self.notice[1]),
            follow=[(self, "notice")],
        )
        self.feedback = make(
            HTML, "question-feedback", value=self._response_html,
            follow=[*classroom.pacing_sources(store), (state, "instructor")],
        )  # fmt: skip
        answer = self.input_widget()
        if saved:
            self.restore(saved.latest.answer)
        super().__init__(
            [
                bilingual_view(lambda lang: html.question_stem(question, number, lang)),
                answer,
                self.confidence,
                self.actions,
                self.message,
                self.feedback,
            ],
            _dom_classes=("clinicase-question", f"question-{question.id}"),
        )
        self._show_button_if_needed(saved)

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
        classroom.record(self.store, "answer", self.question.id)
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
        self._show_button_if_needed(self.saved())  # first: the page gets it with the feedback
        self.feedback.value = self._response_html(state.language)

    def _show_button_if_needed(self, saved: AnswerRecord | None) -> None:
        """Offer "Show the answer" while the learner has a second chance, and only then."""
        wanted = self.second_chance(saved)
        if self.show_button is None:
            if not wanted:
                return
            self.show_button = button("show_answer", f"question-show-{self.question.id}",
                                      shown=True)  # fmt: skip
            self.show_button.on_click(lambda _: self.show_answer())
            self.actions.children += (self.show_button,)
        self.show_button.layout.display = None if wanted else "none"

    def _option_order(self) -> list[str]:
        progress = self.store.read()
        if progress.seed is None:  # the first question this learner sees: draw and save the seed
            progress = self.store.update(lambda p: p.option_order(self.question))
        return progress.option_order(self.question)

    @staticmethod
    def _confidences(lang: str) -> list[tuple[str, str]]:
        return [(ui(CONFIDENCE_LABELS[c], lang), c) for c in CONFIDENCE]

    def _response_html(self, lang: str) -> str:
        """The feedback, then the answer key while instructor mode is on."""
        keyed = state.instructor and not self.case.answers_withheld
        return self._feedback_html(lang) + (self._key_html(lang) if keyed else "")

    def _key_html(self, lang: str) -> str:
        return html.answer_key_inline(self.question, lang)

    def _feedback_html(self, lang: str) -> str:
        saved = self.saved()
        if not saved:
            return ""
        latest = saved.latest.answer
        if self.case.answers_withheld or classroom.feedback_held(self.store, self.question.id):
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
        self.choice = make(
            RadioButtons,
            options=self._options,
            index=None,
            layout=shared(widgets.Layout, width="auto"),
        )
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
            self.boxes[option.id] = make(
                Checkbox,
                indent=False,
                layout=shared(widgets.Layout, width="auto"),
                description=lambda lang, o=option: o.text[lang],
            )
        return VBox(list(self.boxes.values()))

    def answer(self):
        return {option_id for option_id, box in self.boxes.items() if box.value}

    def restore(self, answer) -> None:
        for option_id, box in self.boxes.items():
            box.value = option_id in answer


class TypedAnswer(QuestionWidget):
    """Numeric and free-text questions: a text field, read by the marking."""

    def input_widget(self):
        numeric = self.question.kind == "numeric"
        key = N_("number_placeholder") if numeric else N_("text_placeholder")
        self.field = make(
            Text, f"question-input-{self.question.id}",
            layout=shared(widgets.Layout, width="22em"),
            style=shared(TextStyle, description_width="initial"),
            placeholder=lambda lang: ui(key, lang),
            description=lambda lang: ui("your_answer_label", lang),
        )  # fmt: skip
        if self.question.answer is None:  # a student build: the unit went with the key
            return self.field
        unit = make(Label, value=lambda lang: self.question.answer.unit[lang])
        return HBox([self.field, unit])

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
        self.rows = VBox([self._row(i) for i in range(len(self.order))])
        return self.rows

    def move(self, index: int, step: int) -> None:
        other = index + step
        if 0 <= other < len(self.order):
            order = list(self.order)
            order[index], order[other] = order[other], order[index]
            self.order = order

    def _row(self, index: int) -> HBox:
        css, n, last = f"{self.question.id}-{index + 1}", index + 1, len(self.order) - 1
        up = button("move_up", f"rank-up-{css}", tooltip_key="move_up_help", n=n,
                    disabled=index == 0)  # fmt: skip
        down = button("move_down", f"rank-down-{css}", tooltip_key="move_down_help", n=n,
                      disabled=index == last)  # fmt: skip
        up.on_click(lambda _: self.move(index, -1))
        down.on_click(lambda _: self.move(index, +1))
        texts = {o.id: o.text for o in self.question.options}
        label = make(
            HTML,
            layout=shared(widgets.Layout, width="26em"),
            value=lambda lang: html.widget_view(
                "ranked_item", n, texts[self.order[index]][lang], lang
            ),
            follow=[(self, "order")],
        )
        return HBox([label, up, down])

    def answer(self):
        return list(self.order)

    def restore(self, answer) -> None:
        if sorted(answer) == sorted(self.order):  # not an order of items the bank no longer has
            self.order = list(answer)


class RegionQuestion(SingleChoice):
    """Click on the body map (ipympl) or, from the keyboard, choose the region in the list.

    The map is drawn when the learner opens it: matplotlib, ipympl and the drawing cost seconds
    of the page's load, for a learner who may answer from the list."""

    def input_widget(self):
        choices = super().input_widget()
        self.open_map = button("region_open_map", f"region-open-{self.question.id}")
        self.open_map.on_click(lambda _: self.show_map())
        self.map_area = Box([self.open_map])
        caption = bilingual_view(
            lambda lang: html.widget_view("paragraph", ui("region_list", lang), lang)
        )
        return VBox([self.map_area, caption, choices])

    def show_map(self) -> None:
        """Put the clickable body map in place of the button that opens it."""
        from ipympl.backend_nbagg import Canvas, FigureManager

        from ..figures import draw

        self.figure = draw.body_outline(state.language)
        self.canvas = Canvas(self.figure)
        FigureManager(self.canvas, 0)
        self.canvas.toolbar_visible = self.canvas.header_visible = False
        self.canvas.footer_visible = self.canvas.resizable = False
        self.canvas.add_class(f"region-canvas-{self.question.id}")
        self.canvas.mpl_connect("button_press_event", self.on_click)
        follow(self.canvas, lambda change: self._redraw(change["new"]), (state, "language"))
        self.map_area.children = [self.canvas]
        close_view(self.open_map)

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


class LongMenuWidget(QuestionWidget):
    """A long menu: type to search (any language, accents ignored), pick from the matches with
    the arrow keys and Add, up to `pick_max` tests; each chosen test has its Remove button.
    A Remove button is made when a pick first needs it, and kept: a removal changes what the
    buttons show, not the buttons (an empty menu sends no hidden button to the page)."""

    picks = traitlets.List(traitlets.Unicode(), help="ids of the chosen tests, in order")

    def input_widget(self):
        menu = self.question
        self.names = {item.id: item.name for item in menu.items}
        wide = shared(widgets.Layout, width="30em")
        self.search = make(
            Text, f"menu-search-{menu.id}", continuous_update=True, layout=wide,
            style=shared(TextStyle, description_width="initial"),
            description=lambda lang: ui("menu_search", lang),
            placeholder=lambda lang: ui("menu_search_hint", lang),
        )  # fmt: skip
        found = search_menu(menu, "")  # everything: nothing is typed yet
        self.matches = make(
            Select, f"menu-matches-{menu.id}", rows=8, layout=wide,
            style=shared(DescriptionStyle, description_width="initial"),
            options=[(item.name[state.language], item.id) for item in found],
            value=found[0].id if found else None,
            description=lambda lang: ui("menu_matches", lang),
        )  # fmt: skip
        follow(self.matches, self._filter, (state, "language"), (self.search, "value"))
        self.add_button = button("menu_add", f"menu-add-{menu.id}")
        self.add_button.on_click(lambda _: self.add(self.matches.value))
        self.chosen_title = make(HTML, value=self._chosen_html, follow=[(self, "picks")])
        self.rows = VBox()
        self._grow_rows()
        self.observe(self._grow_rows, names="picks")
        return VBox(
            [self.search, HBox([self.matches, self.add_button]), self.chosen_title, self.rows]
        )  # fmt: skip

    def _filter(self, _=None) -> None:
        lang = state.language
        found = search_menu(self.question, self.search.value)
        self.matches.options = [(item.name[lang], item.id) for item in found]
        self.matches.value = found[0].id if found else None
        if not found:
            self.notice = (N_("menu_no_match"), {"text": self.search.value})
        elif self.notice[0] == "menu_no_match":
            self.notice = ("", {})

    def _chosen_html(self, lang: str) -> str:
        key = N_("menu_chosen") if self.picks else N_("menu_none_chosen")
        text = ui(key, lang, n=len(self.picks), max=self.question.pick_max)
        return html.widget_view("paragraph", text, lang)

    def _grow_rows(self, _=None) -> None:
        made = len(self.rows.children)
        if len(self.picks) > made:
            self.rows.children += tuple(map(self._row, range(made, len(self.picks))))

    def _row(self, index: int) -> Button:
        # Its own layout: it is hidden once no pick is left for it. Not stretched to the width.
        remove = Button(
            layout=widgets.Layout(width="auto", align_self="flex-start"),
            _dom_classes=(f"menu-remove-{index}",),
        )

        def show(_=None) -> None:
            lang = state.language
            here = index < len(self.picks)
            remove.layout.display = None if here else "none"
            name = self.names[self.picks[index]][lang] if here else ""
            remove.description = ui("menu_remove", lang, name=name) if here else ""

        remove.on_click(lambda _: self.remove(self.picks[index]))
        show()
        follow(remove, show, (state, "language"), (self, "picks"))
        return remove

    def add(self, item_id: str | None) -> None:
        if item_id is None or item_id in self.picks:
            return
        if len(self.picks) >= self.question.pick_max:
            self.notice = (N_("menu_full"), {"max": self.question.pick_max})
            return
        self.picks = [*self.picks, item_id]
        self.notice = ("", {})

    def remove(self, item_id: str) -> None:
        self.picks = [p for p in self.picks if p != item_id]
        self.notice = ("", {})

    def answer(self):
        return list(self.picks)

    def restore(self, answer) -> None:
        self.picks = [a for a in answer if a in self.names][: self.question.pick_max]

    def _key_html(self, lang: str) -> str:
        essential = series([i.name[lang] for i in self.question.items if i.essential], lang)
        return html.widget_view("paragraph", f"🔑 {essential}", lang)

    def _feedback_html(self, lang: str) -> str:
        saved = self.saved()
        if not saved:
            return ""
        latest = saved.latest.answer
        if self.case.answers_withheld:
            return html.answer_recorded(self.question, latest, lang)
        result = grade(self.question, latest)
        return html.menu_feedback(self.case, self.question, result, saved.first, lang)


def menu_beside_view(case: Case, menu: LongMenu, store: ProgressStore) -> widgets.HTML:
    """What the report did beside what the learner chose, refreshed after every answer."""

    def draw(lang: str) -> str:
        saved = store.read().answers.get(menu.id)
        return html.menu_beside(menu, saved.latest.answer if saved else [], lang)

    return bilingual_view(draw, "menu-beside", (state, "answers"))


WIDGETS = {
    "single": SingleChoice,
    "multiple": MultipleAnswer,
    "numeric": TypedAnswer,
    "text": TypedAnswer,
    "ranking": Ranking,
    "region": RegionQuestion,
    "longmenu": LongMenuWidget,
}


def question_widget(case: Case, question: Question | LongMenu, number: int, store: ProgressStore):
    return WIDGETS[question.kind](case, question, number, store)


def tally_view(case: Case, lesson_id: str, store: ProgressStore) -> widgets.HTML:
    """The learner's marks for a notebook's questions, refreshed after every answer."""
    questions = case.questions_for(lesson_id)

    def draw(lang: str) -> str:
        answers = store.read().answers
        return html.quiz_tally(questions, answers, lang, case.answers_withheld)

    return bilingual_view(draw, "quiz-tally", (state, "answers"))
