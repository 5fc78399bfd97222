"""The static, printable course: for offline use, or when Binder is down.

    python -m clinicase site OUTDIR [--lang en|fr] [--force]

OUTDIR gets index.html, course.css and one folder per language holding an index and one page per
learner notebook (notebooks/NN_*.ipynb), linked previous/next. Each page is its notebook run for
a fresh learner in that language: its Markdown cells, and each view's reading without a kernel
(`clinicase.widgets.reading`, the HTML GitHub and nbviewer show), with figures embedded. The
answers to its questions (expected answer, every option's feedback, explanation), the expert's
reasoning at its pause and its key points come last, collapsed in one <details>.

Pages come from the notebooks, not from a second description of them: the notebook says what a
page holds and in what order, the views say how each part reads, and a change to either shows
on the site. The answers come from the case data of the page's lesson, by the same templates.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import html
from .files import write_atomic
from .i18n import LANGUAGES
from .model import Case, Lesson
from .paths import Refusal, folder_to_write, outside_sources

LEARNER_NOTEBOOKS = "[0-9][0-9]_*.ipynb"
_NOTEBOOK_LINK = re.compile(r'href="(\d\d_[a-z_]+)\.ipynb"')


class NotebookFailed(Exception):
    """A notebook cell raised while the site was built: nothing is written."""

    def __init__(self, notebook: str, reason: str):
        super().__init__(notebook, reason)
        self.notebook, self.reason = notebook, reason


@dataclass(frozen=True)
class Page:
    notebook: Path
    lesson: Lesson | None

    @property
    def file(self) -> str:
        return self.notebook.with_suffix(".html").name

    def title(self, lang: str) -> str:
        return self.lesson.title[lang] if self.lesson else self.notebook.stem


def run_notebook(path: Path, lang: str, casedata: Path, case_id: str):
    """`path` executed, in its own folder, for a fresh learner (empty progress) in `lang`."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="clinicase-site-") as home:
        env = {**os.environ, "CLINICASE_HOME": home, "CLINICASE_LANG": lang,
               "CLINICASE_CASEDATA": str(casedata), "CLINICASE_CASE": case_id}  # fmt: skip
        env.pop("CLINICASE_INSTRUCTOR", None)  # the learner's pages, never the instructor's
        client = NotebookClient(
            notebook, timeout=300, kernel_name="python3", store_widget_state=False,
            resources={"metadata": {"path": str(path.parent)}},
        )  # fmt: skip
        try:
            client.execute(env=env)
        except CellExecutionError as error:
            reason = f"{error.ename}: {error.evalue}"[:300]
            raise NotebookFailed(path.name, reason) from None
    return notebook


def page_blocks(notebook) -> list[Markup]:
    """A run notebook as HTML blocks: its Markdown rendered (raw HTML escaped), and the readings
    of its views; links between notebooks point to the pages instead."""
    import mistune

    markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    blocks = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            blocks.append(markdown(cell.source))
        elif cell.cell_type == "code":
            blocks += [
                o.data["text/html"] for o in cell.outputs if "text/html" in o.get("data", ())
            ]
    # Trusted: our own notebooks, their Markdown escaped, their views rendered with autoescape.
    return [Markup(_NOTEBOOK_LINK.sub(r'href="\1.html"', block)) for block in blocks if block]


def pages_of(case: Case, notebooks_dir: Path) -> list[Page]:
    lessons = {lesson.notebook: lesson for lesson in case.lessons}
    paths = sorted(notebooks_dir.glob(LEARNER_NOTEBOOKS))
    return [Page(path, lessons.get(path.name)) for path in paths]


def _answers(case: Case, lesson: Lesson | None) -> dict:
    """What the page's learner earns by working: the answers to its questions and long menus,
    the expert's reasoning at its pause and plan, its key points."""
    if lesson is None or case.answers_withheld:
        return {"questions": (), "menus": (), "pauses": (), "plan": None, "key_points": ()}
    plan = case.management_plan
    return {
        "questions": case.questions_for(lesson.id),
        "menus": [menu for menu in case.long_menus if menu.lesson == lesson.id],
        "pauses": [p for p in case.pauses if case.lesson_with_pause(p.id) == lesson],
        "plan": plan if plan is not None and plan.lesson == lesson.id else None,
        "key_points": lesson.key_points,
    }


def page_html(
    case: Case, page: Page, blocks: list[Markup], lang: str, languages: tuple[str, ...],
    previous: Page | None = None, following: Page | None = None,
) -> str:  # fmt: skip
    """A whole page: `blocks` (the run notebook), then its answers collapsed, then the links."""
    return html.render(
        "site_page.html", case=case, lang=lang, languages=languages, page=page, blocks=blocks,
        previous=previous, next=following, **_answers(case, page.lesson),
    )  # fmt: skip


def build_site(
    case: Case,
    notebooks_dir: Path,
    out: Path,
    *,
    languages: tuple[str, ...] = LANGUAGES,
    force: bool = False,
    casedata: Path,
) -> list[Path]:
    """Write the site of `case` into `out`; return the pages written. Refused (`Refusal`) when
    `out` would touch the course's files or holds other files without `force`; nothing is
    written when a notebook fails (`NotebookFailed`)."""
    package = Path(__file__).parent
    sources = [casedata, notebooks_dir, package, casedata.parent / "figures"]
    outside_sources(out, [("", source) for source in sources])
    folder_to_write(out, force=force)
    pages = pages_of(case, notebooks_dir)
    if not pages:
        raise Refusal("site_no_notebooks", path=notebooks_dir)
    files: dict[Path, str] = {}
    for lang in languages:
        for i, page in enumerate(pages):
            run = run_notebook(page.notebook, lang, casedata, case.id)
            neighbours = (pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None)
            files[out / lang / page.file] = page_html(
                case, page, page_blocks(run), lang, languages, *neighbours
            )
        files[out / lang / "index.html"] = html.render(
            "site_index.html", case=case, lang=lang, languages=languages, pages=pages
        )
    files[out / "index.html"] = html.render(
        "site_index.html", case=case, lang=languages[0], languages=languages, pages=None
    )
    files[out / "course.css"] = html.css() + (html.TEMPLATES / "site.css").read_text("utf-8")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text).chmod(0o644)  # a web server may read them as another user
    return [path for path in files if path.name not in ("index.html", "course.css")]
