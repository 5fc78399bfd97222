"""What the notebooks call: one line per cell, each returning a view in the course language.

    from clinicase import course
    course.opening("examination")
    course.reasoning_pause("after_presentation")
    course.reveal_stage("examination")

If the case data is broken, a call shows what is wrong instead of raising a traceback. Running a
cell again replaces the view its call made before (the old one is closed), so views never pile
up in a kernel. Every call also takes `case_id=`, the case to show (default: this course's).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import lru_cache, partial, wraps
from pathlib import Path

import ipywidgets as widgets

from . import html
from .figures import FIGURE_NAMES, figure_html
from .files import write_atomic
from .i18n import N_, ui
from .loader import CaseDataError, Problem, default_case, load_case
from .model import LANGUAGES, Case
from .progress import NOTHING_HELD, held_back, store_for
from .state import state
from .widgets import (
    SYNTHESIS,
    ManagementPauseWidget,
    ReasoningPauseWidget,
    StageReveal,
    SynthesisWidget,
    bilingual_view,
    button,
    case_data_problem,
    close_view,
    pause_state,
)
from .widgets import language_switch as _switch
from .widgets.calculators import AcrEularCalculator, MrssCalculator
from .widgets.questions import menu_beside_view, question_widget, tally_view
from .widgets.reading import live_only, readable
from .widgets.views import HTML, Box, HBox, VBox, shared

__all__ = [
    "acr_eular_calculator",
    "answer_key",
    "body_map",
    "calcinosis_map",
    "calcinosis_sites",
    "calcinosis_tools",
    "case_source",
    "check_yourself",
    "closing",
    "course_map",
    "expert_reasoning",
    "how_to_use",
    "instructor_mode",
    "join_class",
    "language_switch",
    "lesson_intro",
    "lesson_outro",
    "misconceptions",
    "mrss_calculator",
    "my_reasoning",
    "open_questions",
    "opening",
    "page_links",
    "patient_at_presentation",
    "progress_strip",
    "questions",
    "quiz_tally",
    "reasoning_pause",
    "references",
    "report_button",
    "reset_progress",
    "reveal_stage",
    "section",
    "session_plans",
    "show_findings",
]


@lru_cache(maxsize=4)
def _case(case_id: str) -> Case:
    return load_case(case_id)


_views: dict[str, widgets.Widget] = {}


def _committed(case: Case, pause_id: str) -> bool:
    """Whether this learner has committed the pause (what the pages may cite in full)."""
    return state.instructor or pause_state(store_for(case), pause_id).done


def _with_case(build: Callable[..., widgets.Widget]):
    """A notebook call: `build(case, ...)` given the loaded case, or, if the case data is broken,
    a view saying why; `under=SECTION_ID` puts it under that heading of the page's lesson, in
    the same cell. The view the same call made before is closed. Its output also reads without
    a kernel (`readable`). Shift-Tab shows the call as the learner makes it: `build`'s
    parameters without `case`, then `under` and `case_id`, and what it returns."""

    @wraps(build)
    def call(
        *args, under: str | None = None, case_id: str | None = None, **kwargs
    ) -> widgets.Widget:
        try:
            case = _case(case_id or default_case())
        except CaseDataError as error:
            view = case_data_problem(error)
        else:
            html.pause_committed = partial(_committed, case)
            view = build(case, *args, **kwargs)
            if under is not None:
                view = VBox([_heading(case, under), view])
        key = repr((build.__name__, args, sorted(kwargs.items()), case_id))
        if (previous := _views.pop(key, None)) is not None:
            close_view(previous)
        _views[key] = view
        return readable(view)

    signature = inspect.signature(build, eval_str=True)
    own = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=str | None)
        for name in ("under", "case_id")
    ]
    parameters = [*list(signature.parameters.values())[1:], *own]
    returned = signature.return_annotation
    if returned is not inspect.Signature.empty:  # a call an author left unannotated still loads
        returned |= VBox  # with `under=`: the heading, then the view
    call.__signature__ = signature.replace(parameters=parameters, return_annotation=returned)
    return call


@_with_case
def language_switch(case: Case) -> widgets.Widget:
    """English / Français, remembered for the learner across notebooks and restarts."""
    store = store_for(case)
    switch = _switch(store)
    notices = [(N_("progress_damaged"), {"path": path}) for path in store.damaged]
    notices += [
        (N_("progress_dropped"), {"entries": ", ".join(dropped), "path": path})
        for path, dropped in store.kept
    ]
    if store.problem:
        notices.append((N_("progress_not_saved"), {"reason": store.problem}))
    if not notices:
        return switch
    warnings = HTML(html.widget_view("progress_warnings", notices, LANGUAGES))
    if store.problem:
        return VBox([warnings, _save_copy_button(store), switch])
    return VBox([warnings, switch])


def _save_copy_button(store) -> widgets.VBox:
    """Unsaved progress written to the notebook's folder, which may be writable when the
    progress folder is not."""
    save = button("save_copy", "progress-save-copy")
    result = HTML()

    def write(_) -> None:
        try:
            path = store.save_copy(Path.cwd())
        except OSError as error:
            result.value = html.widget_view(
                "progress_failed", N_("copy_not_saved"), {"reason": error}, state.language
            )
            return
        result.value = html.widget_view(
            "progress_done", N_("copy_saved"), {"path": path}, state.language
        )

    save.on_click(write)
    return VBox([HBox([save]), result])


@_with_case
def join_class(case: Case) -> widgets.VBox:
    """Join an instructor's live class: what is sent, under a pseudonym, and a Leave button."""
    from .classroom.client import link_for
    from .widgets.class_join import JoinClassBox

    return live_only(JoinClassBox(link_for(store_for(case))))


