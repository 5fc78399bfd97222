"""Case content as HTML, in one language, rendered from the Jinja2 templates in templates/.
Pure functions: no widgets, no plotting.

Autoescape is on, so a text from a case file or from the learner can never inject markup or
script into a page; the only trusted fragments are the templates' own macros (Markup). Each
block carries `lang` so screen readers pronounce it right; its look is in templates/course.css.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from .files import cache_dir
from .i18n import N_, ui
from .i18n.formatting import colon, measurement, number, percent, series
from .i18n.names import CAVEAT_KIND, LIKELIHOOD, SIDE
from .marking import grade, mentions, right_answer
from .model import (
    Case,
    Finding,
    Lesson,
    LongMenu,
    ManagementPlan,
    Prediction,
    Question,
    ReasoningPause,
    Reference,
    Stage,
)
from .progress import NOTHING_HELD, Held
from .status import course_status, resume_lesson

if TYPE_CHECKING:
    from .progress import AnswerRecord, Attempt, PauseEntry, Progress

TEMPLATES = Path(__file__).parent / "templates"


def _case_refs(case: Case, ref_ids) -> list:
    return [case.reference(r) for r in dict.fromkeys(ref_ids)]


def pause_committed(pause_id: str) -> bool:
    """Whether the learner has committed `pause_id`. Reports and instructor pages show every
    title; the notebook views replace this with the learner's progress (course.py)."""
    return True


def _cite(reference: Reference) -> str:
    """A citation, its title left out while it would give away an uncommitted pause's answer."""
    after = reference.title_after
    return reference.citation(titled=after is None or pause_committed(after))


def _compiled_templates() -> FileSystemBytecodeCache | None:
    """Compiling the templates costs a kernel's first view ~0.2 s; Jinja keeps the compiled code,
    keyed by each template's source, in the package's cache folder (`files.cache_dir`)."""
    folder = cache_dir()
    try:
        (folder / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # compiled anew in each kernel
    return FileSystemBytecodeCache(str(folder / "templates"))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_compiled_templates(),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),  # not .md
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(
        ui=ui, colon=colon, measurement=measurement, right_answer=right_answer,
        case_refs=_case_refs, zip=zip, CAVEAT_KIND=CAVEAT_KIND, SIDE=SIDE, LIKELIHOOD=LIKELIHOOD,
        ui_html=ui_html, cite=_cite,
    )  # fmt: skip
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    return env


def ui_html(key: str, lang: str, **fragments: Markup) -> Markup:
    """Interface text `key` whose fields are trusted fragments (a link): the text is escaped, the
    fragments are not."""
    text = ui(key, lang, **{name: "{" + name + "}" for name in fragments})
    return Markup(escape(text)).format(**fragments)


def render(template: str, **context) -> str:
    """A whole template of templates/ (the report), filled from `context`."""
    return environment().get_template(template).render(**context)


def _macro(template: str, name: str, *args) -> str:
    return str(getattr(environment().get_template(template).module, name)(*args))


@cache
def stylesheet() -> Markup:
    """The course's stylesheet as a <style> element, to send to a page once."""
    return Markup("<style>{}</style>").format(css())


@cache
def css() -> Markup:
    """The stylesheet's text: our own file, trusted, never case text."""
    return Markup((TEMPLATES / "course.css").read_text("utf-8"))


def lesson_intro(lesson: Lesson, lang: str) -> str:
    return _macro("views.html", "lesson_intro", lesson, lang)


def lesson_outro(case: Case, lesson: Lesson, lang: str) -> str:
    following = case.lessons[case.lessons.index(lesson) + 1 :]
    return _macro("views.html", "lesson_outro", lesson, following[0] if following else None, lang)


HOW_TO_USE_STEPS = (
    N_("how_to_use_step_run"),
    N_("how_to_use_step_no_code"),
    N_("how_to_use_step_reveal"),
    N_("how_to_use_step_caveat"),
    N_("how_to_use_step_order"),
)


def how_to_use(lang: str, *, voila: bool = False) -> str:
    """The steps; on a Voilà page, which runs its cells itself, without the one on running."""
    steps = [key for key in HOW_TO_USE_STEPS if not (voila and key == "how_to_use_step_run")]
    return _macro("views.html", "how_to_use", [ui(key, lang) for key in steps], lang)


def case_source(case: Case, lang: str) -> str:
    return _macro("views.html", "case_source", case, lang)


