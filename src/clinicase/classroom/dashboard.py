"""The instructor's dashboard (a page of its own, no Jupyter needed) and the class exports.

One Jinja2 template (autoescape on: a learner's text is always shown escaped) renders the class
view; the live service wraps it with pacing controls and a poll, `class collect` writes it as a
static page. Its text is here, in English and French.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from functools import lru_cache

import jinja2

from ..model import Case
from .records import Record
from .summary import ClassView

TEXT = {
    "en": {
        "title": "Live class",
        "learners": "learner(s) in the class",
        "join": "Join code",
        "stages": "Learners at each stage",
        "not_started": "not started",
        "questions": "First answers, question by question",
        "answers": "{n} first answers",
        "right": "right first time: {n}",
        "key": "key",
        "show_key": "Show the key",
        "hide_key": "Hide the key",
        "release": "Release the feedback",
        "released": "feedback released",
        "pauses": "Reasoning pauses",
        "committed": "{n} committed, {s} skipped",
        "expert": "The expert's differential: how many learners named each",
        "others": "Other diagnoses learners named",
        "expert_hidden": "expert's diagnosis {n} (hidden)",
        "show_expert": "Show the expert's diagnoses",
        "hide_expert": "Hide the expert's diagnoses",
        "problems": "Problem representations (anonymised)",
        "none": "none yet",
        "pacing": "Pacing",
        "open_through": "Learners may reveal up to",
        "no_pacing": "every stage (no pacing)",
        "hold_feedback": "Hold question feedback until I release it",
        "apply": "Apply",
        "export": "Export",
        "confidence": "confidence",
        "conf_sure": "sure",
        "conf_unsure": "unsure",
        "conf_guessing": "guessing",
        "conf_-": "not said",
        "static": "Collected from {n} progress files; not live.",
        "lesson": "Notebook",
        "all_lessons": "all notebooks",
        "bar_label": "{label}: {n}",
        "updated": "Updated live every second.",
        "language": "Français",
        "other_lang": "fr",
    },
    "fr": {
        "title": "Classe en direct",
        "learners": "apprenant(s) dans la classe",
        "join": "Code pour rejoindre",
        "stages": "Apprenants à chaque étape",
        "not_started": "pas commencé",
        "questions": "Premières réponses, question par question",
        "answers": "{n} premières réponses",
        "right": "justes du premier coup : {n}",
        "key": "corrigé",
        "show_key": "Montrer le corrigé",
        "hide_key": "Cacher le corrigé",
        "release": "Libérer la rétroaction",
        "released": "rétroaction libérée",
        "pauses": "Pauses de raisonnement",
        "committed": "{n} validées, {s} passées",
        "expert": "Le diagnostic différentiel de l'expert : combien d'apprenants ont cité chacun",
        "others": "Autres diagnostics cités par les apprenants",
        "expert_hidden": "diagnostic {n} de l'expert (caché)",
        "show_expert": "Montrer les diagnostics de l'expert",
        "hide_expert": "Cacher les diagnostics de l'expert",
        "problems": "Représentations du problème (anonymisées)",
        "none": "aucune pour l'instant",
        "pacing": "Rythme",
        "open_through": "Les apprenants peuvent dévoiler jusqu'à",
        "no_pacing": "toutes les étapes (rythme libre)",
        "hold_feedback": "Retenir la rétroaction des questions jusqu'à ce que je la libère",
        "apply": "Appliquer",
        "export": "Exporter",
        "confidence": "assurance",
        "conf_sure": "sûr",
        "conf_unsure": "pas sûr",
        "conf_guessing": "au hasard",
        "conf_-": "non précisé",
        "static": "Rassemblé à partir de {n} fichiers de progression ; pas en direct.",
        "lesson": "Carnet",
        "all_lessons": "tous les carnets",
        "bar_label": "{label} : {n}",
        "updated": "Mis à jour en direct chaque seconde.",
        "language": "English",
        "other_lang": "en",
    },
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
    return {"t": TEXT[lang], "lang": lang, "case": case, "view": view, **extra}


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
        writer.writerow({k: "'" + v if v[:1] in "=+-@" else v for k, v in row.items()})
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
