"""Bad input, data-driven: each file in tests/fixtures/invalid holds one mistake and says what it must print.

A fixture starts with header comments:

    # folder: modules                      where it goes in a copy of tests/fixtures/site
    # expect: modules/x.yml:12: field: ...  one line per problem, exactly as Problem.as_text() prints it
    # xfail: why                           only for a known defect in the core: the expect lines then say
                                           what it SHOULD print, and the case is a strict xfail
    # any other comment                    explains the case

The test copies the fixture site, drops the file in (named as the fixture), runs load_content and
compares the whole report, sorted, with the expect lines: problems in other files must not appear.
Cases too big to commit (over the 512 KB limit) are generated below.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.loader import load_content
from build_tools.problems import ContentError, format_report
from build_tools.strict_yaml import MAX_BYTES

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "fixtures" / "site"
INVALID = TESTS / "fixtures" / "invalid"


@dataclass(frozen=True)
class Case:
    """One bad file and the exact problem lines it must produce."""

    name: str
    folder: str
    data: bytes
    expected: tuple[str, ...]
    xfail: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.name}.yml"


def read_case(path: Path) -> Case:
    """A case from a fixture file's header comments (ASCII, even when the rest of the file is not UTF-8)."""
    data = path.read_bytes()
    header: dict[str, list[str]] = {"folder": [], "expect": [], "xfail": []}
    for raw in data.splitlines():
        if not raw.startswith(b"#"):
            break
        key, _, value = raw.decode("ascii").lstrip("# ").partition(": ")
        if key in header:
            header[key].append(value)
    assert header["folder"] in (["modules"], ["quizzes"]), f"{path.name}: needs one `# folder: modules|quizzes`"
    assert header["expect"], f"{path.name}: needs at least one `# expect:` line"
    return Case(path.stem, header["folder"][0], data, tuple(header["expect"]), " ".join(header["xfail"]))


def _module_of_size(name: str, size: int) -> bytes:
    """A module that would be valid, padded with body text to exactly `size` bytes."""
    text = (SITE / "modules" / "sample.yml").read_text(encoding="utf-8")
    text = text.replace("id: sample\n", f"id: {name}\n").replace("number: 1\n", "number: 90\n")
    text = text.replace("id: sample-", f"id: {name}-").replace("quizzes: [sample-check]\n", "")
    anchor = "    body: Nobody can be mediated against their will.\n"
    assert anchor in text
    start = "    body: |\n"
    line = "      Nobody can be mediated against their will, and a speaker knows it well.\n"
    room = size - len(text.encode()) + len(anchor) - len(start)
    body = line * (room // len(line) - 1)
    body += "      " + "x" * (room - len(body) - 7) + "\n"
    data = text.replace(anchor, start + body).encode()
    assert len(data) == size
    return data


def generated_cases() -> list[Case]:
    too_big = ("the file is {kb} KB; content files are limited to 512 KB "
               "(hint: split it into several modules or quizzes)")
    return [
        Case("huge-file", "modules", _module_of_size("huge-file", 600 * 1024),
             (f"modules/huge-file.yml: {too_big.format(kb=600)}",)),
        Case("just-over-limit", "modules", _module_of_size("just-over-limit", MAX_BYTES + 1),
             (f"modules/just-over-limit.yml: {too_big.format(kb=513)}",)),
        Case("zero-bytes", "modules", b"",
             ("modules/zero-bytes.yml: the file is empty (hint: start it with `id:` and one field per line, "
              "as in the authoring guide)",)),
    ]


CASES = [read_case(path) for path in sorted(INVALID.glob("*.yml"))] + generated_cases()
BY_NAME = {case.name: case for case in CASES}


def _param(case: Case):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


def copy_site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site", ignore=shutil.ignore_patterns("site", "__pycache__")))


def drop(root: Path, *cases: Case) -> Path:
    for case in cases:
        (root / case.folder / case.file_name).write_bytes(case.data)
    return root


def problem_lines(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return sorted(problem.as_text() for problem in caught.value.problems)


def test_the_fixture_site_is_valid(tmp_path):
    content = load_content(copy_site(tmp_path))
    assert [module.id for module in content.modules] == ["sample"]


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_invalid_file_reports_exactly_its_problems(case: Case, tmp_path):
    root = drop(copy_site(tmp_path), case)
    assert problem_lines(root) == sorted(case.expected)


def test_fixture_names_are_unique_and_expect_lines_name_their_folder():
    assert len(BY_NAME) == len(CASES)
    for case in CASES:
        for line in case.expected:
            assert line.startswith(f"{case.folder}/"), f"{case.name}: {line}"


def test_non_utf8_fixture_still_holds_its_bytes():
    """Guards the committed bytes against an editor that 're-saves' the fixture as UTF-8."""
    data = BY_NAME["non-utf8"].data
    assert b"M\xe9diation" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    root = copy_site(tmp_path)
    (root / "modules" / "at-limit.yml").write_bytes(_module_of_size("at-limit", MAX_BYTES))
    content = load_content(root)
    assert content.module_by_id("at-limit") is not None


# Passing cases whose files do not interact: together they must give the union of their problems.
SEVERAL = ["yaml-syntax-error", "tab-indent", "non-utf8", "wrong-type", "vague-verb", "missing-quiz",
           "answer-not-option", "bool-yes", "unknown-key-typo", "unknown-objective", "missing-section",
           "duplicate-option-id", "empty"]


def test_several_broken_files_report_every_problem_at_once(tmp_path):
    cases = [BY_NAME[name] for name in SEVERAL]
    assert not any(case.xfail for case in cases)
    root = drop(copy_site(tmp_path), *cases)
    expected = sorted(line for case in cases for line in case.expected)
    assert problem_lines(root) == expected
    with pytest.raises(ContentError) as caught:
        load_content(root)
    report = str(caught.value)
    assert report == format_report(caught.value.problems)
    assert report.splitlines()[-1] == f"{len(expected)} problems found in content."
    assert {line.split(":")[0] for line in expected} == {f"{c.folder}/{c.file_name}" for c in cases}


def test_problems_are_sorted_by_file_then_line(tmp_path):
    root = drop(copy_site(tmp_path), BY_NAME["wrong-type"], BY_NAME["unknown-key-typo"], BY_NAME["tab-indent"])
    with pytest.raises(ContentError) as caught:
        load_content(root)
    keys = [(p.file, p.line) for p in caught.value.problems]
    assert keys == sorted(keys)
