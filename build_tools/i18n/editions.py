"""The site's language editions: which languages, where each lives, and how they link to each other.

The first language of the course is at the site's root; every other one is a whole edition of the
same pages in a folder named by its code (`fr/`, `es/`, `ar/`). The page paths are the same in every
edition, so "the same page in the other language" is the other edition's root followed by this
page's path: the language switcher, the `hreflang` alternates and the sitemap are all built so,
with no network and no script (the offline edition opens from file://).

Knows nothing of mkdocs: the plugin passes plain values in and puts the results in the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

# Each language named in its own language (an endonym is never translated), for the switcher.
LANGUAGE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "pt": "Português",
    "ru": "Русский",
    "zh": "中文",
}
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}
SEARCH_FOLDING = Path(__file__).parent.parent / "templates" / "search-folding.js"


@dataclass(frozen=True)
class Edition:
    """One language of the site.

    Attributes:
        language: its code (`en`, `fr`), as in `<html lang>` and Material's `theme.language`.
        folder: where it lives below the site's root: `""` for the first language, else `fr/`.
    """

    language: str
    folder: str

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"


def editions(languages: list[str]) -> list[Edition]:
    """The editions of a course in these languages, the first at the root."""
    return [Edition(language, "" if index == 0 else f"{language}/") for index, language in enumerate(languages)]


def edition_of(languages: list[str], language: str) -> Edition:
    return next(e for e in editions(languages) if e.language == language)


def edition_site_url(site_url: str | None, edition: Edition) -> str:
    """The published address of an edition's root, or "" when the site's address is not set."""
    if not site_url:
        return ""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", edition.folder)


def alternates(languages: list[str], current: str, site_url: str | None) -> list[dict]:
    """Every edition as seen from the `current` one, for the switcher, the head and the sitemap.

    Each has `lang`, `name`, `dir`, `current` (this edition), `root` (the way from this edition's
    root to that one's, e.g. `fr/` or `../`) and `url` (that edition's published root, or "").
    """
    here = edition_of(languages, current)
    up = "../" * here.folder.count("/")
    return [
        {
            "lang": e.language,
            "name": e.name,
            "dir": e.direction,
            "current": e.language == current,
            "root": up + e.folder,
            "url": edition_site_url(site_url, e),
        }
        for e in editions(languages)
    ]


def misspelt_languages(languages: list[str]) -> list[str]:
    """Languages listed twice, or not written as a lowercase language code (`fr`, `pt_br`)."""
    seen: set[str] = set()
    wrong = []
    for language in languages:
        if language in seen or not language.replace("_", "").isalpha() or not language.islower():
            wrong.append(language)
        seen.add(language)
    return wrong


def folded_search_language(lunr_language_js: str, language: str) -> str:
    """Material's lunr language file with accents folded after stemming, at indexing and search time.

    lunr's French stemmer keeps accents, so "mediation" (typed on a keyboard without accents) would
    not find « médiation ». Both are folded to the same stem, so either spelling finds both; the
    results still show and highlight the text as written.
    """
    folding = SEARCH_FOLDING.read_text(encoding="utf-8").replace("{language}", language)
    return lunr_language_js.rstrip() + "\n" + folding
