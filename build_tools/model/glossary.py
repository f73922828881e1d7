"""The glossary: one meaning per term, shown as a tooltip wherever the term appears."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .common import Id, LanguageCode, Strict

TermText = Annotated[str, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)]


class Term(Strict):
    """A term and its short definition.

    Attributes:
        forms: other spellings that get the same tooltip, such as a plural (`BATNAs`).
        module: the module that teaches the term, linked from the glossary page.
    """

    id: Id
    term: TermText
    forms: list[TermText] = Field(default_factory=list)
    definition: Annotated[str, StringConstraints(min_length=10, max_length=300, strip_whitespace=True)]
    module: Id | None = None


class Glossary(Strict):
    """`glossary.yml`: the course's terms, in the language of its text."""

    language: LanguageCode = "en"
    terms: list[Term] = Field(min_length=1)

    def plain_fields(self) -> list[tuple[tuple, str, bool]]:
        """Every field with its path; all are plain text, and all appear in tooltips."""
        fields = []
        for i, term in enumerate(self.terms):
            fields += [(("terms", i, "term"), term.term, True), (("terms", i, "definition"), term.definition, True)]
            fields += [(("terms", i, "forms", j), form, True) for j, form in enumerate(term.forms)]
        return fields
