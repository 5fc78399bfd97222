"""How long a learner waits for each Voilà page: from the request to the last widget on screen.

    python benchmarks/voila.py [--runs 5] [--warm] [NOTEBOOK ...]

One Voilà server, as `voila notebooks/` serves the learners, over copies of the notebooks with the
case data and the stored figures beside them, plus a baseline page holding one ipywidgets
button. Each run of a notebook follows a run of the baseline (alternating, so that machine load
drifts out of the ratio), each in a fresh browser context (nothing cached) for a learner with no
progress. A page counts as ready when every output that holds a widget shows its view: Voilà
runs every cell, then renders the widgets. Figures are medians; target: at most 1.3 x the
baseline. `--warm`: every page (the baseline too) is opened after the baseline page in the same
browser context, so Voilà's own files come from the browser's cache, as for a learner going from
one page to the next. Prints a table and writes benchmarks/results/voila.json (voila-warm.json).
Needs Chromium (/usr/bin/chromium) and Playwright.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import BIN, CHROMIUM, CHROMIUM_ARGS, free_port, stop, wait_until  # noqa: E402

BASELINE = "baseline_button.ipynb"
TIME_RATIO = 1.3
# Ready: as many outputs show a rendered widget view as the page has widget outputs.
READY = """expected => !document.querySelector('#loading') &&
  [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(output => output.querySelector(':scope > .lm-Widget')).length >= expected"""


def widget_outputs(path: Path) -> int:
    """How many outputs of the (executed, committed) notebook are widgets."""
    notebook = nbformat.read(path, as_version=4)
    return sum(
        "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def write_baseline(folder: Path) -> None:
    """The page any widget notebook costs at least: one cell, one button (one widget output)."""
    cell = nbformat.v4.new_code_cell('import ipywidgets\nipywidgets.Button(description="OK")')
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / BASELINE)


def time_page(
    browser, url: str, widgets: int, server: psutil.Process, warm_from: str | None = None
) -> float:
    """Seconds from the request to the last widget shown, in a fresh browser context; with
    `warm_from`, after that page was opened and left in the same context (Voilà's files then
    come from the browser's cache, as for a learner arriving from the previous page). Each page
    is left as a learner leaves it, and the next starts once Voilà has stopped its kernel: the
    _xsrf cookie lets Voilà's beacon through for the baseline page too (the course's page sets
    one itself), so kernels do not pile up over the run and slow the later pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    xsrf = {"name": "_xsrf", "value": secrets.token_hex(16), "domain": "127.0.0.1", "path": "/"}
    context.add_cookies([xsrf])
    page = context.new_page()
    for target in [warm_from, url] if warm_from else [url]:
        start = time.perf_counter()
        page.goto(target, wait_until="commit", timeout=180_000)
        page.wait_for_function(READY, arg=widgets if target == url else 1, polling="raf",
                               timeout=180_000)  # fmt: skip
        elapsed = time.perf_counter() - start
        page.goto("about:blank")
        wait_until(lambda: not _kernels(server), "the page's kernel to stop", timeout=30)
    context.close()
    return elapsed


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    """The server's kernels still alive (one may end while it is being looked at)."""
    alive = []
    for kernel in server.children():
        try:
            if kernel.status() != psutil.STATUS_ZOMBIE:
                alive.append(kernel)
        except psutil.NoSuchProcess:
            pass
    return alive


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warm", action="store_true",
        help="each page (baseline too) opened after the baseline page in the same browser context",
    )  # fmt: skip
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))

    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="clinicase-voila-bench-"))
    for folder in ("casedata", "figures"):  # the stored figures too: pages draw none then
        shutil.copytree(ROOT / folder, work / folder)
    (work / "notebooks").mkdir()
    for path in paths:
        shutil.copy(path, work / "notebooks" / path.name)
    write_baseline(work / "notebooks")
    port = free_port()
    env = {**os.environ, "CLINICASE_HOME": str(work / "home")}
    env.pop("CLINICASE_LANG", None)
    server = subprocess.Popen(
        [str(BIN / "voila"), str(work / "notebooks"), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/voila/render/"
    rows = []
    try:
        wait_until(
            lambda: socket.create_connection(("127.0.0.1", port), 1).close() or True, "Voilà"
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            process = psutil.Process(server.pid)
            warm = url + BASELINE if args.warm else None
            time_page(browser, url + BASELINE, 1, process)  # warm-up: first imports and kernel
            for path in paths:
                pairs = [
                    (
                        time_page(browser, url + BASELINE, 1, process, warm),
                        time_page(browser, url + path.name, widget_outputs(path), process, warm),
                    )
                    for _ in range(args.runs)
                ]
                rows.append(
                    {
                        "notebook": path.name,
                        "time_s": statistics.median(t for _, t in pairs),
                        "baseline_time_s": statistics.median(b for b, _ in pairs),
                        "time_ratio": statistics.median(t / b for b, t in pairs),
                        "runs_s": [round(t, 2) for _, t in pairs],
                    }
                )
                print(f"{path.name}: {rows[-1]['time_ratio']:.2f}x", file=sys.stderr)
            browser.close()
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)

    cache = "Voilà's files cached by the browser" if args.warm else "nothing cached"
    print(f"median of {args.runs} runs, each after a run of a page with one ipywidgets button "
          f"({cache})")  # fmt: skip
    print(f"{'notebook':34} {'ready':>6} {'base':>6} {'x base':>7}  target <= {TIME_RATIO}x")
    for r in rows:
        r["meets_target"] = r["time_ratio"] <= TIME_RATIO
        print(
            f"{r['notebook']:34} {r['time_s']:5.2f}s {r['baseline_time_s']:5.2f}s "
            f"{r['time_ratio']:6.2f}x  {'met' if r['meets_target'] else 'MISSED'}"
        )
    out = ROOT / "benchmarks" / "results" / "voila.json"
    out.parent.mkdir(exist_ok=True)
    load = os.getloadavg()
    out = out.with_stem("voila-warm") if args.warm else out
    results = {"runs": args.runs, "warm": args.warm, "load_avg": load, "notebooks": rows}
    out.write_text(json.dumps(results, indent=2))
    print(f"load average at the end: {load[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
