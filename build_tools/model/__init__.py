"""The content model: what a module and a quiz are, independent of any output."""

from .common import Document, Id
from .glossary import Glossary, Term
from .module import CaseStudy, FacilitatorNotes, Figure, Module, Objective, Reference, Section, Segment
from .quiz import (
    GRADED_TYPES,
    INTRODUCTIONS,
    Likert,
    Matching,
    MultipleChoice,
    Option,
    Ordering,
    Poll,
    Question,
    Quiz,
    QuizKind,
    Reflection,
    SingleChoice,
    TrueFalse,
)

__all__ = [
    "GRADED_TYPES",
    "INTRODUCTIONS",
    "CaseStudy",
    "Document",
    "FacilitatorNotes",
    "Figure",
    "Glossary",
    "Id",
    "Likert",
    "Matching",
    "Module",
    "MultipleChoice",
    "Objective",
    "Option",
    "Ordering",
    "Poll",
    "Question",
    "Quiz",
    "QuizKind",
    "Reference",
    "Reflection",
    "Section",
    "Segment",
    "SingleChoice",
    "Term",
    "TrueFalse",
]
