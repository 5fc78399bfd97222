"""Bad case data: hostile or unbuildable YAML, invalid values, broken files and folders, and the
same through `python -m clinicase validate`. The case files must never change."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from casefiles import CASE_DIR
from judge import BadInput, cli_outcome

import clinicase
from clinicase import CaseDataError
from clinicase.loader import MAX_ALIAS_EXPANSIONS, MAX_FILE_BYTES

SURFACE = "case loader"
PROBLEM = re.compile(r"^\S[^\n]*?(:\d+)?: \S+: [^\n]+$")
RAW = "@@RAW@@"


def case_of(tmp: Path) -> Path:
    return tmp / "cases" / CASE_DIR.name


def copy_case(tmp: Path) -> Path:
    target = case_of(tmp)
    shutil.copytree(CASE_DIR, target)
    return target


def load(tmp: Path, check: Callable | None = None) -> str:
    try:
        case = clinicase.load_case_dir(case_of(tmp))
    except CaseDataError as exc:
        lines = str(exc).splitlines()
        assert lines and len(lines) == len(exc.problems), "one line per problem"
        for line in lines:
            assert PROBLEM.match(line), f"not file:line: field: message: {line!r}"
        return "clean error"
    if check is not None:
        assert check(case), "loaded, but not as written"
    return "accepted"


def edited(name: str, change: Callable[[dict], object], raw: str | None = None):
    """A setup: copy the case, change the data of `name`; `raw` YAML replaces the value RAW."""

    def setup(tmp: Path) -> None:
        path = copy_case(tmp) / name
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        change(data)
        text = yaml.dump(
            data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1000
        )
        if raw is not None:
            text = text.replace(f"'{RAW}'", raw)
        path.write_text(text, encoding="utf-8")

    return setup


def written(name: str, content: str | bytes):
    def setup(tmp: Path) -> None:
        path = copy_case(tmp) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return setup


def entry(name, setup, expect, check=None) -> BadInput:
    return BadInput(SURFACE, name, lambda tmp: load(tmp, check), expect, setup, ("cases",))


def age(data):
    data["patient"]["age_years"] = RAW


def title_en(data):
    data["title"]["en"] = RAW


def measurement_of(finding_id: str):
    def change(data):
        for stage in data["stages"]:
            for finding in stage["findings"]:
                if finding["id"] == finding_id and finding.get("measurement"):
                    finding["measurement"]["value"] = RAW
                    return
        raise AssertionError(f"no measured finding {finding_id}")

    return change


def first_range(data):
    for stage in data["stages"]:
        for finding in stage["findings"]:
            ref = (finding.get("measurement") or {}).get("reference_range")
            if ref and "low" in ref and "high" in ref:
                return ref
    raise AssertionError("no finding with a full reference range")


def numeric_question(data):
    return next(q for q in data["questions"] if q["kind"] == "numeric")


def tolerance(data):
    numeric_question(data)["answer"]["tolerance"] = RAW


def bomb(width: int, depth: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def is_title(value: str):
    return lambda case: case.title.en == value


def mrss_value(value: float):
    return lambda case: case.finding("esr").measurement.value == value


YAML_VALUES = [  # (name, raw YAML as the patient's age, expected)
    ("impossible date", "2026-02-30", "clean error"),
    ("a valid date where a number is due", "2026-02-28", "clean error"),
    ("a 5000-digit integer", "1" + "0" * 5000, "clean error"),
    ("a 100-digit integer", "1" + "0" * 100, "clean error"),
    ("a negative age", "-1", "clean error"),
    ("an age as text", "forty-seven", "clean error"),
    ("an age as a float", "47.0", "clean error"),
    ("an age as a bool", "true", "clean error"),
    ("an age as null", "null", "clean error"),
    ("an age as a list", "[47]", "clean error"),
    ("an age as a mapping", "{years: 47}", "clean error"),
    ("NaN age", ".nan", "clean error"),
    ("infinite age", ".inf", "clean error"),
    ("!!int on text", "!!int abc", "clean error"),
    ("!!float on text", "!!float x", "clean error"),
    ("!!bool maybe", "!!bool maybe", "clean error"),
    ("!!timestamp on text", "!!timestamp x", "clean error"),
    ("!!binary garbage", "!!binary '@@@'", "clean error"),
    ("!!python/object", "!!python/object:os.system [ls]", "clean error"),
    ("!!python/name", "!!python/name:os.system", "clean error"),
    ("!!python/object/apply", "!!python/object/apply:os.system [ls]", "clean error"),
    ("an unknown tag", "!!foo bar", "clean error"),
    ("a local tag", "!evil x", "clean error"),
    ("a verbatim tag", "!<tag:evil.example,2026:x> x", "clean error"),
    ("!!str on a list", "!!str [1]", "clean error"),
    ("!!set on a list", "!!set [1]", "clean error"),
    ("!!omap on a mapping", "!!omap {a: 1}", "clean error"),
    ("!!pairs on a scalar", "!!pairs 3", "clean error"),
    ("!!map on a scalar", "!!map 3", "clean error"),
    ("!!seq on a scalar", "!!seq 3", "clean error"),
    ("!!int explicit and right", "!!int 47", "accepted"),
    ("an octal-looking age", "0o57", "clean error"),
    ("an unhashable key", "{[a]: 1}", "clean error"),
    ("an alias to nothing", "*nowhere", "clean error"),
]

TITLE_VALUES = [  # (name, raw YAML as the English title, expected, value read)
    ("a date as a title is text", "2026-02-30", "accepted", "2026-02-30"),
    ("a valid date as a title is text", "2026-01-01", "accepted", "2026-01-01"),
    ("a lone surrogate escape", '"A\\ud800B"', "clean error", None),
    ("an escaped NUL", '"A\\0B"', "accepted", "A\x00B"),
    (
        "a right-to-left text",
        '"\u0627\u0644\u062d\u0627\u0644\u0629"',
        "accepted",
        "\u0627\u0644\u062d\u0627\u0644\u0629",
    ),
    ("HTML in a title", '"<script>alert(1)</script>"', "accepted", "<script>alert(1)</script>"),
    ("a number as a title", "47", "clean error", None),
    ("an empty title", '""', "clean error", None),
    ("a title of spaces", '"   "', "clean error", None),
    ("a null title", "null", "clean error", None),
    ("a title in a list", "[a, b]", "clean error", None),
    ("a 100 000-character title", "x" * 100_000, "accepted", "x" * 100_000),
    ("a self-referencing list", "&loop [*loop]", "clean error", None),
    ("a self-referencing mapping", "&loop {a: *loop}", "clean error", None),
]


def alias_text(raw: str) -> Callable[[Path], None]:
    """A case.yaml that starts with `raw` top-level lines (extra fields, so refused unless the
    loader stops first), keeping the rest of the case."""

    def setup(tmp: Path) -> None:
        path = copy_case(tmp) / "case.yaml"
        path.write_text(raw + path.read_text(encoding="utf-8"), encoding="utf-8")

    return setup


def numbers() -> list[BadInput]:
    rows = []
    for name, raw in [
        ("NaN", ".nan"),
        ("infinity", ".inf"),
        ("minus infinity", "-.inf"),
        ("1.0e+309 (infinite)", "1.0e+309"),
        ("text", "high"),
        ("a bool", "true"),
    ]:
        rows.append(
            entry(
                f"a measured value that is {name}",
                edited("case.yaml", measurement_of("esr"), raw),
                "clean error",
            )
        )
    rows.append(
        entry(
            "a measured value of 1.0e+300 is a number",
            edited("case.yaml", measurement_of("esr"), "1.0e+300"),
            "accepted",
            mrss_value(1e300),
        )
    )
    for name, raw in [
        ("infinite", ".inf"),
        ("NaN", ".nan"),
        ("negative", "-1"),
        ("1.0e+309", "1.0e+309"),
        ("text", "some"),
    ]:
        rows.append(
            entry(f"a {name} tolerance", edited("questions.yaml", tolerance, raw), "clean error")
        )

    def low_above_high(data):
        ref = first_range(data)
        ref["low"], ref["high"] = ref["high"] + 1, ref["high"]

    def low_equals_high(data):
        ref = first_range(data)
        ref["low"] = ref["high"]

    def nan_low(data):
        first_range(data)["low"] = RAW

    rows.append(
        entry(
            "a range whose low end is above the high end",
            edited("case.yaml", low_above_high),
            "clean error",
        )
    )
    rows.append(
        entry("a range whose ends are equal", edited("case.yaml", low_equals_high), "accepted")
    )
    rows.append(
        entry("a range with a NaN low end", edited("case.yaml", nan_low, ".nan"), "clean error")
    )

    def percent(raw):
        return edited("sites.yaml", lambda d: d["usual_sites"][0].update(percent=RAW), raw)

    for name, raw in [("NaN", ".nan"), ("infinite", ".inf"), ("101", "101"), ("-5", "-5")]:
        rows.append(entry(f"a usual-site percentage of {name}", percent(raw), "clean error"))
    rows.append(
        entry(
            "a reference year of 10**20",
            edited("references.yaml", lambda d: d["references"][0].update(year=10**20)),
            "clean error",
        )
    )
    return rows


def duplicates() -> list[BadInput]:
    def dup(name: str, find: str, add: str):
        def setup(tmp: Path) -> None:
            path = copy_case(tmp) / name
            text = path.read_text(encoding="utf-8")
            assert find in text
            path.write_text(text.replace(find, find + add, 1), encoding="utf-8")

        return setup

    return [
        entry("a top-level key given twice", alias_text("id: first\n"), "clean error"),
        entry(
            "a nested key given twice",
            dup("case.yaml", "  age_years: 47\n", "  age_years: 48\n"),
            "clean error",
        ),
        entry(
            "a key twice in a flow mapping", edited("case.yaml", age, "{a: 1, a: 2}"), "clean error"
        ),
        entry(
            "an option id given twice in a list item",
            dup("questions.yaml", "  - id: ", "x\n    id: "),
            "clean error",
        ),
    ]


def files() -> list[BadInput]:
    rows = [
        entry("a NUL byte in the file", written("case.yaml", "id: a\x00b\n"), "clean error"),
        entry("a bell control character", written("case.yaml", "id: a\x07b\n"), "clean error"),
        entry(
            "not UTF-8 (Latin-1)",
            written("case.yaml", "id: caf\xe9\n".encode("latin-1")),
            "clean error",
        ),
        entry("UTF-16 with a BOM", written("case.yaml", "id: x\n".encode("utf-16")), "clean error"),
        entry("an empty file", written("case.yaml", ""), "clean error"),
        entry("only comments", written("case.yaml", "# nothing\n"), "clean error"),
        entry("a list at the top", written("case.yaml", "- a\n- b\n"), "clean error"),
        entry("a scalar at the top", written("case.yaml", "just text\n"), "clean error"),
        entry("two documents", written("case.yaml", "id: a\n---\nid: b\n"), "clean error"),
        entry(
            "a tab indentation", written("case.yaml", "patient:\n\tage_years: 47\n"), "clean error"
        ),
        entry("an unclosed quote", written("case.yaml", 'id: "abc\n'), "clean error"),
        entry("an unclosed flow list", written("case.yaml", "id: [a, b\n"), "clean error"),
        entry(
            "900 nested lists",
            written("case.yaml", "id: " + "[" * 900 + "]" * 900 + "\n"),
            "clean error",
        ),
        entry(
            "5000 nested lists",
            written("case.yaml", "id: " + "[" * 5000 + "]" * 5000),
            "clean error",
        ),
        entry(
            "a file over the size limit",
            written("case.yaml", "#" * (MAX_FILE_BYTES + 1)),
            "clean error",
        ),
        entry("a 20 MB file", written("case.yaml", "a: " + "x" * 20_000_000), "clean error"),
        entry("a byte-order mark before valid YAML", lambda tmp: _bom(tmp), "accepted"),
        entry("Windows line endings", lambda tmp: _crlf(tmp), "accepted"),
        entry(
            "an unknown extra YAML file",
            lambda tmp: (copy_case(tmp) / "notes.yaml").write_text("a: 1\n"),
            "clean error",
        ),
        entry(
            "a file missing", lambda tmp: (copy_case(tmp) / "sites.yaml").unlink(), "clean error"
        ),
        entry("case.yaml is a folder", lambda tmp: _replace_by_folder(tmp), "clean error"),
        entry("a symlink loop as case.yaml", lambda tmp: _loop(tmp), "clean error"),
        entry("a dangling symlink as case.yaml", lambda tmp: _dangling(tmp), "clean error"),
        entry("/dev/zero as case.yaml", lambda tmp: _link(tmp, "/dev/zero"), "clean error"),
        entry("a named pipe as case.yaml (no hang)", lambda tmp: _fifo(tmp), "clean error"),
        entry("a symlink to a valid file", lambda tmp: _relink(tmp), "accepted"),
    ]
    return rows


def _bom(tmp: Path) -> None:
    path = copy_case(tmp) / "sites.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _crlf(tmp: Path) -> None:
    path = copy_case(tmp) / "sites.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _replace_by_folder(tmp: Path) -> None:
    path = copy_case(tmp) / "case.yaml"
    path.unlink()
    path.mkdir()


def _loop(tmp: Path) -> None:
    folder = copy_case(tmp)
    (folder / "case.yaml").unlink()
    os.symlink(folder / "loop.yml", folder / "case.yaml")
    os.symlink(folder / "case.yaml", folder / "loop.yml")


def _dangling(tmp: Path) -> None:
    _link(tmp, str(tmp / "nowhere.yaml"))


def _link(tmp: Path, target: str) -> None:
    folder = copy_case(tmp)
    (folder / "case.yaml").unlink()
    os.symlink(target, folder / "case.yaml")


def _relink(tmp: Path) -> None:
    folder = copy_case(tmp)
    real = tmp / "elsewhere.yaml"
    (folder / "case.yaml").rename(real)
    os.symlink(real, folder / "case.yaml")


def _fifo(tmp: Path) -> None:
    folder = copy_case(tmp)
    (folder / "case.yaml").unlink()
    os.mkfifo(folder / "case.yaml")


def aliases() -> list[BadInput]:
    limit = MAX_ALIAS_EXPANSIONS
    return [
        entry("a 9x9 alias bomb", alias_text(bomb(9, 9)), "clean error"),
        entry("a 2x60 alias bomb", alias_text(bomb(2, 60)), "clean error"),
        entry("aliases just over the limit", alias_text(bomb(limit + 1, 2)), "clean error"),
        entry("aliases under the limit reach validation", alias_text(bomb(10, 2)), "clean error"),
        entry("an alias reused for a translation", lambda tmp: _shared_text(tmp), "accepted"),
    ]


def _shared_text(tmp: Path) -> None:
    """The stage 'presentation' title written once and reused by an alias: legitimate YAML."""
    path = copy_case(tmp) / "case.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["stages"][1]["title"] = data["stages"][0]["title"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "&id001" in text  # PyYAML writes the shared mapping once, with an anchor


def validate_entries() -> list[BadInput]:
    def validate(*paths: str, lines=None):
        return lambda tmp: cli_outcome("validate", *(str(tmp / p) for p in paths), lines=lines)

    def folder_of_cases(tmp: Path, broken: Callable[[Path], object]) -> None:
        good = copy_case(tmp)
        bad = tmp / "cases" / "second-case"
        shutil.copytree(good, bad)
        broken(bad)

    def row(name, setup, paths, expect, lines=None):
        return BadInput(
            SURFACE, f"validate: {name}", validate(*paths, lines=lines), expect, setup, ("cases",)
        )

    return [
        row("a valid case", copy_case, [f"cases/{CASE_DIR.name}"], "accepted"),
        row("a file of a valid case", copy_case, [f"cases/{CASE_DIR.name}/sites.yaml"], "accepted"),
        row("a folder of valid cases", copy_case, ["cases"], "accepted"),
        row(
            "case.yaml missing",
            lambda t: (copy_case(t) / "case.yaml").unlink(),
            [f"cases/{CASE_DIR.name}"],
            "clean error",
        ),
        row("case.yaml a folder", _replace_by_folder, [f"cases/{CASE_DIR.name}"], "clean error"),
        row(
            "an empty folder",
            lambda t: (t / "cases" / "empty").mkdir(parents=True),
            ["cases/empty"],
            "clean error",
            1,
        ),
        row("a folder that does not exist", lambda t: None, ["nowhere"], "clean error", 1),
        row(
            "a folder of cases, one without case.yaml",
            lambda t: folder_of_cases(t, lambda b: (b / "case.yaml").unlink()),
            ["cases"],
            "clean error",
        ),
        row(
            "a folder of cases, one with a YAML error",
            lambda t: folder_of_cases(t, lambda b: (b / "sites.yaml").write_text("a: [\n")),
            ["cases"],
            "clean error",
        ),
        row(
            "a folder of cases, one with only an unknown file",
            lambda t: folder_of_cases(
                t,
                lambda b: (
                    [p.unlink() for p in b.glob("*.yaml")] and (b / "x.yaml").write_text("a: 1\n")
                ),
            ),
            ["cases"],
            "clean error",
        ),
        row(
            "a folder of cases with a duplicate key",
            lambda t: folder_of_cases(
                t,
                lambda b: (b / "case.yaml").write_text(
                    "id: a\nid: b\n" + (b / "case.yaml").read_text()
                ),
            ),
            ["cases"],
            "clean error",
        ),
    ]


def table() -> list[BadInput]:
    rows = [
        entry(f"age: {name}", edited("case.yaml", age, raw), expect)
        for name, raw, expect in YAML_VALUES
    ]
    rows += [
        entry(
            f"title: {name}",
            edited("case.yaml", title_en, raw),
            expect,
            is_title(value) if value is not None else None,
        )
        for name, raw, expect, value in TITLE_VALUES
    ]
    return rows + numbers() + duplicates() + files() + aliases() + validate_entries()