@_with_case
def lesson_intro(case: Case, lesson_id: str) -> widgets.VBox:
    """Title, objectives, prerequisites and time of a notebook; in instructor mode, the teaching
    notes of the session plans for it."""
    from .widgets.instructor import when_instructor
    from .widgets.page import page_mark

    lesson = case.lesson(lesson_id)
    state.lesson = lesson_id  # what this page holds back until answered depends on it
    intro = bilingual_view(lambda lang: html.lesson_intro(lesson, lang), "intro")
    notes = when_instructor(lambda lang: html.teaching_notes(case, lesson_id, lang))
    title = page_mark(lambda lang: f"{lesson.title[lang]} – {case.title[lang]}")
    return VBox([intro, notes, title])


@_with_case
def lesson_outro(case: Case, lesson_id: str) -> widgets.Widget:
    """Key points of a notebook and a link to the next one, once its questions are answered;
    those of the last notebook wait for the learner's own synthesis."""
    from .widgets.keypoints import KeyPoints

    lesson = case.lesson(lesson_id)
    if lesson == case.lessons[-1]:
        return _after_synthesis(case, lambda lang: html.lesson_outro(case, lesson, lang), "outro")
    return KeyPoints(case, lesson, store_for(case))


# Three parts every lesson notebook has, each in one cell: Voilà runs a page's cells one at a
# time before the learner sees it, so each cell fewer is a wait less.
@_with_case
def opening(case: Case, lesson_id: str) -> widgets.VBox:
    """The top of a notebook: the language switch, where the notebook is in the course, its
    overview and its introduction."""
    switch = language_switch.__wrapped__(case)  # first: it sets the language the rest is in
    return VBox([switch, *_parts(case, lesson_id, progress_strip, "overview", lesson_intro)])


@_with_case
def check_yourself(case: Case, lesson_id: str) -> widgets.VBox:
    """The notebook's questions under their heading, and the learner's marks for them, once
    every finding the notebook reveals is revealed (at once for an instructor)."""
    from .widgets.after_findings import AfterFindings

    def later() -> list[widgets.Widget]:
        return [*_question_views(case, lesson_id), quiz_tally.__wrapped__(case, lesson_id)]

    heading = section.__wrapped__(case, lesson_id, "check_yourself")
    return VBox([heading, AfterFindings(case, case.lesson(lesson_id), store_for(case), later)])


@_with_case
def closing(case: Case, lesson_id: str) -> widgets.VBox:
    """The end of a notebook: its key points once earned, and the notebooks before and after."""
    return VBox(_parts(case, lesson_id, "summary", lesson_outro, page_links))


def _parts(case: Case, lesson_id: str, *calls) -> list[widgets.Widget]:
    """The views of notebook calls on one lesson, made as one: a text is a section's id."""
    return [
        section.__wrapped__(case, lesson_id, call)
        if isinstance(call, str)
        else call.__wrapped__(case, lesson_id)
        for call in calls
    ]


