"""Reasoning pauses: the learner commits a problem representation and a ranked differential
before the next reveal, then sees the expert's beside theirs."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_string import TextStyle

from .. import html
from ..classroom import client as classroom
from ..i18n import N_, ui
from ..marking import MAX_TEXT_CHARS
from ..model import Case, ManagementPlan, ReasoningPause
from ..progress import SYNTHESIS, PauseEntry, ProgressStore
from ..state import state
from .views import (
    HTML,
    Button,
    HBox,
    Text,
    Textarea,
    VBox,
    bilingual_view,
    button,
    follow,
    make,
    shared,
)

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


def _said(key: str, lang: str) -> str:
    """A refusal, or a confirmation that the revision was saved."""
    if key == N_("revision_saved"):
        return html.widget_view("confirmation", key, lang)
    return notice_html(key, lang)


class ReasoningPauseWidget(VBox):
    notice = traitlets.Unicode("", help="the key of the refusal shown, if any")
    notice_values = traitlets.Dict(help="the values its text names (a limit)")
    revise_notice = traitlets.Unicode("", help="the key of what saving the revision said")
    # The interface text of each part; a management pause asks for other things the same way.
    TEXTS: ClassVar[dict[str, str]] = {
        "problem": N_("problem_label"), "placeholder": N_("problem_placeholder"),
        "list": N_("differential_label"), "item": N_("rank"),
        "need_problem": N_("need_problem"), "need_list": N_("need_differential"),
    }  # fmt: skip

    def __init__(self, case: Case, pause: ReasoningPause | ManagementPlan, store: ProgressStore):
        self.case, self.pause, self.store = case, pause, store
        self.pause_state = pause_state(store, pause.id)

        texts, saved = self.TEXTS, self.saved()
        self.problem = make(
            Textarea, "pause-problem",
            layout=shared(widgets.Layout, width="100%", height="4.5em"),
            style=shared(TextStyle, description_width="initial"),
            description=lambda lang: ui(texts["problem"], lang),
            placeholder=lambda lang: ui(texts["placeholder"], lang),
        )  # fmt: skip

        self.ranks = [self._rank_field(n) for n in range(1, RANKS + 1)]
        self.moves = [self._move_buttons(i) for i in range(RANKS)]
        self.commit_button = button("commit", "pause-commit", primary=True)
        self.commit_button.on_click(lambda _: self.commit())
        self.actions = HBox([self.commit_button])
        # Skipping is for an instructor running a class: the button is made for the first time
        # instructor mode is on, and a learner never sees it.
        self.skip_button: Button | None = None

        self.message = make(
            HTML, "pause-message",
            value=lambda lang: notice_html(self.notice, lang, **self.notice_values),
            follow=[(self, "notice")],
        )  # fmt: skip
        self.comparison = make(HTML, "pause-comparison", value=self._comparison_html)
        self.revise: VBox | None = None  # made once the learner has committed (`_show_saved`)

        super().__init__(
            [
                bilingual_view(lambda lang: html.pause_prompt(pause, lang)),
                self.problem,
                bilingual_view(
                    lambda lang: html.widget_view("paragraph", ui(texts["list"], lang), lang)
                ),
                *(HBox([f, *m]) for f, m in zip(self.ranks, self.moves, strict=True)),
                self.actions,
                self.message,
                self.comparison,
            ],
            _dom_classes=("clinicase-pause",),
        )
        follow(self, self._show_skip, (state, "instructor"))
        self._show_skip()
        if saved is not None:
            self._show_saved()

    # -- learner actions -------------------------------------------------------------------

    def commit(self) -> None:
        problem = self.problem.value.strip()
        differential = [field.value.strip() for field in self.ranks if field.value.strip()]
        if not problem:
            self.notice = self.TEXTS["need_problem"]
        elif not differential:
            self.notice = self.TEXTS["need_list"]
        elif any(len(text) > MAX_TEXT_CHARS for text in (problem, *differential)):
            self.notice_values = {"limit": MAX_TEXT_CHARS}
            self.notice = N_("answer_too_long")
        else:
            self._save(PauseEntry(problem=problem, differential=differential))

    def skip(self) -> None:
        if state.instructor:
            self._save(PauseEntry(skipped=True))

    def save_revision(self) -> None:
        """The learner's revised differential and one line on what they will do differently,
        kept beside their first commit (which does not change)."""
        revision = [line.strip() for line in self.revision.value.splitlines() if line.strip()]
        if not revision:
            self.revise_notice = N_("need_revision")
            return
        reflection = self.reflection.value.strip()
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")

        def revise(progress) -> None:
            entry = progress.pauses[self.pause.id]
            progress.pauses[self.pause.id] = entry.model_copy(
                update={"revision": revision, "reflection": reflection, "revised_at": at}
            )

        self.store.update(revise)
        self.revise_notice = not_saved(self.store) or N_("revision_saved")
        self.comparison.value = self._comparison_html(state.language)

    def move(self, index: int, step: int) -> None:
        """Swap diagnosis `index` with its neighbour `step` places away (ranking by hand)."""
        other = index + step
        if 0 <= other < RANKS:
            a, b = self.ranks[index], self.ranks[other]
            a.value, b.value = b.value, a.value

    def saved(self) -> PauseEntry | None:
        return self.store.read().pauses.get(self.pause.id)

    # -- helpers ---------------------------------------------------------------------------

    def _rank_field(self, n: int) -> Text:
        return make(
            Text, f"pause-rank-{n}",
            layout=shared(widgets.Layout, width="28em"),
            style=shared(TextStyle, description_width="7em"),
            description=lambda lang: ui(self.TEXTS["item"], lang, n=n),
        )  # fmt: skip

    def _move_buttons(self, index: int) -> tuple[widgets.Button, widgets.Button]:
        n = index + 1
        up = button("move_up", f"pause-up-{n}", tooltip_key="move_up_help", n=n,
                    disabled=index == 0)  # fmt: skip
        down = button("move_down", f"pause-down-{n}", tooltip_key="move_down_help", n=n,
                      disabled=index == RANKS - 1)  # fmt: skip
        up.on_click(lambda _: self.move(index, -1))
        down.on_click(lambda _: self.move(index, +1))
        return up, down

    def _show_skip(self, _=None) -> None:
        if self.skip_button is None:
            if not state.instructor:
                return
            self.skip_button = button("skip", "pause-skip", shown=True,
                                      disabled=self.commit_button.disabled)  # fmt: skip
            self.skip_button.on_click(lambda _: self.skip())
            self.actions.children += (self.skip_button,)
        self.skip_button.layout.display = None if state.instructor else "none"

    def _revise_box(self) -> VBox:
        """Revising the differential, once it is committed."""
        described = shared(TextStyle, description_width="initial")
        self.revision = make(
            Textarea, "pause-revision",
            layout=shared(widgets.Layout, width="100%", height="6em"), style=described,
            description=lambda lang: ui("revise_label", lang),
        )  # fmt: skip
        self.reflection = make(
            Text, "pause-reflection",
            layout=shared(widgets.Layout, width="100%"), style=described,
            description=lambda lang: ui("reflection_label", lang),
        )  # fmt: skip
        save = button("save_revision", "pause-save-revision", primary=True)
        save.on_click(lambda _: self.save_revision())
        message = make(
            HTML,
            value=lambda lang: _said(self.revise_notice, lang),
            follow=[(self, "revise_notice")],
        )
        heading = N_("revise_title")
        title = bilingual_view(lambda lang: html.widget_view("subheading", heading, lang))
        return VBox(
            [title, self.revision, self.reflection, HBox([save]), message],
            _dom_classes=("pause-revise",),
        )

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
            if self.revise is None:
                self.revise = self._revise_box()
                self.children += (self.revise,)
            self.revision.value = "\n".join(entry.revision or entry.differential)
            self.reflection.value = entry.reflection
        for control in (self.problem, *self.ranks, *sum(self.moves, ())):
            control.disabled = True
        self.commit_button.disabled = True
        if self.skip_button is not None:
            self.skip_button.disabled = True
        self.comparison.value = self._comparison_html(state.language)
        self.pause_state.done = True

    def _comparison_html(self, lang: str) -> str:
        entry = self.saved()
        return "" if entry is None else html.pause_comparison(self.case, self.pause, entry, lang)


class ManagementPauseWidget(ReasoningPauseWidget):
    """Before the treatment is revealed: her problem list and a plan, then the expert's plan
    beside them, each expert problem marked when the learner's list names it."""

    TEXTS: ClassVar[dict[str, str]] = {
        "problem": N_("plan_problems_label"), "placeholder": N_("plan_problems_placeholder"),
        "list": N_("plan_label"), "item": N_("plan_item"),
        "need_problem": N_("need_problem_list"), "need_list": N_("need_plan"),
    }  # fmt: skip

    def _comparison_html(self, lang: str) -> str:
        entry = self.saved()
        return "" if entry is None else html.plan_comparison(self.case, self.pause, entry, lang)


