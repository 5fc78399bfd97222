"""The page's language and title follow the learner's choice (WCAG 3.1.1, 2.4.2): each notebook
asks Voilà for the course's template, which copies the course's page mark onto the document (the
browser side is tests/browser/test_learners_door.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casefiles import ROOT
from jupyter_core.paths import jupyter_path

from clinicase import course
from clinicase.state import state

pytestmark = pytest.mark.usefixtures("fresh_learner")
NOTEBOOKS = [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "instructor").glob("*.ipynb")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_asks_voila_for_the_course_template(path):
    metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert metadata["voila"] == {"template": "clinicase"}


def test_the_course_template_is_installed_where_voila_looks():
    source = ROOT / "share" / "jupyter" / "voila" / "templates" / "clinicase"
    installed = [
        Path(p) for p in jupyter_path("voila", "templates", "clinicase") if Path(p).is_dir()
    ]
    assert installed, "Voilà cannot find the template: pip install -e ."
    for name in ("index.html.j2", "conf.json"):
        assert (installed[0] / name).read_text() == (source / name).read_text(), (
            f"the installed {name} is stale: pip install -e ."
        )


def test_the_page_mark_follows_the_language_switch():
    intro = course.lesson_intro("examination")
    mark = next(c for c in intro.children if "clinicase-page" in c._dom_classes)
    assert mark.layout.display == "none"
    assert 'lang="en" data-title="2. Examination – Extensive subcutaneous calcinosis' in mark.value
    state.language = "fr"
    assert 'lang="fr" data-title="2. Examen clinique – Calcinose sous-cutanée' in mark.value
