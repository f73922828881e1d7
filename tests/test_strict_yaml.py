"""The strict YAML reader: YAML 1.2 core scalars, line numbers, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _every_yaml_file() -> list[Path]:
    root = Path(__file__).parent.parent
    folders = [root / "modules", root / "quizzes", root / "tests" / "fixtures"]
    return sorted(p for folder in folders for p in folder.rglob("*.y*ml"))


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


def test_the_course_is_read_by_the_fast_reader():
    """The speed-up is real: every course file takes the libyaml path."""
    root = Path(__file__).parent.parent
    for path in sorted((root / "modules").glob("*.yml")) + sorted((root / "quizzes").glob("*.yml")):
        assert strict_yaml._compose_fast(path.read_text(encoding="utf-8")) is not None, path
