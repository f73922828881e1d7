"""The session plan as a PDF: the data for templates/typst/session-plan.typ.

The plan itself (times, what was shortened or dropped) comes from courses/session_plan.py; here it
becomes sentences in one language, escaped as Typst markup, so the template only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from ..courses.session_plan import Row, SessionPlan, Slot
from ..i18n.typography import typeset
from ..rendering import load_strings
from .build import render
from .documents import PAPERS, Document, HandoutOptions
from .typst_markup import escape, to_typst

TEMPLATE = Path(__file__).parent.parent / "templates" / "typst" / "session-plan.typ"
NAME = "session-plan.pdf"
LABELS = ("plan_clock", "plan_poll", "plan_materials", "plan_title",
          "plan_shortened_heading", "plan_dropped_heading", "plan_none_shortened", "plan_none_dropped")  # fmt: skip


def session_plan_document(plan: SessionPlan, options: HandoutOptions) -> Document:
    """The session plan's data: the session, a summary, the agenda rows and the changes."""
    strings = load_strings(options.language)
    words = strings["trainer"]
    handout = strings["handout"]
    title = options.title or handout["course"]
    language = options.language
    data = {
        "title": escape(title),
        "heading": escape(typeset(f"{words['plan_title']}: {title}", language)),
        "plain_title": title,
        "subtitle": escape(words["plan_pdf_subtitle"]),
        "edition": escape(words["plan_pdf_edition"]),
        "author": handout["author"],
        "lang": options.language,
        "paper": PAPERS[options.paper],
        "labels": {key: escape(words[key]) for key in LABELS}
        | {"page": handout["page"], "of": handout["of"]}
        | {"module_activity": escape(typeset(f"{words['plan_module']}: {words['plan_activity']}", language))},
        "summary": [escape(sentence) for sentence in summary(plan, words)],
        "rows": [_row(row, words, strings["module_label"], language) for row in plan.rows],
        "shortened": [escape(_change(slot, words["plan_change"])) for slot in plan.shortened],
        "dropped": [escape(_change(slot, words["plan_dropped"])) for slot in plan.dropped],
    }
    return Document(NAME, data)


def summary(plan: SessionPlan, words: dict) -> list[str]:
    """The plan in sentences: the session, whether the modules fit, and the time to spare."""
    session = plan.session
    date = f"{session.date}, " if session.date else ""
    when = dict(date=date, start=session.start, end=plan.session_end, minutes=session.minutes)
    if session.breaks:
        breaks = session.minutes - plan.teaching_minutes
        sentences = [words["plan_when"].format(**when, teaching=plan.teaching_minutes, breaks=breaks)]
    else:
        sentences = [words["plan_when_no_breaks"].format(**when)]
    if plan.overrun:
        sentences.append(
            words["plan_overrun"].format(
                planned=plan.planned_minutes,
                overrun=plan.overrun,
                teaching=plan.teaching_minutes,
                shortened=len(plan.shortened),
                dropped=len(plan.dropped),
            )  # fmt: skip
        )
    else:
        sentences.append(words["plan_fits"].format(planned=plan.planned_minutes))
    if plan.spare_minutes:
        sentences.append(words["plan_spare"].format(end=plan.end, spare=plan.spare_minutes))
    if plan.untimed:
        sentences.append(words["plan_untimed"].format(modules="; ".join(m.title for m in plan.untimed)))
    return sentences


def _row(row: Row, words: dict, module_label: str, language: str) -> dict:
    """One line of the agenda; the texts it joins with a colon follow the language's typography."""
    time = f"{row.start}–{row.end}"
    minutes = words["segment_minutes"].format(minutes=row.minutes)
    if row.pause is not None:
        late = " " + words["plan_break_late"].format(at=row.pause.at) if row.late else ""
        return {
            "time": escape(time),
            "minutes": escape(minutes),
            "break": escape((row.pause.label or words["plan_break"]) + late),
        }
    slot = row.slot
    if slot.status == "shortened":
        minutes += " (" + words["plan_planned"].format(minutes=slot.planned) + ")"
    materials = [
        typeset(f"{words['plan_handout']}: {m.name}", language) if m.kind == "handout" else m.title
        for m in row.materials
    ]
    return {
        "time": escape(time),
        "minutes": escape(minutes),
        "break": None,
        "module": escape(typeset(f"{module_label} {slot.module.number}: {slot.module.title}", language)),
        "activity": escape(slot.activity),
        "poll": to_typst(slot.live_poll) if slot.live_poll else None,
        "materials": [escape(m) for m in materials],
    }


def _change(slot: Slot, template: str) -> str:
    return template.format(
        number=slot.module.number, activity=slot.activity, planned=slot.planned, minutes=slot.minutes
    )


def session_plan_pdf(plan: SessionPlan, options: HandoutOptions) -> bytes:
    """The session plan rendered by Typst as a tagged PDF, under the course's title."""
    return render(session_plan_document(plan, options), TEMPLATE)
