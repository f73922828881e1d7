"""A new module from the scaffold passes the check as written, and never overwrites a file."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_tools.cli import main
from build_tools.loader import load_content

SITE = Path(__file__).parent / "fixtures" / "site"


def _site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site"))


def test_new_module_and_its_quiz_pass_the_check(tmp_path, capsys):
    root = _site(tmp_path)
    assert main(["--root", str(root), "new", "good-offices", 'Good offices: "opening doors"']) == 0
    assert "wrote modules/good-offices.yml" in capsys.readouterr().out
    content = load_content(root)
    module = content.module_by_id("good-offices")
    assert module.title == 'Good offices: "opening doors"'
    assert module.number == 2  # after the last module
    assert [q.id for q in content.quizzes_of(module)] == ["good-offices-self-check"]
    first_line = (root / "modules" / "good-offices.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/module.schema.json"


def test_an_existing_file_is_never_overwritten(tmp_path, capsys):
    root = _site(tmp_path)
    before = (root / "modules" / "sample.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "new", "sample", "Again"]) == 2
    assert capsys.readouterr().out == "error: modules/sample.yml already exists; choose another id\n"
    assert (root / "modules" / "sample.yml").read_text(encoding="utf-8") == before
    assert not (root / "quizzes" / "sample-self-check.yml").exists()


def test_an_invalid_id_is_refused_with_a_hint(tmp_path, capsys):
    root = _site(tmp_path)
    assert main(["--root", str(root), "new", "Good Offices", "Title"]) == 2
    assert "hint: lowercase letters, digits and single hyphens" in capsys.readouterr().out


def test_two_new_modules_side_by_side_pass_the_check(tmp_path, capsys):
    """Two unedited scaffolds: their placeholder questions must not count as one question asked twice."""
    root = _site(tmp_path)
    assert main(["--root", str(root), "new", "good-offices", "Good offices"]) == 0
    assert main(["--root", str(root), "new", "track-two", 'Track two: "quiet" talks']) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0, capsys.readouterr().out
    content = load_content(root)
    assert [m.id for m in content.modules][-2:] == ["good-offices", "track-two"]