class SynthesisWidget(VBox):
    """08 written by the learner: a three-sentence summary, a final differential with the next
    tests, three questions for the authors. The key points and open questions wait for it."""

    PARTS = (N_("synthesis_summary"), N_("synthesis_differential"), N_("synthesis_questions"))

    def __init__(self, store: ProgressStore):
        self.store = store
        self.pause_state = pause_state(store, SYNTHESIS)
        self.fields = []
        for key in self.PARTS:
            field = make(
                Textarea,
                layout=shared(widgets.Layout, width="100%", height="5em"),
                style=shared(TextStyle, description_width="initial"),
                description=lambda lang, k=key: ui(k, lang),
            )
            self.fields.append(field)
        self.commit_button = button("commit", "synthesis-commit", primary=True)
        self.commit_button.on_click(lambda _: self.commit())
        self.message = HTML()
        super().__init__(
            [*self.fields, HBox([self.commit_button]), self.message],
            _dom_classes=("clinicase-synthesis",),
        )
        saved = store.read().pauses.get(SYNTHESIS)
        if saved is not None:
            self._show(saved)

    def commit(self) -> None:
        texts = [field.value.strip() for field in self.fields]
        if not all(texts):
            self.message.value = notice_html(N_("synthesis_incomplete"), state.language)
            return
        entry = PauseEntry(
            problem=texts[0], differential=[line for line in texts[1].splitlines() if line.strip()],
            questions=texts[2], at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )  # fmt: skip
        self.store.update(lambda progress: progress.pauses.update({SYNTHESIS: entry}))
        classroom.record(self.store, "pause", SYNTHESIS)
        self.message.value = not_saved(self.store)
        self._show(entry)

    def _show(self, entry: PauseEntry) -> None:
        values = (entry.problem, "\n".join(entry.differential), entry.questions)
        for field, value in zip(self.fields, values, strict=True):
            field.value, field.disabled = value, True
        self.commit_button.disabled = True
        self.pause_state.done = True
