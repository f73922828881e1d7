"""Written answers in the report as typed, and on the page: a long unbroken answer (or a pasted link)
wraps instead of running off the PDF's page, and an answer written on several lines keeps its lines.
Read back with pdftotext (its text, and each word's box with -bbox)."""

from __future__ import annotations

import re
import subprocess

import pytest
from workshopkit import LINK, LONG_WORD, written_answers_report


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return written_answers_report(tmp_path_factory.mktemp("report-answers"))


def pdf_text(path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_an_answer_on_several_lines_keeps_its_lines_in_the_pdf(report):
    lines = [line.strip(" •") for line in pdf_text(report["report.pdf"], "-layout").splitlines()]
    start = lines.index("First line")
    assert lines[start : start + 3] == ["First line", "Second line", "Third line"]


def test_a_long_unbroken_answer_wraps_whole_inside_the_pdfs_page(report):
    text = pdf_text(report["report.pdf"]).replace("\u200b", "")
    joined = re.sub(r"\s+", "", text)
    assert LONG_WORD in joined and LINK in joined  # nothing cut off
    boxes = pdf_text(report["report.pdf"], "-bbox")
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right_edges = [float(x) for x in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= page_width - 40  # inside the 2 cm margin, give or take
