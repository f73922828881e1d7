"""The session plan (build_tools/courses/session_plan.py): the agenda, and the rule that fits it into
a session, as docs/for-trainers.md writes it ("When the plan is too long"), on small courses."""

from __future__ import annotations

import re
import subprocess

import pytest

from build_tools.courses.facts import course_facts
from build_tools.courses.load import load_course
from build_tools.courses.model import Break, Session
from build_tools.courses.session_plan import plan_session, session_problems
from build_tools.handouts.documents import HandoutOptions
from build_tools.handouts.session_plan import session_plan_pdf
from build_tools.loader import Content, load_content
from build_tools.model import Module
from build_tools.rendering import load_strings
from tests.conftest import ROOT

COURSE = load_content(ROOT)
IPU_WORKSHOP = load_course(ROOT, "ipu-workshop").session


def module(number: int, segments: list[tuple[int, str]], poll_at: int | None = -1) -> Module:
    """A small module whose facilitator notes have these (minutes, activity) segments; the segment
    at `poll_at` asks the live poll (None: no live poll)."""
    polled = None if poll_at is None else range(len(segments))[poll_at]
    return Module.model_validate(
        {
            "id": f"m{number}",
            "number": number,
            "title": f"Module {number}",
            "summary": "A module for the session plan's tests, long enough.",
            "why_it_matters": "It matters.",
            "objectives": [{"id": f"m{number}-o", "text": "Explain the plan."}],
            "sections": [{"id": "s", "heading": "A section", "body": "Text."}],
            "case_studies": [
                {
                    "id": "c",
                    "title": "A case",
                    "when": "2000",
                    "what_happened": "Something.",
                    "what_parliamentarians_did": "They met.",
                    "lesson": "Talk.",
                }  # fmt: skip
            ],
            "action_points": ["Act."],
            "takeaways": ["Learn."],
            "facilitator_notes": {
                "timing": "In words.",
                "minutes": sum(m for m, _ in segments),
                "segments": [
                    {"minutes": m, "activity": a, "live_poll": i == polled} for i, (m, a) in enumerate(segments)
                ],
                "discussion_prompts": ["Why?"],
                **({"live_poll": f"Poll of module {number}?"} if polled is not None else {}),
            },
            "references": [{"id": "r", "title": "A source", "publisher": "A publisher"}],
        }
    )


def course(*modules: Module) -> Content:
    return Content(modules=tuple(modules), quizzes={}, source_names={})


def agenda(plan) -> list[tuple]:
    """(start, end, what) per row: a segment as `m<number>:<activity>`, a break by its label (an
    unlabelled one as the plan's page and PDF show it in English: Break)."""
    return [
        (r.start, r.end, (r.pause.label or "Break") if r.pause else f"m{r.slot.module.number}:{r.slot.activity}")
        for r in plan.rows
    ]


TWO = course(
    module(1, [(10, "intro"), (20, "exercise"), (5, "poll")]),
    module(2, [(15, "cases"), (10, "discussion"), (5, "poll")]),
)  # 65 minutes


def test_a_plan_that_fits_keeps_every_segment_at_its_time():
    plan = plan_session(TWO, Session(date="2025-04-08", start="16:30", minutes=70))
    assert agenda(plan) == [
        ("16:30", "16:40", "m1:intro"), ("16:40", "17:00", "m1:exercise"), ("17:00", "17:05", "m1:poll"),
        ("17:05", "17:20", "m2:cases"), ("17:20", "17:30", "m2:discussion"), ("17:30", "17:35", "m2:poll"),
    ]  # fmt: skip
    assert (plan.overrun, plan.spare_minutes, plan.end, plan.session_end) == (0, 5, "17:35", "17:40")
    assert not plan.shortened and not plan.dropped
    assert plan.rows[2].slot.live_poll == "Poll of module 1?" and plan.rows[0].slot.live_poll is None


def test_a_small_overrun_shortens_the_longest_segment_by_no_more_than_needed():
    plan = plan_session(TWO, Session(start="09:00", minutes=58))  # 7 minutes too long
    assert plan.overrun == 7
    # 20 → 15 (exercise); then cases and exercise are both 15: the later one, cases, gives the last 2
    assert [(s.activity, s.planned, s.minutes) for s in plan.shortened] == [("exercise", 20, 15), ("cases", 15, 13)]
    assert plan.used_minutes == 58 and plan.end == "09:58" and not plan.dropped


def test_equally_long_segments_are_shortened_latest_first():
    plan = plan_session(course(module(1, [(10, "a"), (10, "b"), (10, "c")])), Session(start="09:00", minutes=25))
    assert [(s.activity, s.minutes) for s in plan.slots] == [("a", 10), ("b", 10), ("c", 5)]


