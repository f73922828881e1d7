"""Which languages the course is translated into: the `languages` line of the `mediation` plugin in
`mkdocs.yml` (`languages: [en, fr]`), the one place that says it for the site and for `make translations`.
English is the source; every other language listed gets PO files under `translations/<language>/`.

Read as plain YAML (mkdocs' `!ENV` tags count as their default value), so the core does not import mkdocs.
Where mkdocs.yml lists no languages (a course without the `languages` setting), each folder
`translations/<language>/` is a translation language.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..problems import Problem

CONFIG = "mkdocs.yml"
SOURCE_LANGUAGE = "en"
FOLDER_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's tags (`!ENV [NAME, default]`, `!!python/name:...`) read as their last value or None."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_languages(root: Path) -> tuple[list[str], list[Problem]]:
    """The translation languages (every listed language but English), and problems reading them."""
    path = root / CONFIG
    if not path.is_file():
        return _translation_folders(root), []
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 0
        return [], [Problem(CONFIG, line, "", f"not valid YAML: {error}")]
    listed = _plugin_languages(config)
    if not listed:
        return _translation_folders(root), []
    found, problems = [], []
    for code in listed:
        try:
            Locale.parse(str(code))
        except (UnknownLocaleError, ValueError, TypeError):
            hint = "a language code such as fr, es or ar"
            problems.append(Problem(CONFIG, 0, "languages", f"'{code}' is not a language code", hint))
            continue
        if str(code) != SOURCE_LANGUAGE:
            found.append(str(code))
    return found, problems


def _plugin_languages(config: dict) -> list:
    for plugin in config.get("plugins") or [] if isinstance(config, dict) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mediation"), dict):
            languages = plugin["mediation"].get("languages") or []
            return languages if isinstance(languages, list) else []
    return []


def _translation_folders(root: Path) -> list[str]:
    folder = root / "translations"
    names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return [name for name in names if FOLDER_NAME.match(name) and name != SOURCE_LANGUAGE]


def languages(root: Path) -> list[str]:
    """The codes of the languages the course is translated into, such as `["fr"]`."""
    return read_languages(root)[0]
