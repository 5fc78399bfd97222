"""The interface catalogs: every key used is defined, every key defined is used, every language
has every key with the same placeholders, and a third language is data only."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from casefiles import CASE_DIR, ROOT

from clinicase import scores
from clinicase.i18n import CATALOGS, LANGUAGES, names, read_catalog, ui

SRC = ROOT / "src" / "clinicase"
FIXTURES = ROOT / "tests" / "fixtures" / "i18n"

# Functions whose first argument is an interface key, and keyword arguments that hold one.
KEY_FUNCTIONS = {"ui", "ui_html", "N_", "button", "notice_html", "AnswerError", "Refusal"}
KEY_KEYWORDS = {"tooltip_key"}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal_keys(node: ast.expr) -> list[str] | None:
    """The keys a key argument can be: a string, or either branch of `a if cond else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_keys(node.body), _literal_keys(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _call_sites() -> list[tuple[str, ast.Call, Path]]:
    sites = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in KEY_FUNCTIONS and node.args:
                sites.append((_name(node.func), node, path))
    return sites


def _template_keys() -> dict[str, list[set[str]]]:
    """Keys given to `ui(...)` in the Jinja2 templates, each with the keywords of each call."""
    from jinja2 import nodes

    from clinicase.html import TEMPLATES, environment

    found: dict[str, list[set[str]]] = {}
    for path in TEMPLATES.iterdir():
        if path.suffix in (".html", ".md"):
            tree = environment().parse(path.read_text("utf-8"))
            for call in tree.find_all(nodes.Call):
                if isinstance(call.node, nodes.Name) and call.node.name in ("ui", "ui_html"):
                    first = call.args[0]
                    assert not isinstance(first, (nodes.Concat, nodes.Add)), (path.name, first)
                    if isinstance(first, nodes.Const):
                        found.setdefault(first.value, []).append({k.key for k in call.kwargs})
    return found


def _used_keys() -> dict[str, list[ast.Call]]:
    used: dict[str, list[ast.Call]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            args = node.args[:1] if _name(node.func) in KEY_FUNCTIONS else []
            args += [k.value for k in node.keywords if k.arg in KEY_KEYWORDS]
            for arg in args:
                for key in _literal_keys(arg) or []:
                    if key:  # "" clears a notice
                        used.setdefault(key, []).append(node)
    return used


CATALOG = {lang: read_catalog(po)["messages"] for lang, po in CATALOGS.items()}
DEFINED = set(CATALOG["en"])


def test_no_key_is_built_at_run_time():
    built = [
        f"{path.name}:{call.lineno}"
        for name, call, path in _call_sites()
        if name in ("ui", "N_") and isinstance(call.args[0], (ast.JoinedStr, ast.BinOp))
    ]
    assert not built, f"keys made of pieces (write each key out, e.g. in i18n/names.py): {built}"


def test_every_key_used_is_defined():
    missing = sorted((set(_used_keys()) | set(_template_keys())) - DEFINED)
    assert not missing, f"used in the code but in no catalog: {missing}"


def test_every_key_defined_is_used():
    dead = sorted(DEFINED - set(_used_keys()) - set(_template_keys()))
    assert not dead, f"in the catalogs but used nowhere: {dead}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_key_with_the_same_placeholders(lang):
    assert set(CATALOG[lang]) == DEFINED, f"{lang}: missing {sorted(DEFINED - set(CATALOG[lang]))}"
    for key, text in CATALOG[lang].items():
        forms = text if isinstance(text, list) else [text]
        english = CATALOG["en"][key]
        expected = set(re.findall(r"{(\w+)}", english if isinstance(english, str) else english[0]))
        for form in forms:
            assert set(re.findall(r"{(\w+)}", form)) == expected, (lang, key, form)
        assert isinstance(text, list) == isinstance(english, list), (lang, key)


def test_plural_messages_are_given_their_count():
    plural = {key for key, text in CATALOG["en"].items() if isinstance(text, list)}
    for key, calls in _used_keys().items():
        if key in plural:
            for call in calls:
                if _name(call.func) == "ui":
                    assert "n" in {k.arg for k in call.keywords}, (
                        f"{key}: no n= at line {call.lineno}"
                    )


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [("en", 1, "1 minute"), ("en", 2, "2 minutes"), ("fr", 0, "0 minute"), ("fr", 2, "2 minutes")],
)
def test_plurals_follow_the_rules_of_each_language(lang, n, expected):
    assert ui("minutes", lang, n=n) == expected


def test_numbers_in_messages_take_the_decimal_mark_of_the_language():
    assert "0,5 points" in ui("tally", "fr", answered=1, total=3, right=0, credit=0.5)
    assert "0.5 of 3 points" in ui("tally", "en", answered=1, total=3, right=0, credit=0.5)


def test_a_partial_credit_reads_with_one_decimal_at_most():
    from clinicase.i18n.formatting import percent

    # two of three options judged right: not '66.66666666666666%'
    assert ui("first_partly", "en", percent=percent(2 / 3, "en")) == "66.7% credit"
    assert percent(2 / 3, "fr") == "66,7\xa0%" and percent(0.125, "en") == "12.5%"


def test_every_vocabulary_term_has_its_key():
    assert set(names.MRSS_SITE) == set(scores.MRSS_SITES)
    assert set(names.ACR_EULAR_ITEM) == set(scores.ACR_EULAR_ITEMS)
    assert set(names.ACR_EULAR_CRITERION) == {c.id for c in scores.ACR_EULAR_CRITERIA}
    assert len(names.MRSS_GRADE) == scores.MRSS_MAX_GRADE + 1


def test_an_unknown_language_is_refused():
    with pytest.raises(KeyError):
        ui("language", "xx")


def _add_language(data, lang: str):
    """The case text with a pseudo-translation into `lang` beside every English text."""
    if isinstance(data, dict):
        if set(data) == {"en", "fr"} and all(isinstance(v, str) for v in data.values()):
            return {**data, lang: f"⟪{lang}⟫ {data['en']}"}
        if set(data) == {"en", "fr"} and all(isinstance(v, list) for v in data.values()):
            return {**data, lang: [f"⟪{lang}⟫ {term}" for term in data["en"]]}
        return {k: _add_language(v, lang) for k, v in data.items()}
    if isinstance(data, list):
        return [_add_language(v, lang) for v in data]
    return data


SHOW_IN_GERMAN = """
import json
from clinicase import course, html
from clinicase.loader import load_case
from clinicase.state import state
case = load_case()
switch = course.language_switch()
state.language = "de"
print(json.dumps({
    "languages": list(case.languages),
    "switch": [label for label, _ in switch.options],
    "description": switch.description,
    "intro": course.lesson_intro("start").children[0].value,
    "finding": html.finding(case.finding("mouth_opening"), "de"),
}))
"""


def test_a_third_language_is_data_only(tmp_path):
    """German from a fixture catalog and pseudo-translated case text, with no code change."""
    casedata = tmp_path / "casedata" / CASE_DIR.name
    casedata.mkdir(parents=True)
    for path in CASE_DIR.glob("*.yaml"):
        data = _add_language(yaml.safe_load(path.read_text("utf-8")), "de")
        (casedata / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    env = {
        **os.environ,
        "CLINICASE_LOCALES": str(FIXTURES),
        "CLINICASE_CASEDATA": str(casedata.parent),
        "CLINICASE_HOME": str(tmp_path / "home"),
        "CLINICASE_CACHE": str(tmp_path / "cache"),
    }
    run = subprocess.run(
        [sys.executable, "-c", SHOW_IN_GERMAN], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    assert shown["languages"] == ["en", "fr", "de"]
    assert shown["switch"] == ["English", "Français", "Deutsch"]
    assert "Sprache" in shown["description"]
    assert 'lang="de"' in shown["intro"] and "Lernziele" in shown["intro"]
    assert "⟪de⟫" in shown["intro"]  # the case's own text, in the new language
    assert "1,5 cm" in shown["finding"]  # Babel's German decimal comma
