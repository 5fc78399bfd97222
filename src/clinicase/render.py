"""Case content as HTML, in one language. Pure functions: no widgets, no plotting.

Every text from the case data goes through `esc`, so a case file can never inject markup or
script into a learner's page. Each block carries `lang` so screen readers pronounce it right.
"""

from __future__ import annotations

from html import escape as esc

from .i18n import ui
from .model import Case, Finding, Lesson, Measurement


def colon(lang: str) -> str:
    """French sets a space before a colon."""
    return "\u00a0:" if lang == "fr" else ":"


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
    steps = ui("how_to_use_steps", lang).split("|")
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


def measurement(m: Measurement, lang: str) -> str:
    """'43 mm/h (usual range: ≤ 28.5 mm/h)', with the decimal mark of the language."""
    text = f"{_number(m.value, lang)} {m.unit}"
    rr = m.reference_range
    if rr:
        if rr.low is not None and rr.high is not None:
            bounds = f"{_number(rr.low, lang)}–{_number(rr.high, lang)}"
        elif rr.high is not None:
            bounds = f"≤ {_number(rr.high, lang)}"
        else:
            bounds = f"≥ {_number(rr.low, lang)}"
        text += f" ({ui('reference_range', lang)}{colon(lang)} {bounds} {rr.unit})"
    return text


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


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
