"""The exports' Jinja2 environment: templates in files, autoescape for XML, a CDATA filter."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

# Characters XML 1.0 does not allow anywhere, not even escaped or in CDATA.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids (a stray control character would break the file)."""
    return _NOT_XML.sub("", text)


def cdata(text: str) -> Markup:
    """Text as one CDATA section, whatever it holds: each `]]>` is split across two sections
    (`]]` ends one, `>` starts the next), so author text can never close it early."""
    return Markup("<![CDATA[" + xml_text(str(text)).replace("]]>", "]]]]><![CDATA[>") + "]]>")


def fraction(weight: float) -> str:
    """A Moodle fraction in per cent, as Moodle writes it: `100`, `33.33333`, `-50`."""
    text = f"{weight:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("build_tools.exports", "templates"),
        autoescape=select_autoescape(["xml", "xml.j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(cdata=cdata, fraction=fraction, xml_text=xml_text)
    return env


@lru_cache(maxsize=1)
def text_environment() -> Environment:
    """For GIFT: plain text, escaped by its own filter (HTML escaping means nothing there)."""
    env = Environment(
        loader=PackageLoader("build_tools.exports", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(fraction=fraction)
    return env
