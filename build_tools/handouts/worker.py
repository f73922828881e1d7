"""Renders one handout in a child process, so that the memory Typst keeps is returned when it ends.

Typst holds on to what it laid out (its memoisation cache) for as long as the process lives: about
10 MB per module of a workbook. Rendering each large document in a process of its own keeps a cold
build of a course of hundreds of modules in bounded memory. The child is started as
`python -m build_tools.handouts.worker`, reads a JSON list of jobs `{"template", "data", "standards"}`
on stdin and writes a JSON list of results on stdout, each `{"pdf": base64}` or `{"error": message}`.
It imports Typst only, so it starts small.
"""

from __future__ import annotations

import base64
import json
import sys


def render_pdf(template: str, data: str, standards: list[str]) -> tuple[bytes | None, str]:
    """The PDF of one handout, or None and Typst's message."""
    import typst  # here, not above: a build whose handouts all come from the cache never loads Typst

    try:
        return typst.compile(template, sys_inputs={"data": data}, pdf_standards=standards), ""
    except typst.TypstError as error:
        return None, str(error)


def main() -> int:
    results = []
    for job in json.load(sys.stdin):
        pdf, message = render_pdf(job["template"], job["data"], job["standards"])
        results.append({"pdf": base64.b64encode(pdf).decode("ascii")} if pdf else {"error": message})
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
