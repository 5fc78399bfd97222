"""The loader's guards against hostile or unbuildable YAML, each refusal on one line naming the
file, the line and, for a limit, the limit itself."""

from __future__ import annotations

import os
import re

import pytest

import clinicase
from clinicase import CaseDataError
from clinicase.loader import MAX_ALIAS_EXPANSIONS, MAX_FILE_BYTES


def problems_of(directory, name: str, text: str | bytes) -> list[str]:
    """The problems reported for `name` once it holds `text` (other files are the real ones)."""
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case_dir(directory)
    return [str(p) for p in info.value.problems if p.file.endswith(name)]


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: a\nid: b\n", 2, "(yaml): YAML syntax error: duplicate key 'id' (first on line 1)"),
        ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, "duplicate key 'c' (first on line 3)"),
        ("x: 1\ny: !!int abc\n", 2, "cannot read 'abc' as int"),
        ("x: 1\n\ny: !!bool maybe\n", 3, "cannot read 'maybe' as bool"),
        ("x: !!timestamp 2026-99-99\n", 1, "cannot read '2026-99-99' as timestamp"),
        ("a: 1\nb: 2\nx: &a [*a]\n", 3, "an alias refers to the node that contains it"),
        ("a: 1\nb: 'x\x00y'\n", 2, "the character U+0000 is not allowed in YAML"),
        ("a: 1\nb: 'x\x07y'\nc: 2\nd: 3\n", 2, "the character U+0007 is not allowed in YAML"),
        ("a: 1\nb: [\n", 3, "(yaml): YAML syntax error:"),
    ],
)
def test_unbuildable_yaml_is_refused_on_its_line(case_copy, text, line, message):
    problem = only(problems_of(case_copy, "case.yaml", text))
    assert f"case.yaml:{line}: " in problem and message in problem


def test_an_over_long_integer_is_shown_cut_with_its_length(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "x: 1" + "0" * 5000 + "\n"))
    assert f"cannot read '1{'0' * 39}… (5001 characters)' as int" in problem


def test_a_short_value_is_shown_whole(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "x: !!int " + "9a" * 20 + "\n"))
    assert f"cannot read '{'9a' * 20}' as int" in problem


def test_dates_are_text_so_an_impossible_one_is_no_crash(case_copy):
    problems = problems_of(case_copy, "case.yaml", "id: 2026-02-30\ntitle: 1\n")
    assert not any(": id: " in p for p in problems), "the date is a valid id, as text"
    assert any(
        p.endswith(
            "case.yaml:2: title: wrong type: expected a text with 'en' and 'fr' entries, got int"
        )
        for p in problems
    ), problems


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(case_copy):
    problem = only(problems_of(case_copy, "sites.yaml", "#" * (MAX_FILE_BYTES + 1)))
    assert f"{MAX_FILE_BYTES + 1} bytes is over the limit of {MAX_FILE_BYTES} bytes" in problem


def test_a_file_at_the_size_limit_is_read(case_copy):
    problem = only(problems_of(case_copy, "sites.yaml", "#" * MAX_FILE_BYTES))
    assert "expected a mapping of fields, found nothing" in problem


def aliases(width: int) -> str:
    """A list of `width` items, repeated once by an alias: `width` + 1 nodes repeated."""
    return f"a: &a [{', '.join(['x'] * width)}]\nb: *a\n"


def test_aliases_at_the_limit_are_expanded(case_copy):
    problems = problems_of(case_copy, "case.yaml", aliases(MAX_ALIAS_EXPANSIONS - 1))
    assert not any("aliases repeat" in p for p in problems)


