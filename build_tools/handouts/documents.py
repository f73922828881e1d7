"""The data behind each handout, serialised for the Typst template.

One function per document: a module handout, the learner workbook and the trainer edition. All
author text is converted to escaped Typst markup here, so the template only lays it out.
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from ..citations import after_title, title_parts
from ..i18n.typography import typeset
from ..loader import Content
from ..model import Figure, Likert, Module, Quiz, Reference
from ..packing import FOLDER
from ..presentation import Numbered, numbered_questions, presented_options
from ..rendering import load_strings, shuffled
from ..report import reading_minutes
from .typst_markup import escape, inline_to_typst, to_typst

PAPERS = {"a4": "a4", "letter": "us-letter"}
CASE_PARTS = ("what_happened", "what_parliamentarians_did", "lesson", "limits")


@dataclass(frozen=True)
class HandoutOptions:
    """Settings shared by all handouts of one build.

    Attributes:
        paper: `a4` or `letter`.
        site_url: the address of the published site, for the links and QR codes to the quizzes;
            empty when unknown (the link is then relative to the downloads folder).
        language: the language of the interface strings.
        offline: the handouts of the offline edition, which point to its pages on the USB stick.
    """

    paper: str = "a4"
    site_url: str = ""
    language: str = "en"
    directory_urls: bool = True
    offline: bool = False
    folder: str = ""
    """Where the edition of this language is in the site: "" for the course's first language (at the
    root), `fr/` for French when it is not the first."""
    strings_root: Path | None = field(default=None, compare=False)
    """The project folder whose translations/ hold the interface strings (default: this project)."""
    title: str = ""
    """The course's title on the workbook and the trainer edition; empty for the default one."""

    @property
    def variant(self) -> str:
        """A short name for these settings, e.g. `a4-en-dirs-5d41402a`."""
        site = hashlib.sha256(self.site_url.encode()).hexdigest()[:8]
        pages = "offline" if self.offline else "dirs" if self.directory_urls else "files"
        return f"{self.paper}-{self.language}-{pages}-{site}"


LOCAL_HOSTS = {"localhost", "localhost.localdomain", "ip6-localhost"}


def public_address(site_url: str | None) -> str:
    """`site_url` if a reader elsewhere can open it; empty for none or for this machine's own address.

    `mkdocs serve` sets `site_url` to `http://127.0.0.1:8000/`: printed on paper or in a QR code, that
    address would open nothing on the reader's phone.
    """
    host = urlparse(site_url or "").hostname or ""
    if not host or host in LOCAL_HOSTS:
        return ""
    try:
        address = ipaddress.ip_address(host)
        if address.is_loopback or address.is_unspecified:  # 0.0.0.0: `mkdocs serve` on every interface
            return ""
    except ValueError:  # a name, not an IP address
        pass
    return site_url


@dataclass(frozen=True)
class Document:
    """A handout to render: its file name and the data for the template."""

    name: str
    data: dict = field(hash=False)


def module_handout(content: Content, module: Module, options: HandoutOptions) -> Document:
    strings = _strings(options)
    data = _frame(strings, options, module.title, strings["subtitle_module"], strings["edition_module"])
    data["modules"] = [_module(content, module, options, strings, trainer=False)]
    data["keywords"] = [module.id]
    return Document(f"{module.id}.pdf", data)


ONE_VOLUME = 12
"""A course of up to this many modules has one workbook and one trainer edition."""
VOLUME_MODULES = 8
"""The modules in each volume of a larger course's workbook or trainer edition: each PDF stays a
printable size, and Typst renders it in bounded memory (it needs about 10 MB per module)."""


def workbook(content: Content, options: HandoutOptions, trainer: bool = False) -> Document:
    """All modules, the glossary and every quiz as a worksheet; the trainer edition adds notes and keys.

    For a course of more than VOLUME_MODULES modules, this is the first of `workbook_volumes`."""
    return workbook_volumes(content, options, trainer)[0]


