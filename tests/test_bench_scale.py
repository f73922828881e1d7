"""`make bench` measures our build as it runs on a developer's machine, not Python compiling our source."""

import importlib.util
import sys
from pathlib import Path

from build_tools.bench_scale import compile_code


def test_the_code_that_builds_a_copy_is_compiled_once_before_it_is_measured(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE, as on this machine
    source = tmp_path / "build_tools" / "plugin.py"
    source.parent.mkdir()
    source.write_text("VALUE = 1\n", encoding="utf-8")
    compile_code(tmp_path)
    assert Path(importlib.util.cache_from_source(str(source))).is_file()


def test_a_site_copy_gets_its_templates_compiled_as_install_compiles_them(copy_fixture_site, tmp_path: Path):
    project = copy_fixture_site(tmp_path / "project")
    compile_code(project)
    assert list((project / ".cache" / "templates" / "theme").iterdir())
    assert list((project / ".cache" / "templates" / "pages").iterdir())
