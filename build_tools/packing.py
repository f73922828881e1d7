"""Packs the offline edition (a site built with OFFLINE=true) into one zip to hand out."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # same content, same zip: no build time inside
FOLDER = "mediation-course"

# Source maps (Material's bundle.js.map is 1 MB) serve developers' tools only: a reader never loads them.
LEFT_OUT = (".map",)
LUNR = "assets/javascripts/lunr"
# lunr's helpers for languages that are not split into words by spaces, by the languages that need them.
SEGMENTERS = {"tinyseg.js": {"ja", "jp"}, "wordcut.js": {"th"}}


def pack_site(site: Path, target: Path) -> int:
    """Zip every file of `site` that a reader can load, under one top folder; returns the number of files.

    Left out: source maps, lunr's files for languages the site's search does not use, and the JSON
    copy of each search index (from `file://`, Material's search reads the `search_index.js` copy
    that the offline plugin writes beside it). The top folder keeps an unzipped copy tidy: the reader
    opens `mediation-course/index.html`.
    """
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the offline edition first")
    files = reader_files(site)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    temporary.replace(target)
    return len(files)


def reader_files(site: Path, opened_from: str = "file") -> list[Path]:
    """Every file of an offline site that a reader can load, in a stable order: what the offline zip
    and the SCORM packages hold (see `unused_files`)."""
    unused = unused_files(site, opened_from)
    return sorted(p for p in site.rglob("*") if p.is_file() and p not in unused)


def unused_files(site: Path, opened_from: str = "file") -> set[Path]:
    """The files of an offline site that no page of it ever loads.

    Each language edition (the site's root, and `fr/`... beside its pages) has its own search index
    and its own copy of lunr's language files: each keeps only those of its own index's languages.
    Material's search reads one copy of the index: from `file://` (`opened_from="file"`: a USB stick,
    an unzipped folder) the `search_index.js` that the offline plugin writes beside the JSON; over
    HTTP (`"web"`: a learning platform serving a SCORM package) the JSON. The other copy is unused.
    """
    unused = {p for p in site.rglob("*") if p.is_file() and p.name.endswith(LEFT_OUT)}
    for index in site.rglob("search/search_index.json"):
        copy = index.with_suffix(".js")
        if copy.is_file():  # the offline plugin's copy, the one a reader loads from file://
            unused.add(index if opened_from == "file" else copy)
        languages = set(json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"]))
        lunr = index.parent.parent / LUNR
        unused |= {path for path in lunr.rglob("*.js") if not _lunr_needed(path.name, languages)}
    return unused


def _lunr_needed(name: str, languages: set[str]) -> bool:
    """Whether lunr's file `name` serves one of the search languages (English is built into Material)."""
    if name in SEGMENTERS:
        return bool(SEGMENTERS[name] & languages)
    others = languages - {"en"}
    if name in ("lunr.stemmer.support.min.js", "lunr.multi.min.js"):
        return bool(others) and (name != "lunr.multi.min.js" or len(languages) > 1)
    language = name.removeprefix("lunr.").removesuffix(".min.js")
    return language in others
