"""Test-wide set-up, run before nbval starts any kernel: learners' saved progress and language
never leak into the tests, and the tests never write into a real home folder."""

import os
import tempfile

os.environ["CLINICASE_HOME"] = tempfile.mkdtemp(prefix="clinicase-test-home-")
os.environ["CLINICASE_CACHE"] = tempfile.mkdtemp(prefix="clinicase-test-cache-")
os.environ.pop("CLINICASE_LANG", None)


def pytest_collection_modifyitems(items):
    """Every notebook cell that nbval runs needs a kernel: mark it, so that the authors' fast loop
    (`pytest -m "not browser and not kernel"`) leaves the notebooks out."""
    import pytest

    for item in items:
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.kernel)
