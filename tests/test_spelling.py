"""Spelling of the bilingual text against the project's word lists (tests/spelling/).

English: codespell (common misspellings) over every text a learner or author reads: case data,
interface strings, notebooks, Markdown pages. French: hunspell's fr_FR dictionary over every
French text of the case data and the interface (headings and instructions included: they are
case data or interface text); what Markdown the notebooks keep, against both together. A word
the dictionaries lack but the course rightly uses (calcinose, Rodnan, a drug name) goes in the
word list, one per line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from casefiles import FIXTURE_CASES, ROOT

from clinicase.i18n import CATALOGS

WORDS = ROOT / "tests" / "spelling"
CASE_FILES = [
    *sorted((ROOT / "casedata").glob("*/*.yaml")),
    *sorted(FIXTURE_CASES.glob("*/*.yaml")),
    *sorted((ROOT / "src" / "clinicase" / "scaffold").glob("*.yaml")),  # `clinicase new`
]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = sorted(ROOT.glob("*.md"))


# what a learner may type (synonyms, abbreviations, variants), matched, never shown as prose
TYPED = ("terms", "accepted")


def texts_in(data, lang: str) -> Iterator[str]:
    """Every text of `lang` in loaded YAML: the `en:` / `fr:` values, wherever they are."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TYPED:
                continue
            if key == lang:
                yield from [value] if isinstance(value, str) else value
            else:
                yield from texts_in(value, lang)
    elif isinstance(data, list):
        for item in data:
            yield from texts_in(item, lang)


def interface_texts(lang: str) -> list[str]:
    """Every message of the interface catalog of `lang` (each plural form too)."""
    from babel.messages.pofile import read_po

    with CATALOGS[lang].open("rb") as po:
        messages = [m.string for m in read_po(po) if m.id]
    return [t for m in messages for t in ([m] if isinstance(m, str) else m) if t]


def markdown_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def words_only(text: str) -> str:
    """Text without what is not prose: code, URLs, link targets, tags, placeholders, DOIs."""
    for pattern in (r"`[^`]*`", r"\]\([^)]*\)", r"<[^>]+>", r"https?://\S+", r"\{[^}]*\}",
                    r"\b10\.\d{4,9}/\S+", r"\S+\.(ipynb|html|json|md|yaml)\b", r"\S*\d\S*",
                    r"(?<!\S)--?\w[\w-]*", r"\$?\b[A-Z]+_[A-Z_]+\b"):  # fmt: skip
        text = re.sub(pattern, " ", text)
    text = re.sub(r"(?<=s)'(?!\w)", " ", text)  # the authors' report
    return re.sub(r"[.,;:!?()«»\"/…*_#>\[\]|=+]", " ", text)


def unavailable(reason: str):
    """Skip without hunspell or its dictionaries, with the reason shown; under CI, fail."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; .ci/run installs hunspell and its dictionaries", pytrace=False)
    pytest.skip(f"{reason} (apt-get install hunspell hunspell-fr hunspell-en-us)")


def unknown_words(text: str, dictionaries: str) -> list[str]:
    hunspell = shutil.which("hunspell") or unavailable("no hunspell")
    result = subprocess.run(
        [hunspell, "-d", dictionaries, "-p", str(WORDS / "words.txt"), "-i", "utf-8", "-l"],
        input=words_only(text), capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    if result.returncode != 0:  # a dictionary is missing
        unavailable(result.stderr.strip())
    return sorted(set(result.stdout.split()))


def test_english_has_no_common_misspelling(tmp_path, capsys):
    """codespell reads the English of the case data and interface (French would be flagged as
    English typos: ans, moteur), and notebooks and pages as they are."""
    from codespell_lib import main as codespell

    english = {path: list(texts_in(yaml.safe_load(path.read_text("utf-8")), "en"))
               for path in CASE_FILES}  # fmt: skip
    english[CATALOGS["en"]] = interface_texts("en")
    english.update({path: markdown_cells(path) for path in NOTEBOOKS})
    extracted = []
    for path, texts in english.items():
        extracted.append(tmp_path / f"{path.parent.name}-{path.name}.en.txt")
        extracted[-1].write_text("\n".join(texts), encoding="utf-8")
    code = codespell("--ignore-words", str(WORDS / "codespell-ignore.txt"),
                     *map(str, [*extracted, *PAGES]))  # fmt: skip
    assert code == 0, capsys.readouterr().out


def test_french_of_the_case_data_and_interface_is_spelled_right():
    french = [t for path in CASE_FILES for t in texts_in(yaml.safe_load(path.read_text("utf-8")),
                                                          "fr")]  # fmt: skip
    french += interface_texts("fr")
    assert unknown_words("\n".join(french), "fr_FR") == []


def test_notebook_markdown_is_spelled_right_in_both_languages():
    cells = [text for path in NOTEBOOKS for text in markdown_cells(path)]
    assert unknown_words("\n".join(cells), "fr_FR,en_US") == []


def test_the_word_list_holds_only_words_the_dictionaries_lack():
    """Each entry is `word` or `word/model` (inflected like a word the dictionary knows:
    calcinose/maladie also accepts calcinoses, la calcinose, l'antropathie). An entry the
    dictionaries already know, or a duplicate, is noise that hides real additions."""
    entries = (WORDS / "words.txt").read_text(encoding="utf-8").split()
    assert entries == sorted(set(entries), key=str.casefold), "keep words.txt sorted, no repeats"
    hunspell = shutil.which("hunspell") or unavailable("no hunspell")
    known = subprocess.run(
        [hunspell, "-d", "fr_FR", "-i", "utf-8", "-G"],
        input="\n".join(e.split("/")[0] for e in entries),
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout.split()  # fmt: skip
    assert known == []
