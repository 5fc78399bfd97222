"""Test-wide set-up, run before nbval starts any kernel: learners' saved progress and language
never leak into the tests, and the tests never write into a real home folder."""

import os
import tempfile

os.environ["CLINICASE_HOME"] = tempfile.mkdtemp(prefix="clinicase-test-home-")
os.environ["CLINICASE_CACHE"] = tempfile.mkdtemp(prefix="clinicase-test-cache-")
os.environ.pop("CLINICASE_LANG", None)
# The notebooks' kernels get a learner of their own: whatever an in-process test saved for its
# learner (a language, an answer) never shows in a notebook's stored outputs.
NOTEBOOK_HOME = tempfile.mkdtemp(prefix="clinicase-notebook-home-")


def pytest_collection_modifyitems(items):
    """Every notebook cell that nbval runs needs a kernel: mark it, so that the authors' fast loop
    (`pytest -m "not browser and not kernel"`) leaves the notebooks out."""
    import pytest

    for item in items:
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.kernel)


def pytest_runtest_setup(item):
    """nbval starts a notebook's kernel in the set-up of its first cell: give it the notebooks'
    own learner."""
    if ".ipynb::" in item.nodeid:
        os.environ["CLINICASE_HOME"] = NOTEBOOK_HOME
