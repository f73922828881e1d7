"""Markdown (the authors' subset) to Typst markup: build_tools/handouts/typst_markup.py.

Two kinds of test. The first pins the markup each construct becomes and then compiles it, reading
the element tree back with `typst.query`, so that a list really is a list with its start number, a
table really has a header row. The second is about injection: author text full of Typst syntax
(`#import`, `#sys.inputs`, brackets, comments, math, labels, references, backslashes, markers at
line start, unicode escapes) is compiled through a small document that does what the handout
template does (`eval(text, mode: "markup")`), and the PDF text (pypdf) must show exactly the
author's characters, with no element that the text could only have produced by being executed.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
import typst

from build_tools.handouts.typst_markup import escape, inline_to_typst, string, to_typst

# The same call as the template's `md(s)`, with its fonts and language.
PROBE = """\
#set document(title: "probe")
#set text(lang: "en", font: ("Libertinus Serif", "DejaVu Sans"), fallback: true)
#eval(sys.inputs.markup, mode: "markup")
"""

# Elements that author text must never produce unless its Markdown asked for them.
STRUCTURE = ("heading", "list", "enum", "math.equation", "raw", "link", "ref", "strong", "emph", "quote", "table")


class Probe:
    """Compiles Typst markup in the probe document and reads back its text and elements."""

    def __init__(self, path: Path):
        self.path = path

    def pdf(self, markup: str) -> bytes:
        return typst.compile(str(self.path), sys_inputs={"markup": markup})

    def text(self, markup: str) -> str:
        """The PDF's text with whitespace collapsed (line breaks are layout, not content)."""
        reader = pypdf.PdfReader(io.BytesIO(self.pdf(markup)))
        return " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    def query(self, markup: str, selector: str) -> list[dict]:
        return json.loads(typst.query(str(self.path), selector, sys_inputs={"markup": markup}))

    def counts(self, markup: str) -> dict[str, int]:
        """How many of each structural element the markup produced (only those present)."""
        found = {selector: len(self.query(markup, selector)) for selector in STRUCTURE}
        found["<label>"] = len(self.query(markup, "<label>"))
        return {name: count for name, count in found.items() if count}


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> Probe:
    path = tmp_path_factory.mktemp("typst-probe") / "probe.typ"
    path.write_text(PROBE, encoding="utf-8")
    return Probe(path)


def plain(element) -> str:
    """The text of a queried element tree, words separated by single spaces."""

    def walk(node) -> str:
        if isinstance(node, list):
            return "".join(walk(n) for n in node)
        if not isinstance(node, dict):
            return ""
        if node.get("func") in ("space", "parbreak", "linebreak"):
            return " "
        if node.get("func") == "item":  # a list item: a word apart from its neighbours
            return " " + walk(node.get("body")) + " "
        if isinstance(node.get("text"), str):  # text, symbol (an escaped character), raw
            return node["text"]
        return "".join(walk(node[key]) for key in ("body", "children") if key in node)

    return " ".join(walk(element).split())


# --- every construct of the subset ------------------------------------------------------------


def test_paragraphs_are_separated_by_a_blank_line_and_soft_breaks_become_spaces(probe):
    markup = to_typst("One line\nand its continuation.\n\nA second paragraph.")
    assert markup == "One line and its continuation\\.\n\nA second paragraph\\."
    pars = probe.query(markup, "par")
    assert [plain(p["body"]) for p in pars] == ["One line and its continuation.", "A second paragraph."]


def test_a_hard_line_break_is_a_typst_linebreak(probe):
    markup = to_typst("First line  \nsecond line")
    assert markup == "First line#linebreak()second line"
    assert probe.text(markup) == "First line second line"


def test_strong_and_emphasis_become_function_calls_and_nest(probe):
    assert to_typst("a **b** c") == "a #strong[b] c"
    assert to_typst("a *b* c") == "a #emph[b] c"
    assert to_typst("a _b_ c") == "a #emph[b] c"
    markup = to_typst("**bold with *em* inside**")
    assert markup == "#strong[bold with #emph[em] inside]"
    strong = probe.query(markup, "strong")
    assert len(strong) == 1 and plain(strong[0]["body"]) == "bold with em inside"
    assert [plain(e["body"]) for e in probe.query(markup, "emph")] == ["em"]


