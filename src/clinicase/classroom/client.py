"""The kernel side of a live class: join, then send in the background, never blocking a cell.

What the learner does is queued in their progress file (key `classroom`, with the pseudonym and
the learner token the service gave) and a daemon thread sends it; while the service cannot be
reached the queue waits there, across kernel restarts, and goes out later. Records are
identified by `kind:item`, so a resend is never counted twice. The same thread fetches the
instructor's pacing every `POLL_SECONDS`, which the reveals and questions observe.

Widgets call `record(store, kind, item)`, `waiting(store, stage_id)`,
`feedback_held(store, question_id)` and `pacing_sources(store)`; nothing happens unless the
learner has joined a class.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from urllib.parse import urljoin

import traitlets

from ..i18n import N_
from ..loader import load_case
from ..progress import ProgressStore
from .records import Record, answer_record, from_progress, pause_record, stage_record

KEY = "classroom"
ENV = "CLINICASE_CLASS"
POLL_SECONDS = 2.0
TIMEOUT = 5.0
MAX_BACKOFF = 30.0
BATCH = 50


class JoinError(Exception):
    """Joining failed; `key` is the interface text that says why, `values` fill it."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


def parse_code(text: str, env: str | None = None) -> tuple[str, str]:
    """(service URL, join code) from what the learner typed: `host:port/CODE`, a full URL, or
    only the code when CLINICASE_CLASS names the service. A hub service URL needs no code."""
    text = text.strip()
    if text and "/" not in text and ":" not in text:
        if not env:
            raise JoinError(N_("class_code_needs_address"))
        text = env.rstrip("/") + "/" + text
    if not text:
        raise JoinError(N_("class_code_empty"))
    if "://" not in text:
        text = "http://" + text
    base, _, code = text.rpartition("/")
    return base + "/", code


class Pacing(traitlets.HasTraits):
    open_through = traitlets.Unicode(None, allow_none=True)
    hold_feedback = traitlets.Bool(False)
    released = traitlets.List(traitlets.Unicode())


