"""What a case author reads for each kind of wrong value: one line naming the file, the line, the
field and what was expected instead of what was found."""

from __future__ import annotations

import re

import pytest
from casefiles import edit_yaml

import clinicase
from clinicase import CaseDataError


def finding(data, stage: int = 1, index: int = 0) -> dict:
    return data["stages"][stage]["findings"][index]


WRONG_VALUES = {
    "field left out": (
        "case.yaml",
        lambda d: finding(d).pop("label"),
        "stages.1.findings.0.label: missing field 'label'",
    ),
    "text given a number": (
        "case.yaml",
        lambda d: d["patient"].update(pseudonym=5),
        "patient.pseudonym: wrong type: expected text, got int 5",
    ),
    "number given a text": (
        "case.yaml",
        lambda d: d["timeline"][0].update(years="long ago"),
        "timeline.0.years: wrong type: expected a number, got str 'long ago'",
    ),
    "list given a single value": (
        "case.yaml",
        lambda d: finding(d).update(refs="poster"),
        "stages.1.findings.0.refs: wrong type: expected a list, got str 'poster'",
    ),
    "true or false given a word": (
        "questions.yaml",
        lambda d: d["questions"][0].update(core="yes"),
        "questions.0.core: wrong type: expected true or false, got str 'yes'",
    ),
    "whole number left empty": (
        "case.yaml",
        lambda d: d["patient"].update(age_years=None),
        "patient.age_years: wrong type: expected a whole number, got nothing",
    ),
    "empty list": (
        "case.yaml",
        lambda d: d["timeline"][0].update(findings=[]),
        "timeline.0.findings: needs at least 1 item(s)",
    ),
    "id not in the identifier's form": (
        "case.yaml",
        lambda d: finding(d).update(id="Bad Id"),
        "stages.1.findings.0.id: 'Bad Id' is not a valid value here "
        "(string should match pattern '^[a-z0-9][a-z0-9_-]*$')",
    ),
    "mapping given a text": (
        "case.yaml",
        lambda d: d.update(patient="Mme NN"),
        "patient: wrong type: expected a mapping of fields, got str",
    ),
    "bilingual text given one text": (
        "case.yaml",
        lambda d: d.update(title="Calcinosis"),
        "title: wrong type: expected a text with 'en' and 'fr' entries, got str",
    ),
}


def problems(directory) -> list[str]:
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case_dir(directory)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("kind", list(WRONG_VALUES))
def test_a_wrong_value_is_said_with_what_was_expected_and_found(case_copy, kind):
    file, change, expected = WRONG_VALUES[kind]
    edit_yaml(case_copy, file, change)
    (problem,) = problems(case_copy)
    assert re.fullmatch(rf".*{re.escape(file)}:\d+: {re.escape(expected)}", problem), problem


def test_an_invalid_item_of_a_list_that_needs_one_is_said_once_at_the_item(case_copy):
    def break_two(data):
        data["timeline"][0]["findings"] = ["Bad Id"]
        finding(data)["colour"] = "red"  # a later problem, still said

    edit_yaml(case_copy, "case.yaml", break_two)
    first, later = problems(case_copy)
    assert ": timeline.0.findings.0: 'Bad Id' is not a valid value here" in first
    assert later.endswith(": stages.1.findings.0.colour: unknown field 'colour'")


def test_a_file_that_is_not_a_mapping_is_said_on_its_first_line(case_copy):
    (case_copy / "caveats.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (problem,) = problems(case_copy)
    assert problem.endswith("caveats.yaml:1: (file): expected a mapping of fields, found list")


def test_an_unknown_file_is_said_with_the_files_a_case_holds(case_copy):
    (case_copy / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    (problem,) = problems(case_copy)
    expected = ", ".join(clinicase.model.CASE_FILES)
    assert problem.endswith(f"notes.yml: (file): unknown case-data file; expected: {expected}")


def test_a_character_yaml_refuses_is_said_on_its_line_after_a_blank_first_line(case_copy):
    (case_copy / "sites.yaml").write_text("\nb: 'x\x01y'\n", encoding="utf-8")
    (problem,) = problems(case_copy)
    assert problem.endswith(
        "sites.yaml:2: (yaml): YAML syntax error: the character U+0001 is not allowed in YAML"
    )


def test_a_student_build_may_leave_the_answers_out_only_when_it_says_so(case_copy):
    def withhold(data):
        data["questions"][0].pop("explanation")
        data["answers_withheld"] = True

    edit_yaml(case_copy, "questions.yaml", withhold)
    assert clinicase.load_case_dir(case_copy).answers_withheld is True
    edit_yaml(case_copy, "questions.yaml", lambda d: d.pop("answers_withheld"))
    (problem,) = problems(case_copy)
    assert problem.endswith(": questions.0: single question: needs an 'explanation'")


LINES = "a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n"


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        ((), 1),
        (("c", "d"), 5),
        (("b", 1), 4),
        (("b", 2), 3),  # past the end of a list: the list's own line
        (("zz",), 1),  # a field that is missing: the line of the mapping it is missing from
        (("a", "z"), 1),  # deeper than a plain value: the value's line
        (("a", 0), 1),
    ],
)
def test_a_problem_is_placed_on_the_line_of_its_field_or_of_the_nearest_parent(loc, line):
    from clinicase.loader import _LineFinder

    assert _LineFinder(LINES).line_of(loc) == line


@pytest.mark.parametrize("text", ["", "a: [\n"])
def test_a_text_with_no_fields_places_no_problem_on_a_line(text):
    from clinicase.loader import _LineFinder

    assert _LineFinder(text).line_of(("a",)) is None


def test_the_error_reads_one_problem_a_line(case_copy):
    edit_yaml(case_copy, "case.yaml", lambda d: d["patient"].pop("sex"))
    edit_yaml(case_copy, "sites.yaml", lambda d: d["sites"][1].update(region="wrist"))
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case_dir(case_copy)
    assert str(info.value).split("\n") == [str(p) for p in info.value.problems]
    assert len(info.value.problems) == 2


def test_a_missing_file_does_not_hide_the_problems_of_the_files_after_it(case_copy):
    (case_copy / "case.yaml").unlink()  # the first file read
    edit_yaml(case_copy, "lessons.yaml", lambda d: d["lessons"][0].update(minutes=0))
    missing, later = problems(case_copy)
    assert missing.endswith("case.yaml: (file): file is missing")
    assert re.search(r"lessons\.yaml:\d+: lessons\.0\.minutes: ", later), later


def test_an_empty_list_is_said_beside_an_unrelated_problem(case_copy):
    """A list left empty where items are needed is its own problem, whatever else is wrong."""

    def change(data):
        data["long_menus"][0]["items"] = []
        data["questions"][0]["stem"] = 5

    edit_yaml(case_copy, "questions.yaml", change)
    said = problems(case_copy)
    assert any("long_menus.0.items: " in p for p in said), said
    assert any("questions.0.stem: " in p for p in said), said
