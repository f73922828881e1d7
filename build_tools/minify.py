"""The project's own scripts and style sheets, minified for the site.

`docs/assets/` keeps them readable, with the comments that explain them to the next developer. The
built site serves them without comments and spaces: a reader's phone downloads about a third less
(the quiz engine, quiz.js and quiz.css, goes from 11 KB to under 8 KB gzipped, its budget). rjsmin
and rcssmin only take out what a browser ignores: names, strings, template literals and regular
expressions stay as written.
"""

from __future__ import annotations

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def is_minifiable(name: str) -> bool:
    """Whether `name` is a script or a style sheet this module minifies (already minified ones are not)."""
    return name.endswith(tuple(MINIFIERS)) and not name.endswith((".min.js", ".min.css"))


def minified(name: str, text: str) -> str:
    """The script or style sheet `name` (by its suffix) without comments and needless spaces."""
    suffix = name[name.rindex(".") :]
    return MINIFIERS[suffix](text)
