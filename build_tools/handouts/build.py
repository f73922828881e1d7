"""Renders handouts to PDF with Typst, reusing a cached PDF when nothing it depends on changed."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typst

from ..loader import Content
from .documents import Document, HandoutOptions, all_documents, fingerprint

TEMPLATE = Path(__file__).parent.parent / "templates" / "typst" / "handout.typ"
PDF_STANDARDS = ["ua-1"]  # tagged, with title and language: readable by screen readers


class HandoutError(Exception):
    """Typst refused a handout; the message names the document."""


@dataclass(frozen=True)
class Handout:
    name: str
    pdf: bytes
    cached: bool
    seconds: float


def build_handouts(
    content: Content,
    options: HandoutOptions,
    cache: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    edition: str = "learner",
) -> list[Handout]:
    """The handouts of one edition: for learners, one per module and the workbook; for trainers, the
    trainer edition (every answer key); or all of them.

    Args:
        cache: a folder of PDFs named by fingerprint; a document whose data and template are
            unchanged is read from it instead of being rendered again.
        progress: called with (done, total, name) after each document.
    """
    try:
        documents = all_documents(content, options, edition)
    except ValueError as error:  # text outside the Markdown subset that `check` did not catch
        raise HandoutError(f"a text could not be converted for print: {error}") from None
    template = TEMPLATE.read_bytes()
    if cache:
        # One folder per variant, so the site and the offline edition do not evict each other.
        # One folder per edition too, so that building one edition does not prune the other's PDFs.
        cache = cache / options.variant / edition
    handouts = []
    for index, document in enumerate(documents, start=1):
        handouts.append(_build_one(document, template, cache))
        if progress:
            progress(index, len(documents), document.name)
    if cache:
        _prune(cache, {fingerprint(d, template) for d in documents})
    return handouts


def _build_one(document: Document, template: bytes, cache: Path | None) -> Handout:
    start = time.perf_counter()
    key = fingerprint(document, template)
    cached = cache / f"{key}.pdf" if cache else None
    if cached and cached.exists():
        return Handout(document.name, cached.read_bytes(), True, time.perf_counter() - start)
    pdf = render(document)
    if cached:
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pdf)
    return Handout(document.name, pdf, False, time.perf_counter() - start)


def render(document: Document, template: Path = TEMPLATE) -> bytes:
    """One PDF from its data, through a Typst template (the handouts' one unless another is given)."""
    try:
        return typst.compile(
            str(template),
            sys_inputs={"data": json.dumps(document.data, ensure_ascii=False)},
            pdf_standards=PDF_STANDARDS,
        )
    except typst.TypstError as error:
        raise HandoutError(f"{document.name}: Typst could not render it: {error}") from None


def _prune(cache: Path, keep: set[str]) -> None:
    """Remove cached PDFs that no current document uses, so the cache does not grow forever."""
    for path in cache.glob("*.pdf"):
        if path.stem not in keep:
            path.unlink()


def terminal_progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return
    width = 24
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {name[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
