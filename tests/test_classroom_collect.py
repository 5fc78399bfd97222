"""`python -m clinicase class collect`: the dashboard, static, from progress files."""

from __future__ import annotations

import json

from clinicase.cli import main

CASE_ID = "calcinosis-lcssc"


def progress(answer: str, problem: str) -> dict:
    return {
        "schema": 1,
        "case_id": CASE_ID,
        "answers": {
            "onset_signs": {
                "first": {"answer": answer, "correct": answer == "a", "confidence": "sure"},
                "latest": {"answer": "a"},
            },
            "order_tests": {"first": {"answer": ["fbc", "hrct"], "correct": True}},
        },
        "pauses": {
            "after_presentation": {
                "problem": problem,
                "differential": ["Achalasia"],
                "skipped": False,
            },
            "synthesis": {
                "problem": "Une synthèse",
                "differential": ["ScS"],
                "questions": f"Question de {problem}",
            },
        },
        "reveals": {"examination": 2},
        "classroom": {"token": "secret-token-of-the-learner", "pseudonym": "L-ABCD"},
    }


def test_collect_builds_the_static_dashboard_from_progress_files(tmp_path, capsys):
    folder = tmp_path / "gathered"
    (folder / "sub").mkdir(parents=True)
    (folder / "alice-dupont.json").write_text(json.dumps(progress("a", "<script>x</script>")))
    (folder / "sub" / "bob.json").write_text(json.dumps(progress("b", "Another problem")))
    (folder / "broken.json").write_text("{not json")
    (folder / "other.json").write_text(json.dumps({**progress("a", ""), "case_id": "other"}))
    out = tmp_path / "class.html"
    assert main(["class", "collect", str(folder), "--out", str(out), "--lang", "fr"]) == 0
    printed = capsys.readouterr()
    assert f"wrote {out} (2 learner(s), 2 file(s) skipped)" in printed.out
    assert "broken.json: skipped: " in printed.err
    assert "other.json: skipped: it belongs to case 'other'" in printed.err
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Rassemblé à partir de 2 fichiers" in page
    assert "premières réponses : 2" in page and "justes du premier coup : 1" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script" not in page
    # the confidence, the long menu and the synthesis, as in the live dashboard
    assert "assurance : sûr 2" in " ".join(page.split())
    menu = page[page.index('id="q-order_tests"') :]
    assert "premières réponses : 2" in menu[: menu.index("</article>")]
    synthesis = page[page.index('id="p-synthesis"') :]
    assert "rédigées : 2" in synthesis and "Question de Another problem" in synthesis
    for private in ("alice", "dupont", "secret-token", "L-ABCD"):
        assert private not in page


def test_collect_with_no_readable_file_writes_nothing(tmp_path, capsys):
    (tmp_path / "broken.json").write_text("[]")
    out = tmp_path / "class.html"
    assert main(["class", "collect", str(tmp_path / "broken.json"), "--out", str(out)]) == 2
    assert "no progress file could be read; nothing written" in capsys.readouterr().err
    assert not out.exists()