def test_inline_code_is_a_raw_string_literal(probe):
    markup = to_typst('Type `#import "x": *` or `a\\b`.')
    assert markup == 'Type #raw("#import \\"x\\": *") or #raw("a\\\\b")\\.'
    assert [r["text"] for r in probe.query(markup, "raw")] == ['#import "x": *', "a\\b"]
    assert probe.text(markup) == 'Type #import "x": * or a\\b.'


def test_links_keep_their_address_and_their_text(probe):
    markup = to_typst("See [the **UN** guidance](https://example.org/a?b=1&c=2#part).")
    assert markup == 'See #link("https://example.org/a?b=1&c=2#part")[the #strong[UN] guidance]\\.'
    [link] = probe.query(markup, "link")
    assert link["dest"] == "https://example.org/a?b=1&c=2#part"
    assert plain(link["body"]) == "the UN guidance"


def test_an_autolink_and_an_address_with_quotes_stay_inside_the_string(probe):
    markup = to_typst('<https://example.org/x> and [t](https://example.org/"#panic("x"))')
    dests = [link["dest"] for link in probe.query(markup, "link")]
    assert dests == ["https://example.org/x", "https://example.org/%22#panic(%22x%22)"]
    assert probe.text(markup) == "https://example.org/x and t"


def test_a_bullet_list_has_one_item_per_markdown_item(probe):
    markup = to_typst("- one\n- two\n- three")
    assert markup == "#list([one], [two], [three])"
    [bullets] = probe.query(markup, "list")
    assert [plain(item["body"]) for item in bullets["children"]] == ["one", "two", "three"]


def test_a_numbered_list_keeps_its_start_number(probe):
    assert to_typst("1. one\n2. two") == "#enum(start: 1, [one], [two])"
    markup = to_typst("3. three\n4. four")
    assert markup == "#enum(start: 3, [three], [four])"
    [numbered] = probe.query(markup, "enum")
    assert numbered["start"] == 3
    assert [plain(item["body"]) for item in numbered["children"]] == ["three", "four"]
    assert probe.text(markup) == "3. three 4. four"


def test_nested_lists_stay_inside_their_parent_item(probe):
    markup = to_typst("1. first\n   - a\n   - b\n2. second\n\n   more text")
    [numbered] = probe.query(markup, "enum")
    assert len(numbered["children"]) == 2
    [inner] = probe.query(markup, "list")
    assert [plain(item["body"]) for item in inner["children"]] == ["a", "b"]
    first, second = (plain(item["body"]) for item in numbered["children"])
    assert first == "first a b"
    assert second == "second more text"
    assert probe.text(markup) == "1. first • a • b 2. second more text"


def test_a_quote_is_a_block_quote_and_keeps_its_inline_markup(probe):
    markup = to_typst("> Consent is *the* test.\n>\n> - a list inside")
    [quote] = probe.query(markup, "quote")
    assert quote["block"] is True
    assert plain(quote["body"]).startswith("Consent is the test.")
    assert probe.query(markup, "emph") and probe.query(markup, "list")


def test_a_table_has_a_header_row_and_its_cells_in_order(probe):
    source = "| Method | Who **decides** |\n|:--|--:|\n| Mediation | the parties |\n| Arbitration | an arbitrator |"
    markup = to_typst(source)
    assert markup == (
        "#table(columns: 2, table.header([Method], [Who #strong[decides]]), "
        "[Mediation], [the parties], [Arbitration], [an arbitrator])"
    )
    [table] = probe.query(markup, "table")
    header, *cells = table["children"]
    assert header["func"] == "header"
    assert [plain(c["body"]) for c in header["children"]] == ["Method", "Who decides"]
    assert [plain(c["body"]) for c in cells] == ["Mediation", "the parties", "Arbitration", "an arbitrator"]


