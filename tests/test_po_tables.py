"""The build's quick PO reader (i18n/po_tables.py) gives exactly what Babel's reading gives.

`read_table` must return `catalogs.read_catalog`'s table and problems (path, line, message) for every
file: the course's PO files, the test fixtures, hand-made bad files, and many files broken at random.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from build_tools.i18n.catalogs import PO_LINE, entries, read_catalog
from build_tools.i18n.po_tables import quick_table, read_table

ROOT = Path(__file__).resolve().parent.parent
COURSE_FILES = sorted((ROOT / "translations").rglob("*.po"))
FIXTURE_FILES = sorted((ROOT / "tests" / "fixtures").rglob("*.po"))
HEADER = """# French translation.
#
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"""
RICH = (
    HEADER
    + r"""
#. A comment for the translator.
msgctxt "a/title"
msgid "Mediation"
msgstr "Médiation"

# A translator's note.
#, fuzzy
#| msgid "Old"
#| "er English"
msgctxt "a/body"
msgid ""
"A long sentence "
"on two lines."
msgstr ""
"Une longue phrase "
"sur deux lignes."

#, python-format, fuzzy
msgid "Escapes: \t \" \\ \n \r \a \101 \x41 \?"
msgstr "Échappements : \t \" \\ \n"

#,fuzzy
msgctxt ""
msgid "Flags without a space"
msgstr "Drapeaux"

#, no-fuzzy
msgid "Not fuzzy"
msgstr ""

