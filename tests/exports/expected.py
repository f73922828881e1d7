"""What the model says each exported question holds, computed from the YAML's model alone (not
through the exporter's own data), for comparison with what independent parsers read back."""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.model import Quiz
from build_tools.safe_html import markdown_to_text, render_markdown

LEFT_OUT = ("likert", "poll")
"""Ungraded survey questions: in no bank."""


def block(text: str | None) -> str:
    return " ".join(str(render_markdown(text)).split()) if text else ""


def inline(text: str) -> str:
    return " ".join(str(render_markdown(text, inline=True)).split())


@dataclass(frozen=True)
class Choice:
    text: str
    weight: float
    feedback: str


def exported(quiz: Quiz, types: tuple[str, ...]) -> list:
    return [q for q in quiz.questions if q.type in types and q.type not in LEFT_OUT]


def choices(q) -> list[Choice]:
    """Each option with its weight in per cent: 100 for a single choice's key; 100/k for each of a
    multiple choice's k keys, and -100/k (partial) or -100 (all-or-nothing) for a wrong one."""
    if q.type == "single":
        return [Choice(inline(o.text), 100.0 if o.id == q.answer else 0.0, inline(o.feedback)) for o in q.options]
    right = 100 / len(q.answer)
    wrong = -right if q.scoring == "partial" else -100.0
    return [Choice(inline(o.text), right if o.id in q.answer else wrong, inline(o.feedback)) for o in q.options]


def general_feedback(q) -> str:
    return block(getattr(q, "explanation", None) or getattr(q, "guidance", None))


def match_text(text: str) -> str:
    return markdown_to_text(text)
