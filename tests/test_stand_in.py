"""Stand-ins for files that fail validation: every broken value is replaced by one that validates,
the author's other values are kept where they were, and checking a stand-in never fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from build_tools.checks import check_content
from build_tools.loader import SourceFile
from build_tools.model import Glossary, Module, Quiz
from build_tools.stand_in import TEXT, placeholder, stand_in
from build_tools.strict_yaml import read_yaml

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
WRONG_VALUES = (12, "Not An Id", [], {"x": 1}, None)


def sample(folder: str, name: str):
    document, problems = read_yaml(SITE / folder / name, f"{folder}/{name}")
    assert problems == []
    return document


def repaired(data, model):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return stand_in(data, model, caught.value)


@pytest.mark.parametrize("model", [Module, Quiz, Glossary])
def test_each_content_model_has_a_placeholder(model):
    assert isinstance(model.model_validate(placeholder(model)), model)


def test_a_broken_field_is_replaced_and_the_rest_kept():
    data = sample("modules", "sample.yml").data
    model, places = repaired({**data, "number": "one", "summary": 3}, Module)
    assert places == {("number",), ("summary",)}
    assert model.number == 1 and model.summary == TEXT
    assert model.title == data["title"] and [o.id for o in model.objectives] == ["sample-distinguish", "sample-apply"]


def test_an_unknown_key_is_left_out_and_a_list_keeps_its_items_in_place():
    data = sample("quizzes", "sample-check.yml").data
    question = {**data["questions"][0], "options": data["questions"][0]["options"][:1], "feedbak": "x"}
    model, places = repaired({**data, "questions": [question, *data["questions"][1:]]}, Quiz)
    assert places == {("questions", 0, "options", 1), ("questions", 0, "feedbak")}
    assert [o.id for o in model.questions[0].options] == ["parties", TEXT]


def test_a_question_of_unknown_type_stands_in_whole():
    data = sample("quizzes", "sample-check.yml").data
    model, places = repaired({**data, "questions": [{**data["questions"][0], "type": "singel"}]}, Quiz)
    assert places == {("questions", 0)} and model.questions[0].id == TEXT


def test_a_file_that_is_not_a_mapping_has_no_stand_in():
    assert repaired(["id: x"], Module) is None


def _mutations(data, path=()):
    """(path, value) for every value in the data replaced by each wrong value, and every key removed."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _mutations(value, path + (key,))
            yield path + (key,), KeyError
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _mutations(value, path + (index,))
    for wrong in WRONG_VALUES:
        if path:
            yield path, wrong


def _mutated(data, path, value):
    if not path:
        return data
    copy = dict(data) if isinstance(data, dict) else list(data)
    if len(path) == 1 and value is KeyError:
        del copy[path[0]]
    else:
        copy[path[0]] = value if len(path) == 1 else _mutated(data[path[0]], path[1:], value)
    return copy


@pytest.mark.parametrize(("folder", "name", "model"), [("modules", "sample.yml", Module),
                                                       ("quizzes", "sample-check.yml", Quiz)])
def test_any_broken_value_gets_a_stand_in_that_the_checks_read_without_failing(folder, name, model):
    document = sample(folder, name)
    for path, value in _mutations(document.data):
        data = _mutated(document.data, path, value)
        try:
            model.model_validate(data)
            continue
        except ValidationError as error:
            made = stand_in(data, model, error)
        assert made is not None, (path, value)
        source = SourceFile(f"{folder}/{name}", document, *made)
        modules, quizzes = ([source], []) if model is Module else ([], [source])
        check_content(modules, quizzes, {})
