"""`python -m build_tools export scorm|moodle|gift [course]`: files where the Makefile expects them,
and plain messages (never a traceback) when something is missing."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

from build_tools.cli import main

from .conftest import SPECIALS


def test_banks_are_written_per_course_and_per_quiz(tmp_path, capsys):
    assert main(["--root", str(SPECIALS), "export", "moodle", "--out", str(tmp_path)]) == 0
    assert main(["--root", str(SPECIALS), "export", "gift", "--out", str(tmp_path)]) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "gift/specials-check.gift",
        "ipu-workshop-moodle.xml",
        "moodle/specials-check.xml",
    ]
    ET.parse(tmp_path / "ipu-workshop-moodle.xml")  # well-formed
    assert "wrote" in capsys.readouterr().out


def test_the_default_folder_is_dist_course_lms(tmp_path):
    project = tmp_path / "project"
    for part in ("modules", "quizzes"):
        (project / part).mkdir(parents=True)
        for source in (SPECIALS / part).iterdir():
            (project / part / source.name).write_bytes(source.read_bytes())
    assert main(["--root", str(project), "export", "gift"]) == 0
    assert (project / "dist" / "ipu-workshop" / "lms" / "gift" / "specials-check.gift").is_file()


def test_an_unknown_course_or_a_missing_offline_edition_is_said_plainly(tmp_path):
    for args, words in (
        (["export", "moodle", "no-such-course"], "courses/no-such-course.yml: no such course file"),
        (["export", "scorm", "--site", str(tmp_path / "none"), "--out", str(tmp_path)], "make offline"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "build_tools", "--root", str(SPECIALS), *args], capture_output=True, text=True
        )
        assert done.returncode != 0 and words in done.stdout, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