def workbook_volumes(content: Content, options: HandoutOptions, trainer: bool = False) -> list[Document]:
    """The workbook (or trainer edition): `workbook.pdf` for a course of up to ONE_VOLUME modules, else
    volumes of VOLUME_MODULES modules in teaching order, `workbook-1.pdf`, `workbook-2.pdf`... Each
    volume has the glossary and its modules' worksheets; the last also has the course-wide quizzes."""
    modules = list(content.modules)
    size = ONE_VOLUME if len(modules) <= ONE_VOLUME else VOLUME_MODULES
    parts = [modules[i : i + size] for i in range(0, len(modules), size)] or [[]]
    stem = "trainer-edition" if trainer else "workbook"
    if len(parts) == 1:
        return [_workbook_volume(content, options, trainer, modules, f"{stem}.pdf", None)]
    return [
        _workbook_volume(content, options, trainer, part, f"{stem}-{number}.pdf", (number, len(parts)))
        for number, part in enumerate(parts, start=1)
    ]


def _workbook_volume(
    content: Content, options: HandoutOptions, trainer: bool, modules: list[Module], name: str, volume
) -> Document:
    strings = _strings(options)
    edition = strings["edition_trainer" if trainer else "edition_workbook"]
    subtitle = strings["subtitle_trainer" if trainer else "subtitle_workbook"]
    if volume:
        number, total = volume
        part = strings["volume"].format(number=number, total=total, first=modules[0].number, last=modules[-1].number)
        subtitle = f"{subtitle}. {part}"
    last = volume is None or volume[0] == volume[1]
    quizzes = [content.quizzes[q] for m in modules for q in m.quizzes] + (content.other_quizzes() if last else [])
    data = _frame(strings, options, options.title or strings["course"], subtitle, edition)
    data.update(
        toc=True,
        answers=trainer,
        modules=[_module(content, m, options, strings, trainer) for m in modules],
        glossary=_glossary(content),
        quizzes=[_quiz(q, strings) for q in _unique(quizzes)],
    )
    return Document(name, data)


def _unique(quizzes: list[Quiz]) -> list[Quiz]:
    """Each quiz once, where it first comes (a quiz two modules list goes with the first)."""
    seen: set[str] = set()
    return [q for q in quizzes if not (q.id in seen or seen.add(q.id))]


EDITIONS = ("learner", "trainer", "all")
"""Which handouts to make: the learners' (module handouts and workbook), the trainer edition, or both."""


def all_documents(content: Content, options: HandoutOptions, edition: str = "all") -> list[Document]:
    """The handouts of one edition. The trainer edition holds every answer key: it is never published
    with the learners' site, but built beside it (`make trainer`)."""
    documents = []
    if edition in ("learner", "all"):
        documents += [module_handout(content, m, options) for m in content.modules]
        documents += workbook_volumes(content, options)
    if edition in ("trainer", "all"):
        documents += workbook_volumes(content, options, trainer=True)
    return documents


def _strings(options: HandoutOptions) -> dict:
    table = load_strings(options.language, options.strings_root)["handout"]
    return {**table, "list_separator": typeset("x; y", options.language)[1:-1]}  # French: `x ; y`


def _frame(strings: dict, options: HandoutOptions, title: str, subtitle: str, edition: str) -> dict:
    return {
        "title": title, "subtitle": subtitle, "edition": edition, "lang": options.language,
        "paper": PAPERS[options.paper], "strings": strings, "keywords": [], "toc": False,
        "answers": False, "modules": [], "glossary": [], "quizzes": [],
        # the punctuation the template writes, spaced as the language wants it (French: `Quand :`)
        "colon": typeset("x:", options.language)[1:], "semicolon": typeset("x; y", options.language)[1:-1],
    }  # fmt: skip


