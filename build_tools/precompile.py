"""`python -m build_tools.precompile`: compile the site's templates once, at install (`make setup`).

A first build then loads Material's templates and the page templates already compiled, as it loads
Material's Python from the bytecode pip wrote when it installed it. Builds keep any template they
compile themselves in the same folder (`plugin.TEMPLATES`), so nothing depends on this having run:
a template it did not compile, or one edited since, is compiled by the next build.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from mkdocs.exceptions import MkDocsException

from .plugin import TEMPLATES, compile_templates
from .problems import ContentError


def main(root: Path) -> int:
    try:
        count = compile_templates(root)
    except (MkDocsException, ContentError, jinja2.TemplateError, yaml.YAMLError, OSError) as error:
        print(f"Templates not compiled ahead ({error}); the first build compiles them.", file=sys.stderr)
        return 0
    print(f"{count} templates compiled into {TEMPLATES}/.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path.cwd()))
