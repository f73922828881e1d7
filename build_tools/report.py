"""Plain-language report per module: length, sentence length, readability, assessment coverage.

Readability is the Flesch reading ease score (higher is easier; 60-70 is plain English) computed
with a simple syllable heuristic, enough to compare modules and spot a dense one. textstat needs
a dictionary download at run time, which this project cannot rely on.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from . import plain_text
from .loader import Content
from .markdown_subset import shared_tokens
from .memo import memo
from .model import Module

WORDS_PER_MINUTE = 200
TARGET_SENTENCE = 22
_markdown = MarkdownIt("commonmark").enable("table")
_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|td|th|h\d)>")
_AS_WRITTEN = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}
_MARKS = {"strong_open", "strong_close", "em_open", "em_close", "link_open", "link_close"}
"""Inline tokens that render as a tag and hold no words of their own."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’-]*")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?")
"""An image, with its description (read by a screen reader, not counted as reading) and attributes."""


@dataclass(frozen=True)
class ModuleStats:
    module: Module
    words: int
    sentences: int
    syllables: int
    questions_per_objective: dict[str, int]

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def sentence_length(self) -> float:
        return self.words / max(self.sentences, 1)

    @property
    def reading_ease(self) -> float:
        return 206.835 - 1.015 * self.sentence_length - 84.6 * self.syllables / max(self.words, 1)


def module_stats(content: Content) -> list[ModuleStats]:
    """Figures for every module, in teaching order."""
    counts: dict[str, int] = {}
    for quiz in content.quizzes.values():
        for question in quiz.questions:
            for tag in question.objectives:
                counts[tag] = counts.get(tag, 0) + 1
    stats = []
    for module in content.modules:
        sentences = [s for text in _texts(module) for s in _sentences(text)]
        words = [w for s in sentences for w in _WORD.findall(s)]
        stats.append(
            ModuleStats(
                module,
                len(words),
                len(sentences),
                sum(map(syllables, words)),
                {o.id: counts.get(o.id, 0) for o in module.objectives},
            )
        )
    return stats


def reading_minutes(module: Module) -> int:
    """The reading time shown to learners: the module's words, counted as `make report` counts
    them, at 200 a minute, to the nearest minute (at least one)."""
    return _minutes_to_read(sum(_word_count(text) for text in _texts(module)))


@memo("word-counts")  # the home page, each module page and each handout count the same texts
def _word_count(plain: str) -> int:
    return sum(len(_WORD.findall(sentence)) for sentence in _sentences(plain))


def page_reading_minutes(markdown: str) -> int:
    """The reading time of a hand-written page's Markdown, counted as a module page's (see
    `reading_minutes`): the words of its text, its images' descriptions left out."""
    return _minutes_to_read(_word_count(_plain(_IMAGE.sub("", markdown))))


def _minutes_to_read(words: int) -> int:
    """At 200 words a minute, to the nearest minute, at least one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def format_report(stats: list[ModuleStats]) -> str:
    lines = [f"{'module':<34} {'words':>6} {'min':>5} {'sent.':>6} {'ease':>5}  objectives (questions each)"]
    for s in stats:
        flag = " (long sentences)" if s.sentence_length > TARGET_SENTENCE else ""
        coverage = ", ".join(f"{oid} {n}" for oid, n in s.questions_per_objective.items())
        lines.append(
            f"{s.module.number}. {s.module.id:<31} {s.words:>6} {s.minutes:>5.1f} "
            f"{s.sentence_length:>6.1f} {s.reading_ease:>5.0f}  {coverage}{flag}"
        )
    total = sum(s.words for s in stats)
    lines.append(
        f"total: {total} words, about {total / WORDS_PER_MINUTE:.0f} minutes of reading; "
        f"aim for sentences under {TARGET_SENTENCE} words on average"
    )
    return "\n".join(lines)


def syllables(word: str) -> int:
    """An estimate: groups of vowels, less a silent final e, at least one."""
    word = word.lower().strip("'’-")
    groups = len(re.findall(r"[aeiouyàâäéèêëîïôöùûü]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def _texts(module: Module) -> list[str]:
    texts = [module.title, module.summary] + [o.text for o in module.objectives]
    texts += [s.heading for s in module.sections] + [text for _, text in module.prose()]
    return [_plain(text) for text in texts]


@memo("plain-text")
def _plain(markdown: str) -> str:
    """Markdown to plain text, one block (paragraph, list item, cell) per line.

    Cached: the module list, each module page and each handout count the same texts' words.
    """
    tokens = shared_tokens(markdown) or plain_text.parse(_markdown, markdown)
    walked = _walked(tokens)
    return walked if walked is not None else _as_text(_markdown.renderer.render(tokens, _markdown.options, {}))


def _as_text(rendered: str) -> str:
    """HTML as plain text: each block's end a line's end, tags left out."""
    rendered = _BLOCK_END.sub("\n", rendered.replace("\n", " "))
    return html.unescape(_TAGS.sub("", rendered))  # `&quot;` is a quotation mark, not the word "quot"


def _walked(tokens) -> str | None:
    """`_as_text` of the rendered tokens, read from the tokens: a text is not escaped to be unescaped
    again. None when a token is rendered by a rule of its own (code, raw HTML, an image)."""
    pieces = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in _AS_WRITTEN:
                    pieces.append(child.content)  # a text or code span holds no line break
                elif child.type in _BREAKS:
                    pieces.append(" ")
                elif child.type not in _MARKS:
                    return None
        elif token.type in _markdown.renderer.rules:
            return None
        else:
            pieces.append(_tag_as_text(_markdown.renderer.renderToken(tokens, index, _markdown.options, {})))
    return "".join(pieces)


@lru_cache(maxsize=256)
def _tag_as_text(tag: str) -> str:
    """A block's tag (`</li>\\n`) as plain text: a line's end or a space (see `_as_text`)."""
    return _as_text(tag)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part)]
