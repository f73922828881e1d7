"""A strict YAML reader for hand-written content files.

PyYAML (mkdocs' own dependency) is lenient in ways that hurt authors: it keeps the last of two
duplicate keys, reads `yes`/`no`/`on` as booleans (YAML 1.1), turns dates into objects, runs
`!!python/...` tags on request, and expands aliases without bound. This module builds plain values
itself, under YAML 1.2 core-schema rules, recording the line of every value so that a validation
error maps back to `modules/intro.yml:12`. It reads a file in up to three ways, each only when the
one before gives up:

1. the event reader (`_EventReader`) builds the values and their lines straight from libyaml's
   parse events, with no node tree: the fast path every ordinary content file takes. It gives up
   on anything unusual (a tag, an anchor or alias, a key that is not text, a duplicate key, a root
   that is not a mapping, deep nesting, too many values, any parse error);
2. the node reader composes PyYAML's node tree from libyaml's events and `_Builder` turns it into
   values, reporting every problem (duplicate keys, tags, alias bombs) at its line;
3. when libyaml cannot read the file, PyYAML's pure-Python reader composes it instead: its error
   messages are the ones `yaml_syntax` explains to authors.

Paths 1 and 2 give the same data and lines for every file path 1 accepts (tests compare them on
every YAML file of the project). The reader stays small enough that switching to ruamel.yaml would
buy nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .problems import Problem
from .yaml_syntax import explain_syntax_error

MAX_BYTES = 512 * 1024
MAX_VALUES = 50_000
EVENT_DEPTH = 100  # deeper files are left to the node reader, which decides what is too deep
TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}

Path_ = tuple[str | int, ...]


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans; dates and `yes` stay text."""


for _tag, _pattern, _first in [
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", "-+.0123456789"),
]:
    _CoreResolver.add_implicit_resolver(TAG + _tag, re.compile(f"^(?:{_pattern})$"), list(_first))
_CoreResolver.add_implicit_resolver(TAG + "null", re.compile("^$"), [""])


class _NodeReader(Reader, Scanner, Parser, Composer, _CoreResolver):
    """PyYAML's pure-Python reader: slow, but its error marks and messages are the ones that
    `yaml_syntax` explains, so every file that does not parse is read again with it."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _CoreResolver.__init__(self)


try:  # libyaml's scanner and parser, with PyYAML's own composer on top: about 8x faster
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None


if CParser is not None:

    class _FastNodeReader(Composer, CParser, _CoreResolver):
        """Tokens and events come from libyaml (C); the nodes are composed by PyYAML's Python
        composer, so anchors, aliases and deep nesting behave as in `_NodeReader` (a RecursionError
        rather than a crash), and the resolver is the same YAML 1.2 core schema."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            _CoreResolver.__init__(self)


@dataclass
class YamlDocument:
    """The plain data of one file and the line where each value (or mapping key) sits."""

    data: dict
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class _Stop(Exception):
    def __init__(self, problem_line: int, message: str, hint: str = ""):
        self.line, self.message, self.hint = problem_line, message, hint


def syntax_error(error: yaml.MarkedYAMLError, text: str) -> _Stop:
    """The parser's complaint, in the author's terms, at the line where the mistake is."""
    line, message, hint = explain_syntax_error(error, text.splitlines())
    return _Stop(line, message, hint)


