"""Results kept between builds (build_tools/memo.py) and the loader's use of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools import memo
from build_tools.loader import load_content
from build_tools.strict_yaml import read_yaml

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
calls: list[str] = []


@memo.memo("test-shout")
def shout(text: str, *, twice: bool = False) -> str:
    calls.append(text)
    return (text.upper() + "!") * (2 if twice else 1)


@pytest.fixture(autouse=True)
def fresh():
    memo.forget()
    calls.clear()
    yield
    memo.forget()


def test_a_result_is_computed_once_per_argument():
    assert shout("a") == "A!" and shout("a") == "A!" and shout("a", twice=True) == "A!A!"
    assert calls == ["a", "a"]


def test_results_saved_by_one_build_serve_the_next(tmp_path):
    shout("kept")
    memo.save(tmp_path)
    memo.forget()  # a new process: nothing in memory
    memo.load(tmp_path)
    assert shout("kept") == "KEPT!"
    assert calls == ["kept"], "the saved result was computed again"


def test_results_of_other_code_are_not_trusted(tmp_path, monkeypatch):
    shout("old")
    memo.save(tmp_path)
    memo.forget()
    monkeypatch.setattr(memo, "code_fingerprint", lambda: "another version of the code")
    memo.load(tmp_path)
    shout("old")
    assert calls == ["old", "old"]


def test_a_damaged_file_is_ignored(tmp_path):
    shout("x")
    memo.save(tmp_path)
    for path in tmp_path.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    memo.forget()
    memo.load(tmp_path)
    shout("x")
    assert calls == ["x", "x"]


# --- the loader keeps each file's reading by the hash of its bytes ----------------------------------


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    from build_tools import loader

    names: list[str] = []

    def counting_read_yaml(path, name):
        names.append(name)
        return read_yaml(path, name)

    monkeypatch.setattr(loader, "read_yaml", counting_read_yaml)
    return names


def copy_site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site", ignore=shutil.ignore_patterns("site", "__pycache__")))


def test_a_second_load_reads_only_the_file_that_changed(tmp_path, reads):
    root = copy_site(tmp_path)
    load_content(root)
    assert "modules/sample.yml" in reads
    reads.clear()
    load_content(root)
    assert reads == [], "unchanged files were parsed again"
    module = root / "modules" / "sample.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    content = load_content(root)
    assert reads == ["modules/sample.yml"]
    assert content.module_by_id("sample").title.startswith("Revised ")


def test_readings_saved_by_one_build_serve_the_next(tmp_path, reads):
    root = copy_site(tmp_path)
    load_content(root)
    memo.save(tmp_path / "memo")
    memo.forget()
    reads.clear()
    memo.load(tmp_path / "memo")
    assert load_content(root).module_by_id("sample")
    assert reads == []


def test_a_file_that_turned_invalid_is_reported_although_its_reading_was_kept(tmp_path, reads):
    root = copy_site(tmp_path)
    load_content(root)
    module = root / "modules" / "sample.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("number: 1\n", "number: one\n"), encoding="utf-8")
    for _ in range(2):  # the second time, its (invalid) reading comes from memory: still reported
        with pytest.raises(Exception) as caught:
            load_content(root)
        lines = [problem.as_text() for problem in caught.value.problems]
        assert any(line.startswith("modules/sample.yml:") and "number" in line for line in lines)


def test_results_kept_by_name_alone_are_loaded_too(tmp_path):
    """Readings kept with `keep` (no decorated function) come back in a new process as well."""
    memo.keep("test-readings", ("file.yml", "abc"), "the reading")
    memo.save(tmp_path)
    memo._MEMOS.pop("test-readings")  # a new process has not met this name yet
    memo.load(tmp_path)
    assert memo.recall("test-readings", ("file.yml", "abc")) == "the reading"
