"""The content model: what a module and a quiz are, independent of any output."""

from .common import Document, Id
from .module import CaseStudy, FacilitatorNotes, Module, Objective, Reference, Section
from .quiz import (
    GRADED_TYPES,
    Likert,
    Matching,
    MultipleChoice,
    Option,
    Ordering,
    Question,
    Quiz,
    QuizKind,
    Reflection,
    SingleChoice,
    TrueFalse,
)

__all__ = [
    "GRADED_TYPES",
    "CaseStudy",
    "Document",
    "FacilitatorNotes",
    "Id",
    "Likert",
    "Matching",
    "Module",
    "MultipleChoice",
    "Objective",
    "Option",
    "Ordering",
    "Question",
    "Quiz",
    "QuizKind",
    "Reference",
    "Reflection",
    "Section",
    "SingleChoice",
    "TrueFalse",
]