def test_shortening_goes_round_the_longest_segments_five_minutes_at_a_time():
    plan = plan_session(TWO, Session(start="09:00", minutes=45))  # 20 minutes too long
    # 20 → 15 (exercise), 15 → 10 (exercise, later than cases), 15 → 10 (cases), 10 → 5 (discussion, latest)
    assert [(s.activity, s.minutes) for s in plan.slots] == [
        ("intro", 10), ("exercise", 10), ("poll", 5), ("cases", 10), ("discussion", 5), ("poll", 5),
    ]  # fmt: skip
    assert plan.used_minutes == 45 and not plan.dropped


def test_a_large_overrun_drops_segments_but_keeps_each_modules_first_and_poll_segments():
    plan = plan_session(TWO, Session(start="16:30", minutes=20))
    assert plan.overrun == 45
    assert agenda(plan) == [
        ("16:30", "16:35", "m1:intro"), ("16:35", "16:40", "m1:poll"),
        ("16:40", "16:45", "m2:cases"), ("16:45", "16:50", "m2:poll"),
    ]  # fmt: skip
    assert [s.activity for s in plan.dropped] == ["exercise", "discussion"]
    assert not plan.dropped_modules


def test_when_even_that_is_too_long_whole_modules_go_from_the_end():
    plan = plan_session(TWO, Session(start="16:30", minutes=12))
    assert agenda(plan) == [("16:30", "16:35", "m1:intro"), ("16:35", "16:40", "m1:poll")]
    assert [m.id for m in plan.dropped_modules] == ["m2"]
    assert plan.spare_minutes == 2  # dropping a whole segment can leave a few minutes


def test_a_break_comes_at_its_time_when_a_segment_ends_then():
    plan = plan_session(TWO, Session(start="16:30", minutes=80, breaks=[Break(at="17:05", minutes=15)]))
    assert agenda(plan)[3:5] == [("17:05", "17:20", "Break"), ("17:20", "17:35", "m2:cases")]
    assert plan.teaching_minutes == 65 and plan.overrun == 0 and plan.rows[3].late == 0


def test_a_break_waits_for_the_segment_running_at_its_time_and_says_so():
    session = Session(start="16:30", minutes=80, breaks=[Break(at="16:45", minutes=15, label="Coffee")])
    plan = plan_session(TWO, session)
    assert agenda(plan)[1:4] == [("16:40", "17:00", "m1:exercise"), ("17:00", "17:15", "Coffee"),
                                 ("17:15", "17:20", "m1:poll")]  # fmt: skip
    assert plan.rows[2].late == 15
    assert plan.end == "17:50" == plan.session_end


def test_breaks_count_against_the_teaching_time():
    plan = plan_session(TWO, Session(start="16:30", minutes=70, breaks=[Break(at="17:00", minutes=10)]))
    assert plan.teaching_minutes == 60 and plan.overrun == 5
    assert [(s.activity, s.minutes) for s in plan.shortened] == [("exercise", 15)]
    assert plan.end == "17:40" == plan.session_end


def test_a_break_after_the_last_segment_comes_after_it():
    plan = plan_session(
        course(module(1, [(10, "a")])), Session(start="09:00", minutes=30, breaks=[Break(at="09:20", minutes=10)])
    )
    assert agenda(plan) == [("09:00", "09:10", "m1:a"), ("09:10", "09:20", "Break")]


def test_a_session_may_run_past_midnight():
    plan = plan_session(TWO, Session(start="23:30", minutes=70))
    assert plan.rows[-1].end == "00:35" and plan.session_end == "00:40"


def test_a_module_with_no_timing_is_listed_as_untimed():
    untimed = module(3, [(10, "x")]).model_copy(deep=True)
    notes = untimed.facilitator_notes.model_copy(update={"minutes": None, "segments": []})
    untimed = untimed.model_copy(update={"facilitator_notes": notes})
    plan = plan_session(course(module(1, [(10, "a")]), untimed), Session(start="09:00", minutes=30))
    assert [m.id for m in plan.untimed] == ["m3"] and agenda(plan) == [("09:00", "09:10", "m1:a")]


def test_breaks_a_plan_cannot_hold_are_problems_of_the_course_file():
    session = Session(
        start="16:30",
        minutes=90,
        breaks=[Break(at="16:00", minutes=10), Break(at="17:50", minutes=15), Break(at="17:00", minutes=20),
                Break(at="17:10", minutes=5)],
    )  # fmt: skip
    assert session_problems(session) == [
        (("breaks", 3, "at"), "the break at 17:10 starts before the break before it ends",
         "a break starts and ends within the session, 16:30–18:00"),
        (("breaks", 1, "at"), "the break at 17:50 (15 minutes) runs past the session's end",
         "a break starts and ends within the session, 16:30–18:00"),
        (("breaks", 0, "at"), "the break at 16:00 is outside the session, 16:30–18:00",
         "a break starts and ends within the session, 16:30–18:00"),
    ]  # fmt: skip
    assert session_problems(Session(start="09:00", minutes=30, breaks=[Break(at="09:00", minutes=30)]))[-1] == (
        ("minutes",), "the breaks take 30 of the session's 30 minutes: none is left for teaching",
        "lengthen the session or shorten the breaks",
    )  # fmt: skip
    assert session_problems(IPU_WORKSHOP) == []


