"""Test courses for `make bench`: the course grown to N modules, and a plain Material twin of a built site.

The twin holds the same pages with the same words as a site this project built, as plain Markdown
for a stock mkdocs-material build (search on, nothing else), so that the benchmark can print our build
time as a ratio of what Material alone needs for the same text.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from .project import copy_project

COPIED = ("docs", "figures", "mkdocs.yml", "glossary.yml", "modules", "quizzes", "courses", "local")


def scaled_course(root: Path, modules: int, target: Path) -> Path:
    """A copy of the course at `root` with `modules` modules: the real ones, then renamed copies of
    them in turn (ids, numbers, objectives and their self-checks renamed, question prompts marked so
    that no question is asked twice). Copies carry no key objectives, so the assessments stay valid."""
    if target.exists():
        shutil.rmtree(target)
    copy_project(root, target, COPIED)
    originals = sorted(
        (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "modules").glob("*.yml")),
        key=lambda m: m["number"],
    )
    for copy in range(1, modules - len(originals) + 1):
        _write_copy(root, target, originals[(copy - 1) % len(originals)], copy, len(originals) + copy)
    return target


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
    _dump(target / "modules" / f"{new}.yml", renamed)
    for quiz_id in selfchecks:
        quiz = yaml.safe_load((root / "quizzes" / f"{quiz_id}.yml").read_text(encoding="utf-8"))
        quiz.update(id=f"{quiz_id}-x{copy}", title=f"{quiz['title']} ({copy})")
        for question in quiz["questions"]:
            question["prompt"] = f"{question['prompt']} ({copy})"
            if "objectives" in question:
                question["objectives"] = [f"{o}-x{copy}" for o in question["objectives"]]
            if question.get("section", "").startswith(old + "#"):
                question["section"] = new + question["section"][len(old) :]
        _dump(target / "quizzes" / f"{quiz_id}-x{copy}.yml", quiz)


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def plain_twin(root: Path, target: Path) -> Path:
    """A stock Material project holding the same text as this project's site built from `root`.

    Every page gets the Markdown that Python-Markdown received during our build (generated pages
    included), with author text already as HTML; the twin keeps our navigation and Markdown
    extensions and nothing else: Material with its search plugin, no plugin of ours, no extra CSS or
    JavaScript. Building it measures what Material needs for the same text.
    """
    pages, nav, extensions, options = _capture(root)
    if target.exists():
        shutil.rmtree(target)
    for uri, markdown in pages.items():
        path = target / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    config = {
        "site_name": "Plain twin",
        "theme": {"name": "material", "font": False, "features": ["navigation.sections", "navigation.footer"]},
        "plugins": ["search"],
        "markdown_extensions": [{name: options.get(name, {})} for name in extensions],
        "nav": nav,
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _capture(root: Path) -> tuple[dict[str, str], list, list[str], dict]:
    """Build the site at `root` once, in this process, recording each page's Markdown."""
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    pages: dict[str, str] = {}

    class Capture(BasePlugin):
        def on_page_markdown(self, markdown, *, page, config, files):
            ours = config.plugins["mediation"]
            pages[page.file.src_uri] = ours.renderer.fill(markdown)
            return markdown

    handouts = os.environ.get("HANDOUTS")
    os.environ["HANDOUTS"] = "false"  # the text is what counts here; mkdocs.yml reads it with !ENV
    try:
        with tempfile.TemporaryDirectory() as site:
            config = load_config(str(root / "mkdocs.yml"), site_dir=site)
            config.plugins["twin-capture"] = Capture()
            build(config)  # our plugin's on_config fills in the navigation and the extensions it needs
    finally:
        if handouts is None:
            os.environ.pop("HANDOUTS")
        else:
            os.environ["HANDOUTS"] = handouts
    extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
    return pages, _plain_nav(config.nav), extensions, dict(config.mdx_configs)


def _plain_nav(nav) -> list:
    """The navigation as YAML can write it (our plugin builds it from strings already)."""
    return yaml.safe_load(yaml.safe_dump(nav)) if nav else []