def test_a_table_with_a_header_only_still_compiles(probe):
    markup = to_typst("| A | B |\n|---|---|")
    assert markup.startswith("#table(columns: 2, table.header([A], [B])")
    assert probe.text(markup) == "A B"


def test_inline_to_typst_gives_inline_markup_for_titles_and_options(probe):
    assert inline_to_typst("The **parties** decide") == "The #strong[parties] decide"
    assert inline_to_typst("Consent, [read more](https://example.org)") == (
        'Consent\\, #link("https://example.org")[read more]'
    )
    assert probe.text(inline_to_typst("A *key* idea")) == "A key idea"


def test_markdown_outside_the_subset_is_refused_rather_than_dropped():
    for source in ("# A heading", "![alt](x.png)", "```\ncode\n```", "---"):
        with pytest.raises(ValueError, match="unsupported Markdown"):
            to_typst(source)


def test_raw_html_is_shown_as_text_as_the_site_shows_it(probe):
    markup = inline_to_typst("Who decides? </script><script>alert(1)</script>")
    assert probe.text(markup) == "Who decides? </script><script>alert(1)</script>"


@pytest.mark.parametrize("source", ["> 50% of MPs", "1999. A year of talks", "# of seats", "- 5 votes"])
def test_inline_text_that_looks_like_a_block_keeps_its_characters_as_on_the_site(probe, source):
    # The site renders these with markdown-it's renderInline, which shows them unchanged.
    assert probe.text(inline_to_typst(source)) == source


# --- injection: author text shows as written and never runs -----------------------------------

