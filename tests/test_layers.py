"""The layers stay apart: loading a case pulls in neither plotting nor widgets."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "statement", ["import clinicase; clinicase.load_case()", "import clinicase.scores"]
)
def test_data_and_scores_do_not_import_matplotlib_or_ipywidgets(statement):
    code = (
        f"import sys; {statement}; "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
