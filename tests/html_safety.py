"""What no built page may contain when author text is hostile: the assertions of the hostile-content tests.

`unsafe_markup(html)` parses one page with the standard library's parser and lists everything that
could run script or load something from author text: an `on*` attribute, a javascript:, vbscript:
or data: URL (read as a browser reads it: entities decoded, controls dropped, any case), a `srcdoc`,
a tag that only Material's own chrome may use (inline SVG icons) found in the article, a tag that
no page of ours has (iframe, object, embed, frame, base, math, ...), CSS with `expression(` or
`url(javascript:`, an inline script that is not one of the theme's, and a tooltip title with `<`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "cite"}
NEVER = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "math", "portal", "template"}
NOT_IN_ARTICLE = {"svg", "script", "style", "link", "meta", "img", "input", "button", "select", "textarea", "form"}
# The quiz form is ours: its controls are allowed in the article, inside `form.quiz` only.
QUIZ_CONTROLS = {"input", "select", "textarea", "form", "button"}
SAFE_STYLE = re.compile(r"^text-align:\s*(left|right|center)$")
JSON_SCRIPTS = {"__config", "quiz-strings", "quiz-course"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def url_scheme(value: str) -> str:
    """The scheme a browser would see in an attribute value ('' for a relative URL)."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(value)).casefold())
    return match.group(1) if match else ""


@dataclass
class _Scan(HTMLParser):
    theme_scripts: frozenset[str]
    found: list[str] = field(default_factory=list)
    stack: list[tuple[str, dict]] = field(default_factory=list)
    script: tuple[dict, list[str]] | None = None

    def __post_init__(self):
        super().__init__(convert_charrefs=True)

    def inside(self, tag: str, cls: str | None = None) -> bool:
        return any(t == tag and (cls is None or cls in (a.get("class") or "").split()) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:160]}>"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"event handler {name} in {where}")
            if name == "srcdoc":
                self.found.append(f"srcdoc in {where}")
            if name in URL_ATTRIBUTES and url_scheme(value) in ("javascript", "vbscript", "data"):
                self.found.append(f"{url_scheme(value)}: URL in {where}")
            if name == "style" and self.inside("article") and not SAFE_STYLE.match(value.strip().rstrip(";")):
                self.found.append(f"style in the article: {where}")
            if name == "title" and "<" in value and self.inside("article"):
                self.found.append(f"a title that Material's tooltip would read as HTML: {where}")
        if tag in NEVER:
            self.found.append(f"unexpected tag {where}")
        if tag in NOT_IN_ARTICLE and self.inside("article"):
            ours = tag in QUIZ_CONTROLS and (tag == "form" or self.inside("form", "quiz"))
            ours |= tag == "script" and "/assets/javascripts/" in "/" + values.get("src", "")
            if not ours:
                self.found.append(f"<{tag}> in the article: {where}")
        if tag == "script":
            self.script = (values, [])
        if tag not in VOID:
            self.stack.append((tag, values))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script" and self.script:
            self._judge_script(*self.script)
            self.script = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.script:
            self.script[1].append(data)

    def _judge_script(self, attrs: dict, text: list[str]) -> None:
        body = "".join(text).strip()
        if attrs.get("src"):
            if url_scheme(attrs["src"]) or attrs["src"].startswith("//"):
                self.found.append(f"script from elsewhere: {attrs['src']}")
        elif attrs.get("type") == "application/json" and attrs.get("id") in JSON_SCRIPTS:
            pass
        elif body not in self.theme_scripts:
            self.found.append(f"inline script that is not the theme's: {body[:120]!r}")


def unsafe_markup(page: str, theme_scripts: frozenset[str]) -> list[str]:
    """Everything in one built page that author text could have turned into script or a request."""
    scan = _Scan(theme_scripts)
    scan.feed(page)
    scan.close()
    return scan.found


def inline_scripts(page: str) -> set[str]:
    """The inline scripts of a page (text, stripped), e.g. those Material writes into every page."""
    return {m.group(1).strip() for m in re.finditer(r"<script>(.*?)</script>", page, re.S)}
