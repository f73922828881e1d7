"""Sources' titles in a translated edition: which part stays in English, and how it is written.

The rule (`kept_in_english`): a source's translated title whose text is its English, French spacing
and curly apostrophes aside, is English; so is the English title (or the English up to its closing
note in brackets) followed by a note the translators wrote in French. Anything else is a translation.
The page keeps the punctuation of any element in another language (`typeset_page`), and a title
ending in `?` takes no full stop after it (`full_stop`). The built pages and handouts are tested in
tests/integration/test_source_titles_built.py.
"""

from __future__ import annotations

import pytest

from build_tools.citations import full_stop, title_parts
from build_tools.i18n.apply import kept_in_english, with_titles_kept_in_english
from build_tools.i18n.editions import typeset_page
from build_tools.i18n.markers import marked
from build_tools.i18n.typography import NBSP, NNBSP, typeset
from build_tools.loader import load_content
from tests.conftest import FIXTURE_SITE

COMMON = "Common Security 2022: For Our Shared Future"


@pytest.mark.parametrize(
    ("english", "translation", "kept"),
    [
        (COMMON, COMMON, (COMMON, "")),
        (COMMON, typeset(COMMON, "fr"), (COMMON, "")),  # the spacing the build added is not the translators'
        (COMMON, "Common Security 2022 : For Our Shared Future", (COMMON, "")),  # nor one they typed
        ("What's next for prevention strategies?", "What’s next for prevention strategies ?",  # curly apostrophe
         ("What's next for prevention strategies?", "")),
        (f"{COMMON} (page and report)", f"{COMMON} (page et rapport)", (COMMON, " (page et rapport)")),
        ("Group of Facilitators for Cyprus", "Group of Facilitators for Cyprus (Groupe des facilitateurs pour Chypre)",
         ("Group of Facilitators for Cyprus", " (Groupe des facilitateurs pour Chypre)")),
        ("An Agenda for Peace (A/47/277–S/24111)", "Agenda pour la paix (A/47/277–S/24111)", None),
        ("Ontstaansgeschiedenis (history) of the IPU", "Ontstaansgeschiedenis (histoire) de l’UIP", None),
        ("L. Oppenheim, International Law: A Treatise, vol. 2, second edition",
         "L. Oppenheim, International Law: A Treatise, vol. 2, deuxième édition", None),
        ("A source", marked("A source"), None),  # untranslated: marked English already (markers.py)
    ],
)  # fmt: skip
def test_which_part_of_a_translated_title_stays_english(english, translation, kept):
    assert kept_in_english(english, translation) == kept


def test_a_title_left_in_english_is_given_back_as_the_english_writes_it_and_marked():
    content = load_content(FIXTURE_SITE)
    english = content.modules[0]
    source = english.references[0].model_copy(update={"title": f"{COMMON} (page and report)"})
    english = english.model_copy(update={"references": [source, source.model_copy(update={"title": "A source"})]})
    french_titles = [typeset(f"{COMMON} (page et rapport)", "fr"), "Une source"]
    pairs = zip(english.references, french_titles, strict=True)
    translated = english.model_copy(update={"references": [r.model_copy(update={"title": t}) for r, t in pairs]})
    common, translated_source = with_titles_kept_in_english(english, translated).references
    assert common.title == f"{COMMON} (page et rapport)"
    assert title_parts(common, "fr") == [(COMMON, "en"), (" (page et rapport)", None)]
    assert title_parts(common, "en") == [(common.title, None)]
    assert title_parts(translated_source, "fr") == [("Une source", None)]


def test_a_page_keeps_the_punctuation_of_text_in_another_language():
    page = '<p>Sources: <span lang="en">Title: subtitle?</span>; Titre: sous-titre?</p>'
    assert typeset_page(page, "fr") == (
        f'<p>Sources{NBSP}: <span lang="en">Title: subtitle?</span>{NNBSP}; Titre{NBSP}: sous-titre{NNBSP}?</p>'
    )


def test_the_other_language_ends_with_its_own_element_not_an_inner_one():
    page = '<p><span lang="en">A: <span class="x">b?</span> c: d</span> e: f</p>'
    assert typeset_page(page, "fr") == f'<p><span lang="en">A: <span class="x">b?</span> c: d</span> e{NBSP}: f</p>'


def test_a_lang_on_an_empty_element_or_in_the_page_language_changes_nothing():
    page = '<p><img lang="en" alt="x"> a: b <span lang="fr-CA">c: d</span> <a hreflang="en">e: f</a></p>'
    assert typeset_page(page, "fr") == page.replace(": ", f"{NBSP}: ")


@pytest.mark.parametrize(
    ("text", "stop"),
    [("Can women make the world more peaceful?", ""), ("Stop!", ""), ("Inc.", ""), ("A source", "."), ("2012", ".")],
)
def test_a_title_that_ends_a_sentence_takes_no_full_stop(text, stop):
    assert full_stop(text) == stop
