"""One language per page (issue 14 point 2): once the learner has chosen a language, nothing on
any learner page is in the other one. Every view of every notebook is rendered in each language,
for a new learner and for one who has done everything (feedback, comparisons, key points open),
and searched for the texts only the other language has: its interface catalog and the case
data's texts in it. A citation is in the language of the work cited (<cite>), and is left out.
The only Markdown a page keeps is language-neutral (test_notebooks_policy)."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml
from casefiles import CASE_DIR
from learner_view import CASE, NOTEBOOKS, cells, done_through, lesson_of, text, views
from test_spelling import interface_texts, texts_in

from clinicase.state import state

# Shorter fragments (a drug name, "Source", "Mme NN") may be the same in both languages.
MIN_CHARS = 14


def fragments(texts) -> set[str]:
    """The literal parts of texts as a learner would read them: placeholders cut out, spaces
    single."""
    found = set()
    for raw in texts:
        for part in re.split(r"\{[^}]*\}", unescape(raw)):
            part = " ".join(part.split()).strip(" .,;:()·–—")
            if len(part) >= MIN_CHARS:
                found.add(part)
    return found


def own_texts(lang: str) -> set[str]:
    case_texts = [
        t for path in sorted(CASE_DIR.glob("*.yaml"))
        for t in texts_in(yaml.safe_load(path.read_text("utf-8")), lang)
    ]  # fmt: skip
    return fragments([*interface_texts(lang), *case_texts])


def only_in(lang: str, other: str) -> set[str]:
    """Texts of `lang` that the other language never has, not even inside a longer text."""
    theirs = own_texts(other)
    joined = "\n".join(theirs)
    return {t for t in own_texts(lang) - theirs if t not in joined}


FOREIGN = {"en": only_in("fr", "en"), "fr": only_in("en", "fr")}


def test_the_detector_finds_the_other_language():
    assert "Seulement en séance en direct : votre enseignant vous donne un code" in " ".join(
        FOREIGN["en"]
    )
    assert "Within a criterion only the higher weight counts" in " ".join(FOREIGN["fr"])
    assert len(FOREIGN["en"]) > 500 and len(FOREIGN["fr"]) > 500


def foreign_on(page: str, lang: str) -> list[str]:
    return sorted(t for t in FOREIGN[lang] if t in page)


@pytest.mark.slow
@pytest.mark.parametrize("progress", ["new learner", "everything done"])
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_learner_view_is_in_the_chosen_language_only(
    notebook, progress, fresh_learner, monkeypatch
):
    if progress == "everything done":
        done_through(fresh_learner, [lesson.id for lesson in CASE.lessons])
    made = [v for kind, source in cells(notebook) if kind == "code" for v in views(source)]
    assert made, "a notebook with no view"
    found = {}
    for lang in ("en", "fr"):
        state.language = lang
        page = " ".join(text(v, citations=False) for v in made)
        found[lang] = foreign_on(page, lang)
    state.language = "en"
    assert found == {"en": [], "fr": []}, f"{lesson_of(notebook).id}: the other language shows"
