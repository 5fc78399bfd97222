"""Invalid case data raises CaseDataError naming the file, the field path and the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from casefiles import edit_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clinicase
from clinicase import CaseDataError


def load_error(directory) -> CaseDataError:
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case_dir(directory)
    assert isinstance(info.value, ValueError)
    return info.value


def first_finding(data):
    return data["stages"][1]["findings"][0]


ERROR_CLASSES = {
    "missing field": (
        "case.yaml",
        lambda d: d["patient"].pop("age_years"),
        "patient.age_years",
        "missing field 'age_years'",
    ),
    "unknown field": (
        "case.yaml",
        lambda d: first_finding(d).update(colour="red"),
        "stages.1.findings.0.colour",
        "unknown field 'colour'",
    ),
    "wrong type": (
        "case.yaml",
        lambda d: d["patient"].update(age_years="forty-seven"),
        "patient.age_years",
        "wrong type: expected a whole number",
    ),
    "missing translation": (
        "case.yaml",
        lambda d: first_finding(d)["statement"].pop("fr"),
        "stages.1.findings.0.statement",
        "missing translation: no 'fr' (French) text",
    ),
    "empty text": (
        "caveats.yaml",
        lambda d: d["caveats"][2]["note"].update(en="   "),
        "caveats.2.note.en",
        "text is empty",
    ),
    "duplicate id": (
        "case.yaml",
        lambda d: d["stages"][3]["findings"][1].update(id="sclerodactyly"),
        "stages.3.findings.1.id",
        "duplicate id 'sclerodactyly' (first used at stages.1.findings.1.id)",
    ),
    "unresolved reference": (
        "case.yaml",
        lambda d: first_finding(d).update(refs=["poster", "smith2099"]),
        "stages.1.findings.0.refs.1",
        "reference id 'smith2099' is not in references.yaml",
    ),
    "region not in vocabulary": (
        "sites.yaml",
        lambda d: d["sites"][0].update(region="ankle"),
        "sites.0.region",
        "region 'ankle' is not in the vocabulary",
    ),
    "caveat on an unknown finding": (
        "caveats.yaml",
        lambda d: d["caveats"][0].update(finding="no_such_finding"),
        "caveats.0.finding",
        "finding id 'no_such_finding' is not a finding of case.yaml",
    ),
    "illustration that does not add up to the case's score": (
        "scores.yaml",
        lambda d: d["mrss_illustration"]["grades"].update(face=2),
        "mrss_illustration.grades",
        "the grades add up to 8, but the case's mRSS is 7",
    ),
    "unknown ACR/EULAR item": (
        "scores.yaml",
        lambda d: d["acr_eular"][0].update(item="calcinosis"),
        "acr_eular.0.item",
        "ACR/EULAR item 'calcinosis' is not in the vocabulary",
    ),
    "answered by an unknown caveat": (
        "questions.yaml",
        lambda d: d["questions"][1]["answered_by"].update(caveats=["no_such_note"]),
        "questions.1.answered_by.caveats.0",
        "'no_such_note' is not a caveat of caveats.yaml",
    ),
    "answered by the explanation of a finding that has none": (
        "questions.yaml",
        lambda d: d["questions"][0]["answered_by"].update(findings=["onset_polyarthritis"]),
        "questions.0.answered_by.findings.0",
        "finding 'onset_polyarthritis' has no explanation: list it in facts",
    ),
    "prediction without its key": (
        "questions.yaml",
        lambda d: d["predictions"][0]["options"][1].pop("correct"),
        "predictions.0",
        "single prediction: every option needs 'correct' and 'feedback'",
    ),
    "second prediction on one finding": (
        "questions.yaml",
        lambda d: d["predictions"][1].update(finding=d["predictions"][0]["finding"]),
        "predictions.1.finding",
        "finding 'onset_raynaud' already has a prediction",
    ),
    "text given as plain string": (
        "lessons.yaml",
        lambda d: d["lessons"][0].update(title="Start here"),
        "lessons.0.title",
        "expected a text with 'en' and 'fr' entries",
    ),
}


@pytest.mark.parametrize("error_class", list(ERROR_CLASSES))
def test_message_names_file_field_and_problem(case_copy, error_class):
    file, change, path, message = ERROR_CLASSES[error_class]
    edit_yaml(case_copy, file, change)
    error = load_error(case_copy)
    assert len(error.problems) == 1, str(error)
    problem = error.problems[0]
    assert problem.file.endswith(file)
    assert problem.path == path
    assert message in problem.message
    assert re.fullmatch(
        rf".*{re.escape(file)}:\d+: {re.escape(path)}: .*{re.escape(message)}.*", str(error)
    )


def test_yaml_syntax_error_gives_the_line(case_copy):
    path = case_copy / "sites.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[11] = "  - region: [shoulder"  # an unclosed list
    path.write_text("\n".join(lines), encoding="utf-8")
    (problem,) = load_error(case_copy).problems
    assert problem.file.endswith("sites.yaml") and problem.path == "(yaml)"
    assert "YAML syntax error" in problem.message and problem.line is not None
    assert 12 <= problem.line <= 14


def test_line_points_at_the_offending_field(case_copy):
    text = (case_copy / "case.yaml").read_text(encoding="utf-8")
    (case_copy / "case.yaml").write_text(text.replace("age_years: 47", "age_years: 47.5"), "utf-8")
    (problem,) = load_error(case_copy).problems
    expected_line = text[: text.index("age_years: 47")].count("\n") + 1
    assert (problem.path, problem.line) == ("patient.age_years", expected_line)


def test_all_problems_are_reported_at_once(case_copy):
    edit_yaml(case_copy, "case.yaml", lambda d: d["patient"].pop("sex"))
    edit_yaml(case_copy, "sites.yaml", lambda d: d["sites"][1].update(region="wrist"))
    paths = {(p.file.rsplit("/", 1)[-1], p.path) for p in load_error(case_copy).problems}
    assert paths == {("case.yaml", "patient.sex"), ("sites.yaml", "sites.1.region")}


@pytest.mark.parametrize(
    ("content", "message"), [("", "found nothing"), ("- a\n- b\n", "found list")]
)
def test_empty_or_non_mapping_file(case_copy, content, message):
    (case_copy / "caveats.yaml").write_text(content, encoding="utf-8")
    (problem,) = load_error(case_copy).problems
    assert problem.file.endswith("caveats.yaml") and message in problem.message


def test_missing_and_unknown_files(case_copy):
    (case_copy / "references.yaml").rename(case_copy / "refrences.yaml")
    messages = {(p.file.rsplit("/", 1)[-1], p.message) for p in load_error(case_copy).problems}
    assert ("references.yaml", "file is missing") in messages
    assert any(f == "refrences.yaml" and "unknown case-data file" in m for f, m in messages)


def test_unknown_case_id_lists_known_cases():
    with pytest.raises(CaseDataError, match="no such case; known: calcinosis-lcssc"):
        clinicase.load_case("no-such-case")


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    yield path


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_corrupted_field_gives_case_data_error_never_a_crash(case_copy, data):
    """Whatever an author types in place of any field, the loader answers with a CaseDataError
    that says in which file of the case: the edited one, or one that relies on what was edited
    (questions.yaml when a finding it cites loses its explanation)."""
    import yaml

    name = data.draw(st.sampled_from(["case.yaml", "caveats.yaml", "sites.yaml", "lessons.yaml"]))
    original = (case_copy / name).read_text(encoding="utf-8")
    tree = yaml.safe_load(original)
    path = data.draw(st.sampled_from([p for p in _leaves(tree) if p]))
    junk = data.draw(JUNK)
    node = tree
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = junk
    (case_copy / name).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    try:
        clinicase.load_case_dir(case_copy)
    except CaseDataError as error:
        files = {path.name for path in case_copy.iterdir()}
        assert error.problems and all(Path(p.file).name in files for p in error.problems)
    finally:
        (case_copy / name).write_text(original, encoding="utf-8")


def test_python_tags_in_data_are_refused_not_executed(case_copy, tmp_path):
    marker = tmp_path / "ran"
    path = case_copy / "sites.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f'\nextra: !!python/object/apply:os.system ["touch {marker}"]\n',
        encoding="utf-8",
    )
    (problem,) = load_error(case_copy).problems
    assert problem.path == "(yaml)" and "python/object/apply" in problem.message
    assert not marker.exists()
