"""The JSON Schemas that editors use stay in step with the model and accept real content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from build_tools.schemas import schema_texts
from build_tools.strict_yaml import read_yaml

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_committed_schema_matches_the_model(name):
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_texts()[name], "run `make schemas` and commit the result"


@pytest.mark.parametrize(
    "folder,schema",
    [
        ("modules", "module.schema.json"),
        ("quizzes", "quiz.schema.json"),
        ("courses", "course.schema.json"),
        ("workshops", "workshop.schema.json"),
    ],
)
def test_schema_accepts_every_content_file(folder, schema):
    validator = jsonschema.Draft202012Validator(json.loads(schema_texts()[schema]))
    files = sorted((ROOT / folder).glob("*.yml")) + sorted((ROOT / "tests/fixtures/site" / folder).glob("*.yml"))
    assert files
    for path in files:
        document, _ = read_yaml(path, path.name)
        errors = list(validator.iter_errors(document.data))
        assert not errors, f"{path}: {errors[0].message}"


def test_schema_rejects_an_unknown_field():
    validator = jsonschema.Draft202012Validator(json.loads(schema_texts()["quiz.schema.json"]))
    quiz = {"id": "q", "title": "T", "kind": "self-check", "questions": [], "colour": "red"}
    assert any("colour" in error.message for error in validator.iter_errors(quiz))


def test_content_files_point_editors_at_the_schemas():
    for folder, schema in (("modules", "module"), ("quizzes", "quiz")):
        for path in (ROOT / folder).glob("*.yml"):
            first_line = path.read_text(encoding="utf-8").splitlines()[0]
            assert first_line == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json", path