@_with_case
def section(case: Case, lesson_id: str, section_id: str) -> widgets.HTML:
    """A heading of the notebook and what to do there, in the learner's language: the lesson's
    own sections (lessons.yaml), or the course's standard ones (check_yourself, summary...)."""
    lesson = case.lesson(lesson_id)
    state.lesson = lesson_id  # the page is this lesson's: `under=` names its sections
    if lesson.section(section_id) is None and section_id not in html.STANDARD_SECTIONS:
        missing = Problem("lessons.yaml", f"lessons.{lesson_id}", f"no section {section_id!r}")
        return case_data_problem(CaseDataError([missing]))
    return bilingual_view(lambda lang: html.section(lesson, section_id, lang), "section")


def _heading(case: Case, section_id: str) -> widgets.HTML:
    """The heading `under=` names, of the lesson this page shows (its first cell says which)."""
    if state.lesson is None:
        return bilingual_view(
            lambda lang: html.widget_view("notice", N_("run_from_the_top"), {}, lang)
        )
    return section.__wrapped__(case, state.lesson, section_id)


def _where_the_learner_is(case: Case, render: Callable[[str, object], str], css: str):
    """A view of the learner's place in the course, redrawn whenever their progress changes."""
    store = store_for(case)
    return bilingual_view(lambda lang: render(lang, store.read()), css, (state, "saved"))


@_with_case
def course_map(case: Case) -> widgets.HTML:
    """Every notebook with its status (not started, in progress, done) and a link to resume."""
    return _where_the_learner_is(
        case,
        lambda lang, progress: html.course_map(case, progress, lang, alone=state.alone),
        "course-map",
    )


@_with_case
def progress_strip(case: Case, lesson_id: str) -> widgets.HTML:
    """Where this notebook is in the course, what is done, and the previous and next ones."""
    lesson = case.lesson(lesson_id)
    return _where_the_learner_is(
        case,
        lambda lang, progress: html.progress_strip(case, lesson, progress, lang, alone=state.alone),
        "strip",
    )


@_with_case
def page_links(case: Case, lesson_id: str) -> widgets.HTML:
    """The previous and next notebooks, at the end of a page."""
    lesson = case.lesson(lesson_id)
    return bilingual_view(
        lambda lang: html.page_links(case, lesson, lang, alone=state.alone), "page-links"
    )


@_with_case
def how_to_use(case: Case) -> widgets.HTML:
    """How to move through the notebooks without writing code."""
    return bilingual_view(lambda lang: html.how_to_use(lang, voila=state.voila), "how-to-use")


@_with_case
def case_source(case: Case) -> widgets.HTML:
    """The case report the case comes from, and the licence of the course text."""
    return bilingual_view(lambda lang: html.case_source(case, lang), "source")


@_with_case
def patient_at_presentation(case: Case) -> widgets.HTML:
    """Who the patient is: the first fact of the presentation, the rest waits for its reveal."""
    return bilingual_view(lambda lang: html.patient_at_presentation(case, lang), "patient")


@_with_case
def reveal_stage(
    case: Case, stage_id: str, topic: str | None = None, *, figure: str | None = None
) -> StageReveal:
    """The findings of a stage (or of one topic of the discussion), one reveal at a time, and
    then a figure of the case that would give them away before (`figure="timeline"` or "labs").
    If a reasoning pause guards the stage, the reveal waits until it is committed or skipped."""
    if figure is not None and figure not in FIGURE_NAMES:
        known = ", ".join(FIGURE_NAMES)
        return case_data_problem(
            CaseDataError(
                [Problem("notebook", "reveal_stage", f"no figure {figure!r}; known: {known}")]
            ),
            in_notebook=True,
        )
    store = store_for(case)
    then = (lambda lang: figure_html(case, figure, lang)) if figure else None
    pause, plan = case.pause_before(stage_id), case.management_plan
    if pause is not None:
        guard, lesson = pause.id, case.lesson_with_pause(pause.id)
    elif plan is not None and plan.unlocks == stage_id:
        guard, lesson = plan.id, case.lesson(plan.lesson)
    else:
        return StageReveal(case, case.stage(stage_id), store, topic=topic, then=then)
    return StageReveal(
        case, case.stage(stage_id), store, topic=topic,
        guard=pause_state(store, guard), guard_lesson=lesson, then=then,
    )  # fmt: skip


