"""The session's report: an HTML page and a PDF (Typst) with charts (pygal SVG), and the raw answers as
CSV and JSON (participant ids only: no names were ever asked).

    python -m build_tools workshop report SESSION [--results FILE ...]
"""

from __future__ import annotations

import base64
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pygal
import typst
from pygal.style import Style

from .findings import (
    ConfidenceFinding,
    ObjectiveFinding,
    PollFinding,
    SelfStudy,
    confidence_findings,
    objective_findings,
    participants,
    poll_findings,
    ranked_interest,
    read_results_files,
)
from .room import cut_at_word
from .session import SessionInfo, info_of, polls_of
from .store import Store
from .words import Words, workshop_words

HERE = Path(__file__).parent
TYPST_TEMPLATE = HERE / "templates" / "report.typ"
FILES = ("report.html", "report.pdf", "answers.csv", "answers.json")
ANSWERS_FORMAT = "ipu-workshop-answers"
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1b1f",
    foreground_strong="#1b1b1f",
    foreground_subtle="#6b6b75",
    colors=("#3949ab", "#1b5e20", "#9e9e9e"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    title_font_size=15,
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Report:
    info: SessionInfo
    participants: int
    polls: list[PollFinding]
    """The polls that got answers; `not_asked` counts the plan's others."""
    not_asked: int
    objectives: list[ObjectiveFinding]
    confidence: list[ConfidenceFinding]
    interest: list
    study: SelfStudy


def build_report(folder: Path, results: list[Path] | None = None, root: Path | None = None) -> list[Path]:
    """Write the report of the session in `folder` into `folder/report/`, in the session's language (its
    words from the PO files under `root`, the project by default); returns the files written."""
    store = Store(folder)
    try:
        report, answers, hands = gather(store, folder.name, read_results_files(results or []))
    finally:
        store.close()
    words = workshop_words(report.info.language, root)
    out = folder / "report"
    out.mkdir(exist_ok=True)
    charts = {
        f.poll.id: chart_svg(f, words)
        for f in report.polls
        if f.poll.kind != "text" and (f.total or any(f.self_study.values()))
    }
    (out / "report.html").write_text(render_html(report, charts, words), encoding="utf-8")
    (out / "report.pdf").write_bytes(render_pdf(report, charts, words))
    (out / "answers.csv").write_text(answers_csv(answers), encoding="utf-8", newline="")
    (out / "answers.json").write_text(answers_json(report.info, answers, hands), encoding="utf-8")
    return [out / name for name in FILES]


def gather(store: Store, name: str, study: SelfStudy) -> tuple[Report, list, dict]:
    polls = polls_of(store)
    answers = store.answers()
    hands = store.all_hands()
    findings = poll_findings(polls, answers, hands, study)
    texts = json.loads(store.meta("objectives", "{}"))
    assessed = json.loads(store.meta("assessed", "{}"))
    report = Report(
        info=info_of(store, name),
        participants=participants(answers),
        polls=[f for f in findings if f.asked],
        not_asked=sum(not f.asked for f in findings),
        objectives=objective_findings(findings, answers, texts, assessed, study),
        confidence=confidence_findings(polls, answers),
        interest=ranked_interest(findings),
        study=study,
    )
    return report, answers, hands


# --- charts ----------------------------------------------------------------------------------


def chart_svg(finding: PollFinding, words: Words) -> str:
    """A horizontal bar chart of one poll: the room's answers, and learners' self-study answers beside."""
    poll = finding.poll
    chart = pygal.HorizontalBar(
        js=[],
        style=CHART_STYLE,
        width=720,
        height=110 + 46 * max(len(poll.choices), 1),
        show_legend=any(finding.self_study.values()),
        legend_at_bottom=True,
        truncate_label=-1,
        print_values=True,
        print_zeroes=False,
        margin=12,
    )
    choices = list(reversed(poll.choices))  # pygal draws the first label at the bottom
    highest = max([*finding.counts.values(), *finding.self_study.values(), 1])
    step = max(1, -(-highest // 8))
    chart.y_labels = list(range(0, highest + step, step))  # whole numbers of people, never 0.2 of one
    chart.x_labels = [_short(c.text) + (" ✓" if poll.graded and c.id in poll.correct else "") for c in choices]
    right = poll.correct or frozenset()
    # the correct answer's bar in green; the others keep the series colour (a colour of None would hide them)
    room = [finding.counts.get(c.id, 0) for c in choices]
    chart.add(
        words.say("report", "chart_room"),
        [{"value": n, "color": "#1b5e20"} if c.id in right else n for c, n in zip(choices, room, strict=True)],
    )
    if any(finding.self_study.values()):
        chart.add(words.say("report", "chart_study"), [finding.self_study.get(c.id, 0) for c in choices])
    return chart.render(is_unicode=True)


def _short(text: str, limit: int = 34) -> str:
    """An option's text cut to fit beside the bars; the table under the chart gives it whole."""
    return cut_at_word(text, limit)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def chart_alt(finding: PollFinding, words: Words) -> str:
    return words.say("report", "chart_alt", prompt=finding.poll.prompt[:200])


# --- HTML and PDF ----------------------------------------------------------------------------


def _environment(words: Words) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.filters["percent"] = lambda pair: percent(pair, words)
    return env


def percent(pair: tuple[int, int] | None, words: Words) -> str:
    """`42% (5 of 12)`, as the report's language writes it (`42 % (5 sur 12)`); `–` for nothing."""
    if not pair or not pair[1]:
        return "–"
    share = words.percent(round(100 * pair[0] / pair[1]))
    return words.say("report", "share", share=share, count=words.number(pair[0]), total=words.number(pair[1]))


def render_html(report: Report, charts: dict[str, str], words: Words) -> str:
    images = {poll_id: data_uri(svg) for poll_id, svg in charts.items()}
    return (
        _environment(words)
        .get_template("report.html")
        .render(
            r=report,
            images=images,
            alt=lambda finding: chart_alt(finding, words),
            t=words.table["report"],
            lang=words.language,
            count=words.count,
            number=words.number,
        )
    )


def render_pdf(report: Report, charts: dict[str, str], words: Words) -> bytes:
    """The report as a tagged PDF; every label comes from `words`, already filled in."""
    say = words.table["report"]
    data = {
        "lang": words.language,
        "labels": say,
        "title": words.say("report", "title", course=report.info.course_title),
        "course": report.info.course_title,
        "course_id": report.info.course_id,
        "date": report.info.date,
        "session": report.info.name,
        "participants": words.count("report", "participants", report.participants),
        "files": words.number(report.study.files),
        "not_asked": words.count("report", "not_asked", report.not_asked) if report.not_asked else "",
        "polls": [_poll_data(f, charts.get(f.poll.id), words) for f in report.polls],
        "objectives": [
            [o.objective, o.text]
            + [percent(o.room.get("before"), words), percent(o.room.get("after"), words)]
            + [percent(o.self_study.get("before"), words), percent(o.self_study.get("after"), words)]
            for o in report.objectives
        ],
        "confidence": [
            {
                "prompt": c.rated.prompt,
                "rows": [[label, words.number(n), percent((right, n), words)] for label, n, right in c.levels],
            }
            for c in report.confidence
        ],
        "interest": [
            {
                "prompt": f.poll.prompt,
                "rows": [[text, words.number(room), words.number(study)] for text, room, study in rows],
            }
            for f, rows in report.interest
        ],
    }
    return typst.compile(
        str(TYPST_TEMPLATE), sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, pdf_standards=["ua-1"]
    )


def _poll_data(finding: PollFinding, svg: str | None, words: Words) -> dict:
    poll = finding.poll
    correct = " " + words.say("report", "correct_mark")
    rows = [
        [
            c.text + (correct if poll.graded and c.id in poll.correct else ""),
            words.number(finding.counts.get(c.id, 0)),
            words.number(finding.hands.get(c.id, 0)),
            words.number(finding.self_study.get(c.id, 0)),
        ]
        for c in poll.choices
    ]
    return {
        "id": poll.id,
        "prompt": poll.prompt,
        "stage": poll.stage,
        "answers": words.count("shared", "phones", finding.phones),
        "by_hand": words.say("report", "by_hand", count=words.number(finding.by_hand)) if finding.by_hand else "",
        "rows": rows,
        "texts": list(finding.texts),
        "hidden": words.count("report", "hidden", finding.hidden) if finding.hidden else "",
        "svg": svg,
        "alt": chart_alt(finding, words),
    }


# --- raw answers -----------------------------------------------------------------------------


def answers_csv(answers: list) -> str:
    """One row per answer: the poll's course id, the participant's random id, the answer, when."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["poll", "participant", "answer", "answered_at", "hidden_on_projector"])
    for a in answers:
        value = ";".join(a.value) if isinstance(a.value, list) else str(a.value)
        writer.writerow([a.poll, a.participant, _no_formula(value), a.answered_at, "yes" if a.hidden else "no"])
    return out.getvalue()


def _no_formula(text: str) -> str:
    """A spreadsheet must not run an answer as a formula (CSV injection): such a text starts with a quote."""
    return "'" + text if text.startswith(FORMULA_START) else text


def answers_json(info: SessionInfo, answers: list, hands: dict) -> str:
    data = {
        "format": ANSWERS_FORMAT,
        "version": 1,
        "session": info.name,
        "course": info.course_id,
        "date": info.date,
        "answers": [
            {"poll": a.poll, "participant": a.participant, "answer": a.value, "answered_at": a.answered_at}
            | ({"hidden_on_projector": True} if a.hidden else {})
            for a in answers
        ],
        "counted_by_hand": hands,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
