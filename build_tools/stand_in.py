"""A stand-in for a file that fails validation, so that the checks on whole files still run on it.

A file with a field of the wrong kind (`number: one`) cannot be built into a model, yet everything
else in it may be right or wrong: its objectives, references, answers. So that `check` reports all
of it at once, the broken values are replaced by neutral ones that validate (the stand-in values),
the copy is validated, and the checks run on that model. The loader then drops any problem found
at a replaced place (that problem is about the stand-in value, not the author's); a check whose
answer rests on a replaced value elsewhere in the file (a sum, a list of known ids) asks
`SourceFile.stood_in` and says nothing. A stand-in is for checking only: it is never rendered.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from .validation_messages import Loc, data_path, element_type, pick_member

TEXT = "stand-in-for-a-broken-field"
"""Text that is also a valid id and long enough for a summary; it names nothing an author writes."""
STRINGS = (TEXT, "en", "https://example.org/", "stand-in.svg", "stand-in#stand-in")
"""One of these fits every text field: text, id, language, web address, figure file, section link."""
ROUNDS = 3
"""Repairs can reveal more to repair (a new item's fields); past this, no stand-in is made."""


class NoStandIn(Exception):
    """The data cannot be repaired (the whole file is the wrong kind of value, or it is too broken)."""


def stand_in(data: Any, model: type[BaseModel], error: ValidationError) -> tuple[BaseModel, frozenset[Loc]] | None:
    """A valid model made from `data` with each place `error` names replaced, and those places
    (as paths in the data); None when no valid model can be made that way."""
    data = copy.deepcopy(data)
    repaired: set[Loc] = set()
    for _ in range(ROUNDS):
        try:
            repaired |= _repair_all(data, model, error)
            return model.model_validate(data), frozenset(repaired)
        except (NoStandIn, LookupError, TypeError):  # data shaped as no repair foresaw: check less, never fail
            return None
        except ValidationError as again:
            error = again
    return None


def _repair_all(data: Any, model: type[BaseModel], error: ValidationError) -> set[Loc]:
    """Replaces each erroneous value of one validation, outer places first; returns the places."""
    located = sorted(((data_path(data, item["loc"]), item) for item in error.errors()), key=lambda e: len(e[0]))
    done: set[Loc] = set()
    for path, item in located:
        if not path or not isinstance(data, dict):
            raise NoStandIn
        if not any(path[: len(outer)] == outer for outer in done):  # else inside a value replaced whole
            done |= _repair(data, model, path, item)
    return done


def _repair(data: dict, model: type[BaseModel], path: Loc, item: dict) -> set[Loc]:
    parent = _value_at(data, path[:-1])
    kind, limits = item["type"], item.get("ctx") or {}
    if kind == "extra_forbidden":
        del parent[path[-1]]
        return {path}
    if kind in ("too_short", "too_long") and isinstance(parent[path[-1]], list):
        return _resize(data, model, path, limits.get("min_length", limits.get("max_length", 0)))
    found = _annotation_at(model, data, path)
    if found is None:
        raise NoStandIn
    parent[path[-1]] = placeholder(*found)
    return {path}


def _resize(data: dict, model: type[BaseModel], path: Loc, length: int) -> set[Loc]:
    """A list that is too short gets stand-in items at its end; one too long loses its last items:
    the author's items keep their places, so that the checks still speak of them."""
    items = _value_at(data, path)
    changed = {path + (index,) for index in range(min(len(items), length), max(len(items), length))}
    if len(items) > length:
        del items[length:]
    else:
        found = _annotation_at(model, data, path + (0,))
        if found is None:
            raise NoStandIn
        items += [placeholder(*found) for _ in range(length - len(items))]
    return changed


def _value_at(data: Any, path: Loc) -> dict | list:
    for part in path:
        data = data[part]  # a LookupError or TypeError makes no stand-in
    if not isinstance(data, (dict, list)):
        raise NoStandIn
    return data


def _annotation_at(model: type[BaseModel], data: Any, path: Loc) -> tuple[Any, tuple] | None:
    """The type (and its constraints) that the value at `path` in the data must have."""
    annotation: Any = model
    metadata: tuple = ()
    for part in path:
        owner = pick_member(annotation, data)
        if isinstance(part, int):
            annotation, metadata = element_type(owner), ()
        elif isinstance(owner, type) and issubclass(owner, BaseModel) and part in owner.model_fields:
            info = owner.model_fields[part]
            annotation, metadata = info.annotation, tuple(info.metadata)
        else:
            return None
        data = _child(data, part)
    return annotation, metadata


def _child(data: Any, part: str | int) -> Any:
    if isinstance(data, dict) and isinstance(part, str):
        return data.get(part)
    if isinstance(data, list) and isinstance(part, int) and part < len(data):
        return data[part]
    return None


def placeholder(annotation: Any, metadata: tuple = ()) -> Any:
    """A neutral value that validates against `annotation` and its constraints."""
    adapter = TypeAdapter(Annotated[(annotation, *metadata)] if metadata else annotation)
    for candidate in _candidates(annotation):
        try:
            adapter.validate_python(candidate, strict=True)
        except ValidationError:
            continue
        return candidate
    raise NoStandIn


def _candidates(annotation: Any) -> Iterator[Any]:
    """Values to try, plainest first; a value is preferred to nothing, so that a check does not
    take an optional field that stands in for a broken one as left out."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        yield from _candidates(args[0])
    elif origin in (typing.Union, types.UnionType):
        for member in args:
            if member is not type(None):
                yield from _candidates(member)
        if type(None) in args:
            yield None
    elif origin is Literal:
        yield from args
    elif origin is list:
        item = placeholder(args[0])
        yield from ([copy.deepcopy(item) for _ in range(count)] for count in range(4))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields.items()
        yield {name: placeholder(f.annotation, tuple(f.metadata)) for name, f in fields if f.is_required()}
    elif annotation is bool:
        yield from (False, True)
    elif annotation is int:
        yield from (1, 1800)
    elif annotation is str:
        yield from STRINGS
