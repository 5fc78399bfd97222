"""The layers stay apart: loading a case pulls in neither plotting nor widgets."""

from __future__ import annotations

import subprocess
import sys


def test_import_and_load_do_not_import_matplotlib_or_ipywidgets():
    code = (
        "import sys, clinicase; clinicase.load_case(); "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