@_with_case
def reasoning_pause(case: Case, pause_id: str) -> ReasoningPauseWidget:
    """Write a problem representation and a ranked differential, then compare with the expert."""
    return ReasoningPauseWidget(case, case.pause(pause_id), store_for(case))


@_with_case
def management_pause(case: Case) -> ManagementPauseWidget:
    """Her problem list and a plan, committed before the treatment is revealed, then the
    expert's plan beside them."""
    return ManagementPauseWidget(case, case.management_plan, store_for(case))


@_with_case
def show_findings(case: Case, *finding_ids: str) -> widgets.HTML:
    """Findings met in earlier notebooks, shown again (already revealed)."""
    store, page = store_for(case), state.lesson

    def draw(lang: str) -> str:
        held = NOTHING_HELD if state.instructor else held_back(case, store.read(), page)
        return html.findings_list(case, finding_ids, lang, held)

    return bilingual_view(draw, "recap", (state, "answers"), (state, "instructor"))


@_with_case
def calcinosis_sites(case: Case) -> widgets.HTML:
    """The calcinosis sites as a table, with how their side was read."""
    return bilingual_view(lambda lang: html.calcinosis_sites(case, lang), "sites")


@_with_case
def my_reasoning(case: Case) -> widgets.HTML:
    """The learner's reasoning at every pause, beside the expert's, as it is saved now."""
    store = store_for(case)
    return bilingual_view(
        lambda lang: html.reasoning_recap(case, store.read().pauses, lang), "recap"
    )


@_with_case
def my_synthesis(case: Case) -> SynthesisWidget:
    """08: the learner's summary, final differential and questions, before the expert's."""
    return SynthesisWidget(store_for(case))


def _after_synthesis(case: Case, render: Callable[[str], str], css: str) -> widgets.HTML:
    """A view that waits for the learner's synthesis (instructors see it at once)."""
    done = pause_state(store_for(case), SYNTHESIS)

    def draw(lang: str) -> str:
        if done.done or state.instructor:
            return render(lang)
        return html.widget_view("paragraph", ui("synthesis_first", lang), lang)

    return bilingual_view(draw, css, (done, "done"), (state, "instructor"))


@_with_case
def open_questions(case: Case) -> widgets.HTML:
    """Everything the case report leaves ambiguous, disputed, missing or unverified; in 08,
    after the learner has written their own."""
    return _after_synthesis(case, lambda lang: html.open_questions(case, lang), "open-questions")


@_with_case
def references(case: Case) -> widgets.HTML:
    """Every source the course relies on, the case report first."""
    return bilingual_view(lambda lang: html.reference_list(case, lang), "references")


@_with_case
def mrss_calculator(case: Case) -> MrssCalculator:
    """The 17 skin-score sites laid out as a body; total and subset update as you score."""
    return MrssCalculator(case, store_for(case))


@_with_case
def acr_eular_calculator(case: Case) -> AcrEularCalculator:
    """The 2013 ACR/EULAR checklist with live total, and this patient's two readings."""
    return AcrEularCalculator(case, store_for(case))


@_with_case
def calcinosis_tools(case: Case) -> widgets.HTML:
    """Published ways to measure calcinosis, with their sources."""
    return bilingual_view(lambda lang: html.calcinosis_tools(case, lang), "tools")


def _figure(case: Case, name: str, **traits) -> widgets.HTML:
    """A figure of the case in the learner's language (stored while current, else drawn)."""
    return bilingual_view(lambda lang: figure_html(case, name, lang), "figure", **traits)


@_with_case
def body_map(case: Case, view: str = "patient") -> widgets.HTML:
    """The body map: "patient", "usual" (compared with where calcinosis usually is) or "skin"
    (over an illustrative distribution of her skin thickening)."""
    return _figure(case, f"body-map-{view}")


@_with_case
def calcinosis_map(case: Case) -> widgets.Box:
    """Her calcinosis beside where it usually is, then the table of her sites for screen readers."""
    column = shared(widgets.Layout, width="32em", max_width="100%", margin="0 1em 0 0")
    maps = [_figure(case, f"body-map-{view}", layout=column) for view in ("patient", "usual")]
    table = bilingual_view(lambda lang: html.calcinosis_sites(case, lang), "sites", layout=column)
    return Box([*maps, table], layout=shared(widgets.Layout, flex_flow="row wrap"))


@_with_case
def questions(case: Case, lesson_id: str) -> widgets.VBox:
    """The questions of a notebook, from the question bank: check, read why, try again."""
    return VBox(_question_views(case, lesson_id))


