"""The words of the workshop's pages and report in the session's language.

They are the site's interface strings (`strings/en.yml`, under `workshop`), translated like every other
string by `translations/<language>/strings.po` (`rendering.load_strings`), so a French room reads French
with French typography. A count picks its singular or plural form by the language's rule, and numbers
are written as the language writes them (`42 %`, with a no-break space, in French).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n.typography import NNBSP, typeset
from ..rendering import load_strings

ONE: dict[str, Callable[[int], bool]] = {"fr": lambda n: n in (0, 1)}
"""Which counts take the singular (`_one`), by language; English and the rest: 1 only."""
GROUPING: dict[str, str] = {"fr": NNBSP}
"""The thousands separator, by language (`1 000` in French); English writes `1,000`."""


@dataclass(frozen=True)
class Words:
    """The workshop's strings in one language: `words.say("report", "title", course=...)`."""

    language: str
    table: dict

    def say(self, part: str, key: str, **values) -> str:
        return self.table[part][key].format(**values)

    def count(self, part: str, key: str, count: int, **values) -> str:
        """The `_one` or `_other` form of `key`, with `{count}` written in the language's way."""
        form = "one" if ONE.get(self.language, lambda n: n == 1)(count) else "other"
        return self.say(part, f"{key}_{form}", count=self.number(count), **values)

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", GROUPING.get(self.language, ","))

    def percent(self, share: int) -> str:
        return typeset(self.table["shared"]["percent"].format(share=self.number(share)), self.language)

    def for_page(self, part: str) -> dict:
        """What a page's script needs: the shared strings and the page's own, with the language."""
        return {"language": self.language, **self.table["shared"], **self.table[part]}


def workshop_words(language: str, root: Path | None = None) -> Words:
    """The workshop's strings in `language`, from the PO files under `root` (the project by default)."""
    return Words(language, load_strings(language, root)["workshop"])
