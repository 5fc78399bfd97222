"""The class service's database: one SQLite file in WAL mode (readers never wait for the writer,
and a record acknowledged to a learner is committed: a killed service loses none of them).

Learners are known by a random pseudonym; their token is stored only as a SHA-256 hash. A
record's key is (learner, record id), so a resend is ignored, never counted twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from .records import Record

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS learners (
    id TEXT PRIMARY KEY, token_hash TEXT UNIQUE NOT NULL, pseudonym TEXT UNIQUE NOT NULL,
    hub_user TEXT UNIQUE, joined_at TEXT NOT NULL, left_at TEXT);
CREATE TABLE IF NOT EXISTS records (
    learner TEXT NOT NULL REFERENCES learners(id), id TEXT NOT NULL, kind TEXT NOT NULL,
    item TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL, received_at TEXT NOT NULL,
    PRIMARY KEY (learner, id));
"""
# open_through: the last stage learners may reveal (None: no pacing); released: questions whose
# feedback learners see now although feedback is held; keys_shown: keys shown on the dashboard
NO_PACING = {"open_through": None, "hold_feedback": False, "released": [], "keys_shown": []}
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread on a projector


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ClassDB:
    def __init__(self, path: Path | str, case_id: str):
        self.path = str(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
        self.db.executescript(_SCHEMA)
        stored_case = self._meta("case_id")
        if stored_case is None:
            self._set_meta("case_id", case_id)
        elif stored_case != case_id:
            raise ValueError(f"{self.path} belongs to case {stored_case!r}, not {case_id!r}")
        self.instructor_token = self._meta_or("instructor_token", lambda: secrets.token_urlsafe(32))
        self.cookie_secret = self._meta_or("cookie_secret", lambda: secrets.token_hex(32))
        self.join_code = self._meta_or(
            "join_code", lambda: "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
        )

    def close(self) -> None:
        self.db.close()

    # -- learners --------------------------------------------------------------------------

    def add_learner(self, hub_user: str | None = None) -> tuple[str, str, str]:
        """A new learner (or, on a hub, the user's existing one with a fresh token):
        (learner id, token, pseudonym)."""
        token = secrets.token_urlsafe(32)
        with self._transaction():
            if hub_user is not None:
                row = self.db.execute(
                    "SELECT id, pseudonym FROM learners WHERE hub_user = ?", (hub_user,)
                ).fetchone()
                if row:
                    self.db.execute(
                        "UPDATE learners SET token_hash = ?, left_at = NULL WHERE id = ?",
                        (token_hash(token), row[0]),
                    )
                    return row[0], token, row[1]
            while True:
                learner_id = secrets.token_hex(8)
                pseudonym = "L-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
                try:
                    self.db.execute(
                        "INSERT INTO learners VALUES (?, ?, ?, ?, ?, NULL)",
                        (learner_id, token_hash(token), pseudonym, hub_user, _now()),
                    )
                    return learner_id, token, pseudonym
                except sqlite3.IntegrityError:  # a pseudonym already taken: draw again
                    continue

    def learner_by_token(self, token: str) -> tuple[str, str] | None:
        """(learner id, pseudonym) of a token still in the class, else None."""
        row = self.db.execute(
            "SELECT id, pseudonym FROM learners WHERE token_hash = ? AND left_at IS NULL",
            (token_hash(token),),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def leave(self, learner_id: str) -> None:
        with self._transaction():
            self.db.execute("UPDATE learners SET left_at = ? WHERE id = ?", (_now(), learner_id))

    # -- records ---------------------------------------------------------------------------

    def add_records(self, learner_id: str, records: list[Record]) -> tuple[list[str], list[str]]:
        """Store new records in one transaction: (ids added, ids already there)."""
        added, known = [], []
        now = _now()
        with self._transaction():
            for record in records:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        learner_id,
                        record.id,
                        record.kind,
                        record.item,
                        record.at,
                        json.dumps(record.data, ensure_ascii=False),
                        now,
                    ),
                )
                (added if cursor.rowcount else known).append(record.id)
        return added, known

    def records(self) -> list[tuple[str, Record]]:
        """Every record of every learner, as (pseudonym, record), oldest first."""
        rows = self.db.execute(
            "SELECT l.pseudonym, r.kind, r.item, r.at, r.data FROM records r "
            "JOIN learners l ON l.id = r.learner ORDER BY r.received_at, r.rowid"
        )
        return [(p, Record(k, i, at, json.loads(d))) for p, k, i, at, d in rows]

    def pseudonyms(self) -> list[str]:
        """Learners in the class now."""
        rows = self.db.execute("SELECT pseudonym FROM learners WHERE left_at IS NULL")
        return [row[0] for row in rows]

    # -- pacing ----------------------------------------------------------------------------

    def pacing(self) -> dict:
        stored = self._meta("pacing")
        return {**NO_PACING, **(json.loads(stored) if stored else {})}

    def set_pacing(self, pacing: dict) -> dict:
        self._set_meta("pacing", json.dumps(pacing))
        return pacing

    # -- meta ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _meta_or(self, key: str, make) -> str:
        value = self._meta(key)
        if value is None:
            value = make()
            self._set_meta(key, value)
        return value
