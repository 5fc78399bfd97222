"""The instructor's dashboard (a page of its own, no Jupyter needed) and the class exports.

One Jinja2 template (autoescape on: a learner's text is always shown escaped) renders the class
view; the live service wraps it with pacing controls and a poll, `class collect` writes it as a
static page. Its text is in the interface catalogs (i18n/locales), keys `class_dash_*`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from functools import lru_cache

import jinja2

from ..i18n import LANGUAGES, N_, ui
from ..model import Case
from .records import Record
from .summary import ClassView, asked, lesson_of

# the dashboard's text, by the name its templates use (the language link is built apart)
TEXT = {
    "title": N_("class_dash_title"),
    "learners": N_("class_dash_learners"),
    "join": N_("class_dash_join"),
    "stages": N_("class_dash_stages"),
    "not_started": N_("class_dash_not_started"),
    "questions": N_("class_dash_questions"),
    "prediction": N_("class_dash_prediction"),
    "answers": N_("class_dash_answers"),
    "right": N_("class_dash_right"),
    "key": N_("class_dash_key"),
    "show_key": N_("class_dash_show_key"),
    "hide_key": N_("class_dash_hide_key"),
    "release": N_("class_dash_release"),
    "released": N_("class_dash_released"),
    "pauses": N_("class_dash_pauses"),
    "committed": N_("class_dash_committed"),
    "expert": N_("class_dash_expert"),
    "others": N_("class_dash_others"),
    "expert_hidden": N_("class_dash_expert_hidden"),
    "show_expert": N_("class_dash_show_expert"),
    "hide_expert": N_("class_dash_hide_expert"),
    "problems": N_("class_dash_problems"),
    "none": N_("class_dash_none"),
    "pacing": N_("class_dash_pacing"),
    "open_through": N_("class_dash_open_through"),
    "no_pacing": N_("class_dash_no_pacing"),
    "hold_feedback": N_("class_dash_hold_feedback"),
    "apply": N_("class_dash_apply"),
    "export": N_("class_dash_export"),
    "confidence": N_("class_dash_confidence"),
    "conf_sure": N_("class_dash_conf_sure"),
    "conf_unsure": N_("class_dash_conf_unsure"),
    "conf_guessing": N_("class_dash_conf_guessing"),
    "conf_-": N_("class_dash_conf_none"),
    "sure_wrong": N_("class_dash_sure_wrong"),
    "static": N_("class_dash_static"),
    "lesson": N_("class_dash_lesson"),
    "all_lessons": N_("class_dash_all_lessons"),
    "updated": N_("class_dash_updated"),
    "colon": N_("colon"),  # ":" in English, " :" in French
    "plan": N_("class_dash_plan"),
    "plan_expert": N_("class_dash_plan_expert"),
    "plan_hidden": N_("class_dash_plan_hidden"),
    "show_plan": N_("class_dash_show_plan"),
    "hide_plan": N_("class_dash_hide_plan"),
    "plan_steps": N_("class_dash_plan_steps"),
    "plan_problems": N_("class_dash_plan_problems"),
    "synthesis": N_("class_dash_synthesis"),
    "synthesis_count": N_("class_dash_synthesis_count"),
    "synthesis_lines": N_("class_dash_synthesis_lines"),
    "synthesis_summaries": N_("class_dash_synthesis_summaries"),
    "synthesis_questions": N_("class_dash_synthesis_questions"),
}


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("clinicase.classroom", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _context(case: Case, view: ClassView, lang: str, **extra) -> dict:
    other = next(code for code in LANGUAGES if code != lang)  # the link to the other language
    text = {name: ui(key, lang) for name, key in TEXT.items()}
    text.update(language=ui("language_name", other), other_lang=other)
    lessons = list(dict.fromkeys(lesson_of(case, q) for q in asked(case)))  # those that ask
    return {"t": text, "lang": lang, "case": case, "view": view, "lessons": lessons, **extra}


def class_view_html(case: Case, view: ClassView, lang: str, *, live: bool) -> str:
    """The part of the page that changes as answers come in."""
    return (
        _templates()
        .get_template("class_view.html.j2")
        .render(_context(case, view, lang, live=live))
    )


def page_html(
    case: Case,
    view: ClassView,
    lang: str,
    *,
    live: bool,
    join_code: str = "",
    nonce: str = "",
    static_files: int = 0,
) -> str:
    """The whole page: live (pacing controls, polled every second; its script runs under the
    page's CSP `nonce`) or static (`static_files` progress files collected)."""
    body = class_view_html(case, view, lang, live=live)
    return (
        _templates()
        .get_template("dashboard.html.j2")
        .render(
            _context(
                case,
                view,
                lang,
                live=live,
                join_code=join_code,
                nonce=nonce,
                static_files=static_files,
                body=body,
            )
        )
    )


def export_rows(entries: list[tuple[str, Record]]) -> list[dict]:
    """One flat row per record (the CSV export, and the JSON export's records)."""
    rows = []
    for pseudonym, record in entries:
        data = record.data
        answer = data.get("answer")
        rows.append(
            {
                "learner": pseudonym,
                "id": record.id,
                "kind": record.kind,
                "item": record.item,
                "at": record.at,
                "answer": " | ".join(answer) if isinstance(answer, list) else (answer or ""),
                "correct": "" if data.get("correct") is None else str(data["correct"]).lower(),
                "confidence": data.get("confidence") or "",
                "skipped": "" if "skipped" not in data else str(data["skipped"]).lower(),
                "problem": data.get("problem", ""),
                "differential": " | ".join(data.get("differential", [])),
                "questions": data.get("questions", ""),
            }
        )
    return rows


def export_csv(entries: list[tuple[str, Record]]) -> str:
    out = io.StringIO()
    rows = export_rows(entries)
    writer = csv.DictWriter(
        out, fieldnames=list(export_rows([("", Record("stage", "", "", {}))])[0])
    )
    writer.writeheader()
    for row in rows:
        # a cell starting with = + - @ is a formula to a spreadsheet: keep learner text as text
        writer.writerow({k: "'" + v if v and v[0] in "=+-@" else v for k, v in row.items()})
    return out.getvalue()


def export_json(case: Case, entries: list[tuple[str, Record]], view: ClassView) -> str:
    return json.dumps(
        {
            "case_id": case.id,
            "pacing": view.pacing,
            "learners": view.learners,
            "summary": asdict(view),
            "records": export_rows(entries),
        },
        ensure_ascii=False,
        indent=1,
    )