def finding(f: Finding, lang: str) -> str:
    return _macro("views.html", "finding", f, lang)


def patient_at_presentation(case: Case, lang: str) -> str:
    return _macro("views.html", "patient_at_presentation", case.stage("presentation"), lang)


# --- reveals -------------------------------------------------------------------------------


def revealed(
    case: Case,
    findings: tuple[Finding, ...],
    lang: str,
    held: Held = NOTHING_HELD,
    predicted: dict[str, Attempt] | None = None,
    waiting: Lesson | None = None,
) -> str:
    """Finding cards, each without what `held` holds back, and with the learner's prediction
    where `predicted` has one; while `waiting` (the lesson of the pause their interpretation
    would answer) is not committed, the facts alone and a line saying where the rest opens."""
    outcomes = {
        f.id: prediction_outcome(case, prediction, predicted[f.id], lang)
        for f in findings
        if predicted and f.id in predicted and (prediction := case.prediction_for(f.id))
    }
    step = step_link(case, waiting, lang) if waiting else ""
    return _macro("views.html", "revealed", case, findings, held, outcomes, step, lang)


def prediction_prompt(case: Case, prediction: Prediction, lang: str) -> str:
    finding = case.finding(prediction.finding)
    return _macro("views.html", "prediction_prompt", prediction, finding, lang)


def prediction_outcome(case: Case, prediction: Prediction, attempt: Attempt, lang: str) -> dict:
    """The learner's prediction as the finding's card shows it: what they said and, unless a
    student build withholds it, whether it fits and why."""
    option = next((o for o in prediction.options if o.id == attempt.answer), None)
    said = option.text[lang] if option else str(attempt.answer)
    if case.answers_withheld:
        return {"answer": said, "verdict": "", "why": "", "expected": ""}
    right = grade(prediction, attempt.answer).correct
    if option:
        why = option.feedback[lang]
    else:
        why = (prediction.feedback.correct if right else prediction.feedback.incorrect)[lang]
    expected = "" if right or option else right_answer(prediction, lang)
    verdict = ui("right" if right else "wrong", lang)
    return {"answer": said, "verdict": verdict, "why": why, "expected": expected}


def answered_by_notes(case: Case, question: Question, lang: str) -> list[tuple[str, str, list]]:
    """The explanations, discussion points and caveats that answer `question`, as (title, text,
    sources): the page held them back until it was answered; its feedback gives them."""
    if question.answered_by is None:
        return []
    notes = []
    for finding in map(case.finding, question.answered_by.findings):
        parts = (finding.statement if finding.topic else None, finding.explanation)
        text = " ".join(part[lang] for part in parts if part)
        notes.append((finding.label[lang], text, _case_refs(case, finding.refs)))
    caveats = {c.id: c for c in case.caveats}
    for caveat in (caveats[c] for c in question.answered_by.caveats):
        notes.append((caveat.title[lang], caveat.note[lang], _case_refs(case, caveat.refs)))
    return notes


def stage_header(stage: Stage, lang: str) -> str:
    return _macro("views.html", "stage_header", stage, lang)


# --- reasoning pauses ----------------------------------------------------------------------


def pause_prompt(pause: ReasoningPause, lang: str) -> str:
    return _macro("views.html", "pause_prompt", pause, lang)


def step_link(case: Case, lesson: Lesson, lang: str) -> Markup:
    """A link naming a notebook as a learner knows it ("notebook 4, Differential diagnosis")."""
    title = re.sub(r"^\d+\.\s*", "", lesson.title[lang])  # "4. Differential…": the number is n
    n = case.lessons.index(lesson)
    return Markup(_macro("views.html", "step_link", lesson, n, title, lang))


def pause_comparison(case: Case, pause: ReasoningPause, entry: PauseEntry, lang: str) -> str:
    """The learner's committed reasoning, then what of the expert's they named (terms in every
    language, accent-insensitive: a learner may write in either), then their revision."""
    features, diagnoses = [], []
    if pause.problem_representation is not None and not entry.skipped:
        written = " ".join([entry.problem, *entry.differential])
        features = [mentions(written, _all_terms(k.terms)) for k in pause.key_features]
        diagnoses = [mentions(" ".join(entry.differential), _all_terms(d.terms))
                     for d in pause.differential]  # fmt: skip
    return _macro("views.html", "pause_comparison", case, pause, entry, features, diagnoses, lang)


