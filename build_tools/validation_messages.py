"""Turns pydantic's validation errors into problems an author can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .strict_yaml import YamlDocument

Loc = tuple[str | int, ...]

TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "nothing",
    list: "a list",
    dict: "a mapping of fields",
}
ID_LISTS = ("objectives", "quizzes", "references", "answer")
EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "float_type": "a number",
}


def problems_from(error: ValidationError, document: YamlDocument, file: str, model: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, with the line and a readable field path."""
    located = [(item, data_path(document.data, item["loc"])) for item in error.errors()]
    unknown = [path for item, path in located if item["type"] == "extra_forbidden"]
    problems = []
    for item, path in located:
        if item["type"] == "missing" and _misspelt(path, unknown):
            continue  # "did you mean" on the misspelt key says it all
        if item["type"] == "union_tag_invalid":
            path = path + ("type",)
        message, hint = _describe(item, document.data, path, model)
        problems.append(Problem(file, document.line_of(path), field_label(path), message, hint))
    return problems


def _misspelt(missing: Loc, unknown: list[Loc]) -> bool:
    """Whether a missing field has an unknown sibling key that is close to its name."""
    siblings = [str(path[-1]) for path in unknown if path[:-1] == missing[:-1]]
    return bool(difflib.get_close_matches(str(missing[-1]), siblings, n=1))


def field_label(path: Loc) -> str:
    """`('questions', 1, 'answer')` → `questions[2].answer` (positions count from 1, as people do)."""
    label = ""
    for part in path:
        label += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def data_path(data: Any, loc: Loc) -> Loc:
    """The location in the YAML data, without the union tags pydantic inserts (`single`, ...)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part not in current and part == current.get("type"):
            continue
        path.append(part)
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            current = None
    return tuple(path)


def _describe(item: dict, data: Any, path: Loc, model: type[BaseModel]) -> tuple[str, str]:
    kind, given = item["type"], item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "missing":
        return "is required but missing", ""
    if kind == "extra_forbidden":
        return _unknown_field(path, data, model)
    if kind in EXPECTED and EXPECTED[kind] == "a mapping of fields":
        return _wrong_type(EXPECTED[kind], given)[0], _fields_wanted(_model_at(model, data, path))
    if kind in EXPECTED:
        return _wrong_type(EXPECTED[kind], given)
    if kind == "string_pattern_mismatch" and (path[-1:] in (("id",), ("answer",), ("about",)) or _is_id_list(path)):
        return (
            f"{given!r} is not a valid id",
            "use lowercase letters, digits and single hyphens, such as `good-offices`",
        )
    if kind == "string_pattern_mismatch" and path[-1:] == ("section",):
        return f"{given!r} is not a section link", "write `module-id#section-id`, such as `toolbox#article-33`"
    if kind == "literal_error":
        return f"{given!r} is not allowed; expected {ctx.get('expected')}", _did_you_mean(given, ctx)
    if kind == "string_pattern_mismatch" and path[-1:] == ("url",):
        return f"{_as_yaml(given)} is not a web address", "start it with https://"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        return f"must be {bound} {limit}, got {_as_yaml(given)}", ""
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} items, found {ctx.get('actual_length')}", ""
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} items, found {ctx.get('actual_length')}", ""
    if kind == "union_tag_invalid":
        return (
            f"unknown question type {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags')}",
            _did_you_mean(ctx.get("tag"), {"expected": ctx.get("expected_tags", "")}),
        )
    if kind == "union_tag_not_found":
        return "a question needs a `type`", "add `type: single` (or multiple, true-false, ordering, ...)"
    if kind == "string_too_short":
        minimum = ctx.get("min_length", 1)
        if minimum <= 1 or not given or not str(given).strip():
            return "must not be empty", ""
        return f"must have at least {minimum} characters, got {len(str(given).strip())}", ""
    return _plain(item["msg"]), ""


def _is_id_list(path: Loc) -> bool:
    return len(path) >= 2 and isinstance(path[-1], int) and path[-2] in ID_LISTS


def _wrong_type(expected: str, given: Any) -> tuple[str, str]:
    got = TYPE_NAMES.get(type(given), type(given).__name__)
    hint = ""
    if expected == "text" and isinstance(given, (bool, int, float)):
        hint = f"quote it: '{_as_yaml(given)}'"
    elif expected == "true or false" and isinstance(given, str):
        hint = "write true or false, without quotes"
    shown = f" ({_as_yaml(given)})" if isinstance(given, (str, int, float, bool)) else ""
    return f"expected {expected}, got {got}{shown}", hint


def _fields_wanted(owner: type[BaseModel] | None) -> str:
    """The fields a mapping needs, as a hint: required ones first, then the optional ones."""
    if owner is None:
        return ""
    fields = owner.model_fields
    required = [name for name, f in fields.items() if f.is_required()]
    optional = [name for name, f in fields.items() if not f.is_required()]
    hint = f"write its fields one per line, indented below it: {', '.join(required)}"
    return hint + (f" (optional: {', '.join(optional)})" if optional else "")


def _as_yaml(value: Any) -> str:
    """A value as the author wrote it: `true`, `12`, `'text'`."""
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value) if isinstance(value, str) else str(value)


def _unknown_field(path: Loc, data: Any, model: type[BaseModel]) -> tuple[str, str]:
    owner = _model_at(model, data, path[:-1])
    allowed = list(owner.model_fields) if owner else []
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else (f"allowed here: {', '.join(allowed)}" if allowed else "")
    return "unknown field", hint


def _did_you_mean(given: Any, ctx: dict) -> str:
    choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
    close = difflib.get_close_matches(str(given), [c for c in choices if c], n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def _plain(message: str) -> str:
    message = message.removeprefix("Value error, ")
    message = message.replace("Input should be", "expected").replace("List should", "the list should")
    return message[0].lower() + message[1:] if message else message


def _model_at(model: type[BaseModel], data: Any, path: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping found at `path` in the data."""
    current: Any = model
    for part in path:
        data = data[part] if isinstance(data, (dict, list)) else None
        if isinstance(part, int):
            current = element_type(current)
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
        current = pick_member(current, data)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def element_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else None


def pick_member(annotation: Any, data: Any) -> Any:
    """Unwraps Annotated and Optional, and picks the union member that matches `type:`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(annotation) if m is not type(None)]
        for member in members:
            fields = getattr(member, "model_fields", {})
            literal = typing.get_args(fields["type"].annotation) if "type" in fields else ()
            if isinstance(data, dict) and data.get("type") in literal:
                return member
        return members[0] if len(members) == 1 else None
    return annotation
