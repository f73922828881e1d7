"""The site's language editions: which languages, where each lives, and how they link to each other.

The course says which languages it is built in (`languages:` of courses/<id>.yml; a project without
a course file: English, then each language of translations/languages.yml). The first is at the
site's root; every other one is a whole edition of the same pages in a folder named by its code
(`fr/`, `es/`, `ar/`). The page paths are the same in every edition, so "the same page in the other
language" is the other edition's root followed by this page's path: the language switcher, the
`hreflang` alternates and the sitemap are all built so, with no network and no script (the offline
edition opens from file://).

Two questions are kept apart: whether an edition is at the root (the course's first language) and
whether it is translated (any language but English, the source of every text): a French-only course
is French at the root, translated.

Knows nothing of mkdocs: the plugin passes plain values in and puts the results in the config.
The languages that have translations are listed in translations/languages.yml (see settings.py).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from babel import Locale

from ..memo import keep, recall
from .typography import MARKS, TYPOGRAPHY, typeset

SEARCH_FOLDING = Path(__file__).parent.parent / "templates" / "search-folding.js"
SOURCE_LANGUAGE = "en"
"""The language every text is written in first; the others come from translations/<code>/."""


def edition_languages(course_languages: list[str] | None, translated: list[str]) -> list[str]:
    """The languages a build makes, the first at the site's root: the course's own, or, without a
    course, English followed by each language that has translations (`translated`)."""
    if course_languages:
        return list(course_languages)
    return [SOURCE_LANGUAGE, *(language for language in translated if language != SOURCE_LANGUAGE)]


def is_translated(language: str) -> bool:
    """Whether an edition's text comes from translations (every language but the source, English)."""
    return language != SOURCE_LANGUAGE


def folder_of(languages: list[str], language: str) -> str:
    """Where an edition lives below the site's root: `""` for the first language, else `fr/`."""
    return "" if language == languages[0] else f"{language}/"


def error_page_base(site_url: str | None, folder: str) -> str | None:
    """Where an edition's error page (`404.html`) starts its links from, when mkdocs would start them
    elsewhere; None when it starts them right.

    mkdocs gives an error page absolute links, from site_url's path (an edition in a folder gets its
    own site_url: see `edition_site_url`), or from `/` when site_url is not set: the first edition's
    root, so a French 404 page would lead to English pages. Then the edition's folder, `/fr/`.
    """
    return "/" + folder if folder and not site_url else None


@lru_cache(maxsize=64)  # each language's build asks for every language's name
def language_name(language: str) -> str:
    """The language named in itself (`Français`, `العربية`): a switcher's label is never translated."""
    name = Locale.parse(language).display_name or language
    return name[:1].upper() + name[1:]


def edition_site_url(site_url: str | None, folder: str) -> str:
    """The published address of an edition's root, or "" when the site's address is not set."""
    if not site_url:
        return ""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", folder)


def alternates(languages: list[str], current: str, site_url: str | None) -> list[dict]:
    """Every edition as seen from the `current` one, for the switcher, the head and the sitemap.

    Each has `lang`, `name`, `dir`, `current` (this edition), `root` (the way from this edition's
    root to that one's, e.g. `fr/` or `../`) and `url` (that edition's published root, or "").
    """
    up = "../" * folder_of(languages, current).count("/")
    return [
        {
            "lang": language,
            "name": language_name(language),
            "dir": Locale.parse(language).text_direction,
            "current": language == current,
            "root": up + folder_of(languages, language),
            "url": edition_site_url(site_url, folder_of(languages, language)),
        }
        for language in languages
    ]


def folded_search_language(lunr_language_js: str, language: str) -> str:
    """Material's lunr language file with accents folded after stemming, at indexing and search time.

    lunr's French stemmer keeps accents, so "mediation" (typed on a keyboard without accents) would
    not find « médiation ». Both are folded to the same stem, so either spelling finds both; the
    results still show and highlight the text as written.
    """
    folding = SEARCH_FOLDING.read_text(encoding="utf-8").replace("{language}", language)
    return lunr_language_js.rstrip() + "\n" + folding


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_MARKS = ";:!?»"
_UNTOUCHED = ("code", "pre", "script", "style", "textarea", "kbd", "samp")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
"""Elements with no content (and no end tag): a `lang` on one opens nothing."""
_LANG_ATTRIBUTE = re.compile(r"""\slang=["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)""")


