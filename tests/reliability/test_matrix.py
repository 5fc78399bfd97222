"""The project's matrix of bad inputs: each is judged, in a fresh folder and within a time limit,
as refused cleanly or accepted correctly, never a traceback, a wrong result, a hang or a loss of
the user's files. The counts by surface and outcome are printed at the end of the run."""

from __future__ import annotations

import pytest
from bad_inputs import ALL
from judge import judge

RESULTS: list = []  # (bad input, outcome) of this run, for the summary (conftest.py)


@pytest.mark.parametrize(
    "bad",
    [pytest.param(b, marks=pytest.mark.xfail(reason=b.pending)) if b.pending else b for b in ALL],
    ids=[b.id for b in ALL],
)
def test_bad_input_is_refused_cleanly_or_accepted_correctly(bad, tmp_path):
    outcome, detail = judge(bad, tmp_path)
    RESULTS.append((bad, outcome))
    assert outcome == bad.expect, detail


def test_the_matrix_covers_every_surface_with_250_inputs():
    from judge import SURFACES

    assert len(ALL) >= 250
    assert {bad.surface for bad in ALL} == set(SURFACES)
    assert len({bad.id for bad in ALL}) == len(ALL), "two inputs share a name"