def read_yaml(path: Path, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one content file strictly.

    Args:
        path: the file to read.
        name: how to name the file in problems (relative to the project).

    Returns:
        The document (None when it could not be read) and the problems found.
    """
    try:
        text = _decode(path)
        _reject_tabs(text)
    except _Stop as stop:
        return None, [_problem(name, stop)]
    document = _read_events(text)
    if document is not None:
        return document, []
    return _read_nodes(text, name)


def _read_nodes(text: str, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read `text` through a node tree: slower than the event reader, but it reports every problem."""
    try:
        node = _compose(text)
        builder = _Builder(name)
        data = builder.build(node, ())
    except _Stop as stop:
        return None, [_problem(name, stop)]
    if builder.problems:
        return None, builder.problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [
            Problem(
                name,
                1,
                "",
                f"the file holds {kind}; expected a mapping of fields",
                "start with `id: ...` and one field per line",
            )
        ]
    return YamlDocument(data, builder.lines), []


def _problem(name: str, stop: _Stop) -> Problem:
    return Problem(name, stop.line, "", stop.message, stop.hint)


def _decode(path: Path) -> str:
    try:
        return _decode_bytes(path)
    except OSError as error:
        raise _Stop(0, f"the file cannot be read: {error.strerror}") from None


def _decode_bytes(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _Stop(
            0,
            f"the file is {-(-size // 1024)} KB; content files are limited to {MAX_BYTES // 1024} KB",
            "split it into several modules or quizzes",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _Stop(
            line, f"byte 0x{raw[error.start]:02x} is not valid UTF-8", "save the file with UTF-8 encoding"
        ) from None
    return text.removeprefix("\ufeff")


def _reject_tabs(text: str) -> None:
    if "\t" not in text:  # the common case, without splitting the text into lines
        return
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Stop(number, "a tab is used for indentation", "indent with spaces only")


def _reject_special_characters(text: str) -> None:
    """PyYAML refuses control characters (other than tab and line breaks) and a few others; say where."""
    special = Reader.NON_PRINTABLE.search(text)
    if special:
        raise _Stop(
            text.count("\n", 0, special.start()) + 1,
            f"the character U+{ord(special.group()):04X} is not allowed in a content file",
            "delete it: invisible control characters often come with text pasted from another program",
        )


def _compose(text: str) -> yaml.Node:
    """The node tree of `text`: from libyaml when it reads the file without complaint, else from
    the pure-Python reader, whose errors are the ones explained to authors."""
    node = _compose_fast(text)
    if node is not None:
        return node
    _reject_special_characters(text)
    reader = _NodeReader(text)
    try:
        node = reader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise syntax_error(error, text) from None
    except yaml.YAMLError as error:
        raise _Stop(0, f"YAML error: {error}") from None
    except RecursionError:
        raise _Stop(0, "the file is nested too deeply") from None
    finally:
        reader.dispose()
    if node is None or (node.tag == TAG + "null" and not node.value):
        raise _Stop(0, "the file is empty", "start it with `id:` and one field per line, as in the authoring guide")
    return node


def _compose_fast(text: str) -> yaml.Node | None:
    """The node tree read by libyaml, or None when it is not available, the text holds characters
    PyYAML refuses (libyaml also allows a tab after `key:`), or libyaml finds any problem: the
    caller then reads the file again with the pure-Python reader."""
    if not _libyaml_reads_like_pyyaml(text):
        return None
    reader = _FastNodeReader(text)
    try:
        node = reader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        reader.dispose()
    if node is None or (node.tag == TAG + "null" and not node.value):
        return None
    return node


def _libyaml_reads_like_pyyaml(text: str) -> bool:
    """False when libyaml is missing or the text holds what libyaml accepts and PyYAML refuses:
    characters outside PyYAML's printable set, or a tab (libyaml allows one after `key:`)."""
    return CParser is not None and "\t" not in text and not Reader.NON_PRINTABLE.search(text)


class _Unusual(Exception):
    """The event reader met something it leaves to the node reader."""


def _read_events(text: str) -> YamlDocument | None:
    """The document built by the event reader, or None when it gave up (see `_EventReader`)."""
    if not _libyaml_reads_like_pyyaml(text):
        return None
    parser = CParser(text)
    try:
        return _EventReader(parser.get_event).read()
    except (_Unusual, yaml.YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()


class _EventReader:
    """Builds plain values and their lines from libyaml's events, as `_Builder` does from nodes.

    It takes only the common case: a mapping at the top, plain text keys met once each, no tags,
    anchors or aliases, at most EVENT_DEPTH levels and MAX_VALUES values. Anything else raises
    `_Unusual`, and the node reader reads the file again and reports what is wrong.
    """

    def __init__(self, next_event):
        self.next_event = next_event
        self.lines: dict[Path_, int] = {}
        self.count = 0

    def read(self) -> YamlDocument:
        self._expect(StreamStartEvent)
        self._expect(DocumentStartEvent)
        root = self.next_event()
        if type(root) is not MappingStartEvent:
            raise _Unusual
        self.lines[()] = root.start_mark.line + 1
        data = self._value(root, (), 0)
        self._expect(DocumentEndEvent)
        self._expect(StreamEndEvent)
        return YamlDocument(data, self.lines)

    def _expect(self, kind: type) -> None:
        if type(self.next_event()) is not kind:
            raise _Unusual

    def _value(self, event, path: Path_, depth: int):
        """The value that starts with `event`; the caller has recorded its line."""
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Unusual
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None or event.anchor is not None:
                raise _Unusual
            return _plain_scalar(event.value) if event.implicit[0] else event.value
        if kind not in (MappingStartEvent, SequenceStartEvent) or depth >= EVENT_DEPTH:
            raise _Unusual  # an alias, or nesting deeper than the event reader goes
        if event.tag is not None or event.anchor is not None:
            raise _Unusual
        if kind is MappingStartEvent:
            return self._mapping(path, depth + 1)
        return self._sequence(path, depth + 1)

    def _mapping(self, path: Path_, depth: int) -> dict:
        result: dict = {}
        event = self.next_event()
        while type(event) is not MappingEndEvent:
            key = _text_key(event)
            if key in result:
                raise _Unusual  # a duplicate key
            key_path = path + (key,)
            self.lines[key_path] = event.start_mark.line + 1
            result[key] = self._value(self.next_event(), key_path, depth)
            event = self.next_event()
        return result

    def _sequence(self, path: Path_, depth: int) -> list:
        items: list = []
        event = self.next_event()
        while type(event) is not SequenceEndEvent:
            item_path = path + (len(items),)
            self.lines[item_path] = event.start_mark.line + 1
            items.append(self._value(event, item_path, depth))
            event = self.next_event()
        return items


def _text_key(event) -> str:
    """The text of a mapping key, which must be a scalar without tag or anchor that reads as text."""
    if type(event) is not ScalarEvent or event.tag is not None or event.anchor is not None:
        raise _Unusual
    key = _plain_scalar(event.value) if event.implicit[0] else event.value
    if type(key) is not str:
        raise _Unusual
    return key


_IMPLICIT = _CoreResolver.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])
_RESOLVERS = {first: resolvers + _WILDCARD for first, resolvers in _IMPLICIT.items() if first is not None}


def _plain_scalar(value: str):
    """The value of a plain (unquoted, untagged) scalar, resolved as `_CoreResolver.resolve` does."""
    for tag, pattern in _RESOLVERS.get(value[:1], _WILDCARD):
        if pattern.match(value):
            return _typed(value, tag)
    return value


class _Builder:
    """Builds plain values from nodes, counting them so that alias bombs stop early."""

    def __init__(self, name: str):
        self.name = name
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path_):
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Stop(
                node.start_mark.line + 1,
                f"the file expands to more than {MAX_VALUES} values",
                "anchors and aliases (&name, *name) are repeated too often",
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in PLAIN_TAGS and node.tag != "tag:yaml.org,2002:value":
            self._add(
                node,
                f"the tag {node.tag.replace(TAG, '!!')} is not allowed",
                "remove it: content files hold only text, numbers, true/false, lists and mappings",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return _typed(node.value, node.tag)

    def _build_mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _typed(key_node.value, key_node.tag) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag not in PLAIN_TAGS:
                self._add(key_node, "a key must be plain text", "use a field name such as `title:`")
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                self._add(
                    key_node,
                    f"duplicate key '{key}' (first at line {first_line[key]})",
                    "remove one of them: YAML would silently keep only the last",
                )
                continue
            first_line[key] = line
            self.lines[path + (key,)] = line
            result[key] = self.build(value_node, path + (key,))
        return result

    def _add(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.name, node.start_mark.line + 1, "", message, hint))


def _typed(value: str, tag: str):
    """The plain value of a scalar whose tag is known."""
    tag = tag.removeprefix(TAG)
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int":
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if tag == "float":
        return float(value)
    return value
