"""The live class under load, and killed mid-run: `python -m clinicase class serve` on loopback.

    python benchmarks/classroom.py [--learners 300] [--answers 40]

Run 1 (load): every simulated learner joins, then sends its records one answer at a time, as
a kernel's sender does (each request carries what is not yet acknowledged). Run 2 (kill): the
same, but the service is killed with SIGKILL a third of the way in and restarted on the same
port and database 2 s later; learners keep their unacknowledged records and resend them.
Both runs then read the instructor's JSON export and count records lost (sent but not there)
and counted twice (the same learner and id more than once): both must be 0. Reports request
latency (p50, p95) and throughput. Writes benchmarks/results/classroom.json. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from clinicase.loader import load_case

RESULTS = Path(__file__).parent / "results" / "classroom.json"


def records_for_a_learner(case, count: int) -> list[dict]:
    """`count` distinct records of every kind: the long menus, the management plan, the
    synthesis, the pauses and the stages reached, then first answers to the bank's questions."""
    records = [{"kind": "answer", "item": m.id, "answer": [i.id for i in m.items[:3]],
                "correct": None, "confidence": "unsure"} for m in case.long_menus]  # fmt: skip
    later = [{"item": "synthesis", "questions": "Which antibodies were tested?"}]
    if case.management_plan is not None:
        later.append({"item": case.management_plan.id})
    for p in [*later, *({"item": p.id} for p in case.pauses)]:
        records.append({"kind": "pause", "skipped": False, "problem": "SSc",
                        "differential": ["Calcinosis", "Gout"], **p})  # fmt: skip
    records.extend({"kind": "stage", "item": s.id} for s in case.stages)
    for q in case.questions:
        if q.kind in ("single", "region"):
            answer = q.options[0].id
        elif q.kind in ("multiple", "ranking"):
            answer = [o.id for o in q.options]
        else:
            answer = "42"
        records.append({"kind": "answer", "item": q.id, "answer": answer, "correct": None,
                        "confidence": "sure"})  # fmt: skip
    if count > len(records):
        raise SystemExit(f"this case gives at most {len(records)} distinct records per learner")
    return [{**r, "id": f"{r['kind']}:{r['item']}", "at": ""} for r in records[:count]]


class Service:
    def __init__(self, db: Path, port: int = 0):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "clinicase", "class", "serve", "--db", str(db),
             "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        dashboard = self.process.stdout.readline()
        join = self.process.stdout.readline()
        self.base, self.token = re.search(r"(http://\S+/)dashboard\?token=(\S+)", dashboard).groups()
        self.port = int(self.base.rsplit(":", 1)[1].strip("/"))
        self.code = join.strip().rsplit("/", 1)[1]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


class Learner:
    def __init__(self, records: list[dict]):
        self.todo = list(records)  # not yet answered
        self.outbox: list[dict] = []  # answered, not yet acknowledged
        self.learner = self.token = ""


async def post(http, url: str, body: dict, token: str = "") -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    reply = await http.fetch(url, method="POST", body=json.dumps(body), headers=headers,
                             request_timeout=30)  # fmt: skip
    return json.loads(reply.body)


async def run_learner(http, service_ref, learner: Learner, stats: dict) -> None:
    while not learner.token:  # join (retried while the service is down or busy)
        try:
            reply = await post(http, service_ref[0].base + "api/join", {"code": service_ref[0].code})
            learner.learner, learner.token = reply["learner"], reply["token"]
        except (OSError, HTTPClientError):
            await asyncio.sleep(0.5)
    while learner.todo or learner.outbox:
        if learner.todo:
            await asyncio.sleep(random.uniform(0.05, 0.25))  # thinking before the next answer
            learner.outbox.append(learner.todo.pop(0))
        start = time.perf_counter()
        try:
            reply = await post(http, service_ref[0].base + "api/records",
                               {"learner": learner.learner, "records": learner.outbox},
                               learner.token)  # fmt: skip
        except HTTPClientError as error:
            stats["errors"][str(error.code)] += 1
            await asyncio.sleep(1.0)  # 429: slow down; 599: the service is down
            continue
        except OSError:
            stats["errors"]["refused"] += 1
            await asyncio.sleep(1.0)
            continue
        stats["latency"].append(time.perf_counter() - start)
        stats["duplicates_acknowledged"] += len(reply["duplicate"])
        done = set(reply["added"]) | set(reply["duplicate"])
        learner.outbox = [r for r in learner.outbox if r["id"] not in done]


async def one_run(db: Path, learners: int, answers: int, kill: bool) -> dict:
    case = load_case()
    records = records_for_a_learner(case, answers)
    service_ref = [Service(db)]
    AsyncHTTPClient.configure(None, max_clients=learners + 10)
    http = AsyncHTTPClient()
    stats = {"latency": [], "errors": Counter(), "duplicates_acknowledged": 0}
    crowd = [Learner(records) for _ in range(learners)]
    start = time.perf_counter()
    tasks = [asyncio.create_task(run_learner(http, service_ref, l, stats)) for l in crowd]
    killed_at = None
    if kill:
        target = learners * answers // 3
        while len(stats["latency"]) < target:
            await asyncio.sleep(0.05)
        service_ref[0].kill()
        killed_at = len(stats["latency"])
        await asyncio.sleep(2)
        service_ref[0] = Service(db, service_ref[0].port)  # same port, same database
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    export = json.loads((await http.fetch(
        service_ref[0].base + "export.json",
        headers={"Authorization": f"Bearer {service_ref[0].token}"})).body)  # fmt: skip
    service_ref[0].stop()
    stored = Counter((r["learner"], r["id"]) for r in export["records"])
    expected = learners * answers
    latency = sorted(stats["latency"])
    return {
        "learners": learners,
        "answers_each": answers,
        "records_expected": expected,
        "records_stored": sum(stored.values()),
        "lost": expected - len(stored),
        "counted_twice": sum(n - 1 for n in stored.values()),
        "requests": len(latency),
        "p50_ms": round(1000 * statistics.median(latency), 1),
        "p95_ms": round(1000 * latency[int(0.95 * (len(latency) - 1))], 1),
        "seconds": round(elapsed, 1),
        "records_per_second": round(expected / elapsed),
        "errors": dict(stats["errors"]),
        "duplicates_acknowledged": stats["duplicates_acknowledged"],
        **({"killed_after_requests": killed_at} if kill else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--answers", type=int, default=40)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, kill in (("load", False), ("kill", True)):
            db = Path(tmp) / f"{name}.sqlite"
            results[name] = asyncio.run(one_run(db, args.learners, args.answers, kill))
            print(name, json.dumps(results[name]))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    bad = any(r["lost"] or r["counted_twice"] for r in results.values())
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
