"""GIFT question banks, one per quiz, for the types GIFT can express.

Single and multiple choice (with weights), true-false (with feedback), matching and essay
(reflections). GIFT has no ordering type, so ordering questions are left out of GIFT (they are in
the Moodle XML); ungraded survey questions (likert, poll) are left out as in every bank.

Text goes in as HTML (`[html]`), from the one Markdown path. GIFT reads `~ = # { } :` as syntax
and `\\` as its escape, so each is escaped with a backslash; line breaks become spaces, since a blank
line would end the question.
"""

from __future__ import annotations

import re

from ..model import Quiz
from .bank import BankQuestion, quiz_questions
from .templating import text_environment

GIFT_TYPES = ("single", "multiple", "true-false", "matching", "reflection")
_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """Text that GIFT reads as text: its specials escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def html_text(text: str) -> str:
    """HTML text with GIFT's format marker."""
    return "[html]" + escape(text)


def quiz_gift(quiz: Quiz, course_title: str) -> str:
    questions = [q for q in quiz_questions(quiz) if q.type in GIFT_TYPES]
    template = text_environment().get_template("gift.txt.j2")
    category = f"$course$/top/{_category(course_title)}/{_category(quiz.title)}"
    return template.render(
        category=category, questions=questions, escape=escape, html=html_text, true_false=true_false_answer
    )


def true_false_answer(q: BankQuestion) -> str:
    """`{TRUE#wrong feedback#right feedback}`: GIFT gives the feedback for a wrong answer first."""
    true, false = q.options
    key = true.weight > 0
    wrong, right = (false, true) if key else (true, false)
    return f"{'TRUE' if key else 'FALSE'}#{html_text(wrong.feedback_html)}#{html_text(right.feedback_html)}"


def _category(title: str) -> str:
    """A category path segment on the `$CATEGORY:` line: one line, `/` doubled (Moodle splits at `/`)."""
    return " ".join(title.split()).replace("/", "//")
