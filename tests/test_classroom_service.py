"""The class service in-process (tornado.testing): joining, records, the dashboard, pacing,
exports and the security cases."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging

import pytest
from markupsafe import escape
from tornado.testing import AsyncHTTPTestCase

from clinicase.classroom import service
from clinicase.classroom.store import ClassDB
from clinicase.loader import load_case

CASE = load_case()
SINGLE = next(q for q in CASE.questions if q.kind == "single")
WRONG = next(o.id for o in SINGLE.options if not o.correct)
RIGHT = next(o.id for o in SINGLE.options if o.correct)
PAUSE = CASE.pauses[0]
EXPERT_FIRST = PAUSE.differential[0].diagnosis
MENU = CASE.long_menus[0]
ESSENTIAL = [i for i in MENU.items if i.essential]
NOT_ESSENTIAL = next(i for i in MENU.items if not i.essential)
PLAN = CASE.management_plan


@pytest.fixture(autouse=True)
def own_event_loop():
    """Playwright's sync API (the browser tests' session fixture) leaves its event loop marked as
    running in this thread; tornado.testing runs its own, so it is unmarked meanwhile."""
    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    yield
    asyncio.events._set_running_loop(running)


def answer(question_id=SINGLE.id, option=WRONG, **extra):
    return {
        "id": f"answer:{question_id}",
        "kind": "answer",
        "item": question_id,
        "at": "2026-11-28T10:00:00+00:00",
        "answer": option,
        "correct": False,
        "confidence": "sure",
        **extra,
    }


def pause(differential, problem="A woman with long-standing SSc and dysphagia."):
    return {
        "id": f"pause:{PAUSE.id}",
        "kind": "pause",
        "item": PAUSE.id,
        "at": "",
        "skipped": False,
        "problem": problem,
        "differential": differential,
    }


def later_pause(item, problem, lines, **extra):
    """The management plan (07) or the synthesis (08), sent as pauses are."""
    return {
        "id": f"pause:{item}",
        "kind": "pause",
        "item": item,
        "at": "",
        "skipped": False,
        "problem": problem,
        "differential": lines,
        **extra,
    }


class ClassTest(AsyncHTTPTestCase):
    def get_app(self):
        self.db = ClassDB(":memory:", CASE.id)
        self.app = service.make_app(self.db, CASE, join_code=f"here/{self.db.join_code}")
        return self.app

    # -- helpers ---------------------------------------------------------------------------

    def call(self, method, path, body=None, token=None, raw=None, headers=None):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (None if body is None else json.dumps(body))
        reply = self.fetch(
            "/" + path,
            method=method,
            body=data,
            headers=headers,
            follow_redirects=False,
            raise_error=False,
        )
        try:
            return reply.code, json.loads(reply.body), reply
        except ValueError:
            return reply.code, reply.body.decode(), reply

    def join(self):
        code, body, _ = self.call("POST", "api/join", {"code": self.db.join_code.lower()})
        assert code == 201, body
        return body

    def send(self, learner, records, token=None):
        return self.call(
            "POST",
            "api/records",
            {"learner": learner["learner"], "records": records},
            token=token or learner["token"],
        )

    def instructor(self, method, path, body=None):
        return self.call(method, path, body, token=self.db.instructor_token)

    # -- joining and sending ---------------------------------------------------------------

    def test_a_learner_joins_with_the_code_and_gets_a_pseudonym_only(self):
        learner = self.join()
        assert learner["pseudonym"].startswith("L-")
        assert learner["pacing"] == {"open_through": None, "hold_feedback": False, "released": []}
        code, body, _ = self.call("POST", "api/join", {"code": "WRONG1"})
        assert (code, body) == (403, {"error": "wrong join code; check it with your instructor"})

    def test_a_resent_record_is_counted_once(self):
        learner = self.join()
        assert self.send(learner, [answer()])[1]["added"] == [f"answer:{SINGLE.id}"]
        code, body, _ = self.send(learner, [answer(), answer(option=RIGHT)])
        assert code == 200
        assert body == {"added": [], "duplicate": [f"answer:{SINGLE.id}"] * 2, "rejected": []}
        export = self.instructor("GET", "export.json")[1]
        assert [r["answer"] for r in export["records"]] == [WRONG]  # the first one stays

    def test_unknown_ids_and_bad_records_are_refused_with_a_reason_and_the_rest_kept(self):
        learner = self.join()
        bad = [
            answer("no-such-question"),
            {**answer(), "id": "answer:other"},
            answer(option="zz"),
            {**answer(), "confidence": "very"},
            {"id": "pause:nope", "kind": "pause", "item": "nope", "skipped": True},
            "not an object",
            {"id": "prediction:onset_raynaud", "kind": "prediction", "item": "onset_raynaud",
             "answer": "zz"},
            {"id": "prediction:subcutaneous_nodules", "kind": "prediction",
             "item": "subcutaneous_nodules", "answer": "x" * 301},
            {"id": "prediction:chest_ct", "kind": "prediction", "item": "chest_ct",
             "answer": "nothing", "correct": "yes"},
            {"id": "prediction:no_such", "kind": "prediction", "item": "no_such", "answer": "a"},
        ]  # fmt: skip
        code, body, _ = self.send(learner, [*bad, pause(["Scleroderma"])])
        assert code == 200
        assert body["added"] == [f"pause:{PAUSE.id}"]
        reasons = [r["reason"] for r in body["rejected"]]
        assert reasons == [
            "unknown question id 'no-such-question'",
            f"the id of this record must be answer:{SINGLE.id}",
            f"answer must be an option of {SINGLE.id}",
            "confidence must be one of sure, unsure, guessing or null",
            "unknown pause id 'nope'",
            "a record must be a JSON object",
            "answer must be an option of the prediction on onset_raynaud",
            "answer is longer than 300 characters",
            "correct must be true, false or null",
            "unknown finding with a prediction id 'no_such'",
        ]

    def test_malformed_and_oversized_bodies_get_400_and_413(self):
        learner = self.join()
        code, body, _ = self.call("POST", "api/records", raw="{not json", token=learner["token"])
        assert (code, body["error"]) == (400, "the body is not valid JSON")
        code, body, _ = self.call("POST", "api/records", raw="[]", token=learner["token"])
        assert (code, body["error"]) == (400, "the body must be a JSON object")
        huge = pause(["x"], problem="y" * (service.MAX_BODY + 1))
        code, body, _ = self.send(learner, [huge])
        assert code == 413
        assert self.db.records() == []

    def test_a_learner_cannot_post_as_another(self):
        alice, bob = self.join(), self.join()
        code, body, _ = self.send(alice, [answer()], token=bob["token"])  # bob's token, alice's id
        assert (code, body["error"]) == (403, "a learner token may only send its own records")
        assert self.send(alice, [answer()], token="made-up")[0] == 403
        assert (
            self.call("POST", "api/records", {"learner": alice["learner"], "records": []})[0] == 401
        )
        assert self.db.records() == []

    def test_a_learner_who_left_can_send_no_more(self):
        learner = self.join()
        assert self.call("POST", "api/leave", {}, token=learner["token"])[0] == 200
        assert self.send(learner, [answer()])[0] == 403
        assert self.instructor("GET", "export.json")[1]["learners"] == 0

    def test_a_learner_flooding_the_service_is_slowed_down(self):
        self.app.class_state.learner_limit = service.RateLimit(rate=0.01, burst=5)
        learner = self.join()
        codes = [
            self.call("GET", "api/pacing/learner", token=learner["token"])[0] for _ in range(10)
        ]
        assert codes[0] == 200 and 429 in codes
        other = self.join()  # the limit is per learner
        assert self.call("GET", "api/pacing/learner", token=other["token"])[0] == 200

    # -- the instructor's side -------------------------------------------------------------

    def test_dashboard_pacing_and_export_need_the_instructor_token(self):
        learner = self.join()
        for method, path, body in [
            ("GET", "dashboard", None),
            ("GET", "dashboard/view", None),
            ("GET", "export.csv", None),
            ("GET", "export.json", None),
            ("POST", "api/pacing", {"open_through": "presentation"}),
        ]:
            assert self.call(method, path, body)[0] == 401, path
            assert self.call(method, path, body, token="wrong")[0] == 403, path
            assert self.call(method, path, body, token=learner["token"])[0] == 403, path
        assert self.call("GET", "dashboard?token=wrong")[0] == 403
        assert self.db.pacing()["open_through"] is None

    def test_the_dashboard_link_sets_a_cookie_and_drops_the_token_from_the_address(self):
        logs = io.StringIO()
        handler = logging.StreamHandler(logs)
        service.log.addHandler(handler)
        service.log.setLevel(logging.INFO)
        try:
            code, _, reply = self.call("GET", f"dashboard?token={self.db.instructor_token}&lang=fr")
            assert (code, reply.headers["Location"]) == (302, "/dashboard?lang=fr")
            cookie = reply.headers["Set-Cookie"].split(";")[0]
            code, page, reply = self.call("GET", "dashboard?lang=fr", headers={"Cookie": cookie})
        finally:
            service.log.removeHandler(handler)
        assert code == 200
        assert '<html lang="fr">' in page and "Classe en direct" in page
        assert f"here/{self.db.join_code}" in page
        assert "Access-Control-Allow-Origin" not in reply.headers
        assert "script-src 'nonce-" in reply.headers["Content-Security-Policy"]
        assert self.db.instructor_token not in logs.getvalue()
        assert "GET /dashboard" in logs.getvalue()

    def test_a_script_in_a_diagnosis_is_shown_as_text(self):
        learner = self.join()
        evil = "<script>alert('x')</script>"
        self.send(learner, [pause([evil, EXPERT_FIRST.en], problem=f"{evil} problem")])
        code, html, _ = self.instructor("GET", "dashboard/view")
        assert code == 200
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html

    def test_diagnoses_are_counted_against_the_experts_list_in_either_language(self):
        alice, bob = self.join(), self.join()
        self.send(alice, [pause([EXPERT_FIRST.fr.upper(), "Achalasia"])])
        self.send(bob, [pause([EXPERT_FIRST.en, "achalasia "])])
        html = self.instructor("GET", "dashboard/view")[1]
        assert "expert&#39;s diagnosis 1 (hidden)" in html and escape(EXPERT_FIRST.en) not in html
        self.instructor("POST", "api/pacing", {"show_key": PAUSE.id})
        assert escape(EXPERT_FIRST.en) in self.instructor("GET", "dashboard/view")[1]
        summary = self.instructor("GET", "export.json")[1]["summary"]
        first = summary["pauses"][0]
        assert first["committed"] == 2
        assert first["expert"][0] == {"label": EXPERT_FIRST.en, "count": 2, "is_key": True}
        assert first["others"] == [{"label": "Achalasia", "count": 2, "is_key": False}]
        assert len(first["problems"]) == 2

    def test_a_diagnosis_named_by_one_of_its_terms_counts_for_the_expert(self):
        # as the learner's own comparison does: "GERD" names reflux, "thrush" candida
        reflux, candida = PAUSE.differential[1], PAUSE.differential[2]
        self.send(self.join(), [pause([reflux.terms["en"][3].upper(), candida.terms["en"][2]])])
        view = self.instructor("GET", "export.json")[1]["summary"]["pauses"][0]
        counts = {bar["label"]: bar["count"] for bar in view["expert"]}
        assert counts[reflux.diagnosis.en] == counts[candida.diagnosis.en] == 1
        assert view["others"] == []

    def test_the_key_is_hidden_until_the_instructor_shows_it(self):
        learner = self.join()
        self.send(learner, [answer(option=RIGHT, correct=True)])
        right_text = next(o.text.en for o in SINGLE.options if o.correct)
        html = self.instructor("GET", "dashboard/view")[1]
        assert "✔ key" not in html and "right first time" not in html
        assert "first answers: 1" in html and "confidence: sure 1" in " ".join(html.split())
        self.instructor("POST", "api/pacing", {"show_key": SINGLE.id})
        html = self.instructor("GET", "dashboard/view")[1]
        assert f"<strong>✔ key:</strong> {escape(right_text)}" in html
        assert "right first time: 1" in html and "sure but wrong" not in html
        self.send(self.join(), [answer(option=WRONG)])  # sure, and wrong
        html = self.instructor("GET", "dashboard/view")[1]
        assert "<strong>sure but wrong: 1</strong>" in html
        self.instructor("POST", "api/pacing", {"hide_key": SINGLE.id})
        assert "✔ key" not in self.instructor("GET", "dashboard/view")[1]

    def test_long_menu_picks_make_a_histogram_with_the_essential_tests_hidden_until_shown(self):
        alice, bob = self.join(), self.join()
        picks = [ESSENTIAL[0].id, NOT_ESSENTIAL.id]
        assert self.send(alice, [answer(MENU.id, picks, confidence="unsure")])[1]["added"]
        self.send(bob, [answer(MENU.id, [ESSENTIAL[0].id], correct=True, confidence="guessing")])
        html = " ".join(self.instructor("GET", "dashboard/view")[1].split())
        menu = html[html.index(f'id="q-{MENU.id}"') :]
        menu = menu[: menu.index("</article>")]
        assert "first answers: 2" in menu and "guessing 1, unsure 1" in menu
        # the picked tests, the most picked first; no test nobody picked, no key yet
        assert menu.index(escape(ESSENTIAL[0].name.en)) < menu.index(escape(NOT_ESSENTIAL.name.en))
        assert escape(ESSENTIAL[1].name.en) not in menu and "✔ key" not in menu
        self.instructor("POST", "api/pacing", {"show_key": MENU.id})
        html = " ".join(self.instructor("GET", "dashboard/view")[1].split())
        menu = html[html.index(f'id="q-{MENU.id}"') :]
        menu = menu[: menu.index("</article>")]
        assert f"<strong>✔ key:</strong> {escape(ESSENTIAL[1].name.en)}" in menu  # nobody's
        assert "right first time: 1" in menu
        # its feedback can be released like any question's
        assert self.instructor("POST", "api/pacing", {"release": MENU.id})[0] == 200

    def test_a_long_menu_answer_must_be_tests_of_the_menu(self):
        learner = self.join()
        bad = [answer(MENU.id, ["no-such-test"]), answer(MENU.id, []), answer(MENU.id, "fbc")]
        for record in bad:
            reply = self.send(learner, [record])[1]
            assert reply["added"] == [] and "tests of" in reply["rejected"][0]["reason"]

    def test_the_management_plan_is_counted_against_the_experts_problem_list(self):
        alice, bob = self.join(), self.join()
        first, second = PLAN.problems[0], PLAN.problems[1]
        self.send(
            alice,
            [later_pause(PLAN.id, f"{first.terms['en'][0]}; {second.terms['fr'][0]}", ["Imaging"])],
        )
        self.send(bob, [later_pause(PLAN.id, first.terms["fr"][0].upper(), ["imaging "])])
        html = self.instructor("GET", "dashboard/view")[1]
        plan = html[html.index(f'id="p-{PLAN.id}"') :]
        assert "Management plan" in plan and "2 committed, 0 skipped" in plan
        assert "expert&#39;s problem 1 (hidden)" in plan and escape(first.problem.en) not in plan
        self.instructor("POST", "api/pacing", {"show_key": PLAN.id})
        assert escape(first.problem.en) in self.instructor("GET", "dashboard/view")[1]
        summary = self.instructor("GET", "export.json")[1]["summary"]
        view = next(p for p in summary["pauses"] if p["id"] == PLAN.id)
        assert [b["count"] for b in view["expert"][:3]] == [2, 1, 0]
        assert view["others"] == [{"label": "Imaging", "count": 2, "is_key": False}]

    def test_the_synthesis_reaches_the_dashboard_escaped_and_anonymised(self):
        alice, bob = self.join(), self.join()
        evil = "<b>bold</b>"
        self.send(
            alice,
            [later_pause("synthesis", f"Summary {evil}", ["SSc", "HRCT"], questions="Why?")],
        )
        self.send(bob, [later_pause("synthesis", "Another summary", ["ssc"], questions="How?")])
        html = self.instructor("GET", "dashboard/view?lang=fr")[1]
        part = html[html.index('id="p-synthesis"') :]
        assert "Synthèse" in part and "rédigées : 2" in part
        assert "<b>bold</b>" not in part and escape(evil) in part
        assert "Questions aux auteurs" in part and "Why?" in part and "How?" in part
        rows = list(csv.DictReader(io.StringIO(self.instructor("GET", "export.csv")[1])))
        assert {r["questions"] for r in rows} == {"Why?", "How?"}
        view = self.instructor("GET", "export.json")[1]["summary"]["pauses"][-1]
        assert view["others"][0] == {"label": "SSc", "count": 2, "is_key": False}
        assert view["problems"] == sorted([f"Summary {evil}", "Another summary"])

    def test_the_dashboard_can_show_one_notebooks_questions(self):
        html = self.instructor("GET", f"dashboard/view?lesson={SINGLE.lesson}")[1]
        others = [q for q in CASE.questions if q.lesson != SINGLE.lesson]
        assert f'id="q-{SINGLE.id}"' in html and f'id="q-{others[0].id}"' not in html
        assert f'id="q-{others[0].id}"' in self.instructor("GET", "dashboard/view?lesson=x")[1]

    def test_pacing_reaches_learners_and_is_checked(self):
        learner = self.join()
        change = {"open_through": "examination", "hold_feedback": True}
        assert self.instructor("POST", "api/pacing", change)[0] == 200
        self.instructor("POST", "api/pacing", {"release": SINGLE.id})
        _, pacing, _ = self.call("GET", "api/pacing/learner", token=learner["token"])
        assert pacing == {
            "open_through": "examination",
            "hold_feedback": True,
            "released": [SINGLE.id],
        }
        assert self.instructor("POST", "api/pacing", {"open_through": "nowhere"})[0] == 400
        assert self.instructor("POST", "api/pacing", {"release": "nope"})[0] == 400

    def test_a_cookie_session_must_send_the_xsrf_token_to_change_pacing(self):
        reply = self.call("GET", f"dashboard?token={self.db.instructor_token}")[2]
        cookie = reply.headers["Set-Cookie"].split(";")[0]
        code, _, _ = self.call(
            "POST", "api/pacing", {"open_through": "presentation"}, headers={"Cookie": cookie}
        )
        assert code == 403  # a page of another site could not have sent the XSRF token
        assert self.db.pacing()["open_through"] is None

    def test_learners_per_stage_and_the_csv_export(self):
        alice, bob = self.join(), self.join()
        stage = {"kind": "stage", "at": ""}
        self.send(
            alice,
            [
                {**stage, "id": "stage:presentation", "item": "presentation"},
                {**stage, "id": "stage:examination", "item": "examination"},
            ],
        )
        self.send(
            bob,
            [
                {**stage, "id": "stage:presentation", "item": "presentation"},
                answer(option=WRONG) | {"confidence": None},
            ],
        )
        summary = self.instructor("GET", "export.json")[1]["summary"]
        assert [s["count"] for s in summary["stages"][:3]] == [1, 1, 0]
        _, text, reply = self.instructor("GET", "export.csv")
        assert reply.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 4
        assert {r["learner"] for r in rows} == {alice["pseudonym"], bob["pseudonym"]}
        answered = next(r for r in rows if r["kind"] == "answer")
        # what a record has not is an empty cell, and a spreadsheet formula stays text
        assert answered["confidence"] == answered["problem"] == answered["skipped"] == ""
        self.send(bob, [pause(["=HYPERLINK(1)", "x"])])
        rows = list(csv.DictReader(io.StringIO(self.instructor("GET", "export.csv")[1])))
        assert next(r for r in rows if r["kind"] == "pause")["differential"] == "'=HYPERLINK(1) | x"


def test_a_database_remembers_its_tokens_and_refuses_another_case(tmp_path):
    db = ClassDB(tmp_path / "class.sqlite", CASE.id)
    token, code = db.instructor_token, db.join_code
    db.close()
    again = ClassDB(tmp_path / "class.sqlite", CASE.id)
    assert (again.instructor_token, again.join_code) == (token, code)
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()
    with pytest.raises(ValueError, match="belongs to case"):
        ClassDB(tmp_path / "class.sqlite", "another-case")
