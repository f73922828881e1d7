"""Glossary tooltips that every reader can reach: a Markdown extension run after `abbr`.

The `abbr` extension marks each glossary term on a page with `<abbr title="definition">`. This one
makes each mark focusable (`tabindex="0"`), so that a keyboard user reaches the definition, which
Material shows in a tooltip on focus as on hover, and removes the marks where a tooltip gets in the
way: inside a link (a tap would follow the link instead of showing the definition), inside a heading,
and on the glossary's own terms (the definition is right beside them).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

NO_TOOLTIP_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "dt"}


class GlossaryTermsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.treeprocessors.register(GlossaryTermsTreeprocessor(md), "glossary_terms", 6.5)  # after abbr (7)


class GlossaryTermsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        _visit(root, inside_no_tooltip=False)


def _visit(element: etree.Element, inside_no_tooltip: bool) -> None:
    inside = inside_no_tooltip or element.tag in NO_TOOLTIP_INSIDE
    for child in list(element):
        if child.tag == "abbr" and inside:
            _unwrap(element, child)
            continue
        if child.tag == "abbr":
            child.set("tabindex", "0")
        _visit(child, inside)


def _unwrap(parent: etree.Element, abbr: etree.Element) -> None:
    """Replace `<abbr>` by its text, joined to the text before it."""
    text = (abbr.text or "") + (abbr.tail or "")
    index = list(parent).index(abbr)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(abbr)
