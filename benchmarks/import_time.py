"""Cold start of the data layer: `import clinicase; clinicase.load_case()` in a fresh interpreter.

    python benchmarks/import_time.py [--runs 15]

Each run is a new process, as when a kernel starts. Reports the median wall time of the
command, of a bare `python -c pass` measured in the same run (the interpreter's own start), and
their difference. Target (foundation issue): median under 0.3 s. Writes
benchmarks/results/import_time.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

LOAD = "import clinicase; clinicase.load_case()"


def median_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    median_seconds(LOAD, 2)  # warm the file cache, as a learner's second notebook would
    bare = median_seconds("pass", runs)
    load = median_seconds(LOAD, runs)
    result = {
        "runs": runs,
        "python_bare_s": round(bare, 3),
        "import_and_load_s": round(load, 3),
        "clinicase_share_s": round(load - bare, 3),
        "target_s": 0.3,
        "meets_target": load < 0.3,
    }
    out = Path(__file__).parent / "results" / "import_time.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"python -c pass           median {bare:.3f} s")
    print(f"import + load_case()     median {load:.3f} s  (target < 0.3 s)")
    print(f"clinicase's own share           {load - bare:.3f} s")


if __name__ == "__main__":
    main()
