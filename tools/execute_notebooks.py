"""Execute notebooks in place and store their outputs, as strict nbval expects them.

    python tools/execute_notebooks.py [notebooks/*.ipynb instructor/*.ipynb]

Neither widget state nor cell timings are stored (both change on every run and would make every
re-execution a diff of every cell), and the working directory is
the notebook's own folder, as in JupyterLab. The learner is a fresh one (empty progress).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # timings an editor stored: they would differ at every run
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    # A fresh learner: outputs must not depend on the maintainer's own progress or language.
    os.environ["CLINICASE_HOME"] = tempfile.mkdtemp(prefix="clinicase-execute-")
    os.environ.pop("CLINICASE_LANG", None)
    paths = [Path(p).resolve() for p in sys.argv[1:]] or [
        *sorted((ROOT / "notebooks").glob("*.ipynb")),
        *sorted((ROOT / "instructor").glob("*.ipynb")),
    ]
    for nb_path in paths:
        execute(nb_path)
