"""The kernel side of a live class: join, then send in the background, never blocking a cell.

What the learner does is queued in their progress file (its `classroom` section,
`progress.Classroom`, with the pseudonym and the learner token the service gave) and a daemon
thread sends it; while the service cannot be reached the queue waits there, across kernel
restarts, and goes out later. Records are identified by `kind:item`, so a resend is never counted
twice. The same thread fetches the instructor's pacing every `POLL_SECONDS`, which the reveals and
questions observe.

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
from ..progress import ClassOutboxItem, ClassPacing, Classroom, Progress, ProgressStore
from .records import (
    Record,
    answer_record,
    from_progress,
    pause_record,
    prediction_record,
    stage_record,
)

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
        # the kernel's thread queues, the sender's thread acknowledges: each shows the counts
        # of the file it just wrote, under this lock, so the older counts never come last
        self._counts = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stages: list[str] | None = None
        self._closed = False
        state = self.state()
        if state:
            self._show(state)
            self._start()

    # -- state in the progress file --------------------------------------------------------

    def state(self) -> Classroom | None:
        return self.store.read().classroom

    @property
    def joined(self) -> bool:
        return self.state() is not None

    @property
    def pseudonym(self) -> str:
        state = self.state()
        return state.pseudonym if state else ""

    def _show(self, state: Classroom | None) -> None:
        self.sent = len(state.sent) if state else 0
        self.queued = len(state.outbox) if state else 0
        self._show_pacing(state.pacing if state else ClassPacing())

    def _show_pacing(self, pacing: ClassPacing) -> None:
        self.pacing.released = list(pacing.released)
        self.pacing.hold_feedback = pacing.hold_feedback
        self.pacing.open_through = pacing.open_through

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
        case = self._case()
        try:
            link = Classroom(
                service=service,
                learner=reply["learner"],
                token=reply["token"],
                pseudonym=reply["pseudonym"],
                pacing=ClassPacing.model_validate(reply.get("pacing") or {}),
            )
        except (KeyError, TypeError, ValueError) as error:  # not the class service's reply
            raise JoinError(N_("class_unreachable"), service=service, reason=error) from None

        def save(progress: Progress) -> None:
            backlog = [r.to_json() for r in from_progress(progress, case)]
            link.outbox = [ClassOutboxItem.model_validate(r) for r in backlog]
            progress.classroom = link

        self._show(self.store.update(save).classroom)
        self._start()
        self._wake.set()
        return reply["pseudonym"]

    def leave(self) -> None:
        """Leave the class: the service is told if it can be reached, and nothing more is sent."""
        state = self.state()
        if state:
            with contextlib.suppress(OSError, ValueError):  # the token is forgotten all the same
                _request(urljoin(state.service, "api/leave"), {}, _auth(state), timeout=2)
        self.store.update(lambda progress: setattr(progress, "classroom", None))
        self._show(None)

    def close(self) -> None:
        """Stop the background thread (the learner stays in the class; a new link resumes)."""
        self._closed = True
        self._wake.set()

    # -- what widgets call -----------------------------------------------------------------

    def queue(self, record: Record) -> None:
        def add(progress: Progress) -> None:
            state = progress.classroom
            if state is None:
                return
            done = {*state.sent, *state.refused, *(r.id for r in state.outbox)}
            if record.id not in done:
                state.outbox = [*state.outbox, ClassOutboxItem.model_validate(record.to_json())]

        with self._counts:
            state = self.store.update(add).classroom
            if state:
                self.queued = len(state.outbox)
        if state:
            self._wake.set()

    def waiting(self, stage_id: str) -> bool:
        """Whether the instructor has not yet opened this stage."""
        last = self.pacing.open_through  # in memory: no pacing unless in a class
        if last is None:
            return False
        if self._stages is None:
            self._stages = [s.id for s in self._case().stages]
        order = self._stages
        return stage_id in order and last in order and order.index(stage_id) > order.index(last)

    def _case(self):
        return self.store.case or load_case(self.store.case_id)  # the course's store knows it

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
                self._show(None)
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

    def _flush(self, state: Classroom) -> None:
        from urllib.error import HTTPError

        while state and state.outbox:
            batch = [r.model_dump(mode="json") for r in state.outbox[:BATCH]]
            try:
                reply = _request(
                    urljoin(state.service, "api/records"),
                    {"learner": state.learner, "records": batch},
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

            def acknowledge(progress: Progress, sent: set = sent, refused: set = refused) -> None:
                mine = progress.classroom
                if mine is not None:
                    mine.outbox = [r for r in mine.outbox if r.id not in sent | refused]
                    mine.sent = sorted(set(mine.sent) | sent)
                    mine.refused = sorted(set(mine.refused) | refused)

            with self._counts:
                state = self.store.update(acknowledge).classroom
                self.sent, self.queued = (len(state.sent), len(state.outbox)) if state else (0, 0)

    def _fetch_pacing(self, state: Classroom) -> None:
        reply = _request(urljoin(state.service, "api/pacing/learner"), None, _auth(state))
        pacing = ClassPacing.model_validate(reply)
        if pacing != state.pacing:

            def keep(progress: Progress) -> None:
                if progress.classroom is not None:
                    progress.classroom.pacing = pacing

            self.store.update(keep)
            self._show_pacing(pacing)


def _auth(state: Classroom) -> dict:
    return {"Authorization": f"Bearer {state.token}"}


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
    "answer": lambda progress, item: answer_record(item, progress.answers[item].first),
    "prediction": lambda progress, item: prediction_record(
        item, progress.finding_predictions[item]
    ),
    "pause": lambda progress, item: pause_record(item, progress.pauses[item]),
    "stage": lambda progress, item: stage_record(item.split(":")[0]),
}


def record(store: ProgressStore, kind: str, item: str) -> None:
    """Queue what the learner just did (a first answer, a prediction, a pause, a stage reached)
    for the class."""
    link = link_for(store)
    if link.joined:
        link.queue(_BUILD[kind](store.read(), item))


def waiting(store: ProgressStore, stage_id: str) -> bool:
    return link_for(store).waiting(stage_id.split(":")[0])


def feedback_held(store: ProgressStore, question_id: str) -> bool:
    return link_for(store).feedback_held(question_id)


def pacing_sources(store: ProgressStore) -> tuple[tuple[traitlets.HasTraits, str], ...]:
    """What views follow (`widgets.views.follow`) to redraw when the instructor changes the
    pacing, or the learner leaves the class."""
    pacing = link_for(store).pacing
    return tuple((pacing, name) for name in ("open_through", "hold_feedback", "released"))
