"""Renders handouts to PDF with Typst, reusing a cached PDF when nothing it depends on changed."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..loader import Content
from .documents import Document, HandoutOptions, all_documents, fingerprint
from .worker import render_pdf

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
    """How long after the start of the build the PDF was ready (read from the cache or rendered)."""


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
    handouts = _build_all(documents, template, cache, progress)
    if cache:
        _prune(cache, {fingerprint(d, template) for d in documents})
    return handouts


SMALL_BATCH = 10
"""Module handouts one child process renders before it ends and returns its memory."""
PARALLEL_UP_TO = 12
"""Two child processes at once when at most this many module handouts are missing."""
IN_PROCESS = 4
"""Up to this many missing module handouts (a preview after an edit) render in this process, at once:
starting a child process would cost more than rendering them."""


def _build_all(
    documents: list[Document], template: bytes, cache: Path | None, progress: Callable | None
) -> list[Handout]:
    """Cached PDFs are read; the others are rendered in child processes (see `worker`).

    Each document of several modules (a workbook volume, the trainer edition) has a child process of
    its own; module handouts go to children in batches of SMALL_BATCH. For a small course two children
    run at once (two cores, a faster cold build); for a large one, one after another, so that memory
    stays bounded whatever the course's size: this process, plus one child with at most one volume.
    """
    start = time.perf_counter()
    keys = {d.name: fingerprint(d, template) for d in documents}
    cached = {d.name: _read_cached(cache, keys[d.name]) for d in documents}
    missing = [d for d in documents if cached[d.name] is None]
    large = [[d] for d in missing if _is_large(d)]
    small = [d for d in missing if not _is_large(d)]
    batches = [small[i : i + SMALL_BATCH] for i in range(0, len(small), SMALL_BATCH)] if len(small) > IN_PROCESS else []
    handouts = []
    with ThreadPoolExecutor(max_workers=2 if len(small) <= PARALLEL_UP_TO else 1) as children:
        pending = {}
        for batch in large + batches:
            future = children.submit(_render_in_child, batch)
            pending.update({d.name: (future, index) for index, d in enumerate(batch)})
        for done, document in enumerate(documents, start=1):
            pdf = cached[document.name]
            if pdf is None:
                pdf = _take(pending[document.name]) if document.name in pending else render(document)
                if cache:
                    cache.mkdir(parents=True, exist_ok=True)
                    (cache / f"{keys[document.name]}.pdf").write_bytes(pdf)
            handouts.append(Handout(document.name, pdf, cached[document.name] is not None, time.perf_counter() - start))
            if progress:
                progress(done, len(documents), document.name)
    return handouts


def _read_cached(cache: Path | None, key: str) -> bytes | None:
    path = cache / f"{key}.pdf" if cache else None
    return path.read_bytes() if path and path.exists() else None


def _is_large(document: Document) -> bool:
    return len(document.data.get("modules", [])) > 1


def _render_in_child(batch: list[Document]) -> list[bytes]:
    """The PDFs of `batch`, rendered by one `python -m build_tools.handouts.worker` process."""
    jobs = [
        {"template": str(TEMPLATE), "data": json.dumps(d.data, ensure_ascii=False), "standards": PDF_STANDARDS}
        for d in batch
    ]
    command = [sys.executable, "-m", "build_tools.handouts.worker"]
    done = subprocess.run(command, input=json.dumps(jobs).encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()[-2000:] or f"exit status {done.returncode}"
        raise HandoutError(f"{batch[0].name}: the process rendering it stopped: {message}")
    pdfs = []
    for document, result in zip(batch, json.loads(done.stdout), strict=True):
        if "error" in result:
            raise HandoutError(f"{document.name}: Typst could not render it: {result['error']}")
        pdfs.append(base64.b64decode(result["pdf"]))
    return pdfs


def _take(pending: tuple) -> bytes:
    future, index = pending
    return future.result()[index]


def render(document: Document) -> bytes:
    """One PDF from its data, through the Typst template, in this process."""
    pdf, message = render_pdf(str(TEMPLATE), json.dumps(document.data, ensure_ascii=False), PDF_STANDARDS)
    if pdf is None:
        raise HandoutError(f"{document.name}: Typst could not render it: {message}")
    return pdf


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