def _module(content: Content, module: Module, options: HandoutOptions, strings: dict, trainer: bool) -> dict:
    references = {r.id: r for r in module.references}
    return {
        "number": module.number,
        "title": escape(module.title),
        "minutes": reading_minutes(module),
        "why": to_typst(module.why_it_matters),
        "objectives": [inline_to_typst(o.text) for o in module.objectives],
        "sections": [
            {"heading": escape(s.heading), "body": to_typst(s.body), "figure": _figure(content, s.figure, strings)}
            for s in module.sections
        ],
        "cases": [
            {
                "title": escape(case.title),
                "when": escape(case.when),
                "parts": [
                    {"label": strings[part], "text": to_typst(getattr(case, part))}
                    for part in CASE_PARTS
                    if getattr(case, part)
                ],
                "sources": [_title(references[r], options) for r in case.references if r in references],
            }
            for case in module.case_studies
        ],
        "actions": [to_typst(a) for a in module.action_points],
        "takeaways": [to_typst(a) for a in module.takeaways],
        "quiz": _quiz_link(content, module, options, strings),
        "notes": _notes(module) if trainer else None,
        "references": [{"text": _title(r, options) + escape(after_title(r)), "url": r.url} for r in module.references],
    }


def _title(reference: Reference, options: HandoutOptions) -> str:
    """A source's title as Typst markup, the part left in English marked so (`#text(lang: "en")`):
    it keeps its own punctuation and a reader reads it in English."""
    return "".join(
        f'#text(lang: "{language}")[{escape(text)}]' if language else escape(text)
        for text, language in title_parts(reference, options.language)
    )


def _figure(content: Content, figure: Figure | None, strings: dict) -> dict | None:
    """A section's picture: the SVG (checked safe by `check`), its caption, alt text and description."""
    if figure is None:
        return None
    return {
        "svg": content.figures[figure.file].decode("utf-8"),
        "alt": " ".join(figure.alt.split()),
        "caption": inline_to_typst(figure.caption),
        "description": to_typst(figure.description) if figure.description else None,
        "description_label": strings["figure_description"],
    }


def _notes(module: Module) -> dict:
    notes = module.facilitator_notes
    return {
        "timing": to_typst(notes.timing),
        "prompts": [to_typst(p) for p in notes.discussion_prompts],
        "poll": to_typst(notes.live_poll) if notes.live_poll else None,
    }


def _quiz_link(content: Content, module: Module, options: HandoutOptions, strings: dict) -> dict | None:
    """The link (and, with a known site address, a QR code) to the module's first self-check.

    In the offline edition the handout names the quiz's file on the USB stick, as a reader holding
    the paper finds it there, and links to it relative to the PDF (both in the edition's folder);
    its heading does not say "online".
    """
    quiz = next((q for q in content.quizzes_of(module) if q.kind == "self-check"), None)
    if quiz is None:
        return None
    if options.offline:
        page = f"quizzes/{quiz.id}.html"
        label = escape(f"{FOLDER}/{options.folder}{page}")
        return {"heading": strings["quizzes_offline"], "url": "../" + page, "text": strings["quiz_text_offline"],
                "label": label, "qr": None, "alt": strings["qr_alt"]}  # fmt: skip
    page = f"quizzes/{quiz.id}/" if options.directory_urls else f"quizzes/{quiz.id}.html"
    url = options.site_url.rstrip("/") + "/" + page if options.site_url else "../" + page
    # Without the site's address, the link is relative (it works beside the site and in the offline
    # edition) and shows the quiz's title, since a relative address means nothing on paper.
    return {
        "heading": strings["quizzes"],
        "url": url,
        "text": strings["quiz_text"],
        "label": escape(url) if options.site_url else escape(quiz.title),
        "qr": _qr_svg(url) if options.site_url else None,
        "alt": strings["qr_alt"],
    }


