"""Feedback that opens with a verdict the quiz already shows (build_tools/verdicts.py).

The check itself is tested end to end by tests/fixtures/invalid/verdict-opening.yml (English) and
tests/fixtures/translations/invalid/verdict-opening.po (a translation)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.i18n.catalogs import read_catalog
from build_tools.verdicts import ENGINE, opening_verdict, translated_verdict

ROOT = Path(__file__).resolve().parent.parent
VERDICT_KEYS = (("engine", "correct"), ("engine", "partly"), ("engine", "wrong"), ("engine", "not_answered"))
KEY_KEYS = (("trainer", "key_correct"), ("trainer", "key_wrong"))


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Correct. Sustaining peace covers prevention.", "Correct."),
        ("Right: the mediator helps, the parties decide.", "Right:"),
        ("No. An MP is not a judge.", "No."),
        ("Not quite. Carrying messages becomes shuttle mediation only when...", "Not quite."),
        ('"Yes, mediation needs consent."', "Yes,"),
        ("*Incorrect*. The Pact is not a treaty.", "Incorrect."),
        ("Partly  correct; the parties decide.", "Partly  correct;"),
        ("No third party in these roles makes binding decisions.", ""),
        ("Notably, the Pact is a political commitment.", ""),
        ("True to its name, good offices open a channel.", ""),
        ("Rightly or not, the parties decide.", ""),
        ("This is a structural cause: it shapes who gains.", ""),
        ("Close, but no one owns it and the deadline is vague.", ""),
        ("", ""),
    ],
)
def test_an_opening_verdict_is_found_and_a_word_that_only_starts_alike_is_not(text, verdict):
    assert opening_verdict(text) == verdict


def test_a_multiple_choice_option_may_judge_itself_but_not_in_the_engines_words():
    assert opening_verdict("Yes. This is the first principle.", per_option=True) == ""
    assert opening_verdict("No, an award is what arbitration produces.", per_option=True) == ""
    assert opening_verdict("Correct. This is the first principle.", per_option=True) == "Correct."
    assert opening_verdict("Not quite. Only one of them is named.", per_option=True) == "Not quite."


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Exact. C’est une cause structurelle.", "Exact."),
        ("Exact\u202f: le médiateur aide.", "Exact\u202f:"),
        ("Non. La définition ne parle pas de troupes.", "Non."),
        ("Pas tout à fait. Porter des messages…", "Pas tout à fait."),
        ("Ce n’est pas le cas. On pourrait croire…", "Ce n’est pas le cas."),
        ("« Bonne réponse. » Les parties décident.", "Bonne réponse."),
        ("Nonobstant l’accord, les parties décident.", ""),
        ("Exactement comme le prévoit la Charte, …", ""),
    ],
)
def test_french_verdicts_are_found_with_french_punctuation(text, verdict):
    assert opening_verdict(text, "fr") == verdict


def test_a_language_without_a_list_of_verdicts_has_none():
    assert opening_verdict("Right. The parties decide.", "xx") == ""


def test_a_translation_may_open_with_a_verdict_only_where_its_english_does():
    context = "quiz/questions/q/options/o/feedback"
    assert translated_verdict(context, "The parties decide.", "Exact. Les parties décident.", "fr") == "Exact."
    assert translated_verdict(context, "Yes. The parties decide.", "Oui. Les parties décident.", "fr") == ""
    assert translated_verdict("quiz/questions/q/prompt", "Who decides?", "Non. Qui décide ?", "fr") == ""
    explanation = "quiz/questions/q/explanation"
    assert translated_verdict(explanation, "Only the parties decide.", "Non : seules les parties.", "fr") == "Non :"


def _english_strings(keys) -> list[str]:
    strings = yaml.safe_load((ROOT / "build_tools/strings/en.yml").read_text(encoding="utf-8"))
    return [strings[group][key] for group, key in keys]


def _french_strings(keys) -> list[str]:
    catalog, _ = read_catalog(ROOT / "translations/fr/strings.po", "strings.po")
    wanted = {f"{group}/{key}" for group, key in keys}
    return [m.string for m in catalog if m.context in wanted]


@pytest.mark.parametrize("language", sorted(ENGINE))
def test_every_verdict_the_engine_and_the_trainers_key_show_is_in_the_list(language):
    """The lists follow the engine's own strings: a new wording there must be added to verdicts.py."""
    strings = _english_strings if language == "en" else _french_strings
    shown = strings(VERDICT_KEYS) + [f"{text}." for text in strings(KEY_KEYS)]
    assert len(shown) == 6
    assert [text for text in shown if not opening_verdict(f"{text} Then why.", language, per_option=True)] == []