def _all_terms(terms: dict[str, tuple[str, ...]]) -> list[str]:
    return [term for lang_terms in terms.values() for term in lang_terms]


def plan_comparison(case: Case, plan: ManagementPlan, entry: PauseEntry, lang: str) -> str:
    """The learner's problem list and plan beside the expert's, each expert problem marked
    when the learner's list names it (by its terms, in either language)."""
    mine = "" if entry.skipped else entry.problem
    named = [mentions(mine, _all_terms(p.terms)) for p in plan.problems]
    return _macro("views.html", "plan_comparison", case, plan, entry, named, lang)


# --- views of the whole case (review notebooks) ----------------------------------------------


def findings_list(
    case: Case, finding_ids: tuple[str, ...], lang: str, held: Held = NOTHING_HELD
) -> str:
    """Findings already revealed elsewhere, shown again as a recap collapsed to its count: the
    learner read them before and opens them when needed."""
    findings = tuple(case.finding(i) for i in finding_ids)
    return _macro("views.html", "recap", case, findings, held, lang)


def calcinosis_sites(case: Case, lang: str) -> str:
    """The sites as a table a screen reader can read, with how laterality was read."""
    refs = tuple(r for s in case.calcinosis_sites for r in s.refs)
    return _macro("views.html", "calcinosis_sites", case, refs, lang)


def open_questions(case: Case, lang: str) -> str:
    """Every caveat, by kind, with the finding it belongs to."""
    return _macro("views.html", "open_questions", case, lang)


def reasoning_recap(case: Case, entries: dict[str, PauseEntry], lang: str) -> str:
    """Each pause: the learner's committed reasoning beside the expert's, or where to find it."""
    comparisons = {
        p.id: Markup(pause_comparison(case, p, entries[p.id], lang))
        for p in case.pauses if p.id in entries
    }  # fmt: skip
    step_links = {}
    for p in case.pauses:
        lesson = case.lesson_with_pause(p.id)
        step_links[p.id] = step_link(case, lesson, lang) if lesson else Markup("")
    return _macro("views.html", "reasoning_recap", case, entries, comparisons, step_links, lang)


def reference_list(case: Case, lang: str) -> str:
    return _macro("views.html", "reference_list", case, lang)


def calcinosis_tools(case: Case, lang: str) -> str:
    return _macro("views.html", "calcinosis_tools", case, lang)


# --- questions -----------------------------------------------------------------------------


def question_stem(question: Question, number: int, lang: str) -> str:
    return _macro("questions.html", "question_stem", question, number, lang)


def _verdict(question: Question, grade, lang: str, wrong: str) -> str:
    if grade.correct:
        return ui("right", lang)
    if grade.credit > 0 and question.kind == "ranking":
        return ui("ranking_credit", lang, percent=percent(grade.credit, lang))
    if grade.credit > 0 and question.kind == "multiple":
        judged = sum(r.correct for r in grade.options)
        return ui("partly", lang, n=judged, total=len(grade.options))
    return wrong


HINTS = {
    "single": N_("hint_single"),
    "multiple": N_("hint_multiple"),
    "ranking": N_("hint_ranking"),
    "numeric": N_("hint_numeric"),
    "text": N_("hint_text"),
    "region": N_("hint_region"),
}


def first_try_feedback(question: Question, grade, answer, lang: str, order=()) -> str:
    """What the learner reads after a first answer that is not right: the verdict, the feedback
    of what they chose (each option ticked, or the expected slip a number matched) and a hint;
    not the other options' feedback, the expected answer or the explanation."""
    chosen = []
    if question.kind in ("single", "multiple", "region"):
        options = {o.id: o for o in question.options}
        shown_at = {option_id: i for i, option_id in enumerate(order)}
        ids = [answer] if isinstance(answer, str) else answer
        chosen = [options[i] for i in sorted(ids, key=lambda i: shown_at.get(i, 0))]
    slip = grade.said[lang] if grade.said is not None else ""
    verdict = _verdict(question, grade, lang, ui("not_yet", lang))
    return _macro(
        "questions.html",
        "first_try_feedback",
        verdict,
        chosen,
        slip,
        ui(HINTS[question.kind], lang),
        lang,
    )