@lru_cache(maxsize=256)
def _qr_svg(url: str) -> str:
    import segno  # here, not at the top: it imports urllib.request, a tenth of the plugin's import time

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def _glossary(content: Content) -> list[dict]:
    if not content.glossary:
        return []
    terms = sorted(content.glossary.terms, key=lambda term: term.term.casefold())
    return [{"term": term.term, "definition": term.definition} for term in terms]


def _quiz(quiz: Quiz, strings: dict) -> dict:
    return {
        "id": quiz.id,
        "title": escape(quiz.title),
        "introduction": to_typst(quiz.worksheet_introduction) if quiz.worksheet_introduction else None,
        "questions": [_question(quiz, shown, strings) for shown in numbered_questions(quiz)],
    }


def _question(quiz: Quiz, shown: Numbered, strings: dict) -> dict:
    """A question as a blank worksheet item, with its key and explanation for the trainer edition."""
    q, quiz_id = shown.question, quiz.id
    item = {
        "number": shown.number,
        "prompt": inline_to_typst(q.prompt),
        "kind": "write",
        "choose": None,
        "hint": None,
        "options": [],
        "prompts": [],
        "key": None,
        "explanation": to_typst(q.explanation) if hasattr(q, "explanation") else None,
        "confidence": _confidence(shown.confidence, strings),
    }
    if q.type in ("single", "multiple", "true-false", "likert", "poll"):
        several = q.type == "multiple" or (q.type == "poll" and q.multiple)
        item.update(choose="all" if several else "one", hint=escape(strings["choose_all" if several else "choose_one"]))
    if q.type in ("single", "multiple"):
        options = presented_options(quiz, q)
        item.update(kind="choice", options=[inline_to_typst(o.text) for o in options])
        answers = {q.answer} if q.type == "single" else set(q.answer)
        item["key"] = strings["list_separator"].join(inline_to_typst(o.text) for o in options if o.id in answers)
    elif q.type == "true-false":
        item.update(kind="choice", options=[escape(strings["label_true"]), escape(strings["label_false"])])
        item["key"] = escape(strings["label_true" if q.answer else "label_false"])
    elif q.type == "ordering":
        item.update(
            kind="order",
            hint=escape(strings["order_hint"]),
            options=[inline_to_typst(i.text) for i in shuffled(q.items, f"{quiz_id}--{q.id}")],
        )
        item["key"] = " → ".join(inline_to_typst(i.text) for i in q.items)
    elif q.type == "matching":
        _matching(item, q, quiz_id, strings)
    elif q.type == "reflection" and q.guidance:
        item["hint"] = to_typst(q.guidance)
    elif q.type in ("likert", "poll"):
        labels = strings[f"scale_{q.scale}"] if q.type == "likert" else [o.text for o in q.options]
        item.update(kind="choice", options=[inline_to_typst(label) for label in labels])
    return item


def _confidence(rating: Likert | None, strings: dict) -> dict | None:
    """The confidence rating printed under the question it rates."""
    if rating is None:
        return None
    labels = strings[f"scale_{rating.scale}"]
    return {"prompt": inline_to_typst(rating.prompt), "options": [inline_to_typst(label) for label in labels]}


def _matching(item: dict, q, quiz_id: str, strings: dict) -> None:
    choices = shuffled(q.pairs, f"{quiz_id}--{q.id}")
    letters = {pair.id: chr(ord("A") + i) for i, pair in enumerate(choices)}
    item.update(
        kind="match",
        hint=escape(strings["match_hint"]),
        prompts=[(str(n), inline_to_typst(p.prompt)) for n, p in enumerate(q.pairs, start=1)],
        options=[(letters[p.id], inline_to_typst(p.match)) for p in choices],
        key=strings["list_separator"].join(f"{n}–{letters[p.id]}" for n, p in enumerate(q.pairs, start=1)),
    )


def fingerprint(document: Document, template: bytes) -> str:
    """What a PDF depends on: its data and the template. Same fingerprint, same PDF."""
    import json

    digest = hashlib.sha256(template)
    digest.update(json.dumps(document.data, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]