# ---- The course's own modules -----------------------------------------------------------------


@pytest.mark.parametrize("mod", COURSE.modules, ids=lambda m: m.id)
def test_every_module_times_its_segments_with_the_numbers_of_its_timing_text(mod):
    notes = mod.facilitator_notes
    assert notes.segments and notes.minutes == sum(s.minutes for s in notes.segments)
    said = [int(n) for n in re.findall(r"(?<!Action )\b\d+\b", notes.timing)]
    assert said[0] == notes.minutes, "the text starts with the module's total"
    assert sorted(said[1:]) == sorted(s.minutes for s in notes.segments), "the same numbers, none invented"
    assert sum(s.live_poll for s in notes.segments) == 1 and notes.live_poll


def test_the_ipu_workshop_keeps_each_modules_first_segment_and_live_poll_as_the_guide_says():
    plan = plan_session(COURSE, IPU_WORKSHOP)
    assert (plan.planned_minutes, plan.overrun, plan.end) == (425, 335, "18:00")
    guide = " ".join((ROOT / "docs" / "for-trainers.md").read_text(encoding="utf-8").split())
    assert course_facts(COURSE, load_strings("en"))["course_group_minutes"] == "425 minutes"  # the guide's figure
    assert "add up to {course_group_minutes}" in guide
    assert "nine modules in 90 minutes, the rule keeps for each module its first segment and its live poll" in guide
    for mod in COURSE.modules:
        kept = [s for s in plan.slots if s.module.id == mod.id and s.minutes]
        first, *_, poll = mod.facilitator_notes.segments
        assert [(s.activity, s.minutes) for s in kept] == [(first.activity, 5), (poll.activity, 5)]


def test_the_session_plan_pdf_reads_back_with_its_times_changes_and_polls(tmp_path):
    session = Session(date="2025-04-08", start="16:30", minutes=120, breaks=[Break(at="17:30", minutes=15)])
    small = Content(modules=COURSE.modules[:3], quizzes=COURSE.quizzes, source_names={})
    plan = plan_session(small, session)
    path = tmp_path / "session-plan.pdf"
    path.write_bytes(session_plan_pdf(plan, HandoutOptions()))
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Session: 2025-04-08, 16:30–18:30, 120 minutes, of which 105 minutes for teaching" in text
    assert "add up to 135 minutes: 30 minutes more than the 105 minutes for teaching" in text
    assert plan.shortened and "No segment was dropped." in text
    assert "16:30–16:40" in text and "Break" in text
    for slot in plan.shortened:
        assert f"Module {slot.module.number}, {slot.activity}: {slot.planned} → {slot.minutes} minutes" in text
    for mod in small.modules:
        assert " ".join(mod.facilitator_notes.live_poll.split())[:50] in text
        # a long file name wraps after a hyphen, which pdftotext then drops
        assert re.sub(r"[-\s]", "", f"{mod.id}.pdf") in re.sub(r"[-\s]", "", text)
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert reader.metadata.title.startswith("Parliamentary diplomacy and mediation") and len(reader.pages) >= 1


def test_the_trainer_command_writes_the_session_plan_beside_the_trainer_edition(copy_course_project, tmp_path, capsys):
    from build_tools.cli import main

    project = copy_course_project(tmp_path / "project")
    out = tmp_path / "trainer"
    assert main(["--root", str(project), "trainer", "--course", "institute-half-day", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["session-plan.pdf", "trainer-edition.pdf"]
    text = " ".join(
        subprocess.run(["pdftotext", str(out / "session-plan.pdf"), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Session plan: Mediation for members, a half day" in text and "09:30–12:30" in text
    assert "session-plan.pdf" in capsys.readouterr().out


def test_the_french_session_plan_pdf_follows_french_typography(tmp_path):
    """The texts the PDF joins with a colon (heading, column, handouts) get French spacing before it."""
    session = Session(start="09:00", minutes=60)
    plan = plan_session(Content(modules=COURSE.modules[:1], quizzes=COURSE.quizzes, source_names={}), session)
    path = tmp_path / "session-plan.pdf"
    path.write_bytes(session_plan_pdf(plan, HandoutOptions(language="fr", title="Diplomatie et médiation")))
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert "Plan de séance : Diplomatie et médiation" in text
    assert "Module : Partie" in text and "Fiche : " in text
    assert "séance:" not in raw and "Fiche:" not in raw and "Module:" not in raw  # before, all three
    assert "Module 1 : Parliaments and peace" in text and "Module 1:" not in raw  # before, a number kept it bare
