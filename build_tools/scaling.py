"""Test courses for `make bench`: the course grown to N modules, and a plain Material twin of a built site.

The twin holds the same pages with the same words as a site this project built, as plain Markdown
for a stock mkdocs-material build (search on, nothing else), so that the benchmark can print our build
time as a ratio of what Material alone needs for the same text.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .project import copy_project

COPIED = ("docs", "figures", "mkdocs.yml", "glossary.yml", "modules", "quizzes", "courses", "local")


def scaled_course(root: Path, modules: int, target: Path) -> Path:
    """A copy of the course at `root` with `modules` modules: the real ones, then renamed copies of
    them in turn (ids, numbers, objectives and their self-checks renamed, and every text a reader
    reads marked with the copy's number, so that no question is asked twice and no text is rendered
    once for several modules). Copies carry no key objectives, so the assessments stay valid."""
    if target.exists():
        shutil.rmtree(target)
    copy_project(root, target, COPIED)
    _english_only(target)
    originals = sorted(
        (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "modules").glob("*.yml")),
        key=lambda m: m["number"],
    )
    added = []
    for copy in range(1, modules - len(originals) + 1):
        original = originals[(copy - 1) % len(originals)]
        _write_copy(root, target, original, copy, len(originals) + copy)
        added.append(f"{original['id']}-x{copy}")
    for course in sorted((target / "courses").glob("*.yml")):
        _add_modules_to_course(course, added)
    return target


def _english_only(target: Path) -> None:
    """The copy's courses in English alone, as before courses chose their languages: the copied
    modules have no translations (and translations/ is not copied). Edited as text, as
    `_add_modules_to_course` reads it: `languages:` on one line, `translations:` a block."""
    for path in (target / "courses").glob("*.yml"):
        kept, in_translations = [], False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if in_translations and line.startswith(" "):
                continue
            in_translations = line.startswith("translations:")
            if not in_translations:
                kept.append("languages: [en]" if line.startswith("languages:") else line)
        path.write_text("\n".join(kept), encoding="utf-8")


def _add_modules_to_course(course: Path, module_ids: list[str]) -> None:
    """List the copies in a course file after its own modules: a course builds only the modules it
    lists, and a scaled course must build every one of them."""
    lines = course.read_text(encoding="utf-8").split("\n")
    start = lines.index("modules:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    lines[end:end] = [f"  - {module_id}" for module_id in module_ids]
    course.write_text("\n".join(lines), encoding="utf-8")


def _write_copy(root: Path, target: Path, module: dict, copy: int, number: int) -> None:
    old, new = module["id"], f"{module['id']}-x{copy}"
    selfchecks = [q for q in module.get("quizzes", []) if q.endswith("self-check")]
    renamed = {
        **module,
        "id": new,
        "number": number,
        "title": f"{module['title']} ({copy})",
        "objectives": [{**o, "id": f"{o['id']}-x{copy}", "key": False} for o in module["objectives"]],
        "quizzes": [f"{q}-x{copy}" for q in selfchecks],
    }
    _dump(target / "modules" / f"{new}.yml", _distinct(renamed, MODULE_TEXTS, copy))
    for quiz_id in selfchecks:
        quiz = yaml.safe_load((root / "quizzes" / f"{quiz_id}.yml").read_text(encoding="utf-8"))
        quiz.update(id=f"{quiz_id}-x{copy}", title=f"{quiz['title']} ({copy})")
        for question in quiz["questions"]:
            _distinct(question, QUESTION_TEXTS, copy)
            if "objectives" in question:
                question["objectives"] = [f"{o}-x{copy}" for o in question["objectives"]]
            if question.get("section", "").startswith(old + "#"):
                question["section"] = new + question["section"][len(old) :]
        _dump(target / "quizzes" / f"{quiz_id}-x{copy}.yml", quiz)


MODULE_TEXTS = (
    "summary", "why_it_matters", "objectives.*.text", "sections.*.body", "sections.*.figure.description",
    "case_studies.*.what_happened", "case_studies.*.what_parliamentarians_did", "case_studies.*.lesson",
    "case_studies.*.limits", "action_points.*", "takeaways.*",
)  # fmt: skip
QUESTION_TEXTS = (
    "prompt", "explanation", "guidance", "feedback_true", "feedback_false", "options.*.text", "options.*.feedback",
)  # fmt: skip
"""The texts a copy marks with its number (paths in the file, `*` for each item of a list): the
texts a reader reads, each rendered once per copy as it would be in a course of different modules
(the same text twice is rendered once per build, and plain Material would render it twice)."""


def _distinct(data: dict, paths: tuple[str, ...], copy: int) -> dict:
    """`data` with each text at `paths` ending in ` (copy)`; returns `data`, changed in place."""
    for path in paths:
        _mark_at(data, path.split("."), copy)
    return data


def _mark_at(data, keys: list[str], copy: int) -> None:
    """Mark the texts at the path `keys` under `data` (a mapping or a list), where they exist."""
    key, rest = keys[0], keys[1:]
    places = range(len(data)) if key == "*" and isinstance(data, list) else [key] if isinstance(data, dict) else []
    for place in places:
        if isinstance(data, dict) and place not in data:
            continue
        if rest:
            _mark_at(data[place], rest, copy)
        elif isinstance(data[place], str):
            data[place] = f"{data[place].rstrip()} ({copy})"


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def plain_twin(root: Path, target: Path, glossary_in_settings: Path | None = None) -> Path:
    """A stock Material project holding the same text as this project's site built from `root`.

    Every page gets the Markdown that Python-Markdown received during our build (generated pages
    included), with author text already as HTML, and the glossary's abbreviations appended to every
    page, the way Material documents a site-wide glossary; the twin keeps our navigation and Markdown
    extensions and nothing else: Material with its search plugin, no plugin of ours, no extra CSS or
    JavaScript; the theme's colour schemes and features are ours (`THEME_LOOK`). Building it measures
    what Material needs for the same text.

    A site of several languages gets one twin project per language, as Material builds a site in
    several languages: English at `target`, each other language under `target/editions/<code>`
    (see `twin_projects`).

    Args:
        glossary_in_settings: where to write a second twin that gives the glossary to the `abbr`
            extension's `glossary` setting instead, as this project's build does.
    """
    editions = _capture(root)
    for folder, in_settings in ((target, False), (glossary_in_settings, True)):
        if folder is None:
            continue
        if folder.exists():
            shutil.rmtree(folder)
        for number, (language, edition) in enumerate(editions.items()):
            _write_twin(folder if number == 0 else folder / EDITIONS / language, language, edition, in_settings)
    return target


EDITIONS = "editions"
"""The twin's folder of other languages' projects."""


def twin_projects(twin: Path) -> list[tuple[Path, str]]:
    """Each project of a twin with the folder its site goes in below the twin's site: ("" for
    English, `fr` for French...)."""
    others = sorted(path.parent for path in (twin / EDITIONS).glob("*/mkdocs.yml"))
    return [(twin, "")] + [(project, project.name) for project in others]


@dataclass
class _Edition:
    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    abbreviations: str = ""
    """The glossary as Markdown abbreviation lines, as Material documents a glossary on every page."""
    titles: dict[str, str] = field(default_factory=dict)
    """The same, for the `abbr` extension's `glossary` setting."""
    look: dict = field(default_factory=dict)
    """Material's settings that every page shows the same way in both sites (see `THEME_LOOK`)."""


