"""How long the body map takes to draw (target: under 200 ms median), and the other figures.

    python benchmarks/figures.py [--runs 21]

Measured in one warm process (matplotlib already imported, as in a notebook that shows a
figure): building the Figure, and building it plus rendering the PNG the notebook displays.
Writes benchmarks/results/figures.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import clinicase
from clinicase.figures import draw
from clinicase.figures.draw import figure_bytes

TARGET_MS = 200


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    case = clinicase.load_case()
    draws = {
        "body_map patient": lambda: draw.body_map(case, "patient"),
        "body_map usual": lambda: draw.body_map(case, "usual"),
        "body_map skin": lambda: draw.body_map(case, "skin"),
        "timeline": lambda: draw.timeline(case),
        "labs": lambda: draw.labs(case),
    }
    median_ms(lambda: draws["body_map patient"]().figure, 3)  # warm-up
    results = {}
    for name, make in draws.items():

        def rendered(make=make):
            plot = make()
            figure_bytes(plot, "png")
            return plot.figure

        results[name] = {
            "draw_ms": round(median_ms(lambda make=make: make().figure, runs), 1),
            "draw_and_png_ms": round(median_ms(rendered, runs), 1),
        }
    print(
        f"{'figure':20} {'draw':>9} {'draw+PNG':>10}   (median of {runs}; target body map < 200 ms)"
    )
    for name, r in results.items():
        print(f"{name:20} {r['draw_ms']:7.1f}ms {r['draw_and_png_ms']:8.1f}ms")
    out = Path(__file__).parent / "results" / "figures.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"runs": runs, "target_ms": TARGET_MS, "figures": results}, indent=2))


if __name__ == "__main__":
    main()
