"""The strict YAML reader: YAML 1.2 core scalars, line numbers, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools import strict_yaml
from build_tools.problems import Problem
from build_tools.strict_yaml import MAX_VALUES, YamlDocument, read_yaml


def read(tmp_path: Path, text: str | bytes, name: str = "modules/x.yml"):
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path, name)


def data_of(tmp_path: Path, text: str) -> dict:
    document, problems = read(tmp_path, text)
    assert problems == []
    return document.data


def problem_of(tmp_path: Path, text: str | bytes) -> Problem:
    document, problems = read(tmp_path, text)
    assert document is None
    assert len(problems) == 1, problems
    return problems[0]


# --- scalars: YAML 1.2 core schema -------------------------------------------------------------------

@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF"])
def test_yaml_11_booleans_stay_text(tmp_path, word):
    assert data_of(tmp_path, f"value: {word}\n") == {"value": word}


@pytest.mark.parametrize("word", ["2020-01-01", "2001-12-14t21:59:43.10-05:00", "12:30", "1 January 2000"])
def test_dates_and_times_stay_text(tmp_path, word):
    assert data_of(tmp_path, f"value: {word}\n") == {"value": word}


@pytest.mark.parametrize(("word", "value"), [("true", True), ("True", True), ("TRUE", True),
                                             ("false", False), ("False", False), ("FALSE", False)])
def test_true_and_false_are_booleans(tmp_path, word, value):
    assert data_of(tmp_path, f"value: {word}\n")["value"] is value


@pytest.mark.parametrize(("word", "value"), [("0", 0), ("42", 42), ("-7", -7), ("+3", 3), ("010", 10),
                                             ("0o17", 15), ("0x1f", 31)])
def test_integers(tmp_path, word, value):
    read_value = data_of(tmp_path, f"value: {word}\n")["value"]
    assert type(read_value) is int and read_value == value


@pytest.mark.parametrize(("word", "value"), [("1.5", 1.5), ("-0.5", -0.5), (".5", 0.5), ("1e3", 1000.0),
                                             ("2.", 2.0), ("6.02E+23", 6.02e23)])
def test_floats(tmp_path, word, value):
    read_value = data_of(tmp_path, f"value: {word}\n")["value"]
    assert type(read_value) is float and read_value == value


@pytest.mark.parametrize("word", ["~", "null", "Null", "NULL", ""])
def test_nulls(tmp_path, word):
    assert data_of(tmp_path, f"value: {word}\n") == {"value": None}


@pytest.mark.parametrize("word", ["'true'", '"yes"', "'12'", '"null"', "!!str 12", "'2020-01-01'"])
def test_quoted_or_tagged_values_are_text(tmp_path, word):
    assert type(data_of(tmp_path, f"value: {word}\n")["value"]) is str


@pytest.mark.parametrize("word", ["1_000", "0b101", "1:30", "12,5", ".inf", "abc", "1.2.3"])
def test_other_words_are_text(tmp_path, word):
    assert type(data_of(tmp_path, f"value: {word}\n")["value"]) is str


def test_lists_mappings_and_block_text(tmp_path):
    text = "id: x\nitems: [a, 1, true]\nnested:\n  key: value\nbody: |\n  line one\n  line two\n"
    assert data_of(tmp_path, text) == {"id": "x", "items": ["a", 1, True], "nested": {"key": "value"},
                                       "body": "line one\nline two\n"}


def test_byte_order_mark_is_ignored(tmp_path):
    assert data_of(tmp_path, "\ufeffid: x\n") == {"id": "x"}


def test_anchors_and_aliases_within_limits_are_expanded(tmp_path):
    assert data_of(tmp_path, "a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


# --- line numbers ------------------------------------------------------------------------------------

NESTED = """\
# a comment

id: x
questions:
  - id: q1
    options:
      - id: a
        text: A
      - id: b
        text: >
          folded
  - id: q2
    answer:
      - a
      - b
