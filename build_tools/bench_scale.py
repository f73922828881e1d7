"""`make bench`'s comparisons with plain Material: build and preview time, memory, page weight, the zip.

Every figure is printed, never asserted: the machine is shared and timings are noisy. Build costs are
compared in processor time (user + system of the build process and its children), which other work
on the machine disturbs less than wall time, and each comparison alternates the two builds.
"""

from __future__ import annotations

import compileall
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

from .packing import pack_site, unused_files
from .scaling import plain_twin, scaled_course, twin_projects

SIZES = (100, 200)
"""Course sizes of the scaling run, beside the course itself."""
ALWAYS_REPEATED = 100
"""Courses up to this many modules are measured `runs` times (the median is printed); larger ones
once, as a run of 200 modules takes minutes. One run on a busy machine can be 10% off."""
ENV = {"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
SKIPPED = ("site", ".venv", ".git", "node_modules", "dist", "offline-site", "screenshots", ".workshop")


def print_build_ratios(root: Path, runs: int = 3) -> None:
    """Our build against plain Material holding the same text: the course, then generated courses."""
    print("\nbuild against plain Material with the same text (processor time, median; aim: at most 1.1x):")
    print("  cold: a first build after install (no handouts, nothing kept from an earlier build; the templates")
    print("  compiled at install, as pip compiles Python; first ever: before they were); rebuild: the next build,")
    print("  with its handouts (unchanged PDFs and text come from .cache/); edited: a build after one module's")
    print("  title changed, handouts off (rendering that module's PDFs again is work plain Material does not")
    print("  do): its texts are checked and rendered again, the rest come from .cache/. The course is built in")
    print("  every language; its twin is one plain Material project per language. Generated courses are English,")
    print("  the course's modules then copies of them, each copy's texts marked so that none is rendered once")
    print("  for several modules (plain Material gets every page's text as HTML, which it passes through).")
    print("  Plain: the glossary's abbreviations appended to every page, as Material documents a glossary.")
    print("  Both plain twins have the course's colour schemes and Material features (see scaling.THEME_LOOK).")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for modules in (None, *SIZES):
            if modules is None:
                project = work / "course"
                shutil.copytree(root, project, ignore=shutil.ignore_patterns(*SKIPPED, "memo"))
            else:
                project = scaled_course(root, modules, work / f"course-{modules}")
            count = modules or len(list((root / "modules").glob("*.yml")))
            _print_build_ratio(project, work, count, runs if count <= ALWAYS_REPEATED else 1)


def _print_build_ratio(project: Path, work: Path, modules: int, runs: int) -> None:
    compile_code(project)
    twin = plain_twin(project, work / f"twin-{modules}", glossary_in_settings=work / f"twin-g-{modules}")
    site, twin_site = work / f"site-{modules}", work / f"twin-site-{modules}"
    memo, templates = project / ".cache" / "memo", project / ".cache" / "templates"
    first_ever, cold, warm, edited, plain, plain_settings = [], [], [], [], [], []
    for run in range(runs):
        for kept in (memo, templates):
            shutil.rmtree(kept, ignore_errors=True)
        first_ever.append(_build(project, site, handouts=False))  # it compiles the templates, and keeps them
        shutil.rmtree(memo)
        cold.append(_build(project, site, handouts=False))
        _build(project, site, handouts=True)  # handouts rendered once; the rebuild below reuses them
        warm.append(_build(project, site, handouts=True))
        _edit_first_module(project, f"Edited{run}x")
        edited.append(_build(project, site, handouts=False))
        plain.append(_build_twin(twin, twin_site))
        plain_settings.append(_build_twin(work / f"twin-g-{modules}", twin_site))
    earliest, first, again, after_edit, base, best = (
        statistics.median(t.cpu for t in times) for times in (first_ever, cold, warm, edited, plain, plain_settings)
    )
    memory = max(t.peak_mb for t in warm + cold)
    weight = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json"))
    print(
        f"  {modules:>4} modules: plain {base:6.1f} s; ours cold {first:6.1f} s ({first / base:.2f}x), "
        f"rebuild {again:6.1f} s ({again / base:.2f}x), edited {after_edit:6.1f} s ({after_edit / base:.2f}x)"
    )
    print(
        f"       against plain Material given the glossary in abbr's settings as ours is ({best:.1f} s): "
        f"cold {first / best:.2f}x, rebuild {again / best:.2f}x, edited {after_edit / best:.2f}x"
    )
    print(f"       first ever (no compiled templates): {earliest:.1f} s, {earliest / best:.2f}x (glossary in settings)")
    print(
        f"       per module: {again / modules * 1000:.0f} ms (rebuild), peak memory {memory:.0f} MB, "
        f"{weight / modules / 1024:.0f} KB of pages and index"
    )


def compile_code(project: Path) -> None:
    """Write the bytecode of the code that builds `project` (its own build_tools/, or this one when it
    has none), as pip writes it for installed packages such as Material and Python on a first run.
    Where PYTHONDONTWRITEBYTECODE is set, every build would otherwise compile this project's source
    again, about 0.1 s of processor time that plain Material never spends. Then compile the site's
    templates, as `make setup` does (see precompile.py)."""
    for code in (project / "build_tools", Path(__file__).parent):
        if code.is_dir():
            compileall.compile_dir(code, quiet=1)
    if (project / "mkdocs.yml").is_file():
        command = [sys.executable, "-m", "build_tools.precompile"]
        subprocess.run(command, cwd=project, env={**os.environ, **ENV}, check=True, capture_output=True)


def _edit_first_module(project: Path, word: str) -> None:
    """Put `word` at the start of the first module's title, as an author's edit."""
    module = sorted((project / "modules").glob("*.yml"))[0]
    text = module.read_text(encoding="utf-8")
    module.write_text(re.sub(r"(?m)^title: ([\"']?)", rf"title: \g<1>{word} ", text, count=1), encoding="utf-8")


class Timing:
    def __init__(self, wall: float, cpu: float, peak_mb: float):
        self.wall, self.cpu, self.peak_mb = wall, cpu, peak_mb


def _build_twin(twin: Path, site: Path) -> Timing:
    """The plain twin: one Material build per language (English, then `editions/fr`...), as ours
    builds every language of the course."""
    builds = [_build(project, site / folder) for project, folder in twin_projects(twin)]
    return Timing(sum(b.wall for b in builds), sum(b.cpu for b in builds), max(b.peak_mb for b in builds))


def _build(project: Path, site: Path, handouts: bool = True) -> Timing:
    env = {**os.environ, **ENV, "HANDOUTS": "true" if handouts else "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    peak = _run_measuring_memory(command, project, env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), peak)


def _run_measuring_memory(command: list[str], cwd: Path, env: dict) -> float:
    """Run a command to its end; the peak of its memory with its child processes', in MB (sampled)."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command[:4])} failed in {cwd}:\n{process.stderr.read().decode()[-3000:]}")
    return peak / 2**20


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            rss = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{current}/status").read_text())
        except OSError:
            continue
        total += int(rss.group(1)) * 1024 if rss else 0
    return total


def print_handout_memory(root: Path, modules: int = 99) -> None:
    """Every handout (learners' and trainer's) of a course of `modules` modules, cold."""
    with tempfile.TemporaryDirectory() as temp:
        project = scaled_course(root, modules, Path(temp) / "course")
        script = (
            "import sys, tempfile; from pathlib import Path\n"
            "from build_tools.handouts.build import build_handouts\n"
            "from build_tools.handouts.documents import HandoutOptions\n"
            "from build_tools.loader import load_content\n"
            "with tempfile.TemporaryDirectory() as cache:\n"
            "    handouts = build_handouts(load_content(Path('.')), HandoutOptions(), Path(cache), edition='all')\n"
            "print(len(handouts))\n"
        )
        start = time.perf_counter()
        peak = _run_measuring_memory([sys.executable, "-c", script], project, {**os.environ, **ENV})
        seconds = time.perf_counter() - start
    print(f"\nevery handout of {modules} modules, cold: {seconds:.0f} s, peak memory {peak:.0f} MB (aim: under 400 MB)")


def print_preview(root: Path) -> None:
    """`mkdocs serve`, handouts on: from saving an edited module to the page served with the edit,
    against plain Material serving the same text; the median of three edits each."""
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "course"
        shutil.copytree(root, project, ignore=shutil.ignore_patterns(*SKIPPED))
        compile_code(project)
        twin = plain_twin(project, Path(temp) / "twin")
        module = sorted((project / "modules").glob("*.yml"))[0]
        page = f"modules/{module.stem}/"
        ours = _edit_to_served(project, module, page, "title: ", handouts=True)
        twin_source = twin / "docs" / "modules" / f"{module.stem}.md"
        plain = _edit_to_served(twin, twin_source, page, "# ", handouts=False)
    print(
        f"\npreview: an edited module served after {ours:.2f} s (handouts on); plain Material "
        f"{plain:.2f} s; ratio {ours / plain:.2f}x (aim: at most 1.1x)"
    )


def _edit_to_served(project: Path, source: Path, page: str, marker: str, handouts: bool, edits: int = 3) -> float:
    port = _free_port()
    env = {**os.environ, **ENV, "HANDOUTS": "true" if handouts else "false"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        _wait_for(url, lambda text: True)
        times = []
        for number in range(1, edits + 1):
            text = source.read_text(encoding="utf-8")
            word = f"Edited{number}x"
            source.write_text(text.replace(marker, marker + word + " ", 1), encoding="utf-8")
            start = time.perf_counter()
            _wait_for(url, lambda served, word=word: word in served)
            times.append(time.perf_counter() - start)
            time.sleep(3)  # let background work of this edit finish, as an author reading the page would
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, test, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if test(response.read().decode("utf-8", errors="replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(url)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def print_first_visit(site: Path) -> None:
    """What a first visit to the home page downloads (gzipped), and the search index's share of it."""
    page = site / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = [
        (page.parent / ref.split("?")[0]).resolve()
        for ref in re.findall(r'<(?:script[^>]*\bsrc|link[^>]*rel="stylesheet"[^>]*\bhref)="([^"]+)"', html)
        if "//" not in ref
    ]
    files = [page] + [p for p in assets if p.is_file()]
    index = site / "search" / "search_index.json"
    rest = sum(_gz(p) for p in files)
    searched = _gz(index) if index.is_file() else 0
    entries = len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() else 0
    print(
        f"\nfirst visit (home page, its CSS and JS, and the search index Material fetches): {rest + searched:,} B "
        f"gzipped; the search index is {searched:,} B ({searched / (rest + searched):.0%}), {entries} entries"
    )


def print_offline_zip(root: Path) -> None:
    """The offline edition's zip against a zip of every file its build writes (as it was packed before
    source maps, unused search languages and the JSON copy of the index were left out)."""
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "offline-site"
        env = {**os.environ, **ENV, "OFFLINE": "true"}
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
        zipped, everything = Path(temp) / "edition.zip", Path(temp) / "everything.zip"
        pack_site(site, zipped)
        _zip_every_file(site, everything)
        size, before = zipped.stat().st_size, everything.stat().st_size
        left_out = sum(p.stat().st_size for p in unused_files(site))
    print(
        f"\noffline zip: {size:,} B; every file zipped: {before:,} B; {1 - size / before:.0%} smaller "
        f"(aim: at least 20%), leaving out {left_out:,} B unzipped (source maps, unused search languages, "
        "the JSON copy of the index)"
    )


def _zip_every_file(site: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(site).as_posix())


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))
