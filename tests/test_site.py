"""The static, printable course (`python -m clinicase site`): a page per learner notebook and
language, linked, in its language, with every answer collapsed at the end; a bad OUTDIR refused
in the user's language, and never a write into the course's own files."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from casefiles import ROOT
from markupsafe import escape
from test_student_build import answer_texts

import clinicase
from clinicase.cli import main
from clinicase.i18n import LANGUAGES, ui
from clinicase.site import Page, page_html

CASE = clinicase.load_case()
NOTEBOOKS = [lesson.notebook for lesson in CASE.lessons]
ANSWERS = '<section class="site-answers"'


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The whole course's site in both languages, built once as a user builds it (`python -m
    clinicase site OUTDIR`): every notebook runs in a kernel per language, so the page tests
    share this one build. Yields (OUTDIR, what the command printed)."""
    out = tmp_path_factory.mktemp("site") / "out"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["site", str(out)])
    assert code == 0
    return out, printed.getvalue()


@pytest.fixture
def site(built):
    return built[0]


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html"))


@pytest.mark.kernel
def test_a_page_per_notebook_per_language_in_its_language(site):
    for lang in LANGUAGES:
        for name in NOTEBOOKS:
            page = (site / lang / name).with_suffix(".html").read_text(encoding="utf-8")
            lesson = next(lesson for lesson in CASE.lessons if lesson.notebook == name)
            assert f'<html lang="{lang}">' in page
            assert (
                f"<title>{escape(lesson.title[lang])} – {escape(CASE.title[lang])}</title>" in page
            )
            views = re.findall(r'class="clinicase [^"]*" lang="(\w+)"', page)
            assert views and set(views) == {lang}, "every view in the page's language"
            assert "VBox(" not in page and "interactive view of the course" not in page
    index = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name[:-6]}.html"' in index for name in NOTEBOOKS)
    assert (site / "course.css").read_text(encoding="utf-8").count("@media print") >= 1


@pytest.mark.kernel
def test_no_answer_is_readable_before_the_collapsed_section_at_the_end(site):
    secrets = answer_texts()
    for page_path in pages(site):
        page = page_path.read_text(encoding="utf-8")
        body, _, answers = page.partition(ANSWERS)
        readable = text_of(body)
        leaks = [t for t in secrets if t in readable]
        assert leaks == [], f"{page_path.name}: {leaks[:2]}"
        if answers:
            assert "<details>" in answers and "<details open" not in answers
    page = (site / "en" / "02_examination.html").read_text(encoding="utf-8")
    expert = CASE.pause("after_presentation").problem_representation.en
    assert expert in text_of(page.partition(ANSWERS)[2])
    question = CASE.questions_for("examination")[0]
    assert question.explanation.en in text_of(page.partition(ANSWERS)[2])
    assert question.stem.en in text_of(page.partition(ANSWERS)[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_plan_and_the_long_menu_wait_in_the_answers_of_their_page(lang):
    for lesson in CASE.lessons:
        page = page_html(
            CASE, Page(ROOT / "notebooks" / lesson.notebook, lesson), [], lang, LANGUAGES
        )
        answers = text_of(page.partition(ANSWERS)[2])
        plan = CASE.management_plan
        statements = [s.statement[lang] for p in plan.problems for s in p.plan]
        assert all(s in answers for s in statements) == (plan.lesson == lesson.id)
        for menu in CASE.long_menus:
            essential = [i.answers[lang] for i in menu.items if i.essential]
            assert all(e in answers for e in essential) == (menu.lesson == lesson.id)


def broken_links(out: Path) -> set[str]:
    """The local links of the site's pages that lead to no file."""
    broken = set()
    for page_path in pages(out):
        for href in re.findall(r'href="([^"#]+)"', page_path.read_text(encoding="utf-8")):
            local = not href.startswith(("http://", "https://", "mailto:"))
            if local and not (page_path.parent / href).resolve().is_file():
                broken.add(href)
    return broken


def footer(page: str) -> str:
    return page.split("<footer", 1)[1]  # the site's own links, below the notebook's


@pytest.mark.kernel
def test_links_between_pages_resolve_and_figures_are_embedded(site):
    assert broken_links(site) == set()
    first = (site / "en" / "00_start_here.html").read_text(encoding="utf-8")
    assert 'rel="next" href="01_presentation.html"' in footer(first)
    assert 'rel="prev"' not in footer(first)
    second = (site / "en" / "01_presentation.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="00_start_here.html"' in footer(second)
    assert 'href="../fr/01_presentation.html"' in second
    figures = (site / "fr" / "06_calcinosis_map.html").read_text(encoding="utf-8")
    assert figures.count('<img src="data:image/svg+xml;base64,') >= 2
    last = (site / "fr" / "08_review.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="07_management_and_outcome.html"' in footer(last)
    assert 'rel="next"' not in footer(last)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("where", "key"),
    [
        (lambda tmp: ROOT, "cli_into_source"),
        (lambda tmp: ROOT / "casedata", "cli_into_source"),
        (lambda tmp: ROOT / "casedata" / "calcinosis-lcssc" / "site", "cli_into_source"),
        (lambda tmp: ROOT / "notebooks", "cli_into_source"),
        (lambda tmp: ROOT / "src" / "clinicase" / "site", "cli_into_source"),
        (lambda tmp: tmp / "a-file", "cli_not_a_folder"),
        (lambda tmp: tmp, "cli_folder_not_empty"),
    ],
)
def test_a_bad_outdir_is_refused_in_the_users_language_and_nothing_written(
    tmp_path, capsys, lang, where, key
):
    (tmp_path / "a-file").write_text("mine", encoding="utf-8")
    before = sorted(ROOT.iterdir())
    out = where(tmp_path)
    assert main(["site", str(out), "--lang", lang]) == 2
    message = capsys.readouterr().err.strip()
    expected = ui(key, lang, path=out, source="\0", example="a-file").split("\0")[0]
    assert message.startswith(expected) and len(message.splitlines()) == 1
    assert sorted(ROOT.iterdir()) == before
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine"


@pytest.fixture
def course_folder(tmp_path, monkeypatch):
    """A course of its own: the case data copied, and a notebooks folder to fill."""
    shutil.copytree(ROOT / "casedata", tmp_path / "casedata")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setenv("CLINICASE_CASEDATA", str(tmp_path / "casedata"))
    return tmp_path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_course_without_learner_notebooks_is_refused(course_folder, capsys, lang):
    out = course_folder / "out"
    assert main(["site", str(out), "--lang", lang]) == 2
    notebooks = course_folder / "notebooks"
    assert capsys.readouterr().err.strip() == ui("site_no_notebooks", lang, path=notebooks)
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.kernel
def test_a_failing_notebook_is_named_and_nothing_is_written(course_folder, capsys):
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nbformat.write(notebook, course_folder / "notebooks" / "01_broken.ipynb")
    out = course_folder / "out"
    assert main(["site", str(out), "--lang", "fr"]) == 1
    message = capsys.readouterr().err.strip()
    assert message == ui(
        "site_notebook_failed", "fr", notebook="01_broken.ipynb",
        reason="ZeroDivisionError: division by zero",
    )  # fmt: skip
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.slow
@pytest.mark.kernel
def test_the_whole_course(built):
    out, printed = built
    names = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for lang in LANGUAGES:
        built_pages = sorted(p.name for p in (out / lang).glob("[0-9][0-9]_*.html"))
        assert built_pages == [n.replace(".ipynb", ".html") for n in names]
    assert str(out / "index.html") in printed
