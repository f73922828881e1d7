"""Translations: extraction of the English into PO files, their merge and checks, and translated content.

The API the outputs use:
- `translate_content(content, root, language, strict=...) -> (Content, problems)`: the content in a
  language, English structure, translated text, English fingerprints;
- `translated_page(root, page_path, language) -> str`: a hand-written page in a language;
- `rendering.load_strings(language)`: the interface strings, translated from `strings.po`;
- `markers.html_with_untranslated(html)` and `markers.without_marks(text)`: English shown in place of a
  missing translation is marked; the site shows it in `<span lang="en" class="untranslated">`;
- `languages(root)`: the languages the course is translated into (`translations/languages.yml`).
"""

from .apply import translate_content, translate_page, translated_page, translated_strings
from .markers import html_with_untranslated, without_marks
from .settings import languages

__all__ = [
    "html_with_untranslated",
    "languages",
    "translate_content",
    "translate_page",
    "translated_page",
    "translated_strings",
    "without_marks",
]
