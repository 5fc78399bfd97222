"""Fuzzing the case loader (structured YAML and raw bytes) and the answer parsers: whatever comes
in, the result is a loaded case, a CaseDataError or an AnswerError, within a time limit, and the
case files are left as they were. (The progress reader is fuzzed by the progress helper.)"""

from __future__ import annotations

import math
import shutil

import pytest
import yaml
from casefiles import CASE_DIR
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from judge import SECONDS, snapshot, time_limit

import clinicase
from clinicase import CaseDataError
from clinicase.i18n import LANGUAGES, ui
from clinicase.marking import AnswerError, grade, parse_number

FUZZ = settings(
    max_examples=25,
    deadline=None,  # a loaded CI machine is slow; hangs are caught by time_limit instead
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CASE = clinicase.load_case()


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / CASE_DIR.name
    shutil.copytree(CASE_DIR, target)
    return target


def load_or_refuse(directory, name: str, content: bytes) -> None:
    """Write `content` as the file `name`, load the case: a case or a CaseDataError whose every
    line names a file, and the other files keep every byte."""
    original = (directory / name).read_bytes()
    others = [p for p in directory.iterdir() if p.name != name]
    before = {k: v for k, v in snapshot([directory]).items() if k in map(str, others)}
    (directory / name).write_bytes(content)
    try:
        with time_limit(SECONDS):
            clinicase.load_case_dir(directory)
    except CaseDataError as exc:
        lines = str(exc).splitlines()
        assert len(lines) == len(exc.problems), "one line per problem"
        assert all(".yaml" in line.split(": ")[0] for line in lines), lines
    finally:
        (directory / name).write_bytes(original)
    after = {k: v for k, v in snapshot([directory]).items() if k in map(str, others)}
    assert after == before


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
CASE_KEYS = ["id", "title", "source", "patient", "timeline", "stages"]


@FUZZ
@given(data=st.dictionaries(st.sampled_from(CASE_KEYS) | st.text(max_size=6), values, max_size=6))
def test_any_yaml_data_as_case_yaml_loads_or_is_refused(case_dir, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    load_or_refuse(case_dir, "case.yaml", text.encode("utf-8"))


# pieces of YAML syntax, joined at random: anchors, aliases, tags, flow and block structure
PIECES = [
    "a: ", "&x ", "*x", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!str ",
    "!!python/object:os.system ", "!local ", "[", "]", "{", "}", ", ", "\n", "\n  ", "- ", "? ",
    ": ", "'", '"', "\\u", "#", "---\n", "...\n", "<<: *x\n", "2026-02-30", "1e309", ".nan",
    "99999999999999999999999999", "\t", "\x00", "|\n  ", ">\n  ", "%YAML 1.1\n", "id: a\nid: b\n",
]  # fmt: skip


@FUZZ
@example(pieces=["a: ", "&x ", "[", "*x", "]"])
@example(pieces=["a: ", "!!int ", "'", "x", "'"])
@given(pieces=st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30))
def test_any_yaml_syntax_loads_or_is_refused(case_dir, pieces):
    load_or_refuse(case_dir, "case.yaml", "".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(content=st.binary(max_size=2000))
def test_any_bytes_as_a_case_file_load_or_are_refused(case_dir, content):
    load_or_refuse(case_dir, "sites.yaml", content)


@FUZZ
@given(data=st.data())
def test_a_damaged_real_file_loads_or_is_refused(case_dir, data):
    """The real sites.yaml with bytes replaced, inserted or cut, as a bad copy or edit would."""
    content = bytearray((CASE_DIR / "sites.yaml").read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(content) - 1))
        change = data.draw(st.sampled_from(["replace", "insert", "cut"]))
        byte = data.draw(st.integers(0, 255))
        if change == "replace":
            content[at] = byte
        elif change == "insert":
            content.insert(at, byte)
        else:
            del content[at : at + data.draw(st.integers(1, 50))]
    load_or_refuse(case_dir, "sites.yaml", bytes(content))


def read_or_refuse(text: str):
    """parse_number's result: a finite number, or an AnswerError naming an interface text."""
    try:
        with time_limit(SECONDS):
            value = parse_number(text)
    except AnswerError as error:
        for lang in LANGUAGES:  # the reason can be said in every language
            assert ui(error.key, lang, **error.values)
        return None
    assert math.isfinite(value)
    return value


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_any_typed_text_is_read_as_one_number_or_refused_with_a_reason(text):
    value = read_or_refuse(text)
    if value is not None:  # accepted: the entry held exactly one number, in digits 0-9
        assert sum(c.isdigit() for c in text) == sum("0" <= c <= "9" for c in text)


@settings(max_examples=200, deadline=None)
@given(
    number=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    unit=st.sampled_from(["", " mm/h", " points", "%", " mg/week"]),
    french=st.booleans(),
)
def test_a_number_written_in_full_is_read_as_itself(number, unit, french):
    written = f"{number:f}"
    if french:
        written = written.replace(".", ",")
    assert read_or_refuse(written + unit) == float(number)


def answers_for(question):
    """Answers of the shape the question's widget gives, with ids that may not exist."""
    ids = st.sampled_from([o.id for o in question.options] or ["x"]) | st.text(max_size=8)
    if question.kind in ("single", "region"):
        return st.none() | ids
    if question.kind == "multiple":
        return st.sets(ids, max_size=6)
    if question.kind == "ranking":
        return st.permutations([o.id for o in question.options]) | st.lists(ids, max_size=8)
    return st.text(max_size=60)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), question=st.sampled_from(CASE.questions))
def test_any_answer_to_any_question_is_graded_or_refused(data, question):
    try:
        result = grade(question, data.draw(answers_for(question)))
    except AnswerError as error:
        assert all(ui(error.key, lang, **error.values) for lang in LANGUAGES)
        return
    assert 0.0 <= result.credit <= 1.0
    assert result.correct == (result.credit == 1.0)