def test_aliases_over_the_limit_are_refused_naming_the_limit(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", aliases(MAX_ALIAS_EXPANSIONS)))
    expected = (
        f"aliases repeat {MAX_ALIAS_EXPANSIONS + 1} nodes; the limit is {MAX_ALIAS_EXPANSIONS}"
    )
    assert "case.yaml:1: " in problem and expected in problem


def test_a_billion_node_alias_bomb_is_refused_at_once(case_copy):
    """Nine lists of nine, each item the list before: 490 million nodes once expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    problem = only(problems_of(case_copy, "case.yaml", "\n".join(lines)))
    assert "aliases repeat 490329036 nodes" in problem


def test_aliases_in_a_mapping_count_keys_and_values(case_copy):
    text = "a: &a {k: v}\nb: [*a, *a]\n"  # each alias repeats the mapping, its key and its value
    problems = problems_of(case_copy, "case.yaml", text)
    assert not any("aliases repeat" in p for p in problems)
    from clinicase.loader import _parse_yaml

    assert _parse_yaml(text) == {"a": {"k": "v"}, "b": [{"k": "v"}, {"k": "v"}]}


def test_an_alias_loop_through_a_mapping_is_refused(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "a: 1\nb: &b {c: [*b]}\n"))
    assert "case.yaml:2: " in problem and "refers to the node that contains it" in problem


def test_the_same_anchor_twice_in_a_list_is_no_loop():
    from clinicase.loader import _parse_yaml

    assert _parse_yaml("a: &a [1]\nb: [*a, *a, *a]\n")["b"] == [[1], [1], [1]]


def test_a_merge_key_is_no_duplicate():
    from clinicase.loader import _parse_yaml

    text = "base: &b {en: A, fr: B}\ntitle:\n  <<: *b\n  en: C\n"
    assert _parse_yaml(text)["title"] == {"en": "C", "fr": "B"}


def test_an_empty_document_is_nothing():
    from clinicase.loader import _parse_yaml

    assert _parse_yaml("") is None
    assert _parse_yaml("# only a comment\n") is None


def test_a_folder_in_place_of_a_file_is_said(case_copy):
    (case_copy / "sites.yaml").unlink()
    (case_copy / "sites.yaml").mkdir()
    problem = only(problems_of_loaded(case_copy, "sites.yaml"))
    assert problem.endswith("sites.yaml: (file): cannot read the file: it is not a regular file")


def test_a_pipe_in_place_of_a_file_is_refused_without_waiting(case_copy):
    (case_copy / "sites.yaml").unlink()
    os.mkfifo(case_copy / "sites.yaml")
    problem = only(problems_of_loaded(case_copy, "sites.yaml"))
    assert "it is not a regular file" in problem


def test_a_symbolic_link_loop_is_said_not_missing(case_copy):
    (case_copy / "sites.yaml").unlink()
    os.symlink(case_copy / "sites.yaml", case_copy / "sites.yaml")
    problem = only(problems_of_loaded(case_copy, "sites.yaml"))
    assert "cannot read the file" in problem and "symbolic links" in problem


def test_a_missing_file_is_said_missing(case_copy):
    (case_copy / "sites.yaml").unlink()
    assert only(problems_of_loaded(case_copy, "sites.yaml")).endswith("(file): file is missing")


def test_text_that_is_not_utf8_is_said_in_one_line(case_copy):
    problem = only(problems_of(case_copy, "sites.yaml", "a: caf\xe9\n".encode("latin-1")))
    assert "cannot read the file: 'utf-8' codec can't decode byte 0xe9" in problem


def problems_of_loaded(directory, name: str) -> list[str]:
    with pytest.raises(CaseDataError) as info:
        clinicase.load_case_dir(directory)
    return [str(p) for p in info.value.problems if p.file.endswith(name)]


def test_a_line_break_in_a_key_stays_on_one_line(case_copy):
    problems = problems_of(case_copy, "sites.yaml", '"bad\\nkey": 1\n')
    assert all("\n" not in p for p in problems)
    assert any(p.endswith("sites.yaml:1: bad\\nkey: unknown field 'bad\\nkey'") for p in problems)


def test_a_cached_parse_gives_the_same_data(case_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CLINICASE_CACHE", str(tmp_path / "cache"))
    first = clinicase.load_case_dir(case_copy)
    assert list((tmp_path / "cache").iterdir()), "the parse was cached"
    assert clinicase.load_case_dir(case_copy) == first


def test_a_value_of_41_characters_is_cut(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "x: !!int " + "9a" * 20 + "b\n"))
    assert f"cannot read '{'9a' * 20}… (41 characters)' as int" in problem


def test_an_unhashable_key_is_refused_on_its_line(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "a: 1\n? [x, y]\n: 1\n"))
    assert "case.yaml:2: (yaml): YAML syntax error: found unhashable key" in problem


def test_two_merge_keys_are_no_duplicate():
    from clinicase.loader import _parse_yaml

    text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n"
    assert _parse_yaml(text)["c"] == {"x": 1, "y": 2}


def mapping_alias(pairs: int) -> str:
    """A mapping of `pairs` keys repeated once by an alias: 1 + 2 x `pairs` nodes repeated."""
    body = ", ".join(f"k{i}: v" for i in range(pairs))
    return f"a: &a {{{body}}}\nb: *a\n"


def test_aliases_of_a_mapping_count_its_keys_and_values(case_copy):
    half = MAX_ALIAS_EXPANSIONS // 2
    problems = problems_of(case_copy, "case.yaml", mapping_alias(half - 1))
    assert not any("aliases repeat" in p for p in problems)
    problem = only(problems_of(case_copy, "case.yaml", mapping_alias(half)))
    assert f"aliases repeat {2 * half + 1} nodes" in problem


def test_the_case_holds_every_part_of_its_files(case_copy):
    import yaml

    case = clinicase.load_case_dir(case_copy)
    raw = {
        p.name: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for p in case_copy.glob("*.yaml")
    }
    story, sites, scores = raw["case.yaml"], raw["sites.yaml"], raw["scores.yaml"]
    assert (case.id, case.title.en, case.source.id) == (
        story["id"],
        story["title"]["en"],
        story["source"],
    )
    assert case.patient.age_years == story["patient"]["age_years"]
    assert [e.years for e in case.timeline] == [e["years"] for e in story["timeline"]]
    assert [s.id for s in case.stages] == [s["id"] for s in story["stages"]]
    assert [c.id for c in case.caveats] == [c["id"] for c in raw["caveats.yaml"]["caveats"]]
    assert case.laterality_reading.fr == sites["laterality_reading"]["fr"]
    assert [s.region for s in case.calcinosis_sites] == [s["region"] for s in sites["sites"]]
    assert [s.region for s in case.usual_sites] == [s["region"] for s in sites["usual_sites"]]
    assert [r.id for r in case.references] == [
        r["id"] for r in raw["references.yaml"]["references"]
    ]
    assert [p.id for p in case.pauses] == [p["id"] for p in raw["reasoning.yaml"]["pauses"]]
    assert [e.item for e in case.acr_eular_evidence] == [e["item"] for e in scores["acr_eular"]]
    assert list(case.acr_eular_surest) == scores["surest"]
    assert dict(case.mrss_illustration.grades) == scores["mrss_illustration"]["grades"]
    assert [t.name.en for t in case.calcinosis_tools] == [
        t["name"]["en"] for t in scores["calcinosis_tools"]
    ]
    assert [q.id for q in case.questions] == [q["id"] for q in raw["questions.yaml"]["questions"]]
    assert [m.id for m in case.long_menus] == [m["id"] for m in raw["questions.yaml"]["long_menus"]]
    assert case.management_plan.unlocks == raw["reasoning.yaml"]["management_plan"]["unlocks"]
    assert case.answers_withheld is False
    plans = raw["instructor.yaml"]
    assert [p.minutes for p in case.session_plans] == [p["minutes"] for p in plans["session_plans"]]
    assert [m.claim.en for m in case.misconceptions] == [
        m["claim"]["en"] for m in plans["misconceptions"]
    ]
    assert [lesson.id for lesson in case.lessons] == [
        lesson["id"] for lesson in raw["lessons.yaml"]["lessons"]
    ]


def test_a_body_region_listed_twice_is_a_duplicate(case_copy):
    from casefiles import edit_yaml

    edit_yaml(
        case_copy, "sites.yaml", lambda d: d["sites"][1].update(region=d["sites"][0]["region"])
    )
    problem = only(problems_of_loaded(case_copy, "sites.yaml"))
    assert ": sites.1.region: duplicate id '" in problem
    assert "(first used at sites.0.region)" in problem


def test_a_case_source_missing_from_the_references_is_said(case_copy):
    from casefiles import edit_yaml

    edit_yaml(case_copy, "case.yaml", lambda d: d.update(source="nowhere2099"))
    problem = only(problems_of_loaded(case_copy, "case.yaml"))
    assert problem.endswith(": source: reference id 'nowhere2099' is not in references.yaml")
    assert "case.yaml:" in problem.split(": source")[0]


def test_a_student_build_case_says_its_answers_are_withheld(case_copy):
    from casefiles import edit_yaml

    edit_yaml(case_copy, "questions.yaml", lambda d: d.update(answers_withheld=True))
    assert clinicase.load_case_dir(case_copy).answers_withheld is True


def test_an_alias_loop_is_said_in_those_words(case_copy):
    problem = only(problems_of(case_copy, "case.yaml", "x: &a [*a]\n"))
    assert problem.endswith(
        ": (yaml): YAML syntax error: an alias refers to the node that contains it"
    )


def test_a_timeline_entry_naming_no_finding_is_said_on_its_line(case_copy):
    from casefiles import edit_yaml

    edit_yaml(case_copy, "case.yaml", lambda d: d["timeline"][1]["findings"].append("nowhere"))
    problem = only(problems_of_loaded(case_copy, "case.yaml"))
    assert re.search(
        r"case\.yaml:\d+: timeline\.1\.findings\.4: finding id .nowhere. is not a finding$", problem
    )


def test_a_question_naming_no_lesson_is_said(case_copy):
    from casefiles import edit_yaml

    edit_yaml(case_copy, "questions.yaml", lambda d: d["questions"][0].update(lesson="nowhere"))
    problem = only(problems_of_loaded(case_copy, "questions.yaml"))
    assert problem.endswith(
        ": questions.0.lesson: lesson id 'nowhere' is not a lesson of lessons.yaml"
    )


def test_fields_nested_as_deep_as_yaml_allows_are_read(case_copy):
    """libyaml refuses a nesting deeper than 1000; anything below it is built without recursion."""
    problems = problems_of(case_copy, "case.yaml", "a: " + "{b: " * 990 + "1" + "}" * 990 + "\n")
    assert not any("(yaml)" in p for p in problems)
    assert any(p.endswith("case.yaml:1: a: unknown field 'a'") for p in problems), problems
    problem = only(problems_of(case_copy, "case.yaml", "a: " + "[" * 1001 + "]" * 1001 + "\n"))
    assert "case.yaml:1: (yaml): YAML syntax error: exceeded maximum nesting depth" in problem


def test_a_lesson_opening_with_no_such_pause_is_said(case_copy):
    from casefiles import edit_yaml

    edit_yaml(case_copy, "lessons.yaml", lambda d: d["lessons"][1].update(pause="nowhere"))
    problem = only(problems_of_loaded(case_copy, "lessons.yaml"))
    assert re.search(
        r"lessons\.yaml:\d+: lessons\.1\.pause: pause id 'nowhere' is not a pause of "
        r"reasoning\.yaml$",
        problem,
    )


def test_a_topic_is_needed_in_discussion_and_refused_elsewhere(case_copy):
    from casefiles import edit_yaml

    def swap(data):
        stages = data["stages"]
        discussion = next(i for i, s in enumerate(stages) if s["id"] == "discussion")
        topic = stages[discussion]["findings"][0].pop("topic")
        stages[1]["findings"][0]["topic"] = topic
        return discussion, stages[discussion]["findings"][0]["id"], stages[1]["findings"][0]["id"]

    found = []
    edit_yaml(case_copy, "case.yaml", lambda d: found.extend(swap(d)))
    discussion, point, fact = found
    problems = problems_of_loaded(case_copy, "case.yaml")
    assert len(problems) == 2, problems
    assert re.search(
        rf"case\.yaml:\d+: stages\.1\.findings\.0\.topic: finding '{fact}' takes a topic only "
        "in discussion$",
        problems[0],
    )
    assert re.search(
        rf"case\.yaml:\d+: stages\.{discussion}\.findings\.0\.topic: finding '{point}' needs a "
        "topic$",
        problems[1],
    )


def test_a_case_with_no_recorded_mrss_loads_whatever_its_illustration(case_copy):
    from casefiles import edit_yaml

    def rename(node):
        """The mrss finding, and every field naming it, renamed."""
        for item in node.values() if isinstance(node, dict) else node:
            if isinstance(item, dict | list):
                rename(item)
        if isinstance(node, dict):
            node.update({k: "skin_score" for k in ("id", "finding") if node.get(k) == "mrss"})
        else:  # a list of ids (what answers a question)
            node[:] = ["skin_score" if item == "mrss" else item for item in node]

    for name in ("case.yaml", "caveats.yaml", "scores.yaml", "questions.yaml"):
        edit_yaml(case_copy, name, rename)
    edit_yaml(case_copy, "scores.yaml", lambda d: d["mrss_illustration"]["grades"].update(face=3))
    case = clinicase.load_case_dir(case_copy)
    assert "skin_score" in {f.id for s in case.stages for f in s.findings}


def test_a_finding_may_share_its_id_with_a_stage(case_copy):
    """Ids must differ only among things of one kind."""
    import yaml
    from casefiles import edit_yaml

    old = yaml.safe_load((case_copy / "case.yaml").read_text(encoding="utf-8"))
    old = old["stages"][1]["findings"][0]["id"]

    def rename(node):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if value == old:
                node[key] = "examination"
            elif isinstance(value, dict | list):
                rename(value)

    for path in case_copy.glob("*.yaml"):
        edit_yaml(case_copy, path.name, rename)
    case = clinicase.load_case_dir(case_copy)
    assert case.stages[1].findings[0].id == case.stages[1].id == "examination"