"""


def test_line_numbers_of_nested_values(tmp_path):
    document, problems = read(tmp_path, NESTED)
    assert problems == []
    lines = document.lines
    assert lines[()] == 3
    assert lines[("id",)] == 3
    assert lines[("questions",)] == 4
    assert lines[("questions", 0)] == 5
    assert lines[("questions", 0, "id")] == 5
    assert lines[("questions", 0, "options", 1)] == 9
    assert lines[("questions", 0, "options", 1, "text")] == 10  # the key's line, not the block's
    assert lines[("questions", 1, "answer")] == 13
    assert lines[("questions", 1, "answer", 1)] == 15


def test_line_of_falls_back_to_the_parent(tmp_path):
    document, _ = read(tmp_path, NESTED)
    assert document.line_of(("questions", 0, "options", 1, "text")) == 10
    assert document.line_of(("questions", 0, "options", 1, "feedback")) == 9  # missing key: the option
    assert document.line_of(("questions", 0, "options", 7, "id")) == 6  # missing item: the list's key
    assert document.line_of(("questions", 5)) == 4
    assert document.line_of(("missing",)) == 3  # the top of the document
    assert document.line_of(()) == 3


def test_line_of_without_any_lines_is_1():
    assert YamlDocument({}, {}).line_of(("a", 0)) == 1


# --- what is refused ---------------------------------------------------------------------------------

def test_duplicate_keys_are_reported_at_every_level(tmp_path):
    document, problems = read(tmp_path, "id: x\ntitle: a\nnested:\n  k: 1\n  k: 2\ntitle: b\n")
    assert document is None
    assert [problem.as_text() for problem in problems] == [
        "modules/x.yml:5: duplicate key 'k' (first at line 4) "
        "(hint: remove one of them: YAML would silently keep only the last)",
        "modules/x.yml:6: duplicate key 'title' (first at line 2) "
        "(hint: remove one of them: YAML would silently keep only the last)",
    ]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                                 "!!binary aGVsbG8=", "!!timestamp 2020-01-01", "!!set {a}", "!custom x"])
def test_tags_other_than_plain_ones_are_refused(tmp_path, tag):
    problem = problem_of(tmp_path, f"id: x\nvalue: {tag}\n")
    shown = tag.split()[0].split(":")[0] if tag.startswith("!!python") else tag.split()[0]
    assert problem.line == 2
    assert problem.message.startswith(f"the tag {shown}")
    assert problem.message.endswith("is not allowed")


def test_python_tags_are_never_run(tmp_path):
    target = tmp_path / "made-by-yaml"
    problem = problem_of(tmp_path, f"value: !!python/object/apply:os.mkdir ['{target}']\n")
    assert problem.message == "the tag !!python/object/apply:os.mkdir is not allowed"
    assert not target.exists()


def test_alias_bomb_stops_at_the_value_limit(tmp_path):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    problem = problem_of(tmp_path, "\n".join(lines) + "\n")
    assert problem.message == f"the file expands to more than {MAX_VALUES} values"
    assert problem.hint == "anchors and aliases (&name, *name) are repeated too often"


def test_keys_must_be_text(tmp_path):
    document, problems = read(tmp_path, "id: x\n1: one\n~: nothing\n? [a]\n: list\n")
    assert document is None
    assert [(p.line, p.message) for p in problems] == [(2, "a key must be plain text"),
                                                      (3, "a key must be plain text"),
                                                      (4, "a key must be plain text")]


def test_tab_indentation(tmp_path):
    problem = problem_of(tmp_path, "id: x\nlist:\n\t- a\n")
    assert (problem.line, problem.message, problem.hint) == (3, "a tab is used for indentation",
                                                             "indent with spaces only")


def test_syntax_error_has_its_line(tmp_path):
    problem = problem_of(tmp_path, "id: x\ntitle: ok\nsummary: Mediation: a tool\n")
    assert problem.line == 3
    assert problem.message == (
        "at column 19, a colon followed by a space starts a new field, but this line already has one"
    )
    assert problem.hint == 'put this text in quotes: summary: "Mediation: a tool"'


def test_more_than_one_document_is_a_syntax_error(tmp_path):
    problem = problem_of(tmp_path, "id: x\n---\nid: y\n")
    assert (problem.line, problem.message) == (2, "a second document starts here (`---`); a content file holds one")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path, text):
    problem = problem_of(tmp_path, text)
    assert (problem.line, problem.message) == (0, "the file is empty")


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("just text\n", "a single value"),
                                            ("42\n", "a single value")])
def test_top_level_must_be_a_mapping(tmp_path, text, kind):
    problem = problem_of(tmp_path, text)
    assert problem.message == f"the file holds {kind}; expected a mapping of fields"


def test_non_utf8_names_the_byte_and_line(tmp_path):
    problem = problem_of(tmp_path, b"id: x\ntitle: ok\nsummary: M\xe9diation\n")
    assert problem.as_text() == ("modules/x.yml:3: byte 0xe9 is not valid UTF-8 "
                                 "(hint: save the file with UTF-8 encoding)")


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(strict_yaml, "MAX_BYTES", 4096)
    fits = "id: x\nbody: " + "a" * (4096 - len("id: x\nbody: ") - 1) + "\n"
    assert len(fits.encode()) == 4096
    assert data_of(tmp_path, fits)["id"] == "x"
    problem = problem_of(tmp_path, fits + "#" * 2048)
    assert (problem.line, problem.message) == (0, "the file is 6 KB; content files are limited to 4 KB")


def test_deep_nesting_is_refused_not_crashed(tmp_path):
    problem = problem_of(tmp_path, "a: " + "[" * 3000 + "]" * 3000 + "\n")
    assert (problem.line, problem.message) == (0, "the file is nested too deeply")


def test_problems_use_the_given_name(tmp_path):
    problem = problem_of(tmp_path, "- a\n")
    assert problem.file == "modules/x.yml"


ROOT = Path(__file__).parent.parent
YAML_FOLDERS = ["modules", "quizzes", "courses", "workshops", "translations", "local", "build_tools", "tests/fixtures"]


def _every_yaml_file() -> list[Path]:
    """Every YAML file of the project: content, course and workshop files, catalogs, test fixtures."""
    files = [p for folder in YAML_FOLDERS for p in (ROOT / folder).rglob("*.y*ml")] + list(ROOT.glob("*.y*ml"))
    return sorted(files)


@pytest.mark.parametrize("path", _every_yaml_file(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_reader_builds_what_the_pure_python_reader_builds(path):
    """libyaml reads the file (when it does) into exactly the values and lines PyYAML's own reader gives."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    fast = strict_yaml._compose_fast(text)
    if fast is None:
        return
    reader = strict_yaml._NodeReader(text)
    try:
        slow = reader.get_single_node()
    finally:
        reader.dispose()
    assert _build(fast, path.name) == _build(slow, path.name)


