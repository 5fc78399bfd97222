"""Fuzzing the progress reader, structured and byte by byte: nothing escapes but the one refusal
(`NotProgress`), each case ends in bounded time, what is kept reads back as it is, and the
learner's file is never changed unless the command is one that writes it (and then its old
bytes are kept beside it)."""

from __future__ import annotations

import json
from datetime import timedelta

from casefiles import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clinicase
from clinicase import cli
from clinicase.progress import NotProgress, ProgressStore, parse, to_json

CASE = clinicase.load_case()
TODAYS_FILE = (ROOT / "tests" / "fixtures" / "progress" / "format-1.json").read_bytes()
BOUNDED = settings(
    deadline=timedelta(seconds=5),  # a hang shows as a failure, not as a stuck CI job
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
ids = st.sampled_from(
    ["presentation", "examination", "discussion:treatment", "discussion:old", "after_presentation",
     "dyspnoea_stage", "dyspnoea_causes", "esr_limit", "calcinosis_kind_rank", "old_id", ""]
) | st.text(max_size=12)  # fmt: skip
answers = st.text(max_size=12) | st.lists(st.sampled_from("abcdefz"), max_size=6) | json_values
attempts = st.fixed_dictionaries(
    {},
    optional={"answer": answers, "correct": st.none() | st.booleans() | json_values,
              "credit": st.floats() | st.integers() | json_values, "at": json_values},
)  # fmt: skip
pauses = st.fixed_dictionaries(
    {},
    optional={"skipped": st.booleans() | json_values, "problem": st.text() | json_values,
              "differential": st.lists(st.text(max_size=10), max_size=5) | json_values},
)  # fmt: skip
progress_like = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.sampled_from([1, 2, 3, 0, -1, "1", None, 1.0, True]),
        "format": st.sampled_from([1, 2, 3, 99, 0, "2", None]),
        "case_id": st.sampled_from([CASE.id, "other", None, 3]),
        "language": st.sampled_from(["en", "fr", "de", None, 1, ["fr"]]),
        "reveals": st.dictionaries(ids, st.integers() | json_values, max_size=5) | json_values,
        "pauses": st.dictionaries(ids, pauses | json_values, max_size=4) | json_values,
        "answers": st.dictionaries(
            ids, st.fixed_dictionaries({}, optional={"first": attempts, "latest": attempts})
            | json_values, max_size=5,
        ) | json_values,
        "from_a_newer_version": json_values,
    },
)  # fmt: skip


def read_back(raw: bytes) -> None:
    """`raw` is refused as a whole, or what is kept is valid and reads back unchanged."""
    try:
        loaded = parse(raw, CASE.id, CASE)
    except NotProgress:
        return
    again = parse(to_json(loaded.progress).encode(), CASE.id, CASE)
    assert again.progress == loaded.progress and again.dropped == []


@BOUNDED
@given(progress_like)
def test_structured_files_are_read_or_refused_and_what_is_kept_is_stable(data):
    read_back(json.dumps(data).encode())


def mutations(raw: bytes):
    """Today's file with bytes changed, cut or inserted."""
    return st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 16), st.binary(max_size=8)).map(
        lambda m: raw[: m[0]] + m[2] + raw[m[0] + m[1] :]
    )


@BOUNDED
@given(st.binary(max_size=200) | mutations(TODAYS_FILE))
def test_any_bytes_are_read_or_refused(raw):
    read_back(raw)


def progress_files(max_size: int):
    """What a progress file may hold: any bytes, today's file damaged, or JSON shaped like
    progress."""
    return (
        st.binary(max_size=max_size)
        | mutations(TODAYS_FILE)
        | progress_like.map(lambda d: json.dumps(d).encode())
    )


@settings(BOUNDED, max_examples=40)
@given(progress_files(max_size=200))
def test_a_kernel_reading_a_file_keeps_its_bytes(tmp_path_factory, raw):
    """Reading may move a damaged file aside, or rewrite it without the entries that do not fit;
    in both cases the file as it was is kept byte for byte beside it."""
    folder = tmp_path_factory.mktemp("home")
    store = ProgressStore(folder / f"progress-{CASE.id}.json", CASE.id, CASE)
    store.path.write_bytes(raw)
    progress = store.read()
    assert store.problem is None
    assert raw in [p.read_bytes() for p in folder.glob("*.json")]
    if store.path.exists():  # what is left in place is exactly what the kernel shows
        assert parse(store.path.read_bytes(), CASE.id, CASE).progress == progress


@settings(BOUNDED, max_examples=25)
@given(progress_files(max_size=100))
def test_the_report_never_raises_and_never_changes_the_file(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("report") / "progress.json"
    path.write_bytes(raw)
    assert cli.main(["report", "--progress", str(path)]) in (0, 2)
    assert path.read_bytes() == raw
    assert [p.name for p in path.parent.iterdir()] == ["progress.json"]
