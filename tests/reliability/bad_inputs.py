"""Every bad input of the matrix, by surface; `python tests/reliability/bad_inputs.py` runs them
all outside pytest and prints the counts by surface and outcome (for the closing note)."""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]

import table_answers  # noqa: E402
import table_cli  # noqa: E402
import table_loader  # noqa: E402
import table_others  # noqa: E402
from judge import OUTCOMES, SURFACES, BadInput, judge  # noqa: E402

ALL: list[BadInput] = [
    *table_loader.table(),
    *table_others.table(),
    *table_answers.table(),
    *table_cli.table(),
]


def counts(results: list[tuple[BadInput, str]]) -> str:
    """A table of outcomes by surface, as Markdown."""
    tally = Counter((bad.surface, outcome) for bad, outcome in results)
    head = "| surface | " + " | ".join(OUTCOMES) + " | total |"
    rows = [head, "|" + "---|" * (len(OUTCOMES) + 2)]
    for surface in [*SURFACES, "all"]:
        cells = [
            sum(n for (s, o), n in tally.items() if o == outcome and surface in (s, "all"))
            for outcome in OUTCOMES
        ]
        rows.append(f"| {surface} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    results = []
    for bad in ALL:
        with tempfile.TemporaryDirectory() as tmp:
            outcome, detail = judge(bad, Path(tmp))
        results.append((bad, outcome))
        if outcome != bad.expect:
            print(f"UNEXPECTED {bad.id}: {outcome} (expected {bad.expect}) {detail[:300]}")
    print(counts(results))
