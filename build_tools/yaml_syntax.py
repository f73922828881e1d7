"""YAML syntax errors in a trainer's terms: what is wrong, in which column, and what to do.

PyYAML says "mapping values are not allowed here" or "expected <block end>, but found '-'"; a
trainer needs "a colon followed by a space starts a new field: put this text in quotes". Each rule
below recognises one common mistake from the parser's message and the line it points at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import yaml

SHOWN = 50  # characters of the author's text repeated in a hint
INDENT_HINT = (
    "fields of the same thing start in the same column, and so do the `-` of the items of one list; "
    "to write a text over several lines, write `field: |` and indent the lines below it"
)
QUOTE_HINT = "put this text in quotes: {example}"


@dataclass(frozen=True)
class _Mark:
    """A place in the file: 1-based line and column, and the text of that line."""

    line: int
    column: int
    text: str

    @property
    def char(self) -> str:
        return self.text[self.column - 1 : self.column] or " "


@dataclass(frozen=True)
class _Error:
    context: str
    problem: str
    at: _Mark  # where the parser stopped
    opened: _Mark  # where the unfinished thing began (a quote, a list), or `at`
    lines: tuple[str, ...] = ()  # the whole file, for rules that look back


Explanation = tuple[int, str, str]  # line, message, hint


def explain_syntax_error(error: yaml.MarkedYAMLError, lines: list[str]) -> Explanation:
    """The line to report, the message and the hint for one parser error."""
    at = _mark(error.problem_mark or error.context_mark, lines)
    opened = _mark(error.context_mark, lines) if error.context_mark else at
    found = _Error(error.context or "", error.problem or "", at, opened, tuple(lines))
    for applies, explain in RULES:
        if applies(found):
            return explain(found)
    return _unknown(found)


def _mark(mark, lines: list[str]) -> _Mark:
    if mark is None:
        return _Mark(0, 0, "")
    text = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return _Mark(mark.line + 1, mark.column + 1, text)


def _unclosed_quote(e: _Error) -> Explanation:
    quote = e.opened.char if e.opened.char in "'\"" else '"'
    return (
        e.opened.line,
        f"the quote {quote} at column {e.opened.column} is never closed",
        f"add the closing {quote} at the end of the text",
    )


def _bad_escape(e: _Error) -> Explanation:
    return (
        e.at.line,
        f'a backslash (\\) in a "..." text starts a special character (column {e.at.column})',
        "write \\\\ for a backslash, or put the text in single quotes '...' instead",
    )


def _colon_or_indent(e: _Error) -> Explanation:
    """The parser found `key: value` where it cannot be: a second `: ` on a line, or a field indented too far."""
    before = _content(e.at.text)[: max(0, e.at.column - 1 - _indent(e.at.text))]
    if ": " in before or before.endswith(":"):
        return (
            e.at.line,
            f"at column {e.at.column}, a colon followed by a space starts a new field, but this line already has one",
            QUOTE_HINT.format(example=_quoted_example(e.at.text)),
        )
    return (
        e.at.line,
        f"this line is indented more than the field above it (column {_indent(e.at.text) + 1})",
        INDENT_HINT,
    )


def _not_a_field(e: _Error) -> Explanation:
    return (
        e.opened.line,
        "this line is neither a field (`name: value`) nor a list item (`- ...`)",
        "if it continues the text above, indent it under that field; " + INDENT_HINT.split("; ")[1],
    )


def _stray_dash(e: _Error) -> Explanation:
    return (
        e.at.line,
        f"a list item (`-`) at column {e.at.column}, where fields were expected",
        "remove the `-`, or indent the item under the field that holds the list, such as `takeaways:`",
    )


def _text_after_value(e: _Error) -> Explanation:
    opened = _run_on_quote(e)
    if opened:  # `title: "Mediation` ... `site_url: ""`: the quote closed lines later, by another's quote
        return (
            opened.line,
            f"the quote {opened.char} at column {opened.column} is not closed on its line: the text runs on "
            f"to line {e.at.line}",
            f"add the closing {opened.char} at the end of the text",
        )
    value = _value(e.at.text)
    if value[:1] in ("'", '"'):
        return (
            e.at.line,
            f"the text goes on after its closing quote (column {e.at.column})",
            "put quotes only at the very start and end of the text; inside '...' write an apostrophe as '' "
            '(two), or use "..." for a text with apostrophes',
        )
    if value[:1] in ("[", "{"):
        return (
            e.at.line,
            f"a text that starts with {value[0]} is read as a list (column {e.at.column})",
            QUOTE_HINT.format(example=_quoted_example(e.at.text)),
        )
    return _misaligned(e)


def _run_on_quote(e: _Error) -> _Mark | None:
    """Where a quoted text began when it ran over several lines and closed just before the place the
    parser stopped at: a text in quotes may continue on the next lines, so a missing closing quote
    shows only where a later quote closes it."""
    last = None
    try:
        for token in yaml.scan("\n".join(e.lines)):
            if (token.start_mark.line + 1, token.start_mark.column + 1) >= (e.at.line, e.at.column):
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
        return None
    start, end = last.start_mark, last.end_mark
    if start.line == end.line or end.line + 1 != e.at.line:
        return None
    return _mark(start, list(e.lines))


def _misaligned(e: _Error) -> Explanation:
    return e.at.line, f"this line is not lined up with the lines above it (column {e.at.column})", INDENT_HINT


def _tab(e: _Error) -> Explanation:
    return e.at.line, f"a tab character at column {e.at.column}", "replace the tab with spaces"


def _symbol_first(e: _Error) -> Explanation:
    mark = e.opened if "alias" in e.context or "anchor" in e.context else e.at
    return (
        mark.line,
        f"a text cannot start with {mark.char} unless it is in quotes (column {mark.column})",
        QUOTE_HINT.format(example=_quoted_example(mark.text)),
    )


def _unclosed_list(e: _Error) -> Explanation:
    bracket = e.opened.char if e.opened.char in "[{" else "["
    closing = {"[": "]", "{": "}"}[bracket]
    return (
        e.opened.line,
        f"the {bracket} at column {e.opened.column} is not closed with {closing} on its line",
        f"close it with {closing}, as in `[first-id, second-id]`; a text that starts with {bracket} must be in quotes",
    )


def _second_document(e: _Error) -> Explanation:
    return (
        e.at.line,
        "a second document starts here (`---`); a content file holds one",
        "remove the `---` line, or move what follows it into a file of its own",
    )


def _unknown(e: _Error) -> Explanation:
    message = " ".join(filter(None, [e.context, e.problem]))
    return (
        e.at.line,
        f"YAML syntax error at column {e.at.column}: {message}",
        "check the indentation, and put in quotes any text that contains ': ' or starts with a symbol",
    )


RULES: list[tuple[Callable[[_Error], bool], Callable[[_Error], Explanation]]] = [
    (lambda e: "quoted scalar" in e.context and "end of stream" in e.problem, _unclosed_quote),
    (lambda e: "quoted scalar" in e.context, _bad_escape),
    (lambda e: e.problem.startswith("mapping values are not allowed"), _colon_or_indent),
    (lambda e: "could not find expected ':'" in e.problem, _not_a_field),
    (lambda e: e.problem.endswith("but found '-'"), _stray_dash),
    (lambda e: e.problem.endswith("but found '<scalar>'"), _text_after_value),
    (lambda e: "expected <block end>" in e.problem, _misaligned),
    (lambda e: "found character '\\t'" in e.problem, _tab),
    (lambda e: "cannot start any token" in e.problem, _symbol_first),
    (lambda e: "while scanning an alias" in e.context or "while scanning an anchor" in e.context, _symbol_first),
    (lambda e: "found undefined alias" in e.problem, _symbol_first),
    (lambda e: "flow sequence" in e.context or "flow mapping" in e.context, _unclosed_list),
    (lambda e: "expected a single document" in e.context + e.problem, _second_document),
]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content(text: str) -> str:
    """The line without its indentation and list dash."""
    stripped = text.strip()
    return stripped[2:].lstrip() if stripped.startswith("- ") else stripped


def _value(text: str) -> str:
    content = _content(text)
    return content.split(": ", 1)[1].strip() if ": " in content else content


def _quoted_example(text: str) -> str:
    """The line as it should be written: its text in quotes (shortened when long)."""
    content = _content(text)
    key, value = content.split(": ", 1) if ": " in content else ("", content)
    value = value.strip()
    if value[:1] in ("'", '"') and value[-1:] != value[:1]:
        value = value[1:]
    if len(value) > SHOWN:
        value = value[: SHOWN - 3].rstrip() + "..."
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    prefix = "- " if text.strip().startswith("- ") else ""
    return f"{prefix}{key}: {quoted}" if key else f"{prefix}{quoted}"