def question_feedback(
    case: Case, question: Question, grade, answer, first: Attempt, lang: str, order=()
) -> str:
    """What the learner reads after a second answer, a right one or "Show the answer": the
    verdict, why each option is right or wrong (in the order `order` the learner saw them), the
    expected answer, the explanation and its sources."""
    partial = question.kind in ("multiple", "ranking")
    verdict = _verdict(question, grade, lang, ui("wrong", lang))
    options = {o.id: o for o in question.options}
    ranked, chosen, typed = [], [], None
    if question.kind == "ranking":
        placed = {r.option_id: i for i, r in enumerate(grade.options, 1)}
        ranked = [(o, placed[o.id]) for o in question.options]
    elif question.options:
        shown_at = {option_id: i for i, option_id in enumerate(order)}
        results = sorted(grade.options, key=lambda r: shown_at.get(r.option_id, 0))
        chosen = [(options[r.option_id], r.chosen) for r in results]
    else:
        said = question.feedback.correct if grade.correct else question.feedback.incorrect
        expected = (
            f"{number(question.answer.value, lang)} {question.answer.unit[lang]}"
            if question.kind == "numeric"
            else right_answer(question, lang)
        )
        slip = grade.said[lang] if grade.said is not None else ""
        typed = {"answer": str(answer), "expected": expected, "said": said[lang], "slip": slip}
    if first.correct:
        result = ui("first_right", lang)
    elif first.credit > 0 and partial:
        result = ui("first_partly", lang, percent=percent(first.credit, lang))
    else:
        result = ui("first_wrong", lang)
    notes = answered_by_notes(case, question, lang)
    return _macro(
        "questions.html", "question_feedback",
        case, question, verdict, ranked, chosen, typed, result, notes, lang,
    )  # fmt: skip


def _first_result(first: Attempt, partial: bool, lang: str) -> str:
    if first.correct:
        return ui("first_right", lang)
    if first.credit > 0 and partial:
        return ui("first_partly", lang, percent=percent(first.credit, lang))
    return ui("first_wrong", lang)


def menu_feedback(case: Case, menu: LongMenu, grade, first: Attempt, lang: str) -> str:
    """A long menu after checking: per test chosen, what it would answer in her case, whether
    the report gives it and whether it is essential now."""
    chosen = [menu.items[i] for i, r in enumerate(grade.options) if r.chosen]
    essential = sum(bool(i.essential) for i in chosen)
    verdict = ui(
        "menu_verdict", lang, essential=essential, n=len(chosen),
        percent=percent(round(grade.credit, 2), lang),
    )  # fmt: skip
    missed = series([i.name[lang] for i in menu.items if i.essential and i not in chosen], lang)
    result = _first_result(first, True, lang)
    return _macro(
        "questions.html", "menu_feedback", case, menu, verdict, chosen, missed, result, lang
    )


def menu_beside(menu: LongMenu, picks: list[str], lang: str) -> str:
    """What the report did (nothing listed in a student build) beside what the learner chose."""
    names = {i.id: i for i in menu.items}
    done = [i.name[lang] for i in menu.items if i.in_report]
    yours = [(names[p].name[lang], bool(names[p].in_report)) for p in picks if p in names]
    return _macro("questions.html", "menu_beside", done, yours, lang)


def answer_recorded(question: Question | LongMenu, answer, lang: str) -> str:
    """What a learner of a student build reads after answering: no key, no feedback."""
    choices = question.items if question.kind == "longmenu" else question.options
    texts = {o.id: (o.name if question.kind == "longmenu" else o.text)[lang] for o in choices}
    if isinstance(answer, list):
        shown = series([texts.get(a, a) for a in answer], lang)
    else:
        shown = texts.get(answer, str(answer))
    return _macro("questions.html", "answer_recorded", shown, lang)


def answer_key_inline(question: Question, lang: str) -> str:
    return _macro("questions.html", "answer_key_inline", question, lang)


def quiz_tally(
    questions: tuple[Question, ...], answers: dict[str, AnswerRecord], lang: str, withheld=False
) -> str:
    firsts = [answers[q.id].first for q in questions if q.id in answers]
    if withheld:
        text = ui("tally_withheld", lang, answered=len(firsts), total=len(questions))
    else:
        credit = sum(f.credit for f in firsts)
        text = ui(
            "tally", lang, answered=len(firsts), total=len(questions),
            right=sum(bool(f.correct) for f in firsts), credit=round(float(credit), 1),
        )  # fmt: skip
    return _macro("questions.html", "quiz_tally", text, lang)


# --- instructor guide ----------------------------------------------------------------------


def session_plan(case: Case, plan, lang: str) -> str:
    return _macro("instructor.html", "session_plan", case, plan, lang)


