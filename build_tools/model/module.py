"""A teaching module: objectives, sections, case studies, actions and references."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PrivateAttr, StrictBool, StringConstraints

from .common import Document, Id, Strict, Text

Minutes = Annotated[int, Field(ge=1, le=120)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Objective(Strict):
    """What a learner can do after the module, stated with a measurable verb.

    A key objective is also assessed by the diagnostic and the post-workshop assessment, so that
    learners can compare before and after.
    """

    id: Id
    text: Text
    key: StrictBool = False


FigureFile = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.svg$", max_length=68)]
"""The name of an SVG file in the `figures/` folder beside `modules/`, such as `conflict-tree.svg`."""


class Figure(Strict):
    """A picture of what a section teaches, shown after its text on the site and in the handouts.

    The caption and the alt text are required: the alt text says what the picture shows for a
    reader who cannot see it. A description is for a picture that holds more than the text does:
    it is shown under the picture as its text version.
    """

    file: FigureFile
    caption: Text
    alt: Annotated[str, StringConstraints(min_length=10, max_length=400, strip_whitespace=True)]
    description: Text | None = None


class Section(Strict):
    """One idea, under a heading that states it; the body is Markdown."""

    id: Id
    heading: Text
    body: Text
    figure: Figure | None = None


class CaseStudy(Strict):
    """A real, dated case where parliamentarians played a part."""

    id: Id
    title: Text
    when: Text
    what_happened: Text
    what_parliamentarians_did: Text
    lesson: Text
    limits: Text | None = None
    references: list[Id] = Field(default_factory=list)


class Segment(Strict):
    """One timed part of a module's session, as its timing text describes it."""

    minutes: Minutes
    activity: Text
    """Plain text: what the group does, in a few words, such as `The two cases` or `Discussion`."""
    live_poll: StrictBool = False
    """True for the segment in which the module's live-poll question is asked."""


class FacilitatorNotes(Strict):
    """Notes for trainers who run the module with a group; not shown to learners.

    `timing` says it in words; `minutes` and `segments` say it in numbers, for the session plan:
    the segments add up to `minutes` (`check` says when they do not).
    """

    timing: Text
    minutes: Minutes | None = None
    """How long the module takes with a group, in minutes."""
    segments: list[Segment] = Field(default_factory=list)
    """The parts of that time in teaching order; the session plan shortens or drops them to fit."""
    discussion_prompts: list[Text] = Field(min_length=1)
    live_poll: Text | None = None


class Reference(Strict):
    """A source that the module's facts come from."""

    id: Id
    title: Text
    publisher: Text
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    url: Url | None = None
    _title_language: str | None = PrivateAttr(default=None)
    """Set on a translated reference whose title the translators left in its own language (English):
    that language, which the page and the handout mark and whose punctuation they keep (i18n/apply.py)."""
    _title_kept: str = PrivateAttr(default="")
    """The start of the title that is in `_title_language` (the whole title, or the title before a
    translated note in brackets)."""


class Module(Document):
    """A self-study module, as a trainer writes it in `modules/<id>.yml`."""

    number: Annotated[int, Field(ge=1, le=999)]
    title: Text
    summary: Annotated[str, StringConstraints(min_length=20, max_length=300)]
    minutes: Minutes | None = None
    """No longer used: the reading time shown is worked out from the words (see `report`)."""
    why_it_matters: Text
    objectives: list[Objective] = Field(min_length=1, max_length=8)
    sections: list[Section] = Field(min_length=1)
    case_studies: list[CaseStudy] = Field(min_length=1)
    action_points: list[Text] = Field(min_length=1)
    takeaways: list[Text] = Field(min_length=1)
    facilitator_notes: FacilitatorNotes
    references: list[Reference] = Field(min_length=1)
    quizzes: list[Id] = Field(default_factory=list)

    def figures(self) -> list[tuple[int, Figure]]:
        """(section index, figure) for every section that has a picture."""
        return [(i, s.figure) for i, s in enumerate(self.sections) if s.figure]

    def prose(self) -> list[tuple[tuple, str]]:
        """Every piece of Markdown text a learner reads, with its path in the file."""
        texts: list[tuple[tuple, str]] = [(("why_it_matters",), self.why_it_matters)]
        texts += [(("sections", i, "body"), s.body) for i, s in enumerate(self.sections)]
        texts += [
            (("sections", i, "figure", "description"), s.figure.description)
            for i, s in enumerate(self.sections)
            if s.figure and s.figure.description
        ]
        for i, case in enumerate(self.case_studies):
            for name in ("what_happened", "what_parliamentarians_did", "lesson", "limits"):
                if getattr(case, name):
                    texts.append((("case_studies", i, name), getattr(case, name)))
        texts += [(("action_points", i), text) for i, text in enumerate(self.action_points)]
        texts += [(("takeaways", i), text) for i, text in enumerate(self.takeaways)]
        return texts

    def plain_fields(self) -> list[tuple[tuple, str, bool]]:
        """Every plain-text field with its path and whether it is a title (navigation, contents, tooltip)."""
        fields = [(("title",), self.title, True), (("summary",), self.summary, False)]
        fields += [(("sections", i, "heading"), s.heading, True) for i, s in enumerate(self.sections)]
        for i, case in enumerate(self.case_studies):
            fields += [
                (("case_studies", i, "title"), case.title, True),
                (("case_studies", i, "when"), case.when, False),
            ]
        for i, ref in enumerate(self.references):
            fields += [
                (("references", i, "title"), ref.title, False),
                (("references", i, "publisher"), ref.publisher, False),
            ]
        segments = self.facilitator_notes.segments
        fields += [
            (("facilitator_notes", "segments", i, "activity"), s.activity, False) for i, s in enumerate(segments)
        ]
        return fields

    def markdown_fields(self) -> list[tuple[tuple, str, bool]]:
        """Every Markdown text with its path and whether it is one line (inline), for the subset check."""
        fields = [(path, text, False) for path, text in self.prose()]
        fields += [(("objectives", i, "text"), o.text, True) for i, o in enumerate(self.objectives)]
        fields += [
            (("sections", i, "figure", "caption"), s.figure.caption, True)
            for i, s in enumerate(self.sections)
            if s.figure
        ]
        notes = self.facilitator_notes
        fields.append((("facilitator_notes", "timing"), notes.timing, False))
        fields += [
            (("facilitator_notes", "discussion_prompts", i), p, False) for i, p in enumerate(notes.discussion_prompts)
        ]
        if notes.live_poll:
            fields.append((("facilitator_notes", "live_poll"), notes.live_poll, False))
        return fields
