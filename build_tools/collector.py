"""Python's cyclic garbage collector, kept off the content a build loads.

A build loads and checks every content file first, and keeps what it loaded (the models, each
text's Markdown tokens) until it ends: some hundred thousand objects at 100 modules. The collector
scans all live objects again each time the heap has grown by a quarter, so while the content
loads it scans the growing content over and over and finds no garbage in it; afterwards each of
its full scans, and the last one when Python exits, scans it again. At 100 modules that
was about 0.7 s of a first build's 8.2 s of processor time.

Freezing leaves reference counting as it is: an object nothing refers to any more is freed at
once. Only garbage that refers to itself in a cycle waits for `release_earlier`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Build what lives until the build ends: the collector does not run while it is built, and
    then leaves it, with all else alive at that point, out of its scans (`gc.freeze`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def release_earlier() -> None:
    """Give what earlier builds froze back to the collector, and collect what of it is garbage: a
    preview builds again after each edit, and must not keep every earlier build's content."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
