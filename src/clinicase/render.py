"""Case content as HTML, in one language. Pure functions: no widgets, no plotting.

Every text from the case data goes through `esc`, so a case file can never inject markup or
script into a learner's page. Each block carries `lang` so screen readers pronounce it right.
"""

from __future__ import annotations

import re
from html import escape as esc
from typing import TYPE_CHECKING

from .i18n import N_, ui
from .i18n.formatting import colon, measurement, number, percent
from .i18n.names import CAVEAT_KIND, LIKELIHOOD, SIDE
from .marking import mentions, right_answer
from .model import (
    Case,
    Caveat,
    Finding,
    Lesson,
    Question,
    ReasoningPause,
    Stage,
)

if TYPE_CHECKING:
    from .progress import AnswerRecord, Attempt, PauseEntry


def _block(lang: str, body: str, css: str) -> str:
    return f'<div class="clinicase {css}" lang="{lang}">{body}</div>'


def _items(texts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>"


def lesson_intro(lesson: Lesson, lang: str) -> str:
    body = (
        f"<h2>{esc(lesson.title[lang])}</h2>"
        f"<h3>{ui('objectives', lang)}</h3>"
        + _items([esc(o[lang]) for o in lesson.objectives])
        + f"<p><strong>{ui('prerequisites', lang)}{colon(lang)}</strong> "
        f"{esc(lesson.prerequisites[lang])}<br><strong>{ui('time', lang)}{colon(lang)}</strong> "
        f"{ui('minutes', lang, n=lesson.minutes)}</p>"
    )
    return _block(lang, body, "lesson-intro")


def lesson_outro(case: Case, lesson: Lesson, lang: str) -> str:
    following = case.lessons[case.lessons.index(lesson) + 1 :]
    if following:
        nxt = following[0]
        label = ui("open_next", lang, notebook=nxt.notebook, title=nxt.title[lang])
        after = f'<p><a href="{esc(nxt.notebook)}">{esc(label)}</a></p>'
    else:
        after = f"<p>{ui('last_lesson', lang)}</p>"
    body = (
        f"<h3>{ui('key_points', lang)}</h3>"
        + _items([esc(k[lang]) for k in lesson.key_points])
        + f"<h3>{ui('next', lang)}</h3>{after}"
    )
    return _block(lang, body, "lesson-outro")


def how_to_use(lang: str) -> str:
    steps = [
        ui(key, lang)
        for key in (
            N_("how_to_use_step_run"),
            N_("how_to_use_step_no_code"),
            N_("how_to_use_step_reveal"),
            N_("how_to_use_step_caveat"),
            N_("how_to_use_step_order"),
        )
    ]
    body = (
        f"<h3>{ui('how_to_use', lang)}</h3>"
        + "<ol>"
        + "".join(f"<li>{esc(s)}</li>" for s in steps)
        + "</ol>"
    )
    return _block(lang, body, "how-to-use")


def case_source(case: Case, lang: str) -> str:
    body = (
        f"<h3>{ui('source', lang)}</h3>"
        f"<p><cite>{esc(case.source.citation())}</cite></p>"
        f"<p>{esc(case.source.note[lang]) if case.source.note else ''}</p>"
        f"<p>{ui('licence_note', lang)}</p>"
    )
    return _block(lang, body, "case-source")


def finding(f: Finding, lang: str) -> str:
    value = (
        f"<br><span class='value'>{esc(measurement(f.measurement, lang))}</span>"
        if (f.measurement)
        else ""
    )
    return f"<strong>{esc(f.label[lang])}</strong>{colon(lang)} {esc(f.statement[lang])}{value}"


def patient_at_presentation(case: Case, lang: str) -> str:
    stage = case.stage("presentation")
    body = f"<h3>{ui('the_patient', lang)} · {esc(stage.title[lang])}</h3>" + _items(
        [finding(f, lang) for f in stage.findings]
    )
    return _block(lang, body, "patient")


# --- reveals -------------------------------------------------------------------------------

# Boxes set their own text colour as well as their background, so they keep their contrast in a
# dark JupyterLab theme; each carries a text label, so colour is never the only signal.
_CAVEAT_STYLE = (
    "border-left:4px solid #8a4b00;background:#fff4e5;color:#1a1a1a;padding:0.4em 0.8em;"
    "margin:0.5em 0"
)
_CARD_STYLE = "border:1px solid #767676;border-radius:4px;padding:0.5em 0.9em;margin:0.6em 0"


def sources(case: Case, ref_ids: tuple[str, ...], lang: str) -> str:
    """Short source names, opening onto the full citations (a keyboard-operable <details>)."""
    refs = [case.reference(r) for r in dict.fromkeys(ref_ids)]
    short = "; ".join(esc(r.short()) for r in refs)
    full = "".join(f"<li>{esc(r.citation())}</li>" for r in refs)
    return (
        f'<details class="sources"><summary>{ui("sources", lang)}{colon(lang)} {short}'
        f"</summary><ol>{full}</ol></details>"
    )


def caveat(case: Case, c: Caveat, lang: str) -> str:
    label = f"{ui('caveat', lang)} ({ui(CAVEAT_KIND[c.kind], lang)})"
    # collapsed to its title: the learner opens it when they want the nuance
    return (
        f'<details class="caveat" role="note" style="{_CAVEAT_STYLE}">'
        f"<summary><strong>⚠ {label}{colon(lang)} {esc(c.title[lang])}</strong></summary>"
        f"<p>{esc(c.note[lang])}</p>{sources(case, c.refs, lang)}</details>"
    )


def finding_card(case: Case, f: Finding, number: int, lang: str) -> str:
    parts = [f"<h4>{number}. {esc(f.label[lang])}</h4>", f"<p>{esc(f.statement[lang])}</p>"]
    refs = f.refs
    if f.measurement:
        value = esc(measurement(f.measurement, lang))
        parts.append(f"<p><strong>{ui('value', lang)}{colon(lang)}</strong> {value}</p>")
        if f.measurement.reference_range:
            rr = f.measurement.reference_range
            parts.append(f"<p><small>{esc(rr.basis[lang])}</small></p>")
            refs = refs + rr.refs
    if f.explanation:
        why = esc(f.explanation[lang])
        parts.append(f"<p><strong>{ui('why_it_matters', lang)}{colon(lang)}</strong> {why}</p>")
    parts.append(sources(case, refs, lang))
    parts.extend(caveat(case, c, lang) for c in case.caveats_for(f.id))
    return f'<article class="finding" style="{_CARD_STYLE}">{"".join(parts)}</article>'


def revealed(case: Case, findings: tuple[Finding, ...], lang: str) -> str:
    cards = "".join(finding_card(case, f, i, lang) for i, f in enumerate(findings, 1))
    return _block(lang, cards, "revealed")


def stage_header(stage: Stage, lang: str) -> str:
    return _block(
        lang, f"<h3>{esc(stage.title[lang])}</h3><p>{esc(stage.intro[lang])}</p>", "stage"
    )


# --- reasoning pauses ----------------------------------------------------------------------


def step_link(case: Case, lesson: Lesson, lang: str) -> str:
    """A link naming a notebook as a learner knows it ("notebook 4, Differential diagnosis"); a
    relative link, so it opens in Voilà and in JupyterLab alike."""
    title = re.sub(r"^\d+\.\s*", "", lesson.title[lang])  # "4. Differential…": the number is n
    label = ui("notebook_step", lang, n=case.lessons.index(lesson), title=title)
    return f'<a href="{esc(lesson.notebook)}">{esc(label)}</a>'


def pause_prompt(pause: ReasoningPause, lang: str) -> str:
    body = f"<h3>{ui('pause_title', lang)}</h3><p>{esc(pause.prompt[lang])}</p>"
    return _block(lang, body, "pause-prompt")


def pause_comparison(case: Case, pause: ReasoningPause, entry: PauseEntry, lang: str) -> str:
    """The learner's committed reasoning, then point by point what of the expert's they named:
    each key feature, each diagnosis with its likelihood and her findings for and against it;
    then their revision, if any. A skipped pause shows no expert reasoning."""
    if entry.skipped:
        return _block(lang, f"<p><em>{ui('skipped', lang)}</em></p>", "pause-comparison")
    mine = f"<h4>{ui('yours', lang)}</h4><p>{esc(entry.problem)}</p>" + _ordered(entry.differential)
    if pause.problem_representation is None:  # a student build
        body = mine + f"<p><em>{ui('expert_in_class', lang)}</em></p>" + revision(entry, lang)
        return _block(lang, body, "pause-comparison")
    written = " ".join([entry.problem, *entry.differential])
    features = [mentions(written, _all_terms(k.terms)) for k in pause.key_features]
    diagnoses = [mentions(" ".join(entry.differential), _all_terms(d.terms))
                 for d in pause.differential]  # fmt: skip
    feature_items = "".join(
        f"<li>{_named(hit, lang)} — {esc(k.feature[lang])}</li>"
        for k, hit in zip(pause.key_features, features, strict=True)
    )
    diagnosis_items, problem = [], None
    for d, hit in zip(pause.differential, diagnoses, strict=True):
        if d.problem is not None and d.problem[lang] != problem:
            problem = d.problem[lang]
            diagnosis_items.append(f'<li class="problem"><strong>{esc(problem)}</strong></li>')
        diagnosis_items.append(
            f"<li>{_named(hit, lang)} — <strong>{esc(d.diagnosis[lang])}</strong> "
            f"({ui(LIKELIHOOD[d.likelihood], lang)}). {esc(d.why[lang])}<br>"
            f"<strong>{ui('findings_for', lang)}{colon(lang)}</strong> {esc(d.findings_for[lang])}"
            f"<br><strong>{ui('findings_against', lang)}{colon(lang)}</strong> "
            f"{esc(d.findings_against[lang])}{sources(case, d.refs, lang)}</li>"
        )
    summary = ui(
        "matched_summary", lang, features=sum(features), features_total=len(features),
        diagnoses=sum(diagnoses), diagnoses_total=len(diagnoses),
    )  # fmt: skip
    body = (
        mine + f'<section class="expert"><h4>{ui("experts", lang)}</h4>'
        f"<p>{esc(pause.problem_representation[lang])}</p><p><strong>{summary}</strong></p>"
        f"<h5>{ui('key_features_title', lang)}</h5><ul>{feature_items}</ul>"
        f"<h5>{ui('expert_diagnoses_title', lang)}</h5><ul>{''.join(diagnosis_items)}</ul>"
        f"</section><p>{ui('compare_hint', lang)}</p>" + revision(entry, lang)
    )
    return _block(lang, body, "pause-comparison")


def revision(entry: PauseEntry, lang: str) -> str:
    """The learner's revised differential and what they will do differently, if saved."""
    if not entry.revision and not entry.reflection:
        return ""
    return (
        f'<section class="revision"><h4>{ui("your_revision", lang)}</h4>'
        + _ordered(entry.revision)
        + f"<p><strong>{ui('your_reflection', lang)}{colon(lang)}</strong> "
        f"{esc(entry.reflection)}</p></section>"
    )


def _ordered(texts: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{esc(t)}</li>" for t in texts) + "</ol>"


def _all_terms(terms: dict[str, tuple[str, ...]]) -> list[str]:
    """A diagnosis's or feature's terms in every language: a learner may write in either."""
    return [term for lang_terms in terms.values() for term in lang_terms]


def _named(hit: bool, lang: str) -> str:
    return ui("you_named_it", lang) if hit else ui("not_in_yours", lang)


# --- views of the whole case (review notebooks) ----------------------------------------------


def findings_list(case: Case, finding_ids: tuple[str, ...], lang: str) -> str:
    """Findings already revealed elsewhere, shown again as a recap."""
    findings = tuple(case.finding(i) for i in finding_ids)
    return revealed(case, findings, lang)


def calcinosis_sites(case: Case, lang: str) -> str:
    """The sites as a table a screen reader can read, with how laterality was read."""
    rows = "".join(
        f"<tr><td>{esc(s.label[lang])}</td><td>{ui(SIDE[s.laterality], lang)}</td></tr>"
        for s in case.calcinosis_sites
    )
    refs = tuple(r for s in case.calcinosis_sites for r in s.refs)
    body = (
        f"<table><caption>{ui('sites_title', lang)}</caption>"
        f'<thead><tr><th scope="col">{ui("site", lang)}</th>'
        f'<th scope="col">{ui("side", lang)}</th></tr></thead><tbody>{rows}</tbody></table>'
        f"<p><strong>{ui('laterality', lang)}{colon(lang)}</strong> "
        f"{esc(case.laterality_reading[lang])}</p>{sources(case, refs, lang)}"
    )
    return _block(lang, body, "sites")


def open_questions(case: Case, lang: str) -> str:
    """Every caveat, by kind, with the finding it belongs to."""
    sections = []
    for kind in CAVEAT_KIND:
        caveats = [c for c in case.caveats if c.kind == kind]
        if caveats:
            items = "".join(
                f"<li><strong>{esc(c.title[lang])}</strong> ({ui('about', lang)} "
                f"{esc(case.finding(c.finding).label[lang])}){colon(lang)} {esc(c.note[lang])}</li>"
                for c in caveats
            )
            title = ui(CAVEAT_KIND[kind], lang)
            count = ui("points_count", lang, n=len(caveats))
            sections.append(
                f"<details><summary><strong>{title[0].upper() + title[1:]}</strong> ({count})"
                f"</summary><ul>{items}</ul></details>"
            )
    return _block(lang, f"<h3>{ui('open_questions', lang)}</h3>{''.join(sections)}", "open")


def reasoning_recap(case: Case, entries: dict[str, PauseEntry], lang: str) -> str:
    """Each pause: the learner's committed reasoning beside the expert's, or where to find it."""
    parts = []
    for pause in case.pauses:
        parts.append(f"<h3>{esc(pause.prompt[lang])}</h3>")
        entry = entries.get(pause.id)
        if entry is None:
            lesson = case.lesson_with_pause(pause.id)
            step = step_link(case, lesson, lang) if lesson else ""
            parts.append(f"<p>{ui('not_committed', lang, step=step)}</p>")
        else:
            parts.append(pause_comparison(case, pause, entry, lang))
    return _block(lang, "".join(parts), "recap")


def reference_list(case: Case, lang: str) -> str:
    items = "".join(
        f'<li id="ref-{esc(r.id)}">{esc(r.citation())}'
        + (f"<br><small>{esc(r.note[lang])}</small>" if r.note else "")
        + "</li>"
        for r in case.references
    )
    count = ui("sources_count", lang, n=len(case.references))
    body = (
        f"<h3>{ui('references', lang)}</h3>"
        f"<details><summary>{count}</summary><ol>{items}</ol></details>"
    )
    return _block(lang, body, "references")


def calcinosis_tools(case: Case, lang: str) -> str:
    items = "".join(
        f"<li><strong>{esc(t.name[lang])}</strong>{colon(lang)} {esc(t.what[lang])}"
        f"{sources(case, t.refs, lang)}</li>"
        for t in case.calcinosis_tools
    )
    body = (
        f"<details><summary><strong>{ui('going_further', lang)}{colon(lang)}</strong> "
        f"{ui('tools_title', lang)}</summary><ul>{items}</ul></details>"
    )  # research tools, collapsed: not needed to reason about her
    return _block(lang, body, "tools")


# --- questions -----------------------------------------------------------------------------


def question_stem(question: Question, number: int, lang: str) -> str:
    body = f"<h4>{ui('question', lang, n=number)}</h4><p>{esc(question.stem[lang])}</p>"
    return _block(lang, body, "question-stem")


def question_feedback(
    case: Case, question: Question, grade, answer, first: Attempt, lang: str
) -> str:
    """What the learner reads after checking an answer: the verdict, why each option is right or
    wrong, the expected answer, the explanation and its sources."""
    if grade.correct:
        verdict = ui("right", lang)
    elif grade.credit > 0 and question.kind in ("multiple", "ranking"):
        judged = sum(r.correct for r in grade.options)
        verdict = ui("partly", lang, n=judged, total=len(grade.options))
    else:
        verdict = ui("wrong", lang)
    parts = [f"<p><strong>{verdict}</strong></p>"]
    options = {o.id: o for o in question.options}
    if question.kind == "ranking":
        placed = {r.option_id: i for i, r in enumerate(grade.options, 1)}
        items = "".join(
            f"<li>{'✔' if placed[o.id] == n else '✘'} <strong>{esc(o.text[lang])}</strong>"
            f" ({ui('ranked_here', lang, n=placed[o.id])}) — {esc(o.feedback[lang])}</li>"
            for n, o in enumerate(question.options, 1)
        )
        parts.append(f"<p>{ui('expected', lang)}{colon(lang)}</p><ol>{items}</ol>")
    elif question.options:
        items = "".join(
            f"<li>{'✔' if options[r.option_id].correct else '✘'} "
            f"<strong>{esc(options[r.option_id].text[lang])}</strong>"
            + (f" ({ui('you_chose', lang)})" if r.chosen else "")
            + f" — {esc(options[r.option_id].feedback[lang])}</li>"
            for r in grade.options
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        expected = (
            f"{number(question.answer.value, lang)} {question.answer.unit[lang]}"
            if question.kind == "numeric"
            else right_answer(question, lang)
        )
        said = question.feedback.correct if grade.correct else question.feedback.incorrect
        parts.append(
            f"<p>{ui('your_answer_label', lang)}{colon(lang)} {esc(str(answer))}<br>"
            f"{ui('expected', lang)}{colon(lang)} {esc(expected)}</p><p>{esc(said[lang])}</p>"
        )
    parts.append(
        f"<p><strong>{ui('why', lang)}{colon(lang)}</strong> {esc(question.explanation[lang])}</p>"
        f"{sources(case, question.refs, lang)}"
    )
    if first.correct:
        result = ui("first_right", lang)
    elif first.credit > 0 and question.kind in ("multiple", "ranking"):
        result = ui("first_partly", lang, percent=percent(first.credit, lang))
    else:
        result = ui("first_wrong", lang)
    parts.append(f"<p><small>{ui('first_answer_counted', lang, result=result)} "
                 f"{ui('retry_note', lang)}</small></p>")  # fmt: skip
    return _block(lang, "".join(parts), "question-feedback")


def answer_recorded(question: Question, answer, lang: str) -> str:
    """What a learner of a student build reads after answering: no key, no feedback."""
    texts = {o.id: o.text[lang] for o in question.options}
    if isinstance(answer, list):
        shown = "; ".join(texts.get(a, a) for a in answer)
    else:
        shown = texts.get(answer, str(answer))
    return _block(lang, f"<p>{esc(ui('answer_recorded', lang, answer=shown))}</p>", "recorded")


def quiz_tally(
    questions: tuple[Question, ...], answers: dict[str, AnswerRecord], lang: str, withheld=False
) -> str:
    firsts = [answers[q.id].first for q in questions if q.id in answers]
    if withheld:
        text = ui("tally_withheld", lang, answered=len(firsts), total=len(questions))
        return _block(lang, f'<p aria-live="polite"><strong>{text}</strong></p>', "tally")
    credit = sum(f.credit for f in firsts)
    text = ui(
        "tally", lang, answered=len(firsts), total=len(questions),
        right=sum(bool(f.correct) for f in firsts), credit=round(float(credit), 1),
    )  # fmt: skip
    return _block(lang, f'<p aria-live="polite"><strong>{text}</strong></p>', "tally")


# --- instructor guide ----------------------------------------------------------------------


def session_plan(case: Case, plan, lang: str) -> str:
    rows = "".join(
        f"<tr><td>{esc(case.lesson(step.lesson).notebook)}</td><td>{step.minutes}</td>"
        f"<td>{esc(step.prompt[lang])}</td></tr>"
        for step in plan.steps
    )
    head = "".join(
        f'<th scope="col">{ui(key, lang)}</th>'
        for key in (N_("notebook"), N_("minutes_col"), N_("prompt"))
    )
    body = (
        f"<table><caption>{ui('plan_title', lang, minutes=plan.minutes)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    return _block(lang, body, "plan")


def expert_reasoning(case: Case, lang: str) -> str:
    parts = [f"<h3>{ui('expert_reasoning', lang)}</h3>"]
    for pause in case.pauses:
        items = "".join(
            f"<li><strong>{esc(d.diagnosis[lang])}</strong> — {esc(d.why[lang])}</li>"
            for d in pause.differential
        )
        parts.append(
            f"<h4>{esc(pause.prompt[lang])}</h4><p>{esc(pause.problem_representation[lang])}</p>"
            f"<ol>{items}</ol>"
        )
    return _block(lang, "".join(parts), "expert")


def answer_key(case: Case, lang: str) -> str:
    parts = [f"<h3>{ui('answer_key', lang)}</h3>"]
    for lesson in case.lessons:
        questions = case.questions_for(lesson.id)
        if not questions:
            continue
        items = "".join(
            f"<li>{'<strong>★ ' + ui('core_item', lang) + '</strong> ' if q.core else ''}"
            f"{esc(q.stem[lang])}<br><strong>{ui('expected', lang)}{colon(lang)} "
            f"{esc(right_answer(q, lang))}</strong><br><small>{esc(q.explanation[lang])}</small>"
            "</li>"
            for q in questions
        )
        parts.append(f"<h4>{esc(lesson.notebook)}</h4><ol>{items}</ol>")
    return _block(lang, "".join(parts), "answer-key")


def misconceptions(case: Case, lang: str) -> str:
    items = "".join(
        f"<li>✘ {esc(m.claim[lang])}<br>✔ <strong>{ui('in_fact', lang)}{colon(lang)}</strong> "
        f"{esc(m.correction[lang])}{sources(case, m.refs, lang)}</li>"
        for m in case.misconceptions
    )
    return _block(lang, f"<h3>{ui('misconceptions', lang)}</h3><ul>{items}</ul>", "misconceptions")


def teaching_notes(case: Case, lesson_id: str, lang: str) -> str:
    steps = [
        ui("plan_step", lang, total=plan.minutes, minutes=step.minutes, prompt=step.prompt[lang])
        for plan in case.session_plans
        for step in plan.steps
        if step.lesson == lesson_id
    ]
    if not steps:
        return ""
    items = "".join(f"<li>{esc(s)}</li>" for s in steps)
    return _block(lang, f"<h4>🎓 {ui('teaching_notes', lang)}</h4><ul>{items}</ul>", "notes")