class ClassLink(traitlets.HasTraits):
    """One learner's link to a class for one case."""

    sent = traitlets.Int(0)
    queued = traitlets.Int(0)
    reachable = traitlets.Bool(True)

    def __init__(self, store: ProgressStore):
        super().__init__()
        self.store = store
        self.pacing = Pacing()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._stages: list[str] | None = None
        self._closed = False
        state = self.state()
        if state:
            self._show(state)
            self._start()

    # -- state in the progress file --------------------------------------------------------

    def state(self) -> dict | None:
        state = self.store.get(KEY)
        return state if isinstance(state, dict) and state.get("token") else None

    @property
    def joined(self) -> bool:
        return self.state() is not None

    @property
    def pseudonym(self) -> str:
        return (self.state() or {}).get("pseudonym", "")

    def _show(self, state: dict) -> None:
        self.sent = len(state.get("sent", []))
        self.queued = len(state.get("outbox", []))
        self._show_pacing(state.get("pacing") or {})

    def _show_pacing(self, pacing: dict) -> None:
        self.pacing.released = list(pacing.get("released") or [])
        self.pacing.hold_feedback = bool(pacing.get("hold_feedback"))
        self.pacing.open_through = pacing.get("open_through")

    # -- joining and leaving ---------------------------------------------------------------

    def join(self, text: str) -> str:
        """Join the class the learner's code names; the pseudonym, or JoinError."""
        env = os.environ.get(ENV)
        service, code = parse_code(text, env)
        headers = {}
        if not code:  # a hub service: the hub says who the learner is
            hub_token = os.environ.get("JUPYTERHUB_API_TOKEN")
            if not hub_token:
                raise JoinError(N_("class_code_empty"))
            headers["Authorization"] = f"token {hub_token}"
        from urllib.error import HTTPError  # urllib.request is slow to import: only when used

        try:
            reply = _request(urljoin(service, "api/join"), {"code": code}, headers)
        except HTTPError as error:
            if error.code == 403 and code:
                raise JoinError(N_("class_wrong_code")) from None
            raise JoinError(N_("class_join_refused"), reason=_reason(error)) from None
        except (OSError, ValueError) as error:
            raise JoinError(N_("class_unreachable"), service=service, reason=error) from None
        case = load_case(self.store.case_id)
        backlog = [r.to_json() for r in from_progress(self.store.read(), case)]

        def save(data: dict) -> None:
            data[KEY] = {
                "service": service,
                "learner": reply["learner"],
                "token": reply["token"],
                "pseudonym": reply["pseudonym"],
                "pacing": reply.get("pacing") or {},
                "outbox": backlog,
                "sent": [],
            }

        self._show(self.store.update(save)[KEY])
        self._start()
        self._wake.set()
        return reply["pseudonym"]

    def leave(self) -> None:
        """Leave the class: the service is told if it can be reached, and nothing more is sent."""
        state = self.state()
        if state:
            with contextlib.suppress(OSError, ValueError):  # the token is forgotten all the same
                _request(urljoin(state["service"], "api/leave"), {}, _auth(state), timeout=2)
        self.store.update(lambda data: data.pop(KEY, None))
        self._show({})

    def close(self) -> None:
        """Stop the background thread (the learner stays in the class; a new link resumes)."""
        self._closed = True
        self._wake.set()

    # -- what widgets call -----------------------------------------------------------------

    def queue(self, record: Record) -> None:
        def add(data: dict) -> None:
            state = data.get(KEY)
            if not isinstance(state, dict):
                return
            outbox = state.setdefault("outbox", [])
            done = [*state.get("sent", []), *state.get("refused", []), *(r["id"] for r in outbox)]
            if record.id not in done:
                outbox.append(record.to_json())

        state = self.store.update(add).get(KEY)
        if state:
            self.queued = len(state.get("outbox", []))
            self._wake.set()

    def waiting(self, stage_id: str) -> bool:
        """Whether the instructor has not yet opened this stage."""
        last = self.pacing.open_through  # in memory: no pacing unless in a class
        if last is None:
            return False
        if self._stages is None:
            self._stages = [s.id for s in load_case(self.store.case_id).stages]
        order = self._stages
        return stage_id in order and last in order and order.index(stage_id) > order.index(last)

    def feedback_held(self, question_id: str) -> bool:
        return self.pacing.hold_feedback and question_id not in self.pacing.released

    # -- the background thread -------------------------------------------------------------

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="clinicase-class", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        failures = 0
        while True:
            state = self.state()
            if state is None:  # left the class (or progress reset): its pacing no longer holds
                self._show({})
                return
            if self._closed:
                return
            try:
                self._flush(state)
                self._fetch_pacing(state)
                failures = 0
            except (OSError, ValueError, KeyError):
                failures += 1
            self.reachable = failures == 0
            delay = POLL_SECONDS if not failures else min(MAX_BACKOFF, POLL_SECONDS * 2**failures)
            self._wake.wait(delay)
            self._wake.clear()

    def _flush(self, state: dict) -> None:
        from urllib.error import HTTPError

        while state.get("outbox"):
            batch = state["outbox"][:BATCH]
            try:
                reply = _request(
                    urljoin(state["service"], "api/records"),
                    {"learner": state["learner"], "records": batch},
                    _auth(state),
                )
            except HTTPError as error:
                if error.code not in (400, 413):
                    raise  # 403 (the service forgot this learner), 429, 5xx: keep it, try later
                reply = {"rejected": [{"id": r["id"]} for r in batch]}  # it can never go
            sent = set(reply.get("added", [])) | set(reply.get("duplicate", []))
            # a record the service refuses (a text too long...) would block the queue forever;
            # it stays in the learner's own progress, only the class does not get it
            refused = {r.get("id") for r in reply.get("rejected", [])}

            def acknowledge(data: dict, sent: set = sent, refused: set = refused) -> None:
                mine = data.get(KEY)
                if isinstance(mine, dict):
                    mine["outbox"] = [
                        r for r in mine.get("outbox", []) if r["id"] not in sent | refused
                    ]
                    mine["sent"] = sorted(set(mine.get("sent", [])) | sent)
                    mine["refused"] = sorted(set(mine.get("refused", [])) | refused)

            state = self.store.update(acknowledge).get(KEY) or {}
            self.sent, self.queued = len(state.get("sent", [])), len(state.get("outbox", []))

    def _fetch_pacing(self, state: dict) -> None:
        pacing = _request(urljoin(state["service"], "api/pacing/learner"), None, _auth(state))
        if pacing != state.get("pacing"):

            def keep(data: dict) -> None:
                if isinstance(data.get(KEY), dict):
                    data[KEY]["pacing"] = pacing

            self.store.update(keep)
            self._show_pacing(pacing)


def _auth(state: dict) -> dict:
    return {"Authorization": f"Bearer {state['token']}"}


def _reason(error) -> str:
    try:
        return json.loads(error.read())["error"]
    except (ValueError, KeyError, OSError):
        return f"HTTP {error.code}"


def _request(url: str, body: dict | None, headers: dict, timeout: float = TIMEOUT) -> dict:
    import urllib.request

    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url,
        data=data,
        method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json", **headers},
    )
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.loads(reply.read())


_links: dict[str, ClassLink] = {}
_links_lock = threading.Lock()


def link_for(store: ProgressStore) -> ClassLink:
    with _links_lock:
        key = str(store.path)
        if key not in _links:
            _links[key] = ClassLink(store)
        return _links[key]


# -- the calls widgets make ----------------------------------------------------------------

_BUILD = {
    "answer": lambda store, item: answer_record(item, store.get("answers", item, "first")),
    "pause": lambda store, item: pause_record(item, store.get("pauses", item)),
    "stage": lambda store, item: stage_record(item.split(":")[0]),
}


def record(store: ProgressStore, kind: str, item: str) -> None:
    """Queue what the learner just did (a first answer, a pause, a stage reached) for the class."""
    link = link_for(store)
    if link.joined:
        link.queue(_BUILD[kind](store, item))


def waiting(store: ProgressStore, stage_id: str) -> bool:
    return link_for(store).waiting(stage_id.split(":")[0])


def feedback_held(store: ProgressStore, question_id: str) -> bool:
    return link_for(store).feedback_held(question_id)


def pacing_sources(store: ProgressStore) -> tuple[tuple[traitlets.HasTraits, str], ...]:
    """What views follow (`widgets.views.follow`) to redraw when the instructor changes the
    pacing, or the learner leaves the class."""
    pacing = link_for(store).pacing
    return tuple((pacing, name) for name in ("open_through", "hold_feedback", "released"))
