"""Templates compiled at install (`make setup` runs `python -m build_tools.precompile`): a first build
loads them instead of compiling them, and a site the command cannot read is left to the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from build_tools.precompile import main as precompile

COMPILES_RECORDED = """
import json, sys
import jinja2.environment
compiled = []
compile_template = jinja2.environment.Environment.compile
def recorded(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(filename or name)
    return compile_template(self, source, name, filename, *args, **kwargs)
jinja2.environment.Environment.compile = recorded
from mkdocs.__main__ import cli
try:
    cli(["build", "-q", "-d", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps(compiled))
"""
"""A build in which every template Jinja compiles is recorded; prints their files as JSON."""


def _compiled_by_a_build(project: Path, site: Path) -> list[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "HANDOUTS": "false"}
    result = subprocess.run(
        [sys.executable, "-c", COMPILES_RECORDED, str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def _material_only(files: list[str]) -> list[str]:
    """What is left to compile that plain Material compiles too: its icons, included from the pages as
    SVG, and the language partial its search plugin reads with an environment of its own."""
    return [
        file
        for file in files
        if "/.icons/" not in file and not file.endswith(("partials/language.html", "partials/languages/en.html"))
    ]


def test_a_first_build_after_install_compiles_no_page_or_theme_template(copy_fixture_site, tmp_path):
    first_ever = copy_fixture_site(tmp_path / "first-ever")
    installed = copy_fixture_site(tmp_path / "installed")

    compiled_without = _material_only(_compiled_by_a_build(first_ever, tmp_path / "site-1"))
    assert precompile(installed) == 0
    compiled_after = _material_only(_compiled_by_a_build(installed, tmp_path / "site-2"))

    names = {Path(file).name for file in compiled_without}
    assert {"module.md.j2", "quiz.md.j2", "main.html", "base.html"} <= names  # what install spares a build
    assert compiled_after == []


def test_a_build_keeps_what_it_compiled_beside_the_content_cache(copy_fixture_site, tmp_path):
    project = copy_fixture_site(tmp_path / "project")
    _compiled_by_a_build(project, tmp_path / "site-1")
    (project / ".cache" / "memo").rename(tmp_path / "memo-of-other-code")  # as a change to our code discards it

    compiled = _material_only(_compiled_by_a_build(project, tmp_path / "site-2"))

    assert compiled == []
    assert sorted(path.name for path in (project / ".cache" / "templates").iterdir()) == ["pages", "theme"]


def test_a_site_the_command_cannot_read_is_left_to_the_first_build(copy_fixture_site, tmp_path, capsys):
    project = copy_fixture_site(tmp_path / "project")
    (project / "mkdocs.yml").write_text("theme: [unclosed\n", encoding="utf-8")

    assert precompile(project) == 0

    message = capsys.readouterr().err
    assert message.startswith("Templates not compiled ahead (") and message.endswith("the first build compiles them.\n")
    assert "Traceback" not in message
    assert not (project / ".cache" / "templates").exists()
