"""Building blocks shared by every content document: ids, text and the strict base model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""An author-written, language-neutral identifier: saved progress and translations key on it."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
"""Plain or Markdown text written by the author; never empty."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, and nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Document(Strict):
    """A top-level YAML file: it has an id and says which language its text is in."""

    id: Id
    language: LanguageCode = "en"
