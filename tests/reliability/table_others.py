"""Bad input to the calculators (the score functions and their widgets), the reasoning pauses,
and the progress store through its public calls (the progress helper's own table goes further)."""

from __future__ import annotations

import json
from pathlib import Path

from casefiles import shown
from judge import BadInput

import clinicase
from clinicase.marking import MAX_TEXT_CHARS
from clinicase.progress import ProgressStore
from clinicase.scores import ACR_EULAR_ITEMS, MRSS_SITES, acr_eular_2013, cutaneous_subset, mrss
from clinicase.state import state
from clinicase.widgets.calculators import MrssCalculator
from clinicase.widgets.pause import ReasoningPauseWidget

CASE = clinicase.load_case()
ZERO = dict.fromkeys(MRSS_SITES, 0)


def score_probe(function, value, want=None):
    """A refusal (ValueError with a message naming the problem) or the expected result."""

    def probe(tmp: Path) -> str:
        try:
            result = function(value)
        except ValueError as exc:
            assert str(exc) and "\n" not in str(exc)
            return "clean error"
        assert result == want, f"{result!r}, expected {want!r}"
        return "accepted"

    return probe


def with_site(site: str, grade) -> dict:
    return {**ZERO, site: grade}


MRSS = [  # (name, form, total or None for a refusal)
    ("all sites 0", ZERO, 0),
    ("all sites 3", dict.fromkeys(MRSS_SITES, 3), 51),
    ("one site 4", with_site("face", 4), None),
    ("one site -1", with_site("face", -1), None),
    ("one site True", with_site("face", True), None),
    ("one site 1.0", with_site("face", 1.0), None),
    ("one site '2'", with_site("face", "2"), None),
    ("one site None", with_site("face", None), None),
    ("one site NaN", with_site("face", float("nan")), None),
    ("a site missing", {s: 0 for s in MRSS_SITES[1:]}, None),
    ("an unknown site", {**ZERO, "tail": 1}, None),
    ("an empty form", {}, None),
    ("a list instead of a form", [0] * 17, None),
    ("text instead of a form", "0" * 17, None),
    ("None instead of a form", None, None),
]

ACR = [  # (name, findings, total or None for a refusal)
    ("nothing present", {}, 0),
    ("an unknown item", {"tail": True}, None),
    ("an item 1 instead of True", {ACR_EULAR_ITEMS[0]: 1}, None),
    ("an item 'yes'", {ACR_EULAR_ITEMS[0]: "yes"}, None),
    ("an item None", {ACR_EULAR_ITEMS[0]: None}, None),
    ("a list instead of findings", list(ACR_EULAR_ITEMS), None),
    ("None instead of findings", None, None),
    ("everything absent", dict.fromkeys(ACR_EULAR_ITEMS, False), 0),
]


def acr_total(findings):
    return acr_eular_2013(findings).total


def calculator_widget(grades: dict, want: str):
    """Set the mRSS widget's dropdowns as a learner would; the result shows the right total."""

    def probe(tmp: Path) -> str:
        calculator = MrssCalculator(CASE)
        calculator.set_site_scores(grades)
        assert want in shown(calculator.result), shown(calculator.result)
        return "accepted"

    return probe


def score_rows(surface: str, score: str, function, cases) -> list[BadInput]:
    """A row per (name, value, result or None for a refusal) given to a score function."""
    return [
        BadInput(
            surface,
            f"{score}: {name}",
            score_probe(function, value, want),
            "clean error" if want is None else "accepted",
        )
        for name, value, want in cases
    ]


def calculators() -> list[BadInput]:
    surface = "calculators"
    rows = score_rows(surface, "mRSS", mrss, MRSS)
    rows += score_rows(
        surface,
        "cutaneous subset",
        cutaneous_subset,
        [
            ("no thickening", ZERO, "none"),
            ("fingers only", with_site("fingers_right", 2), "limited"),
            ("upper arm", with_site("upper_arm_right", 1), "diffuse"),
            ("a grade 5", with_site("upper_arm_right", 5), None),
            ("a bool grade", with_site("fingers_right", True), None),
        ],
    )
    rows += score_rows(surface, "ACR/EULAR", acr_total, ACR)
    rows += [
        BadInput(
            surface,
            "mRSS widget: every site at 3",
            calculator_widget(dict.fromkeys(MRSS_SITES, 3), "51"),
            "accepted",
        ),
        BadInput(surface, "mRSS widget: cleared", calculator_widget({}, "0"), "accepted"),
    ]
    return rows


