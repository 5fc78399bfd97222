"""The learner's path in Voilà (issue 14 point 3): the progress strip's next and previous links
open the neighbouring notebooks in Voilà's tree (Binder's server extension: test_learners_door;
JupyterLab: test_readable_without_kernel), a page Voilà serves alone says how to open the course
instead of offering links it refuses, the start page's map resumes where the learner stopped,
and the JupyterLab-only "Run All Cells" hint is not on the page."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from walk import wait_ready

import clinicase
from clinicase.progress import Progress, to_json
from conftest import LEARNER_HOME, ROOT, kernels_of, voila_of, wait_until

pytestmark = pytest.mark.browser
CASE = clinicase.load_case()


@pytest.fixture
def course_folder(voila_server, request):
    """The learner notebooks, together in a folder of this test's own under the server's root
    (the links between them are relative); yields (folder, URL of that folder)."""
    root, base = voila_server
    folder = Path(tempfile.mkdtemp(prefix=f"{request.node.name[:40]}-", dir=root))
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    return folder, f"{base}/voila/render/{folder.name}"


def intro_title(page) -> str:
    heading = page.locator(".clinicase.lesson-intro h2")
    heading.wait_for()
    return heading.inner_text()


def test_next_and_previous_open_the_neighbouring_notebooks(course_folder, page):
    _, url = course_folder
    page.goto(f"{url}/01_presentation.ipynb")
    assert intro_title(page) == "1. Presentation"
    assert page.get_by_text("Run All Cells").count() == 0  # JupyterLab's hint, not Voilà's
    page.locator(".progress-strip a.page-next").click()
    page.wait_for_url("**/02_examination.ipynb")
    assert intro_title(page) == "2. Examination"
    page.locator(".page-nav a.page-previous").click()
    page.wait_for_url("**/01_presentation.ipynb")
    assert intro_title(page) == "1. Presentation"


def test_a_learner_going_from_page_to_page_keeps_one_kernel(course_folder, page, voila_server):
    """Each page Voilà serves starts a kernel, and leaving the page must stop it: a learner who
    has visited twenty pages on Binder would otherwise hold twenty kernels in its memory. Voilà's
    beacon for it is refused by a server that never set the _xsrf cookie; the course's page
    sets one."""
    _, base = voila_server
    _, url = course_folder
    before = kernels_of(base)
    page.goto(f"{url}/01_presentation.ipynb")
    wait_ready(page)
    page.locator(".progress-strip a.page-next").click()
    page.wait_for_url("**/02_examination.ipynb")
    wait_ready(page)
    page.locator(".page-nav a.page-previous").click()
    page.wait_for_url("**/01_presentation.ipynb")
    wait_ready(page)
    wait_until(lambda: len(kernels_of(base) - before) == 1, "the left pages' kernels stopping", 20)


def test_a_notebook_voila_serves_alone_names_the_next_and_says_how_to_open_the_course(
    tmp_path, page
):
    """`voila notebooks/01_presentation.ipynb` serves that page alone, and answers a link to
    another notebook with 403 Forbidden: the page offers none, and says what to run instead."""
    for notebook in ("01_presentation.ipynb", "02_examination.ipynb"):
        shutil.copy(ROOT / "notebooks" / notebook, tmp_path / notebook)
    with voila_of(tmp_path / "01_presentation.ipynb") as base:
        page.goto(f"{base}/")
        strip = page.locator(".progress-strip")
        strip.get_by_text("Next: 2. Examination").wait_for()
        strip.get_by_text("open the course folder instead: voila notebooks/").wait_for()
        assert page.locator("#rendered_cells a[href$='.ipynb']").count() == 0


def test_the_start_page_resumes_where_the_learner_left_off(course_folder, page, screenshot):
    folder, url = course_folder
    progress = Progress(case_id=CASE.id, language="en", reveals={"presentation": 99})
    home = folder / LEARNER_HOME
    home.mkdir()
    (home / f"progress-{CASE.id}.json").write_text(to_json(progress), encoding="utf-8")
    page.goto(f"{url}/00_start_here.ipynb")
    resume = page.locator(".course-resume a")
    assert resume.inner_text() == "Resume where you left off: 1. Presentation"
    screenshot(page, "voila-course-map")
    resume.click()
    page.wait_for_url("**/01_presentation.ipynb")
    assert intro_title(page) == "1. Presentation"
    assert "1. Presentation: page 2 of 9" in page.locator(".progress-strip").inner_text()
