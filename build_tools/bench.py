"""Benchmarks that print figures: build time and what a visitor downloads per page.

Budgets are checked by reading these figures, never by timed assertions in tests (the machine
is shared and timings are noisy). Run with `make bench`.
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import bench_scale

ASSET = re.compile(r'<(?:script[^>]*\bsrc|link[^>]*rel="stylesheet"[^>]*\bhref)="([^"]+)"')
ENGINE = ("assets/javascripts/quiz.js", "assets/stylesheets/quiz.css")
STOCK_CONFIG = "site_name: Stock\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"


def main(root: Path, runs: int = 3) -> int:
    bench_scale.compile_code(root)
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        _handout_times(root, Path(temp) / "cache")
        _build(root, site)  # fills the project's handout cache, as a developer's second build would
        with_pdfs = [_build(root, site) for _ in range(runs)]
        without = [_build(root, site, handouts=False) for _ in range(runs)]
        print(f"site build, warm, with handouts: median {statistics.median(with_pdfs):.2f} s ({_list(with_pdfs)})")
        print(f"site build without handouts:      median {statistics.median(without):.2f} s ({_list(without)})")
        ratio = statistics.median(with_pdfs) / statistics.median(without) - 1
        print(f"  handouts add {ratio:+.0%} to a warm build (aim: within 10%)")
        _print_languages(root, site, runs)
        print("\npage weight (HTML + same-origin CSS and JS; raw / gzipped):")
        quiz = next(iter(sorted((site / "quizzes").glob("*/index.html"))), None)
        for label, page in (("quiz page", quiz), ("plain page", site / "authoring" / "index.html")):
            if page and page.exists():
                _print_weight(label, page, site)
        stock = _stock_page(Path(temp) / "stock")
        _print_weight("stock Material page", stock, stock.parent)
        engine = [site / name for name in ENGINE]
        raw, zipped = sum(_raw(p) for p in engine), sum(_gz(p) for p in engine)
        print(f"\nquiz engine (quiz.js + quiz.css): {raw:,} B raw, {zipped:,} B gzipped (budget 8,192 B gzipped)")
        bench_scale.print_first_visit(site)
    bench_scale.print_offline_zip(root)
    bench_scale.print_preview(root)
    bench_scale.print_handout_memory(root)
    bench_scale.print_build_ratios(root, runs)
    from .workshop.bench import main as workshop_bench  # alone: python -m build_tools.workshop.bench

    return workshop_bench(root)


def _print_languages(root: Path, site: Path, runs: int) -> None:
    """Every language (English, and each of translations/languages.yml) against English alone, in
    wall time and in processor time (user + system), which a busy shared machine disturbs less.
    The two kinds of build alternate, so that a slow spell of the machine falls on both."""
    from .i18n import languages

    codes = ["en"] + [language.code for language in languages(root)]
    every, english = [], []
    for _ in range(runs):
        every.append(_timed_build(root, site, editions=True))
        english.append(_timed_build(root, site, editions=False))
    for label, index in (("wall", 0), ("processor", 1)):
        both = statistics.median(t[index] for t in every)
        alone = statistics.median(t[index] for t in english)
        print(f"site build, warm, {' + '.join(codes)}, {label} time: median {both:.2f} s, en only {alone:.2f} s")
        print(f"  {len(codes)} languages take {both / alone:.2f}× one (aim for two: at most 2.2×)")


def _timed_build(root: Path, site: Path, editions: bool) -> tuple[float, float]:
    """(wall seconds, processor seconds of the build process) of one build with its handouts."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _build(root, site, editions=editions)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _build(root: Path, site: Path, handouts: bool = True, editions: bool = True) -> float:
    env = {
        **os.environ,
        "HANDOUTS": "true" if handouts else "false",
        "EDITIONS": "true" if editions else "false",
        "NO_MKDOCS_2_WARNING": "1",
    }
    start = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    subprocess.run(command, cwd=root, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _handout_times(root: Path, cache: Path) -> None:
    """All handouts cold (empty cache) and warm (nothing changed), and the size of each PDF."""
    from .handouts.build import build_handouts
    from .handouts.documents import HandoutOptions
    from .loader import load_content

    content = load_content(root)
    for label in ("cold", "warm"):
        start = time.perf_counter()
        handouts = build_handouts(content, HandoutOptions(), cache=cache)
        print(f"handouts, {label}: {time.perf_counter() - start:.2f} s for {len(handouts)} PDFs (aim cold: under 3 s)")
    for handout in handouts:
        print(f"  {handout.name:<38} {len(handout.pdf):>10,} B")


def _stock_page(folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Stock page\n\nA plain Material page.\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=folder, check=True, capture_output=True
    )
    return folder / "site" / "index.html"


def _print_weight(label: str, page: Path, site: Path) -> None:
    files = [page] + _assets(page, site)
    raw, zipped = sum(_raw(p) for p in files), sum(_gz(p) for p in files)
    print(f"  {label:<20} {raw:>9,} B / {zipped:>8,} B gzipped  ({len(files)} files)")


def _assets(page: Path, site: Path) -> list[Path]:
    found = []
    for ref in ASSET.findall(page.read_text(encoding="utf-8")):
        if "//" in ref:
            continue
        path = (page.parent / ref.split("?")[0]).resolve()
        if path.is_file() and site.resolve() in path.parents:
            found.append(path)
    return found


def _raw(path: Path) -> int:
    return path.stat().st_size


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    raise SystemExit(main(Path.cwd()))