def pause_probe(problem: str, ranks: list[str], lang: str, words: str | None):
    """Type a reasoning and commit: refused with `words` and nothing saved, or saved and shown
    beside the expert's, escaped."""

    def probe(tmp: Path) -> str:
        state.language = lang
        try:
            store = ProgressStore(tmp / "progress.json", CASE.id)
            pause = CASE.pauses[0]
            widget = ReasoningPauseWidget(CASE, pause, store)
            widget.problem.value = problem
            for field, text in zip(widget.ranks, ranks, strict=False):
                field.value = text
            widget.commit_button.click()
            saved = store.read().pauses.get(pause.id)
            if words is not None:
                assert saved is None, "a refused reasoning was saved"
                assert words in shown(widget.message), shown(widget.message)
                assert not widget.commit_button.disabled, "the learner can still commit"
                return "clean error"
            assert saved.problem == problem.strip()
            assert "<script" not in widget.comparison.value, "unescaped"
            assert problem.strip()[:20] in shown(widget.comparison)
            return "accepted"
        finally:
            state.language = "en"

    return probe


PAUSES = [  # (name, problem, differential, language, words of the refusal or None)
    ("nothing typed", "", [], "en", "problem"),
    ("only spaces", "   \n\t", ["  "], "en", "problem"),
    ("no differential", "A woman with calcinosis", [], "en", "diagnos"),
    ("no differential, in French", "Une femme", [], "fr", "diagnostic"),
    (
        "a problem over the length limit",
        "a" * (MAX_TEXT_CHARS + 1),
        ["SSc"],
        "en",
        str(MAX_TEXT_CHARS),
    ),
    (
        "a diagnosis over the length limit",
        "A woman",
        ["b" * (MAX_TEXT_CHARS + 1)],
        "fr",
        str(MAX_TEXT_CHARS),
    ),
    ("at the length limit", "a" * MAX_TEXT_CHARS, ["SSc"], "en", None),
    ("HTML in the reasoning", "<script>alert(1)</script> calcinosis", ["<b>SSc</b>"], "en", None),
    (
        "right-to-left text",
        "\u0627\u0645\u0631\u0623\u0629 \u0645\u0635\u0627\u0628\u0629",
        ["SSc"],
        "en",
        None,
    ),
    ("emoji and accents", "Sclérodermie 🤔 calcinose", ["ScS limitée"], "fr", None),
    ("five diagnoses", "A woman", ["a", "b", "c", "d", "e"], "en", None),
    ("a diagnosis in the last rank only", "A woman", ["", "", "", "", "SSc"], "en", None),
    ("newlines in a diagnosis", "A woman", ["SSc\nwith calcinosis"], "en", None),
]


def pauses() -> list[BadInput]:
    return [
        BadInput(
            "pauses",
            name,
            pause_probe(problem, ranks, lang, words),
            "clean error" if words else "accepted",
        )
        for name, problem, ranks, lang, words in PAUSES
    ]


def progress_probe(content: str | bytes):
    """A progress file the store cannot use: reading it never raises, gives a fresh start, and
    keeps every byte of the old file (moved aside, and said)."""

    def probe(tmp: Path) -> str:
        path = tmp / "progress.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        original = path.read_bytes()
        store = ProgressStore(path, CASE.id)
        data = store.read()
        assert data.case_id == CASE.id
        kept = [p.read_bytes() for p in store.damaged] + [p.read_bytes() for p, _ in store.kept]
        assert original in kept or path.read_bytes() == original, "the old progress is lost"
        return "clean error" if store.damaged else "accepted"

    return probe


def progress() -> list[BadInput]:
    valid = {"schema": 1, "case_id": CASE.id, "language": "fr"}
    cases = [
        ("not JSON", "{not json", "clean error"),
        ("not UTF-8", b"\xff\xfe\x00{", "clean error"),
        ("a JSON list", "[1, 2]", "clean error"),
        ("a JSON string", '"progress"', "clean error"),
        ("an empty file", "", "clean error"),
        ("another case's", json.dumps({"schema": 1, "case_id": "other"}), "clean error"),
        ("truncated mid-write", json.dumps(valid)[:-5], "clean error"),
        ("valid, with an unknown entry kept", json.dumps({**valid, "future": [1]}), "accepted"),
        ("valid, in French", json.dumps(valid), "accepted"),
    ]
    return [
        BadInput(
            "progress store",
            f"a progress file that is {name}",
            progress_probe(content),
            expect,
        )
        for name, content, expect in cases
    ]


def table() -> list[BadInput]:
    return calculators() + pauses() + progress()