def typeset_page(html: str, language: str) -> str:
    """A page's HTML with the typography of `language` in its text (typography.py): the spaces the
    templates and the quiz markup write around the translated text (`Question 1: …`) follow the
    same rules as the translations. Tags, attributes, code and scripts are left as they are.

    Kept by the page's hash (see `memo`): a rebuild typesets again only the pages that changed."""
    if language not in TYPOGRAPHY:
        return html
    key = (language, hashlib.sha256(html.encode("utf-8")).hexdigest())
    typeset_html = recall("typeset-pages", key)
    if typeset_html is None:
        typeset_html = _typeset_text_of(html, language)
        keep("typeset-pages", key, typeset_html)
    return typeset_html


def _typeset_text_of(html: str, language: str) -> str:
    parts = _TAG_OR_TEXT.split(html)  # text, tag, text, tag, ..., text
    inside: list[str] = []  # the code, script... elements open here, and those in another language
    before = ""  # the text before this part, which may end just before a tag
    marked = _marks_of(language)
    for index in range(0, len(parts), 2):
        part = parts[index]
        if part and not inside:
            if marked is None or marked.search(part):  # else no rule here acts on it (`&nbsp;` holds a `;`)
                part = parts[index] = _typeset_part(part, before, language)
            before = part
        elif part and _in_other_language_only(inside):
            before = part  # `<span lang="en">Title</span>; …`: the French `;` after it gets its space
        if index + 1 < len(parts):
            _follow(inside, parts[index + 1], language)
    return "".join(parts)


def _in_other_language_only(inside: list[str]) -> bool:
    """Whether the untouched elements open are all in another language (no code, no script)."""
    return all(name not in _UNTOUCHED for name in inside)


@lru_cache(maxsize=8)
def _marks_of(language: str) -> re.Pattern | None:
    """Any character the rules here act on in a text of `language` (None: not known, every text is typeset)."""
    if language not in MARKS:
        return None
    return re.compile("[" + re.escape("".join(sorted(MARKS[language] | set(_MARKS)))) + "]")


def _follow(inside: list[str], tag: str, language: str) -> None:
    """Keep `inside` (the untouched elements open) up to date past one tag.

    An element of the same name opened inside an untouched one is followed too (a `<span>` in a
    `<span lang="en">`), so that its end does not end the untouched one."""
    followed = _untouched_tag(tag, language)
    if followed is None and inside and (nested := _element_tag(tag)) and nested[1] == inside[-1]:
        followed = nested
    if followed is None:
        return
    closing, name = followed
    if closing:
        del inside[-1:]
    else:
        inside.append(name)


@lru_cache(maxsize=4096)  # a page's tags repeat (`</div>`, the navigation's): each is read once
def _untouched_tag(tag: str, language: str) -> tuple[bool, str] | None:
    """(closing, name) for a tag that opens or closes code, a script or the like, or that opens an
    element in another language than the page's (`<span lang="en">`: its text keeps its own
    punctuation); else None. The end of an element in another language is followed by `_follow`."""
    element = _element_tag(tag)
    if element is None:
        return None
    closing, name = element
    if name in _UNTOUCHED:
        return element
    if not closing and name not in _VOID and _is_in_other_language(tag, language):
        return element
    return None


@lru_cache(maxsize=4096)
def _element_tag(tag: str) -> tuple[bool, str] | None:
    """(closing, name) of a tag that opens or closes an element; None for a comment or an empty element."""
    name = _TAG_NAME.match(tag)
    if not name or tag.endswith("/>"):
        return None
    return tag.startswith("</"), name.group(1).lower()


def _is_in_other_language(tag: str, language: str) -> bool:
    """Whether an opening tag says its content is in another language than `language` (`lang="en"`
    on a French page; `fr-CA` is French)."""
    lang = _LANG_ATTRIBUTE.search(tag)
    return bool(lang) and lang.group(1).split("-")[0].lower() != language.split("-")[0].lower()


def _typeset_part(part: str, before: str, language: str) -> str:
    """One text between tags with the typography of `language`; `before`: the text before it."""
    # a no-break space the sanitiser wrote as an entity counts as the space it is
    text = part.replace("&nbsp;", "\u00a0")
    if text[0] in _MARKS and before and not before[-1].isspace():  # `<strong>Non</strong>: …`
        text = _space_before_mark(text[0]) + text
    return typeset(text, language)


def _space_before_mark(mark: str) -> str:
    return "\u00a0" if mark == ":" else "\u202f"