def _build(node, name: str) -> tuple:
    """What the builder makes of a node tree: values, lines and problems, or where it stopped."""
    builder = strict_yaml._Builder(name)
    try:
        data = builder.build(node, ())
    except strict_yaml._Stop as stop:
        return ("stopped", stop.line, stop.message)
    return data, builder.lines, builder.problems


def _course_files() -> list[Path]:
    folders = ["modules", "quizzes", "courses", "workshops"]
    return sorted(p for folder in folders for p in (ROOT / folder).glob("*.yml")) + [ROOT / "glossary.yml"]


def test_the_course_is_read_by_the_fast_reader():
    """The speed-up is real: every course file takes the libyaml path."""
    for path in _course_files():
        assert strict_yaml._compose_fast(path.read_text(encoding="utf-8")) is not None, path


# --- the event reader: values and lines straight from libyaml's events ------------------------------


def _by_both_readers(text: str, name: str = "modules/x.yml") -> tuple:
    """What `read_yaml` gives for `text` (the event reader first) and what the node reader alone gives,
    each as (data, lines in their order) or (None, problems)."""
    return _shown(strict_yaml._read_events(text) or strict_yaml._read_nodes(text, name)), _shown(
        strict_yaml._read_nodes(text, name)
    )


def _shown(result) -> tuple:
    document, problems = result if isinstance(result, tuple) else (result, [])
    if document is None:
        return None, problems
    return document.data, list(document.lines.items())