THEME_LOOK = ("palette", "features")
"""The theme's settings the twin keeps: the colour schemes and their toggle, which Material renders
on every page, and Material's features (instant navigation, tooltips...). Both are Material's work,
which a plain site with the same look does as well."""


def _write_twin(target: Path, language: str, edition: _Edition, glossary_in_settings: bool) -> None:
    for uri, markdown in edition.pages.items():
        path = target / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown if glossary_in_settings else markdown + edition.abbreviations, encoding="utf-8")
    options = {**edition.options, "abbr": {"glossary": edition.titles} if glossary_in_settings else {}}
    theme = {"name": "material", "font": False, **edition.look}
    config = {
        "site_name": "Plain twin",
        "theme": theme if language == "en" else {**theme, "language": language},
        "plugins": ["search"] if language == "en" else [{"search": {"lang": [language]}}],
        "markdown_extensions": [{name: options.get(name, {})} for name in edition.extensions],
        "nav": edition.nav,
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _capture(root: Path) -> dict[str, _Edition]:
    """Build the site at `root` once, in this process, recording each page's Markdown in each language."""
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .plugin import MediationPlugin

    editions: dict[str, _Edition] = {}
    original = MediationPlugin.on_page_markdown

    def recording(plugin, markdown, *, page, config, files):
        markdown = original(plugin, markdown, page=page, config=config, files=files)
        edition = editions.setdefault(plugin.language, _Edition())
        if not edition.pages:
            edition.nav = _plain_yaml(config.nav) if config.nav else []
            edition.extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
            edition.options = dict(config.mdx_configs)
            edition.abbreviations = plugin.renderer.abbreviations()
            edition.titles = plugin.renderer.abbreviation_titles()
            edition.look = _plain_yaml({name: config.theme[name] for name in THEME_LOOK if config.theme.get(name)})
        edition.pages[page.file.src_uri] = plugin.renderer.fill(markdown)
        return markdown

    handouts = os.environ.get("HANDOUTS")
    os.environ["HANDOUTS"] = "false"  # the text is what counts here; mkdocs.yml reads it with !ENV
    MediationPlugin.on_page_markdown = recording
    try:
        with tempfile.TemporaryDirectory() as site:
            build(load_config(str(root / "mkdocs.yml"), site_dir=site))
    finally:
        MediationPlugin.on_page_markdown = original
        if handouts is None:
            os.environ.pop("HANDOUTS")
        else:
            os.environ["HANDOUTS"] = handouts
    return editions


def _plain_yaml(value):
    """A setting as YAML can write it (the navigation, the palette: built from strings and lists)."""
    return yaml.safe_load(yaml.safe_dump(value))
