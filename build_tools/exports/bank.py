"""The questions of a course as a question bank: what Moodle XML and GIFT both export.

One `BankQuestion` per exportable question, with its texts already turned into HTML by the one
Markdown path (`safe_html.render_markdown`) and each option's weight in per cent, as Moodle and
GIFT grade it. Likert and poll questions (ungraded survey questions) are left out: a question bank
holds questions to grade, and Moodle's quiz has no ungraded choice type. A reflection becomes an
essay with a default mark of 0, since the course never scores it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..loader import Content
from ..model import Module, Quiz
from ..safe_html import markdown_to_text, render_markdown

EXPORTED_TYPES = ("single", "multiple", "true-false", "matching", "ordering", "reflection")
"""The question types the banks carry; likert and poll (ungraded survey questions) are left out."""


@dataclass(frozen=True)
class BankOption:
    """A choice (or a true/false answer, or an ordering item) with its weight in per cent."""

    id: str
    html: str
    weight: float
    feedback_html: str = ""


@dataclass(frozen=True)
class BankPair:
    """A matching pair: the prompt as HTML, the match as plain text (Moodle shows it in a menu)."""

    id: str
    prompt_html: str
    match_text: str


@dataclass(frozen=True)
class BankQuestion:
    quiz_id: str
    id: str
    type: str
    """single, multiple, true-false, matching, ordering or reflection (as in the content model)."""
    name: str
    """A short plain name for the bank's list: the prompt as a reader sees it, cut at 80 characters."""
    prompt_html: str
    explanation_html: str = ""
    options: tuple[BankOption, ...] = ()
    pairs: tuple[BankPair, ...] = ()
    shuffle: bool = True
    default_mark: int = 1

    @property
    def idnumber(self) -> str:
        """The question's stable id across re-imports: `quiz-id/question-id`."""
        return f"{self.quiz_id}/{self.id}"


@dataclass(frozen=True)
class BankCategory:
    """A category of the bank: a module (its quizzes' questions) or a course-wide assessment."""

    name: str
    questions: tuple[BankQuestion, ...] = field(default_factory=tuple)


def html(text: str | None, *, inline: bool = False) -> str:
    return str(render_markdown(text, inline=inline)).strip() if text else ""


def quiz_questions(quiz: Quiz) -> tuple[BankQuestion, ...]:
    """The quiz's exportable questions, in the authored order."""
    return tuple(_question(quiz.id, q) for q in quiz.questions if q.type in EXPORTED_TYPES)


def course_categories(content: Content, course_title: str) -> tuple[BankCategory, ...]:
    """One category per module (its quizzes' questions), then one per course-wide quiz."""
    categories = [_module_category(content, module, course_title) for module in content.modules]
    categories += [
        BankCategory(f"{course_title}/{_category_name(quiz.title)}", quiz_questions(quiz))
        for quiz in content.other_quizzes()
    ]
    return tuple(c for c in categories if c.questions)


def _module_category(content: Content, module: Module, course_title: str) -> BankCategory:
    questions = tuple(q for quiz in content.quizzes_of(module) for q in quiz_questions(quiz))
    return BankCategory(f"{course_title}/{_category_name(f'{module.number}. {module.title}')}", questions)


def _category_name(title: str) -> str:
    """A category path segment: Moodle splits paths at `/`, so a slash in a title is doubled (`//`)."""
    return " ".join(title.split()).replace("/", "//")


def _question(quiz_id: str, q) -> BankQuestion:
    common = {
        "quiz_id": quiz_id,
        "id": q.id,
        "type": q.type,
        "name": _name(q.prompt),
        "prompt_html": html(q.prompt),
        "explanation_html": html(getattr(q, "explanation", None) or getattr(q, "guidance", None)),
    }
    if q.type == "single":
        options = tuple(
            BankOption(
                o.id, html(o.text, inline=True), 100.0 if o.id == q.answer else 0.0, html(o.feedback, inline=True)
            )
            for o in q.options
        )
        return BankQuestion(**common, options=options, shuffle=q.shuffle)
    if q.type == "multiple":
        return BankQuestion(**common, options=_multiple_options(q), shuffle=q.shuffle)
    if q.type == "true-false":
        options = (
            BankOption("true", "true", 100.0 if q.answer else 0.0, html(q.feedback_true, inline=True)),
            BankOption("false", "false", 0.0 if q.answer else 100.0, html(q.feedback_false, inline=True)),
        )
        return BankQuestion(**common, options=options)
    if q.type == "ordering":
        options = tuple(BankOption(i.id, html(i.text, inline=True), 0.0) for i in q.items)
        return BankQuestion(**common, options=options)
    if q.type == "matching":
        pairs = tuple(BankPair(p.id, html(p.prompt, inline=True), markdown_to_text(p.match)) for p in q.pairs)
        return BankQuestion(**common, pairs=pairs)
    return BankQuestion(**common, default_mark=0)  # reflection: an essay that is never scored


def _multiple_options(q) -> tuple[BankOption, ...]:
    """Each right option earns 100/k per cent (k right options, so they sum to 100). A wrong one
    costs 100/k under partial scoring, as the quiz engine counts (right - wrong) / k; under
    all-or-nothing it costs 100, so any wrong choice scores 0, as close as Moodle's multichoice
    comes to all-or-nothing (it still gives part credit for some right choices and no wrong one)."""
    right = 100.0 / len(q.answer)
    wrong = -right if q.scoring == "partial" else -100.0
    return tuple(
        BankOption(o.id, html(o.text, inline=True), right if o.id in q.answer else wrong, html(o.feedback, inline=True))
        for o in q.options
    )


def _name(prompt: str) -> str:
    text = markdown_to_text(prompt)
    return text if len(text) <= 80 else text[:79].rstrip() + "…"
