"""Resume after a real kernel restart: answers and reveals come back (nbclient, a real kernel)."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.util import run_sync


@pytest.mark.slow
@pytest.mark.kernel
def test_answers_and_reveals_survive_a_kernel_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINICASE_HOME", str(tmp_path / "home"))
    cells = [
        "from clinicase import course",
        "q = next(w for w in course.questions('presentation').children"
        " if w.question.id == 'dyspnoea_stage')\nq.choice.value = 'c'\nq.check()",
        "r = course.reveal_stage('presentation')\nr.reveal_next()\nr.reveal_next()",
        "import re, html\nread = lambda w: ' '.join(html.unescape(re.sub('<[^>]+>', ' ', w.value))"
        ".split())\nq = next(w for w in course.questions('presentation').children"
        " if w.question.id == 'dyspnoea_stage')\nprint(q.choice.value, read(q.feedback)[:20])\n"
        "print(read(course.reveal_stage('presentation').status))",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(notebook, kernel_name="python3", timeout=120)
    with client.setup_kernel():
        for index in range(3):
            client.execute_cell(notebook.cells[index], index)
        pid = client.km.provisioner.process.pid
        run_sync(client.km.restart_kernel)(now=True)  # everything in memory is gone
        run_sync(client.kc.wait_for_ready)(timeout=60)
        assert client.km.provisioner.process.pid != pid, "a new kernel process"
        client.execute_cell(notebook.cells[0], 0)
        client.execute_cell(notebook.cells[3], 3)
    printed = "".join(o.get("text", "") for o in notebook.cells[3].outputs)
    assert "c ✔ Right." in printed
    assert "2 of 6 findings revealed" in printed
