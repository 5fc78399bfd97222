"""How long each notebook takes to run headless, and how much memory its kernel needs.

    python benchmarks/notebooks.py [--runs 5] [NOTEBOOK ...]

Each figure is the median of several runs, reported as a ratio to a baseline notebook run just
before it (alternating, so that machine load cancels out): one that only imports ipywidgets and
matplotlib and draws one figure (what any widget-and-plot notebook pays). Wall time counts from
kernel start to the last cell; memory is the kernel's peak resident size (VmHWM). Targets:
time <= 1.3 x baseline, memory <= baseline + 40 MB. Prints a table and writes
benchmarks/results/notebooks.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BASELINE = [
    "import ipywidgets\nimport matplotlib.pyplot as plt",
    "fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\nplt.show()",
]
TIME_RATIO, EXTRA_MB = 1.3, 40


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def run_once(notebook: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    client = NotebookClient(
        notebook, kernel_name="python3", store_widget_state=False, timeout=300,
        resources={"metadata": {"path": str(cwd)}},
    )  # fmt: skip
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        memory = peak_mb(client.km.provisioner.process.pid)
    return time.perf_counter() - start, memory


def measure(notebook: nbformat.NotebookNode, cwd: Path, baseline, runs: int) -> dict:
    """Runs alternate with the baseline's, so that machine load drifts out of the ratios."""
    pairs = []
    for _ in range(runs):
        base = run_once(nbformat.from_dict(baseline), cwd)
        this = run_once(nbformat.from_dict(notebook), cwd)
        pairs.append((this, base))
    return {
        "time_s": statistics.median(t for (t, _), _ in pairs),
        "peak_mb": statistics.median(m for (_, m), _ in pairs),
        "time_ratio": statistics.median(t / bt for (t, _), (bt, _) in pairs),
        "extra_mb": statistics.median(m - bm for (_, m), (_, bm) in pairs),
        "baseline_time_s": statistics.median(bt for _, (bt, _) in pairs),
        "baseline_peak_mb": statistics.median(bm for _, (_, bm) in pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    os.environ["CLINICASE_HOME"] = tempfile.mkdtemp(prefix="clinicase-bench-")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))

    baseline_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in BASELINE])
    rows = []
    for path in paths:
        m = measure(nbformat.read(path, as_version=4), path.parent, baseline_nb, args.runs)
        rows.append({"notebook": path.name, **m})
    for row in rows:
        row["meets_targets"] = row["time_ratio"] <= TIME_RATIO and row["extra_mb"] <= EXTRA_MB

    print(f"median of {args.runs} runs, each beside a baseline run (widgets + pyplot + one figure)")
    print(
        f"{'notebook':34} {'time':>6} {'base':>6} {'x base':>7} {'peak MB':>8} {'+MB':>5}  targets"
    )
    for r in rows:
        ok = "met" if r["meets_targets"] else "MISSED"
        print(
            f"{r['notebook']:34} {r['time_s']:5.2f}s {r['baseline_time_s']:5.2f}s "
            f"{r['time_ratio']:6.2f}x {r['peak_mb']:8.0f} {r['extra_mb']:+5.0f}  {ok}"
        )
    out = ROOT / "benchmarks" / "results" / "notebooks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"runs": args.runs, "notebooks": rows}, indent=2))


if __name__ == "__main__":
    main()
