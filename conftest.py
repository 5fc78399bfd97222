"""Test-wide set-up, run before nbval starts any kernel: learners' saved progress and language
never leak into the tests, and the tests never write into a real home folder."""

import os
import tempfile

os.environ["CLINICASE_HOME"] = tempfile.mkdtemp(prefix="clinicase-test-home-")
os.environ["CLINICASE_CACHE"] = tempfile.mkdtemp(prefix="clinicase-test-cache-")
os.environ.pop("CLINICASE_LANG", None)