def expert_reasoning(case: Case, lang: str) -> str:
    return _macro("instructor.html", "expert_reasoning", case, lang)


def answer_key(case: Case, lang: str) -> str:
    return _macro("instructor.html", "answer_key", case, lang)


def misconceptions(case: Case, lang: str) -> str:
    return _macro("instructor.html", "misconceptions", case, lang)


def teaching_notes(case: Case, lesson_id: str, lang: str) -> str:
    steps = [
        ui("plan_step", lang, total=plan.minutes, minutes=step.minutes, prompt=step.prompt[lang])
        for plan in case.session_plans
        for step in plan.steps
        if step.lesson == lesson_id
    ]
    return _macro("instructor.html", "teaching_notes", steps, lang) if steps else ""


# --- small views of the widgets and the course calls ---------------------------------------


def widget_view(name: str, *args) -> str:
    """A macro of templates/widgets.html (notices, statuses, calculator parts…)."""
    return _macro("widgets.html", name, *args)


# --- where the learner is (templates/path.html) ------------------------------------------------

# The course's own sections: the same heading and instruction in every case, so they live in the
# interface catalogs; a lesson's sections in lessons.yaml come first (and may replace these).
STANDARD_SECTIONS = {
    "overview": (N_("section_overview"), None),
    "summary": (N_("section_summary"), None),
    "language": (N_("section_language"), N_("section_language_text")),
    "source": (N_("section_source"), None),
    "join_class": (N_("section_join_class"), N_("section_join_class_text")),
    "pause": (N_("section_pause"), N_("section_pause_text")),
    "check_yourself": (N_("section_check_yourself"), N_("section_check_yourself_text")),
    "your_reasoning": (N_("section_your_reasoning"), N_("section_your_reasoning_text")),
    "your_synthesis": (N_("section_your_synthesis"), N_("section_your_synthesis_text")),
    "open_questions": (N_("section_open_questions"), N_("section_open_questions_text")),
    "references": (N_("section_references"), None),
    "take_away": (N_("section_take_away"), N_("section_take_away_text")),
    "start_again": (N_("section_start_again"), N_("section_start_again_text")),
}
STATUS_LABELS = {
    "not_started": N_("status_not_started"),
    "in_progress": N_("status_in_progress"),
    "done": N_("status_done"),
}


class _Shown(NamedTuple):
    heading: str
    text: str | None


def section(lesson: Lesson, section_id: str, lang: str) -> str:
    """A heading of the notebook and what to do there; KeyError if neither the lesson nor the
    course has a section `section_id`."""
    own = lesson.section(section_id)
    if own is not None:
        shown = _Shown(own.heading[lang], own.text[lang] if own.text else None)
    else:
        heading, text = STANDARD_SECTIONS[section_id]
        shown = _Shown(ui(heading, lang), ui(text, lang) if text else None)
    return _macro("path.html", "section", shown, lang)


def _rows(case: Case, progress: Progress, lang: str) -> list[tuple[Lesson, str, str]]:
    return [
        (lesson, status, ui(STATUS_LABELS[status], lang))
        for lesson, status in course_status(case, progress)
    ]


def course_map(case: Case, progress: Progress, lang: str, *, alone: bool = False) -> str:
    """Every notebook with its status, and a link to the one to resume (`alone`: see path.html)."""
    resume = resume_lesson(course_status(case, progress))
    return _macro("path.html", "course_map", _rows(case, progress, lang), resume, lang, alone)


def _neighbours(case: Case, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    i = case.lessons.index(lesson)
    return (case.lessons[i - 1] if i else None), (case.lessons[i + 1 : i + 2] or (None,))[0]


def progress_strip(
    case: Case, lesson: Lesson, progress: Progress, lang: str, *, alone: bool = False
) -> str:
    """Where this notebook is in the course, how much is done, and the notebooks either side."""
    rows = _rows(case, progress, lang)
    done = sum(status == "done" for _, status, _ in rows)
    here = case.lessons.index(lesson)
    neighbours = _neighbours(case, lesson)
    return _macro("path.html", "progress_strip", rows, here, done, *neighbours, lang, alone)


def page_links(case: Case, lesson: Lesson, lang: str, *, alone: bool = False) -> str:
    """The previous and next notebooks, at the end of a page."""
    return _macro("path.html", "page_links_view", *_neighbours(case, lesson), lang, alone)
