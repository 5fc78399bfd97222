"""Mutation scores of the pure modules: how many deliberately wrong lines the unit tests notice.

    python benchmarks/mutation.py            # a fresh run (one worker, ~30 min), then scores
    python benchmarks/mutation.py --report   # only the scores of the last run in mutants/
    python benchmarks/mutation.py "clinicase.scores*"   # only the mutants of one module

The modules and the unit tests run against each mutant are in pyproject.toml ([tool.mutmut]).
A module's score is the share of its mutants killed (a test failed, or timed out), over all its
mutants but those listed in benchmarks/equivalent_mutants.txt (mutants that cannot change
behaviour, each with its reason); a mutant no test runs counts as a survivor. Target (issue 16):
at least 90 % per module. Not a CI step: a run takes long. Writes
benchmarks/results/mutation.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).with_name("mutmut")
EQUIVALENT = Path(__file__).with_name("equivalent_mutants.txt")
KILLED = {"killed", "timeout", "segfault"}
COUNTED = KILLED | {"survived", "suspicious", "no tests"}  # no test ran it: not noticed


def equivalent() -> set[str]:
    """Mutant names judged equivalent, one per line before a '#' and its reason."""
    if not EQUIVALENT.is_file():
        return set()
    lines = EQUIVALENT.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()}


def results() -> dict[str, str]:
    """mutant name -> status, from `mutmut results --all true`."""
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    statuses = {}
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses[name] = status.strip()
    return statuses


def scores(statuses: dict[str, str], skip: set[str]) -> dict[str, dict]:
    by_module: dict[str, Counter] = {}
    for name, status in statuses.items():
        module = re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]
        tally = by_module.setdefault(module, Counter())
        tally["equivalent" if name in skip else status] += 1
    table = {}
    for module, tally in sorted(by_module.items()):
        counted = sum(n for s, n in tally.items() if s in COUNTED)
        killed = sum(n for s, n in tally.items() if s in KILLED)
        table[module] = {
            **dict(tally),
            "score": round(100 * killed / counted, 1) if counted else None,
        }
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument("names", nargs="*", help='mutants to run, e.g. "clinicase.scores*"')
    args = parser.parse_args()
    if not args.report:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # results of an older run go stale
        run = [str(MUTMUT), "run", "--max-children", "1", *args.names]
        subprocess.run(run, cwd=ROOT, check=True)
    table = scores(results(), equivalent())
    for module, row in table.items():
        survivors = row.get("survived", 0)
        print(
            f"{module}: {row['score']} % killed ({survivors} survived, "
            f"{row.get('equivalent', 0)} equivalent, {row.get('no tests', 0)} without tests)"
        )
    out = ROOT / "benchmarks" / "results" / "mutation.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