@pytest.mark.parametrize("path", _every_yaml_file(), ids=lambda p: str(p.relative_to(ROOT)))
def test_event_reader_builds_what_the_node_reader_builds(path):
    """Same data, same lines (in the same order), same problems, for every YAML file of the project."""
    raw = path.read_bytes()
    if len(raw) > strict_yaml.MAX_BYTES:
        return
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    events, nodes = _by_both_readers(text, path.name)
    assert events == nodes
    if "\ufffd" not in text and "\t" not in text:  # read_yaml stops bad bytes and tabs before either reader
        assert read_yaml(path, path.name) == strict_yaml._read_nodes(text, path.name)


def test_course_files_never_fall_back_to_the_node_reader(monkeypatch):
    """Every course file is read by the event reader alone (the node reader is not even called)."""

    def refuse(text, name):
        raise AssertionError(f"{name} fell back to the node reader")

    monkeypatch.setattr(strict_yaml, "_read_nodes", refuse)
    for path in _course_files():
        document, problems = read_yaml(path, path.name)
        assert problems == [] and document.data, path


EVERY_KIND = """\
# comment
id: x
"yes": no
'12': 2020-01-01
text: plain words
quoted: 'true'
double: "null"
empty:
tilde: ~
flag: false
count: -7
octal: 0o17
hex: 0x1f
ratio: .5
big: 6.02E+23
items: [a, 1, TRUE, {k: v}, [], {}]
block: |
  line one
  line two
folded: >
  folded
  text
nested:
  - id: q1
    options:
      - a
      -
      - c: 3
"""

EVERY_KIND_DATA = {
    "id": "x",
    "yes": "no",
    "12": "2020-01-01",
    "text": "plain words",
    "quoted": "true",
    "double": "null",
    "empty": None,
    "tilde": None,
    "flag": False,
    "count": -7,
    "octal": 15,
    "hex": 31,
    "ratio": 0.5,
    "big": 6.02e23,
    "items": ["a", 1, True, {"k": "v"}, [], {}],
    "block": "line one\nline two\n",
    "folded": "folded text\n",
    "nested": [{"id": "q1", "options": ["a", None, {"c": 3}]}],
}

EVERY_KIND_LINES = {
    (): 2, ("id",): 2, ("yes",): 3, ("12",): 4, ("text",): 5, ("quoted",): 6, ("double",): 7,
    ("empty",): 8, ("tilde",): 9, ("flag",): 10, ("count",): 11, ("octal",): 12, ("hex",): 13,
    ("ratio",): 14, ("big",): 15, ("items",): 16, ("items", 0): 16, ("items", 1): 16, ("items", 2): 16,
    ("items", 3): 16, ("items", 3, "k"): 16, ("items", 4): 16, ("items", 5): 16, ("block",): 17,
    ("folded",): 20, ("nested",): 23, ("nested", 0): 24, ("nested", 0, "id"): 24,
    ("nested", 0, "options"): 25, ("nested", 0, "options", 0): 26, ("nested", 0, "options", 1): 27,
    ("nested", 0, "options", 2): 28, ("nested", 0, "options", 2, "c"): 28,
}


def test_event_reader_keeps_every_value_kind_and_line():
    """Written out by hand, so a value the event reader dropped, retyped or misplaced fails here
    even if the node reader changed the same way."""
    document = strict_yaml._read_events(EVERY_KIND)
    assert document is not None
    assert document.data == EVERY_KIND_DATA
    assert [(key, type(value)) for key, value in document.data.items()] == [
        (key, type(value)) for key, value in EVERY_KIND_DATA.items()
    ]
    assert document.lines == EVERY_KIND_LINES
    assert _by_both_readers(EVERY_KIND)[1] == (EVERY_KIND_DATA, list(document.lines.items()))