def _question_views(case: Case, lesson_id: str) -> list[widgets.Widget]:
    store = store_for(case)
    return [
        question_widget(case, q, n, store) for n, q in enumerate(case.questions_for(lesson_id), 1)
    ]


@_with_case
def long_menu(case: Case, menu_id: str) -> widgets.VBox:
    """A long-menu question: the learner searches a list of tests and picks a few."""
    return question_widget(case, case.long_menu(menu_id), 1, store_for(case))


@_with_case
def tests_beside(case: Case, menu_id: str) -> widgets.HTML:
    """After the reveal: the tests the report did, beside those the learner chose."""
    return menu_beside_view(case, case.long_menu(menu_id), store_for(case))


@_with_case
def quiz_tally(case: Case, lesson_id: str) -> widgets.HTML:
    """How many of this notebook's questions the learner answered, and got right first time."""
    return live_only(tally_view(case, lesson_id, store_for(case)))


@_with_case
def report_button(case: Case) -> widgets.VBox:
    """Writes the learner's report, as printable HTML, beside the notebook, and links to it."""
    from . import report

    make = button("make_report", "report-make", primary=True)
    result = HTML(_dom_classes=("report-result",))

    def write(_) -> None:
        lang = state.language
        name = f"my-report-{case.id}.html"
        progress = store_for(case).read()
        try:
            write_atomic(Path(name), report.to_html(report.build(case, progress, lang)))
        except OSError as error:  # a read-only folder: say so, in the learner's language
            result.value = html.widget_view("report_not_saved", str(error), lang)
            return
        result.value = html.widget_view("report_saved", name, lang)

    make.on_click(write)
    return VBox([HBox([make]), result])


@_with_case
def reset_progress(case: Case) -> widgets.VBox:
    """Asks before clearing the learner's progress for this case, and keeps a backup."""
    store = store_for(case)
    ask = button("reset", "reset-ask")
    yes = button("reset_yes", "reset-yes", primary=True)
    no = button("cancel", "reset-cancel")
    question = HTML()
    confirm = VBox([question, HBox([yes, no])], layout=widgets.Layout(display="none"))
    done = HTML(_dom_classes=("reset-result",))

    def show(_) -> None:
        question.value = html.widget_view("reset_confirm", state.language)
        confirm.layout.display = "flex"

    def hide(_) -> None:
        confirm.layout.display = "none"

    def reset(_) -> None:
        lang = state.language
        backup = store.reset()
        hide(None)
        if store.problem:  # nothing was changed: the work is still there
            done.value = html.widget_view(
                "progress_failed", N_("reset_failed"), {"reason": store.problem}, lang
            )
        elif backup is None:
            done.value = html.widget_view("progress_done", N_("reset_nothing"), {}, lang)
        else:
            done.value = html.widget_view("reset_done", str(backup), lang)

    ask.on_click(show)
    no.on_click(hide)
    yes.on_click(reset)
    return VBox([HBox([ask]), confirm, done])


@_with_case
def session_plans(case: Case) -> widgets.VBox:
    """The 60- and 90-minute plans: time per notebook and a prompt to open the discussion."""
    return VBox(
        [bilingual_view(lambda lang, p=plan: html.session_plan(case, p, lang), "plan")
         for plan in case.session_plans]
    )  # fmt: skip


@_with_case
def instructor_mode(case: Case) -> widgets.Checkbox:
    """The instructor guide's switch: in this kernel, reveals open without the pauses, pauses can
    be skipped and the answer key shows. Learner notebooks follow CLINICASE_INSTRUCTOR=1."""
    from .widgets.instructor import instructor_switch

    return instructor_switch()


@_with_case
def expert_reasoning(case: Case) -> widgets.HTML:
    """The expert's problem representation and differential at every pause."""
    return bilingual_view(lambda lang: html.expert_reasoning(case, lang), "expert")


@_with_case
def answer_key(case: Case) -> widgets.HTML:
    """Every question of the bank with its expected answer and explanation, by notebook."""
    return bilingual_view(lambda lang: html.answer_key(case, lang), "answer-key")


@_with_case
def misconceptions(case: Case) -> widgets.HTML:
    """Misconceptions this case corrects, each with its sources."""
    return bilingual_view(lambda lang: html.misconceptions(case, lang), "misconceptions")
