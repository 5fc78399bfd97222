"""The reliability tests import their tables from this folder; the matrix's counts by surface
and outcome are printed after the run, for the closing note of issue 16."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_terminal_summary(terminalreporter):
    matrix = sys.modules.get("test_matrix")
    if matrix is not None and matrix.RESULTS:
        from bad_inputs import counts

        terminalreporter.write_sep("-", "bad-input matrix: outcomes by surface")
        terminalreporter.write_line(counts(matrix.RESULTS))
