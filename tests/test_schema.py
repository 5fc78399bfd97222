"""The published JSON Schemas are current, and an editor using them judges the files as we do."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from casefiles import CASE_DIR, ROOT

from clinicase.model import CASE_FILES
from clinicase.schema import schema_name, stale_schemas

SCHEMA_DIR = ROOT / "casedata" / "schema"


def test_committed_schemas_match_the_model():
    assert stale_schemas(SCHEMA_DIR) == [], "run `python -m clinicase schema`"


@pytest.mark.parametrize("yaml_name", list(CASE_FILES))
def test_schema_accepts_the_case_and_rejects_an_unknown_field(yaml_name):
    schema = json.loads((SCHEMA_DIR / schema_name(yaml_name)).read_text(encoding="utf-8"))
    data = yaml.safe_load((CASE_DIR / yaml_name).read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "colour": "red"}, schema)


@pytest.mark.parametrize("yaml_name", list(CASE_FILES))
def test_each_case_file_points_editors_at_its_schema(yaml_name):
    first_line = (CASE_DIR / yaml_name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{schema_name(yaml_name)}"