#~ msgctxt "a/gone"
#~ msgid "Removed"
#~ msgstr "Supprimé"
"""
)


def babel_reading(path: Path, name: str):
    """What the build read before the quick reader: Babel's catalog and `read_catalog`'s problems."""
    catalog, problems = read_catalog(path, name)
    return (entries(catalog) if catalog else {}), problems


def same_reading(tmp_path: Path, text: str | bytes) -> tuple:
    path = tmp_path / "sample.po"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    quick = read_table(path, "translations/fr/sample.po")
    assert quick == babel_reading(path, "translations/fr/sample.po"), text
    return quick


@pytest.mark.parametrize("path", COURSE_FILES + FIXTURE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_po_file_reads_as_babel_reads_it(path: Path):
    assert read_table(path, "x.po") == babel_reading(path, "x.po")


@pytest.mark.parametrize("path", COURSE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_course_files_are_read_without_babel(path: Path):
    assert quick_table(path.read_text(encoding="utf-8")) is not None


def test_flags_contexts_escapes_lines_and_obsolete_entries_read_as_babel_reads_them(tmp_path):
    table, problems = same_reading(tmp_path, RICH)
    assert quick_table(RICH) is not None and problems == []
    assert table[("a/body", "A long sentence on two lines.")].fuzzy
    assert table[("a/body", "A long sentence on two lines.")].line == 18
    assert not table[("", "Not fuzzy")].fuzzy
    assert ("a/gone", "Removed") not in table


BAD = {
    "unclosed quote": HEADER + '\nmsgid "a\nmsgstr "b"\n',
    "duplicate": HEADER + '\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "duplicate through an empty context": HEADER + '\nmsgid "a"\nmsgstr "b"\n\nmsgctxt ""\nmsgid "a"\nmsgstr "c"\n',
    "duplicate of an obsolete entry": HEADER + '\nmsgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    "conflict marker": HEADER + '\n#-#-#-#-# one #-#-#-#-#\nmsgid "a"\nmsgstr "b"\n',
    "continuation after a comment": HEADER + '\n# note\n"stray"\nmsgid "a"\nmsgstr "b"\n',
    "missing msgstr": HEADER + '\nmsgid "a"\n\nmsgid "b"\nmsgstr "c"\n',
    "unknown keyword": HEADER + '\nmsgid "a"\nmsgstring "b"\n',
    "plural beyond the header's forms": HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[5] "c"\n',
    "unknown language": HEADER.replace("Language: fr", "Language: xx_Qq_zz") + '\nmsgid "a"\nmsgstr "b"\n',
    "bad plural forms": HEADER + '"Plural-Forms: nplurals=many;\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "bad date": HEADER + '"POT-Creation-Date: yesterday\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "unbalanced isolate in a location": HEADER + '\n#: \u2068a file.py:3\nmsgid "a"\nmsgstr "b"\n',
    "obsolete previous line": HEADER + '\n#~| msgid "x"\n#~ msgid "a"\n#~ msgstr "b"\n',
    "comment between msgid and msgstr": HEADER + '\nmsgid "a"\n# note\nmsgstr "b"\n',
    "text after the closing quote": HEADER + '\nmsgid "a" b\nmsgstr "b"\n',
    "unknown escape": HEADER + '\nmsgid "a\\q"\nmsgstr "b"\n',
}
UNUSUAL_BUT_READABLE = {
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "no final newline": HEADER + '\nmsgid "a"\nmsgstr "b"',
    "empty file": "",
    "only comments": "# nothing yet\n#. nor here\n",
    "Windows line ends": (HEADER + '\nmsgid "a"\nmsgstr "b"\n').replace("\n", "\r\n"),
    "indented lines": HEADER + '\n  msgid "a"\n\tmsgstr "b"\n',
    "a tab after the keyword": HEADER + '\nmsgid\t"a"\nmsgstr "b"\n',
    "space after the closing quote": HEADER + '\nmsgid "a"  \nmsgstr "b"\n',
    "whitespace-only line": HEADER + '\n   \nmsgid "a"\nmsgstr "b"\n',
    "latin-1 charset": HEADER.replace("UTF-8", "ISO-8859-1") + '\nmsgid "a"\nmsgstr "b"\n',
    "two headers": HEADER + "\n" + HEADER + '\nmsgid "a"\nmsgstr "b"\n',
    "a plural entry": HEADER + '\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n',
    "comments after the last entry": HEADER + '\nmsgid "a"\nmsgstr "b"\n\n# the end\n',
    "a byte order mark": "\ufeff" + HEADER + '\nmsgid "a"\nmsgstr "b"\n',
    "a context split over lines": HEADER + '\nmsgctxt ""\n"a/"\n"b"\nmsgid "a"\nmsgstr "b"\n',
}


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_a_bad_file_gives_babels_problems_with_their_lines(tmp_path, text):
    table, problems = same_reading(tmp_path, text)
    assert problems and table == {}


@pytest.mark.parametrize("text", UNUSUAL_BUT_READABLE.values(), ids=UNUSUAL_BUT_READABLE.keys())
def test_an_unusual_file_reads_as_babel_reads_it(tmp_path, text):
    same_reading(tmp_path, text)


def test_a_file_that_is_not_utf8_gives_babels_problem(tmp_path):
    same_reading(tmp_path, HEADER.encode() + b'\nmsgid "a"\nmsgstr "\xe9"\n')


PIECES = [
    '"', "\\", "\n", "\n\n", " ", "\t", "\r", "#", "#~ ", "#, fuzzy\n", "#,fuzzy\n", "#| ", '"\n"', "\u2068",
    'msgctxt "c"\n', 'msgid "d"\n', 'msgstr "e"\n', 'msgid ""\n', 'msgid_plural "p"\n', "msgstr[1] ", "\\n", "\\x4",
    "#-", '"Language: zz\\n"\n', '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
]  # fmt: skip
"""What a hand edit or a broken tool may leave in a PO file."""


def mutated(text: str, chance: random.Random) -> str:
    """`text` with one to three random edits: a line dropped, doubled or moved, or a piece inserted."""
    for _ in range(chance.randint(1, 3)):
        lines = text.split("\n")
        edit = chance.randrange(4)
        at = chance.randrange(len(lines))
        if edit == 0:
            del lines[at]
        elif edit == 1:
            lines.insert(at, lines[chance.randrange(len(lines))])
        elif edit == 2:
            lines.insert(chance.randrange(len(lines)), lines.pop(at))
        else:
            line = lines[at]
            cut = chance.randrange(len(line) + 1)
            lines[at] = line[:cut] + chance.choice(PIECES) + line[cut:]
        text = "\n".join(lines)
    return text


@pytest.mark.parametrize("seed", range(4))
def test_files_broken_at_random_read_as_babel_reads_them(tmp_path, seed):
    chance = random.Random(seed)
    originals = [RICH, (ROOT / "translations/fr/quizzes/action-plan.po").read_text(encoding="utf-8")]
    quick = 0
    for _ in range(150):
        text = mutated(chance.choice(originals), chance)
        same_reading(tmp_path, text)
        quick += quick_table(text) is not None
    assert quick > 20  # many edits leave a file the quick reader reads itself


FORMER_QUOTED = r'"(?:[^"\\]|\\[\\"ntrabfv?]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*"'
FORMER_PO_LINE = re.compile(
    rf"^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{FORMER_QUOTED}\s*$"
)


def test_the_possessive_po_line_accepts_the_lines_it_accepted():
    chance = random.Random(0)
    pieces = ['"', "\\", "\\x4", "\\x", "1", "7", "a", "F", "\\n", "\\0", "\\9", " ", "\\?", "\\q", "msgid "]
    for _ in range(20_000):
        line = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 9)))
        assert bool(PO_LINE.match(line)) == bool(FORMER_PO_LINE.match(line)), line


def test_a_line_of_many_escapes_without_its_closing_quote_is_reported_at_once(tmp_path):
    """It took Babel's reading and the syntax check minutes: they tried each way to split the digits."""
    text = HEADER + '\nmsgid "' + "\\x4141" * 40 + '\nmsgstr "b"\n'
    table, problems = same_reading(tmp_path, text)
    assert [p.line for p in problems] == [8] and "closing quote" in problems[0].message
