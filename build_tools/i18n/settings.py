"""Which languages the course is translated into: one line each in `translations/languages.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..problems import Problem

LANGUAGES_FILE = "translations/languages.yml"


@dataclass(frozen=True)
class Language:
    """A language of the course other than English (the source)."""

    code: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """Its name in itself, as a language switcher shows it: `Français`, `العربية`."""
        name = self.locale.display_name or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        """`ltr` or `rtl`."""
        return self.locale.text_direction


def languages(root: Path) -> list[Language]:
    """The languages listed in `translations/languages.yml` (none when it does not exist)."""
    return read_languages(root)[0]


def read_languages(root: Path) -> tuple[list[Language], list[Problem]]:
    path = root / LANGUAGES_FILE
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 0
        return [], [Problem(LANGUAGES_FILE, line, "", f"not valid YAML: {error}")]
    found, problems = [], []
    codes = data.get("languages", []) if isinstance(data, dict) else []
    for code in codes if isinstance(codes, list) else []:
        try:
            Locale.parse(str(code))
            found.append(Language(str(code)))
        except (UnknownLocaleError, ValueError):
            problems.append(
                Problem(
                    LANGUAGES_FILE,
                    0,
                    "languages",
                    f"'{code}' is not a language code",
                    "use a code such as fr, es or ar",
                )
            )
    if not isinstance(codes, list) or (not found and not problems and codes):
        problems.append(Problem(LANGUAGES_FILE, 0, "languages", "expected a list of language codes", "languages: [fr]"))
    return found, problems
