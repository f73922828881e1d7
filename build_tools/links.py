"""Which link targets a page may hold: http, https, mailto and relative ones, judged as a browser reads them.

Both the checks (markdown_subset.py) and the renderer (safe_html.py) judge links by this rule.
"""

from __future__ import annotations

import html
import re

LINK_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and spaces at its ends,
# so `java\tscript:` is `javascript:` to them: judge the URL as they will read it.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def is_safe_link(url: str) -> bool:
    """Whether a link target is http, https, mailto or relative, read as a browser would read it."""
    target = _IGNORED_IN_URL.sub("", html.unescape(url)).casefold()
    match = _SCHEME.match(target)
    return match is None or match.group(1) in LINK_SCHEMES
