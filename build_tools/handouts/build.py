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
from functools import partial
from pathlib import Path

from ..i18n.markers import without_marks
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
    later: list[Callable[[], None]] | None = None,
) -> list[Handout]:
    """The handouts of one edition: for learners, one per module and the workbook; for trainers, the
    trainer edition (every answer key); or all of them.

    Args:
        cache: a folder of PDFs named by fingerprint; a document whose data and template are
            unchanged is read from it instead of being rendered again.
        progress: called with (done, total, name) after each document.
        later: given during a preview, a list to which jobs are added instead of rendering changed
            documents of several modules (the workbook, the trainer edition) now: their last
            rendering is returned meanwhile, and each job renders one into the cache, for the next
            build. The caller runs them once the pages are written, so that an edit to one module
            is served as soon as that module's own handout is ready. Without a last rendering (the
            first build), the document is rendered now.
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
    handouts = _build_all(documents, template, cache, progress, later)
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
    documents: list[Document],
    template: bytes,
    cache: Path | None,
    progress: Callable | None,
    later: list[Callable[[], None]] | None = None,
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
    if later is not None and cache:
        for document in [d for d in missing if _is_large(d) and _LAST.get((cache, d.name))]:
            cached[document.name] = _LAST[(cache, document.name)]
            target = cache / f"{keys[document.name]}.pdf"
            if target not in _RENDERING:  # an earlier build already asked for this very version
                _RENDERING.add(target)
                later.append(partial(_render_into_cache, document, target))
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
            if cache:
                _LAST[(cache, document.name)] = pdf
            if progress:
                progress(done, len(documents), document.name)
    return handouts


_LAST: dict[tuple[Path, str], bytes] = {}
"""The last PDF of each document (by cache folder and file name) that this process built or read."""


_RENDERING: set[Path] = set()
"""The cache files that deferred jobs are rendering now."""


def _render_into_cache(document: Document, target: Path) -> None:
    """A deferred document (see `build_handouts`), rendered in a child process into the cache."""
    try:
        pdf = _render_in_child([document])[0]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        _LAST[(target.parent, document.name)] = pdf
    finally:
        _RENDERING.discard(target)


def _read_cached(cache: Path | None, key: str) -> bytes | None:
    path = cache / f"{key}.pdf" if cache else None
    return path.read_bytes() if path and path.exists() else None


def _is_large(document: Document) -> bool:
    """A workbook or trainer edition (volume): the documents that hold many modules, with contents."""
    return bool(document.data.get("toc"))


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


def render(document: Document, template: Path = TEMPLATE) -> bytes:
    """One PDF from its data, through a Typst template (the handouts' one unless another is given), in
    this process."""
    pdf, message = render_pdf(
        str(template), without_marks(json.dumps(document.data, ensure_ascii=False)), PDF_STANDARDS
    )
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
