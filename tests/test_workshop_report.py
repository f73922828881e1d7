"""The report of a recorded session, read back: the PDF's text, the CSV's rows, the JSON, the HTML; with a
show of hands marked as such and learners' results files merged in."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from workshopkit import AFTER, CONFIDENCE, FORMATS, FREE_TEXT, LIVE, SINGLE, copy_course

from build_tools.loader import load_content
from build_tools.workshop.findings import read_results_files
from build_tools.workshop.plan import load_workshop
from build_tools.workshop.report import build_report
from build_tools.workshop.session import start_session

ROOT = Path(__file__).resolve().parents[1]


def results_file(quizzes: dict) -> dict:
    """A learner's *My progress* export, as progress.js writes it."""
    return {"format": "ipu-mediation-results", "version": 1, "exported": "2026-11-29T10:00:00.000Z", "label": ""} | {
        "quizzes": quizzes
    }


def entry(answer, score):
    return {"fp": "abcd1234", "answer": answer, "score": score, "checked": True, "at": "2026-11-28T09:00:00.000Z"}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """A session of the test plan: 4 phones, one show of hands, a hidden written answer, 2 learners' files."""
    base = tmp_path_factory.mktemp("workshop-report")
    root = copy_course(base / "course")
    content = load_content(root)
    workshop = load_workshop(root, content, "test-room")
    folder = root / ".workshop" / "recorded"
    store = start_session(folder, workshop, "ipu-workshop", "Parliamentary diplomacy and mediation", content)
    given = {
        SINGLE: ["complement", "complement", "own-policy", "courtesy"],
        CONFIDENCE: ["3", "1", "3", "2"],
        AFTER: ["accept-and-brief", "accept-and-brief", "accept-and-brief", "decline"],
        FORMATS: [["mentoring"], ["mentoring", "simulation"], ["peer-exchange", "mentoring"], ["simulation"]],
        FREE_TEXT: ['=HYPERLINK("http://x")', "Yes, since 2019", "<b>rude</b>", "Not sure"],
    }
    for poll, values in given.items():
        for who, value in enumerate(values):
            store.save_answer(poll, f"participant{who:07d}", value)
    store.set_hidden(FREE_TEXT, "participant0000002", True)
    store.set_hands(LIVE, {"mediation": 5, "none": 2})
    store.close()
    files = []
    for i, (before, after) in enumerate([("complement", "accept-and-brief"), ("own-policy", "accept-and-brief")]):
        path = base / f"learner{i}.json"
        quizzes = {
            "diagnostic": {"v": 1, "answers": {"friendship-visit": entry(before, 1 if before == "complement" else 0)}},
            "post": {"v": 1, "answers": {"dam-row-invitation": entry(after, 1)}},
            "capacity-survey": {"v": 1, "answers": {"formats": entry(["online-course"], None)}},
        }
        path.write_text(json.dumps(results_file(quizzes)), encoding="utf-8")
        files.append(path)
    (base / "not-results.json").write_text('{"hello": 1}', encoding="utf-8")
    files.append(base / "not-results.json")
    written = build_report(folder, files)
    return {path.name: path for path in written}


def test_it_writes_html_pdf_csv_and_json(recorded):
    assert sorted(recorded) == ["answers.csv", "answers.json", "report.html", "report.pdf"]


def test_the_pdf_reads_back_with_the_reports_parts(recorded):
    reader = PdfReader(recorded["report.pdf"])
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert reader.metadata.title == "Workshop report: Parliamentary diplomacy and mediation"
    for expected in (
        "Participants 4 answered on their phones",
        "Self-study results files 2",
        "Before and after, per objective",
        "Explain what parliamentary diplomacy is",
        "50% (2 of 4)",  # before: two of four phones right
        "75% (3 of 4)",  # after: three of four
        "Confidence and correctness",
        "Further training the room wants",
        "Mentoring by an experienced mediator or facilitator 3",
        "counted by a show of hands",
        "Yes, since 2019",
    ):
        assert expected in text, expected
    assert "<b>rude</b>" not in text  # hidden from the projector: left out of the report


def test_the_csv_has_one_row_per_answer_and_no_formula(recorded):
    rows = list(csv.DictReader(io.StringIO(recorded["answers.csv"].read_text(encoding="utf-8"))))
    assert len(rows) == 20
    assert {row["participant"] for row in rows} == {f"participant{i:07d}" for i in range(4)}
    assert set(rows[0]) == {"poll", "participant", "answer", "answered_at", "hidden_on_projector"}
    formats = [row["answer"] for row in rows if row["poll"] == FORMATS]
    assert "mentoring;simulation" in formats  # several choices in one cell
    written = {row["answer"] for row in rows if row["poll"] == FREE_TEXT}
    assert '\'=HYPERLINK("http://x")' in written  # a spreadsheet shows it, never runs it


def test_the_json_holds_answers_and_counts_by_hand_with_participant_ids_only(recorded):
    data = json.loads(recorded["answers.json"].read_text(encoding="utf-8"))
    assert data["format"] == "ipu-workshop-answers" and data["course"] == "ipu-workshop"
    assert data["counted_by_hand"] == {LIVE: {"mediation": 5, "none": 2}}
    assert len(data["answers"]) == 20
    assert set().union(*(a.keys() for a in data["answers"])) <= {
        "poll",
        "participant",
        "answer",
        "answered_at",
        "hidden_on_projector",
    }


def test_the_html_has_charts_tables_and_the_show_of_hands(recorded):
    html = recorded["report.html"].read_text(encoding="utf-8")
    assert html.count('<img src="data:image/svg+xml;base64,') >= 4
    assert "7 counted by a show of hands" in html
    assert "&lt;b&gt;rude&lt;/b&gt;" not in html and "<b>rude</b>" not in html
    assert "(correct)" in html
    assert "<script" not in html


def test_interest_is_ranked_with_self_study_beside_the_room(recorded):
    html = recorded["report.html"].read_text(encoding="utf-8")
    ranked = html.split("Further training the room wants")[1].split("Every poll")[0]
    order = [ranked.index(name) for name in ("Mentoring", "A simulation exercise", "A peer exchange")]
    assert order == sorted(order)
    assert ranked.index("An online course") < ranked.index("A peer exchange")  # 2 learners beat 1 in the room


def test_files_that_are_not_results_are_named_and_left_out(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    study = read_results_files([bad])
    assert study.files == 0 and study.problems == ["bad.json: not readable as JSON"]


def test_the_command_line_writes_the_report_of_a_named_session(recorded, tmp_path):
    folder = recorded["report.html"].parents[1]
    root = folder.parents[1]
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "workshop", "report", folder.name]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "report.pdf" in done.stdout
    missing = subprocess.run(command[:-1] + ["no-such-session"], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 2 and "recorded" in missing.stdout and "Traceback" not in missing.stderr


def test_the_pdf_is_tagged_for_screen_readers(recorded):
    with pikepdf.open(recorded["report.pdf"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en"
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure"]
        assert figures and all(str(f.get("/Alt", "")).startswith("Bar chart of the answers") for f in figures)


def _elements(node):
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            yield kid
            yield from _elements(kid)


def test_every_bar_of_the_charts_is_drawn(recorded):
    """A bar's colour of None reached the SVG as `fill: None`, which browsers read as no fill."""
    html = recorded["report.html"].read_text(encoding="utf-8")
    charts = [base64.b64decode(uri).decode() for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]
    assert charts
    for svg in charts:
        assert "fill: none" not in svg.lower() and "<rect" in svg
    assert any("#1b5e20" in svg for svg in charts)  # the correct answer's bar in green
