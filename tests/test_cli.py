"""The command line `python -m build_tools check`: exit codes, the text report, CI annotations, no tracebacks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli import main

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SITE = TESTS / "fixtures" / "site"
INVALID = TESTS / "fixtures" / "invalid"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))


def copy_site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site", ignore=shutil.ignore_patterns("site", "__pycache__")))


def folder_of(fixture: Path) -> str:
    """The `# folder:` of an invalid fixture (its first line)."""
    first = fixture.read_bytes().splitlines()[0].decode("ascii")
    assert first.startswith("# folder: "), fixture.name
    return first.removeprefix("# folder: ")


def drop(root: Path, *names: str) -> Path:
    for name in names:
        fixture = INVALID / f"{name}.yml"
        shutil.copyfile(fixture, root / folder_of(fixture) / fixture.name)
    return root


def check(root: Path | str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "build_tools", "--root", str(root), "check", *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("options", [(), ("--format", "github")], ids=["text", "github"])
def test_valid_site_exits_0(tmp_path, options):
    result = check(copy_site(tmp_path), *options)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "ok: 1 modules, 3 quizzes (1 linked from modules)\n"


BROKEN = ["wrong-type", "empty", "unknown-key-typo"]


def test_problems_exit_1_with_the_text_report(tmp_path):
    result = check(drop(copy_site(tmp_path), *BROKEN))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "modules/empty.yml: the file is empty (hint: start it with `id:` and one field per line, "
        "as in the authoring guide)",
        "modules/wrong-type.yml:8: minutes: expected a whole number, got text ('ten')",
        "quizzes/unknown-key-typo.yml:19: questions[1].options[2].feedbak: unknown field "
        "(hint: did you mean 'feedback'?)",
        "3 problems found in content.",
    ]


def test_problems_exit_1_with_github_annotations(tmp_path):
    result = check(drop(copy_site(tmp_path), *BROKEN), "--format", "github")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        # a problem about the whole file (line 0) is annotated on line 1
        "::error file=modules/empty.yml,line=1::the file is empty (hint: start it with `id:` and one field "
        "per line, as in the authoring guide)",
        "::error file=modules/wrong-type.yml,line=8::minutes: expected a whole number, got text ('ten')",
        "::error file=quizzes/unknown-key-typo.yml,line=19::questions[1].options[2].feedbak: unknown field "
        "(hint: did you mean 'feedback'?)",
    ]


@pytest.mark.parametrize("name", ["non-utf8", "alias-bomb", "unsafe-tag", "yaml-syntax-error", "tab-indent",
                                  "empty", "top-level-list", "unknown-question-type", "duplicate-quiz-id"])
def test_no_traceback_in_a_subprocess(tmp_path, name):
    result = check(drop(copy_site(tmp_path), name))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].endswith("found in content.")


def test_no_traceback_for_a_file_over_the_size_limit(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "huge.yml").write_bytes(b"# padding\n" * 60_000)
    result = check(root)
    assert (result.returncode, result.stderr) == (1, "")
    assert "Traceback" not in result.stdout
    assert result.stdout.startswith("modules/huge.yml: the file is 586 KB; content files are limited to 512 KB")


@pytest.mark.parametrize("fixture", sorted(INVALID.glob("*.yml")), ids=lambda path: path.stem)
def test_every_fixture_gives_exit_1_and_a_report(tmp_path, capsys, fixture):
    """In-process, for speed: no exception escapes main() for any fixture, in either format."""
    root = drop(copy_site(tmp_path), fixture.stem)
    assert main(["--root", str(root), "check"]) == 1
    text = capsys.readouterr().out
    assert text.splitlines()[-1].endswith("found in content.")
    assert main(["--root", str(root), "check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("::error file=") for line in lines)
    assert len(lines) == len(text.splitlines()) - 1


def test_missing_root_is_an_error(tmp_path):
    result = check(tmp_path / "no-such-project")
    assert result.returncode != 0
    assert "no-such-project" in result.stdout + result.stderr
