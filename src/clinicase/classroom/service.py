"""The class service (tornado): learners join and send records; the instructor's dashboard,
pacing and exports need the instructor token.

Learner API (JSON; `Authorization: Bearer <learner token>` after joining):
  POST /api/join     {"code"}                  -> {"learner", "token", "pseudonym", "pacing"}
  POST /api/records  {"learner", "records": [...]} -> {"added", "duplicate", "rejected"}
  GET  /api/pacing/learner                     -> {"open_through", "hold_feedback", "released"}
  POST /api/leave
Instructor (the token as `?token=` once, then a signed cookie; or `Authorization: Bearer`):
  GET /dashboard, /dashboard/view (the live part), /export.csv, /export.json; POST /api/pacing
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from tornado import httpserver, ioloop, netutil, web

from ..i18n import LANGUAGES
from ..model import Case
from . import dashboard
from .records import RecordError, answer_ids, check, pause_ids
from .store import ClassDB
from .summary import summarise

MAX_BODY = 64 * 1024  # a batch of records is a few kB; anything bigger is refused with 413
MAX_RECORDS = 100  # per request
COOKIE = "clinicase_instructor"
log = logging.getLogger("clinicase.classroom")


class RateLimit:
    """A token bucket per key (learner, or address for joins): `burst` at once, then `rate`/s."""

    def __init__(self, rate: float, burst: int):
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, then = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        allowed = tokens >= 1
        self._buckets[key] = (tokens - 1 if allowed else tokens, now)
        return allowed


@dataclass
class ClassState:
    db: ClassDB
    case: Case
    learner_limit: RateLimit = field(default_factory=lambda: RateLimit(rate=10, burst=40))
    join_limit: RateLimit = field(default_factory=lambda: RateLimit(rate=10, burst=100))


class ClassHandler(web.RequestHandler):
    def initialize(self, state: ClassState) -> None:
        self.state = state
        self.db = state.db

    def set_default_headers(self) -> None:
        # no Access-Control-Allow-Origin: other sites' pages cannot read or post to the class
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Referrer-Policy", "no-referrer")  # the dashboard URL carries the token
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise web.HTTPError(413, reason=f"request body larger than {MAX_BODY} bytes")

    def check_xsrf_cookie(self) -> None:
        # only the dashboard's cookie is sent by a browser on its own: a request carrying it
        # must prove it comes from the dashboard (a bearer token, or no credential, need not)
        if self.get_cookie(COOKIE) and not self.request.headers.get("Authorization"):
            super().check_xsrf_cookie()

    def log_exception(self, typ, value, tb) -> None:
        """Tornado's own would log the query string and the headers, hence tokens: not here."""
        if not isinstance(value, web.HTTPError):  # refusals are in the access log already
            log.error(
                "%s on %s %s",
                typ.__name__,
                self.request.method,
                self.request.path,
                exc_info=(typ, value, tb),
            )

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish({"error": self._reason})

    def json_body(self) -> dict:
        if len(self.request.body) > MAX_BODY:  # sent in chunks, without a Content-Length
            raise web.HTTPError(413, reason=f"request body larger than {MAX_BODY} bytes")
        try:
            body = json.loads(self.request.body or b"")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise web.HTTPError(400, reason="the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise web.HTTPError(400, reason="the body must be a JSON object")
        return body

    def bearer(self) -> str | None:
        header = self.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None

    # -- who is asking ---------------------------------------------------------------------

    def learner(self) -> tuple[str, str]:
        """(learner id, pseudonym) of the learner token, rate limited; 401 / 403 / 429."""
        token = self.bearer()
        if token is None:
            raise web.HTTPError(401, reason="a learner token is needed: join the class first")
        found = self.db.learner_by_token(token)
        if found is None:
            raise web.HTTPError(403, reason="unknown learner token: join the class again")
        if not self.state.learner_limit.allow(found[0]):
            self.set_header("Retry-After", "1")
            raise web.HTTPError(429, reason="too many requests; try again in a second")
        return found

    def require_instructor(self) -> None:
        token = self.bearer() or self.get_signed_cookie(COOKIE, max_age_days=2)
        if token is None:
            raise web.HTTPError(401, reason="the instructor token is needed")
        if isinstance(token, bytes):
            token = token.decode()
        if not hmac.compare_digest(token.encode(), self.db.instructor_token.encode()):
            raise web.HTTPError(403, reason="wrong instructor token")

    def view(self, lang: str):
        entries = self.db.records()
        pacing = self.db.pacing()
        lesson = self.get_query_argument("lesson", None)
        case = self.state.case
        lesson = (
            lesson if lesson in {q.lesson for q in (*case.questions, *case.long_menus)} else None
        )
        view = summarise(self.state.case, entries, self.db.pseudonyms(), pacing, lang, lesson)
        return entries, view

    def lang(self) -> str:
        lang = self.get_query_argument("lang", "en")
        return lang if lang in LANGUAGES else "en"


# -- learners ------------------------------------------------------------------------------


class LearnerHandler(ClassHandler):
    def check_xsrf_cookie(self) -> None:
        """Learners' kernels authenticate with a bearer token or the join code in the body,
        never with a cookie, so a forged cross-site request carries nothing to abuse."""


class JoinHandler(LearnerHandler):
    def post(self) -> None:
        if not self.state.join_limit.allow(self.request.remote_ip or "?"):
            self.set_header("Retry-After", "2")
            raise web.HTTPError(429, reason="too many join attempts; wait a moment")
        code = str(self.json_body().get("code", "")).strip().upper()
        if not hmac.compare_digest(code.encode(), self.db.join_code.encode()):
            raise web.HTTPError(403, reason="wrong join code; check it with your instructor")
        self.joined(*self.db.add_learner())

    def joined(self, learner_id: str, token: str, pseudonym: str) -> None:
        self.set_status(201)
        self.finish(
            {
                "learner": learner_id,
                "token": token,
                "pseudonym": pseudonym,
                "case_id": self.state.case.id,
                "pacing": learner_pacing(self.db.pacing()),
            }
        )


class RecordsHandler(LearnerHandler):
    def post(self) -> None:
        learner_id, _ = self.learner()
        body = self.json_body()
        if body.get("learner") != learner_id:
            raise web.HTTPError(403, reason="a learner token may only send its own records")
        raw = body.get("records")
        if not isinstance(raw, list) or len(raw) > MAX_RECORDS:
            raise web.HTTPError(400, reason=f"records must be a list of at most {MAX_RECORDS}")
        valid, rejected = [], []
        for item in raw:
            try:
                valid.append(check(item, self.state.case))
            except RecordError as error:
                record_id = item.get("id") if isinstance(item, dict) else None
                rejected.append({"id": str(record_id)[:120], "reason": str(error)})
        added, duplicate = self.db.add_records(learner_id, valid)
        self.finish({"added": added, "duplicate": duplicate, "rejected": rejected})


def learner_pacing(pacing: dict) -> dict:
    """What a learner's kernel needs of the pacing (not which keys the dashboard shows)."""
    return {k: pacing[k] for k in ("open_through", "hold_feedback", "released")}


class LearnerPacingHandler(LearnerHandler):
    def get(self) -> None:
        self.learner()
        self.finish(learner_pacing(self.db.pacing()))


class LeaveHandler(LearnerHandler):
    def post(self) -> None:
        learner_id, _ = self.learner()
        self.db.leave(learner_id)
        self.finish({"left": True})


# -- instructor ----------------------------------------------------------------------------


class DashboardHandler(ClassHandler):
    def get(self) -> None:
        token = self.get_query_argument("token", None)
        if token is not None:
            if not hmac.compare_digest(token.encode(), self.db.instructor_token.encode()):
                raise web.HTTPError(403, reason="wrong instructor token")
            self.set_signed_cookie(
                COOKIE, token, expires_days=2, httponly=True, samesite="Strict", path="/"
            )
            lang = self.get_query_argument("lang", None)
            self.redirect(self.request.path + (f"?lang={lang}" if lang in LANGUAGES else ""))
            return
        self.require_instructor()
        self.render_dashboard()

    def render_dashboard(self) -> None:
        self.xsrf_token  # sets the _xsrf cookie the page's POSTs send back  # noqa: B018
        lang = self.lang()
        _, view = self.view(lang)
        nonce = secrets.token_urlsafe(16)
        self.set_header(
            "Content-Security-Policy",
            f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; "
            "connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        page = dashboard.page_html(
            self.state.case,
            view,
            lang,
            live=True,
            join_code=self.settings["join_code"],
            nonce=nonce,
        )
        self.finish(page)


class ClassViewHandler(ClassHandler):
    def get(self) -> None:
        self.require_instructor()
        lang = self.lang()
        _, view = self.view(lang)
        self.set_header("X-Learners", str(view.learners))
        self.finish(dashboard.class_view_html(self.state.case, view, lang, live=True))


class PacingHandler(ClassHandler):
    def get(self) -> None:
        self.require_instructor()
        self.finish(self.db.pacing())

    def post(self) -> None:
        self.require_instructor()
        body = self.json_body()
        pacing = self.db.pacing()
        stages = [s.id for s in self.state.case.stages]
        questions = answer_ids(self.state.case)
        predictions = {f"prediction:{p.finding}" for p in self.state.case.predictions}
        keys = questions | predictions | pause_ids(self.state.case)  # a pause's key: the expert's
        if "open_through" in body:
            if body["open_through"] not in (None, *stages):
                raise web.HTTPError(400, reason="open_through must be a stage id or null")
            pacing["open_through"] = body["open_through"]
        if "hold_feedback" in body:
            if not isinstance(body["hold_feedback"], bool):
                raise web.HTTPError(400, reason="hold_feedback must be true or false")
            pacing["hold_feedback"] = body["hold_feedback"]
        for action, key, add in (
            ("release", "released", True),
            ("show_key", "keys_shown", True),
            ("hide_key", "keys_shown", False),
        ):
            if action in body:
                if body[action] not in (questions if action == "release" else keys):
                    raise web.HTTPError(400, reason=f"unknown question id {body[action]!r}")
                chosen = (
                    set(pacing[key]) | {body[action]} if add else set(pacing[key]) - {body[action]}
                )
                pacing[key] = sorted(chosen)
        self.finish(self.db.set_pacing(pacing))


class ExportHandler(ClassHandler):
    def get(self, fmt: str) -> None:
        self.require_instructor()
        entries, view = self.view(self.lang())
        if fmt == "csv":
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="class.csv"')
            self.finish(dashboard.export_csv(entries))
        else:
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="class.json"')
            self.finish(dashboard.export_json(self.state.case, entries, view))


def log_without_secrets(handler: web.RequestHandler) -> None:
    """The access log: method, path (never the query string, which may hold a token) and status."""
    status = handler.get_status()
    level = logging.INFO if status < 400 else logging.WARNING
    log.log(
        level,
        "%d %s %s %.1fms",
        status,
        handler.request.method,
        handler.request.path,
        1000 * handler.request.request_time(),
    )


def routes(state: ClassState, prefix: str = "/", replace: dict | None = None) -> list:
    """The service's URLs under `prefix`; `replace` swaps handlers (the hub's, in hub mode)."""
    replace = replace or {}
    return [
        (prefix + path, replace.get(handler, handler), {"state": state})
        for path, handler in (
            ("api/join", JoinHandler),
            ("api/records", RecordsHandler),
            ("api/pacing/learner", LearnerPacingHandler),
            ("api/leave", LeaveHandler),
            ("api/pacing", PacingHandler),
            ("dashboard", DashboardHandler),
            ("dashboard/view", ClassViewHandler),
            (r"export\.(csv|json)", ExportHandler),
        )
    ]


def make_app(db: ClassDB, case: Case, *, join_code: str = "") -> web.Application:
    state = ClassState(db, case)
    app = web.Application(
        routes(state),
        cookie_secret=db.cookie_secret,
        xsrf_cookies=True,
        log_function=log_without_secrets,
        join_code=join_code,
    )
    app.class_state = state  # its rate limits, for tests to tighten
    return app


def public_host(host: str) -> str:
    """The address learners' kernels reach the service at."""
    if host in ("", "0.0.0.0", "::"):
        return socket.gethostbyname(socket.gethostname())
    return host


def serve(db_path: Path, case: Case, host: str, port: int, hub_group: str | None = None) -> None:
    """Run the service until interrupted, after printing the dashboard URL and the join code.
    With `hub_group`, run as a JupyterHub service (address and prefix from the hub)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    db = ClassDB(db_path, case.id)
    if hub_group is None:
        sockets = netutil.bind_sockets(port, host)
        address = f"{public_host(host)}:{sockets[0].getsockname()[1]}"
        app = make_app(db, case, join_code=f"{address}/{db.join_code}")
        lines = [
            f"dashboard: http://{address}/dashboard?token={db.instructor_token}",
            f"join code: {address}/{db.join_code}",
        ]
    else:
        from .hub import hub_address, make_hub_app

        host, port, prefix = hub_address()
        sockets = netutil.bind_sockets(port, host)
        app = make_hub_app(db, case, prefix, hub_group)
        lines = [
            f"dashboard: {prefix}dashboard (hub admins and the {hub_group} group)",
            f"join code: none; learners' kernels join with CLINICASE_CLASS={prefix}",
        ]
    # behind the hub's proxy, the learner's address is in X-Forwarded-For
    server = httpserver.HTTPServer(app, max_body_size=4 * MAX_BODY, xheaders=hub_group is not None)
    server.add_sockets(sockets)
    for line in lines:
        print(line, flush=True)
    try:
        ioloop.IOLoop.current().start()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        db.close()
