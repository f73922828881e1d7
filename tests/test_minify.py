"""Our scripts and style sheets as the site serves them (minify.py): smaller, and the same program."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from build_tools.minify import is_minifiable, minified

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
ENGINE = [ASSETS / "javascripts" / "quiz.js", ASSETS / "stylesheets" / "quiz.css"]
ENGINE_BUDGET = 8192
"""Bytes, gzipped, for the quiz engine (quiz.js and quiz.css): what `make bench` checks it against."""


def test_comments_and_spaces_go_but_strings_templates_and_patterns_stay():
    script = (
        "/* The engine. */\nvar a = 'x // not a comment';  // a comment\n"
        'var b = `/* kept */ ${a}`;\nvar c = /a+\\/b/g;\nvar d = "</script>";\n'
    )
    assert minified("quiz.js", script) == (
        "var a='x // not a comment';var b=`/* kept */ ${a}`;var c=/a+\\/b/g;var d=\"</script>\";"
    )
    sheet = "/* Quiz. */\n.quiz  button:focus-visible {\n  outline: 2px solid  currentColor;\n}\n"
    assert minified("quiz.css", sheet) == ".quiz button:focus-visible{outline:2px solid currentColor}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("quiz.js", True), ("course.css", True), ("lunr.fr.min.js", False), ("main.min.css", False), ("logo.svg", False)],
)
def test_only_scripts_and_style_sheets_not_yet_minified(name, expected):
    assert is_minifiable(name) is expected


@pytest.mark.parametrize("path", sorted(ASSETS.rglob("*.js")), ids=lambda p: p.name)
def test_each_minified_script_still_parses(path, tmp_path):
    """A minifier that misread a regular expression or a string would leave a syntax error: Node checks
    the minified script (the browser tests then run the minified engine itself)."""
    served = tmp_path / path.name
    served.write_text(minified(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(served)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_quiz_engine_fits_its_budget_once_minified():
    served = sum(len(gzip.compress(minified(p.name, p.read_text(encoding="utf-8")).encode(), 9)) for p in ENGINE)
    assert served <= ENGINE_BUDGET, served
