"""Feedback that opens with a verdict the quiz already shows.

The quiz engine prints its own verdict first ("Correct.", "Partly correct.", "Not quite."), then the
feedback of each chosen option, labelled with the option ("False: ..."), then the explanation. A text
that opens "Correct." or "No." repeats the verdict, and after an option's label ("False: Correct.")
it reads like a contradiction; the explanation is shown whatever the learner chose, so a verdict in
it is wrong for half of them. A multiple-choice option's feedback may judge that one option
("Yes.", "No."), since the engine's verdict is about the whole answer, but not in the engine's words.
"""

from __future__ import annotations

import re

HINT = "the quiz already says whether the answer is correct; start with why"
OPTION_HINT = "to judge this one option, open with Yes. or No., then say why"
ENGINE = {
    "en": ("correct", "incorrect", "not correct", "partly correct", "partially correct", "not quite", "not answered"),
    "fr": (
        "bonne réponse",
        "mauvaise réponse",
        "réponse en partie juste",
        "pas tout à fait",
        "sans réponse",
        "correct",
        "incorrect",
    ),
}
"""What the engine (and the trainer's key) says in each language: build_tools/strings and translations/*/strings.po."""
ANSWER = {
    "en": (
        "right",
        "wrong",
        "yes",
        "no",
        "true",
        "false",
        "not so",
        "exactly",
        "accurate",
        "inaccurate",
        "not accurate",
    ),
    "fr": (
        "exact",
        "exactement",
        "inexact",
        "juste",
        "faux",
        "vrai",
        "oui",
        "non",
        "ce n’est pas le cas",
        "ce n'est pas le cas",
    ),
}
"""Other words that judge an answer: refused where one answer is judged, or in an explanation."""


def _opening(words: tuple[str, ...]) -> re.Pattern:
    """A verdict word at the start, inside any quote marks or emphasis, followed by a punctuation mark."""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^[\s\"“«*_]*({alternatives})[*_\"”»]*(\s*[.,:;!])(?=\s|$)", re.IGNORECASE)


ENGINE_OPENING = {language: _opening(words) for language, words in ENGINE.items()}
ANY_OPENING = {language: _opening(ENGINE[language] + ANSWER[language]) for language in ENGINE}


def opening_verdict(text: str, language: str = "en", per_option: bool = False) -> str:
    """The verdict a text opens with (as written, with its punctuation), or "".

    Args:
        text: a feedback or explanation.
        language: whose words to look for; a language without a list has none.
        per_option: the feedback of one option of a multiple-choice question, which may judge
            that option ("Yes.") but not use the engine's verdict for the whole answer.
    """
    patterns = ENGINE_OPENING if per_option else ANY_OPENING
    pattern = patterns.get(language)
    match = pattern.match(text) if pattern else None
    return match.group(1) + match.group(2) if match else ""


JUDGING_FIELDS = ("feedback", "feedback_true", "feedback_false", "explanation")
"""The last part of a PO context (`quiz/questions/q/options/o/feedback`) whose text follows a verdict."""


def translated_verdict(context: str, english: str, translation: str, language: str) -> str:
    """The verdict a translated feedback or explanation opens with where its English opens with none.

    The English is checked in full (see `checks.py`); where it may judge one option ("Yes."), so
    may the translation, in its own words."""
    if context.rsplit("/", 1)[-1] not in JUDGING_FIELDS or opening_verdict(english):
        return ""
    return opening_verdict(translation, language)
