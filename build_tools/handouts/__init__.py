"""Printable handouts (PDF) made from the same content model as the site, with Typst."""