def _nested(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


BAD_OR_UNUSUAL = {
    "duplicate keys": "id: x\ntitle: a\nnested:\n  k: 1\n  k: 2\ntitle: b\n",
    "python tag": "id: x\nvalue: !!python/object/apply:os.system ['true']\n",
    "str tag": "id: x\nvalue: !!str 12\n",
    "non-specific tag": "id: x\nvalue: ! 12\n",
    "tagged mapping": "id: x\nvalue: !!map {a: 1}\n",
    "tagged key": "id: x\n!!str key: 1\n",
    "custom tag": "id: x\nvalue: !custom x\n",
    "anchor and alias": "a: &x [1, 2]\nb: *x\n",
    "anchored scalar": "a: &x 1\nb: *x\n",
    "alias as key": "a: &x k\n*x : 2\n",
    "alias bomb": "\n".join(
        ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        + [f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    )
    + "\n",
    "number, null and boolean keys": "id: x\n1: one\n~: nothing\ntrue: yes\n? [a]\n: list\n",
    "empty key": "id: x\n: value\n",
    "mapping as key": "id: x\n? {a: 1}\n: value\n",
    "deep nesting": _nested(3000),
    "empty": "",
    "only a comment": "# only a comment\n",
    "document marker only": "---\n",
    "null document": "~\n",
    "top-level list": "- a\n- b\n",
    "top-level text": "just text\n",
    "two documents": "id: x\n---\nid: y\n",
    "syntax error": "id: x\ntitle: ok\nsummary: Mediation: a tool\n",
    "unclosed quote": "id: x\ntitle: 'open\n",
    "tab after a key": "id:\tx\n",
    "control character": "id: x\x07\n",
    "merge key": "base: &b {a: 1}\nother:\n  <<: *b\n",
}


@pytest.mark.parametrize("text", BAD_OR_UNUSUAL.values(), ids=BAD_OR_UNUSUAL.keys())
def test_unusual_input_is_left_to_the_node_reader(text):
    """The event reader gives up on each of these, so read_yaml gives exactly the node reader's answer."""
    assert strict_yaml._read_events(text) is None
    events, nodes = _by_both_readers(text)
    assert events == nodes


@pytest.mark.parametrize("text", BAD_OR_UNUSUAL.values(), ids=BAD_OR_UNUSUAL.keys())
def test_unusual_input_gives_the_same_problems_through_read_yaml(tmp_path, text):
    assert read(tmp_path, text) == strict_yaml._read_nodes(text, "modules/x.yml")


def test_nesting_up_to_the_event_depth_is_read_by_events_and_deeper_by_nodes():
    depth = strict_yaml.EVENT_DEPTH
    at_limit, beyond = _nested(depth - 1), _nested(depth)  # the root mapping is one level
    assert strict_yaml._read_events(at_limit) is not None
    assert strict_yaml._read_events(beyond) is None
    for text in (at_limit, beyond):
        events, nodes = _by_both_readers(text)
        assert events == nodes and events[0] is not None


def test_more_values_than_the_limit_without_aliases(monkeypatch):
    """The event reader stops counting where the node reader would stop the file, and leaves it to it."""
    monkeypatch.setattr(strict_yaml, "MAX_VALUES", 10)
    fits = "items: [" + ", ".join(["a"] * 8) + "]\n"  # the root, the list and 8 items
    too_many = "items: [" + ", ".join(["a"] * 9) + "]\n"
    assert strict_yaml._read_events(fits) is not None
    assert strict_yaml._read_events(too_many) is None
    assert _by_both_readers(too_many)[0] == (
        None,
        [
            Problem(
                "modules/x.yml",
                1,
                "",
                "the file expands to more than 10 values",
                "anchors and aliases (&name, *name) are repeated too often",
            )
        ],
    )


def test_plain_scalars_resolve_as_the_core_resolver_does():
    """Every first character the resolver knows, and a few it does not, give the same type both ways."""
    words = ["", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "FALSE", "yes",
             "0", "-0", "+1", "010", "0o17", "0o8", "0x1F", "0xg", "1.", ".5", "-.5", "1e3", "1E+3", "1e", ".",
             "-", "+", "1_0", "2020-01-01", "12:30", "nan", ".inf", "n", "t", "f"]
    for word in words:
        node = yaml.ScalarNode(strict_yaml._CoreResolver().resolve(yaml.ScalarNode, word, (True, False)), word)
        expected = strict_yaml._typed(node.value, node.tag)
        value = strict_yaml._plain_scalar(word)
        assert (type(value), value) == (type(expected), expected), word


def test_control_characters_are_refused_at_their_line(tmp_path):
    problem = problem_of(tmp_path, "id: x\ntitle: a\x07b\n")
    assert (problem.line, problem.message) == (2, "the character U+0007 is not allowed in a content file")
