"""Packs the offline edition (a site built with OFFLINE=true) into one zip to hand out."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # same content, same zip: no build time inside
FOLDER = "mediation-course"


# Source maps (Material's bundle.js.map is 1 MB) serve developers' tools only: a reader never loads them.
LEFT_OUT = (".map",)


def pack_site(site: Path, target: Path) -> int:
    """Zip every file of `site` but source maps under one top folder; returns the number of files.

    The top folder keeps an unzipped copy tidy: the reader opens `mediation-course/index.html`.
    """
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.name.endswith(LEFT_OUT))
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the offline edition first")
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