# Text exactly as an author might type it in a title, a heading or a plain-text field (escape()).
PLAIN_TEXTS = [
    '#import "x": *',
    "#sys.inputs",
    '#sys.inputs.at("data")',
    '#read("/etc/passwd")',
    '#upper("executed")',
    "#let x = 1",
    "a ] b [ c",
    "]) #strong[bold] ([",
    "x // not a comment",
    "a /* not a comment */ b",
    "$x^2$ is not maths",
    "<label> and <other-label>",
    "@ref and someone@example.org",
    "back\\slash \\ and \\\\ and a trailing \\",
    "*not strong* and _not em_",
    "= not a heading",
    "== not a heading either",
    "- not a list item",
    "+ not a numbered item",
    "/ Term: not a term list",
    "1. not an enum",
    "`not code`",
    "```not a raw block```",
    "u{41} and \\u{41} and \\u{1F600}",
    "~ -- --- ... 'single' \"double\"",
    "https://example.org/not-a-link",
    "#{ panic() }",
    "50 % and 100$ and & and |",
    "Ünïcödé — dash, «quotes», Ελληνικά, кириллица",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_escaped_text_shows_exactly_the_authors_characters(probe, text):
    markup = escape(text)
    assert probe.text(markup) == " ".join(text.split())
    assert probe.counts(markup) == {}, "author text produced Typst structure"


def test_escape_never_leaves_a_special_character_unescaped():
    text = "".join(chr(c) for c in range(0x21, 0x7F))
    markup = escape(text)
    unescaped = [ch for i, ch in enumerate(markup) if not ch.isalnum() and (i == 0 or markup[i - 1] != "\\")]
    # every backslash in the output is either an escape or an escaped backslash
    assert all(ch == "\\" for ch in unescaped)
    assert markup.replace("\\", "") == text.replace("\\", "")


def test_escape_collapses_line_breaks_so_no_author_line_starts_a_typst_line(probe):
    markup = escape("first line\n= second line\n- third line")
    assert "\n" not in markup
    assert probe.text(markup) == "first line = second line - third line"
    assert probe.counts(markup) == {}


# Markdown as an author writes it in a body, and the text the site shows for it: the Markdown is
# honoured (a backslash escape, an entity), everything else is shown as written.
MARKDOWN_TEXTS = [
    ('Typst code #import "x": * stays text.', 'Typst code #import "x": * stays text.'),
    ("Read #sys.inputs or #sys.inputs.data here.", "Read #sys.inputs or #sys.inputs.data here."),
    (
        'Nothing runs: #upper("executed") #read("/etc/passwd").',
        'Nothing runs: #upper("executed") #read("/etc/passwd").',
    ),
    ("Brackets ] close [ nothing ]).", "Brackets ] close [ nothing ])."),
    ("A // comment marker and a /* block */ marker.", "A // comment marker and a /* block */ marker."),
    ("Costs $5 and $x$ is text.", "Costs $5 and $x$ is text."),
    ("A \\<label\\> and &lt;other&gt; label.", "A <label> and <other> label."),
    ("Ask @ref or mail a@example.org.", "Ask @ref or mail a@example.org."),
    ("A back \\ slash and a \\\\ double.", "A back \\ slash and a \\ double."),
    ("2 * 3 * 4 and snake_case_name.", "2 * 3 * 4 and snake_case_name."),
    ("= not a heading", "= not a heading"),
    ("Intro\n= not a heading either", "Intro = not a heading either"),
    ("\\- not a list item", "- not a list item"),
    ("\\+ not a list item", "+ not a list item"),
    ("A literal \\` backtick.", "A literal ` backtick."),
    ('Code `#eval("1 + 1")` and `"); #panic("x`.', 'Code #eval("1 + 1") and "); #panic("x.'),
    ("Code `\\u{41}` and text \\u{41} and u{41}.", "Code \\u{41} and text \\u{41} and u{41}."),
    ("Dashes -- --- and dots ... and ~ tilde.", "Dashes -- --- and dots ... and ~ tilde."),
    ("Quotes 'single' and \"double\".", "Quotes 'single' and \"double\"."),
    ("See https://example.org/plain as text.", "See https://example.org/plain as text."),
    ("**Bold #strong[x]** and *em ]*", "Bold #strong[x] and em ]"),
]


@pytest.mark.parametrize(("source", "shown"), MARKDOWN_TEXTS, ids=[s for s, _ in MARKDOWN_TEXTS])
def test_markdown_body_shows_the_authors_characters_and_runs_nothing(probe, source, shown):
    markup = to_typst(source)
    assert probe.text(markup) == shown
    produced = probe.counts(markup)
    expected = {}
    if "`" in source.replace("\\`", ""):
        expected["raw"] = source.replace("\\`", "").count("`") // 2
    if "**" in source:
        expected["strong"] = 1
    if "*em" in source:
        expected["emph"] = 1
    assert produced == expected, "author text produced Typst structure it did not ask for"


@pytest.mark.parametrize(("source", "shown"), MARKDOWN_TEXTS[:10], ids=[s for s, _ in MARKDOWN_TEXTS[:10]])
def test_inline_markdown_shows_the_authors_characters(probe, source, shown):
    assert probe.text(inline_to_typst(source)) == shown


def test_injection_inside_every_construct_runs_nothing(probe):
    payload = '#read("/etc/passwd") ] #sys.inputs $x$ <l> @r // c'
    in_link = payload.replace("]", "\\]")  # Markdown's own escape: a bare ] would end the link text
    source = (
        f"**{payload}** *{payload}* [{in_link}](https://example.org)\n\n"
        f"- {payload}\n\n3. {payload}\n\n> {payload}\n\n| {payload} |\n|---|\n| {payload} |"
    )
    markup = to_typst(source)
    text = probe.text(markup)
    shown = '#read("/etc/passwd") ] #sys.inputs $x$ <l> @r // c'
    assert text.count(shown) == 8, text  # a table shows it twice: header and body
    assert probe.counts(markup) == {"strong": 1, "emph": 1, "link": 1, "list": 1, "enum": 1, "quote": 1, "table": 1}


def test_string_literals_take_any_text(probe):
    for text in ['a "quoted" \\ back', "\\u{41}", "line\nbreak", "#panic()"]:
        markup = f"#raw({string(text)})"
        [raw] = probe.query(markup, "raw")
        assert raw["text"] == text
