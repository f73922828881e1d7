"""What the offline zip leaves out (packing.py), in a site of two language editions."""

import json
from pathlib import Path

from build_tools.packing import unused_files

LUNR = "assets/javascripts/lunr"


def _edition(folder: Path, languages: list[str], lunr_files: list[str]) -> None:
    index = {"config": {"lang": languages}, "docs": []}
    (folder / "search").mkdir(parents=True)
    (folder / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (folder / "search" / "search_index.js").write_text("var __index = " + json.dumps(index), encoding="utf-8")
    for name in lunr_files:
        (folder / LUNR / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / LUNR / name).write_text("//", encoding="utf-8")
    (folder / "index.html").write_text("<p>page</p>", encoding="utf-8")


LUNR_FILES = [
    "min/lunr.fr.min.js",
    "min/lunr.de.min.js",
    "min/lunr.stemmer.support.min.js",
    "min/lunr.multi.min.js",
    "wordcut.js",
    "tinyseg.js",
]


def test_each_language_edition_keeps_only_its_own_search_languages(tmp_path):
    _edition(tmp_path, ["en"], LUNR_FILES)
    _edition(tmp_path / "fr", ["fr"], LUNR_FILES)
    unused = {p.relative_to(tmp_path).as_posix() for p in unused_files(tmp_path)}
    assert {f"{LUNR}/{name}" for name in LUNR_FILES} <= unused, "English needs no lunr language file"
    french_kept = {f"fr/{LUNR}/min/lunr.fr.min.js", f"fr/{LUNR}/min/lunr.stemmer.support.min.js"}
    french_unused = {f"fr/{LUNR}/{name}" for name in LUNR_FILES} - french_kept
    assert french_unused <= unused and not french_kept & unused
    assert {"search/search_index.json", "fr/search/search_index.json"} <= unused, "the JSON copies of the index"
    assert not {"search/search_index.js", "fr/search/search_index.js", "index.html", "fr/index.html"} & unused


def test_a_site_served_over_http_keeps_the_json_index_and_leaves_out_its_file_copy(tmp_path):
    _edition(tmp_path, ["en"], LUNR_FILES)
    (tmp_path / "assets" / "bundle.min.js.map").write_text("{}", encoding="utf-8")
    unused = {p.relative_to(tmp_path).as_posix() for p in unused_files(tmp_path, opened_from="web")}
    assert "search/search_index.js" in unused and "search/search_index.json" not in unused
    assert "assets/bundle.min.js.map" in unused and {f"{LUNR}/{name}" for name in LUNR_FILES} <= unused
