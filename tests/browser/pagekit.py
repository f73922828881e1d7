"""Helpers for the tests that look at pages as a person sees them: what is wider than the screen,
what text is 0 px wide or cut off, and the page in dark mode.
"""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from quizkit import settle

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"

# Elements that hold text of their own, shown (not display:none, not in a closed <details>), with
# their box. Text is "cut off" when its box reaches past the screen with no scrollable box around
# it (a wide table scrolls in Material's wrapper: WCAG 1.4.10 lets data tables scroll), past a box
# that hides its overflow, or when it overflows its own box that hides the rest.
# Left out: Material's navigation drawer and search dialog (off screen until opened), the header's
# title, which Material shortens with an ellipsis on purpose (the page's h1 holds it whole), and
# text visually hidden on purpose for screen readers (a clip-path on it or around it).
MEASURE = """
() => {
  const width = document.documentElement.clientWidth;
  const skipped = ".md-sidebar--primary, .md-search, .md-header__topic";
  const holdsText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const describe = el => {
    const tag = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
    return tag + " '" + el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40) + "'";
  };
  const zero = [], cut = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!holdsText(el) || el.closest(skipped) || !el.checkVisibility({ visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) {
      if (getComputedStyle(el).clipPath === "none") zero.push(describe(el) + " " + box.width + "x" + box.height);
      continue;
    }
    let scrolls = false, clipped = false, forScreenReaders = false;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).clipPath !== "none") { forScreenReaders = true; break; }
    }
    if (forScreenReaders) continue;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      const outer = a.getBoundingClientRect();
      const outside = box.right > outer.right + 1 || box.left < outer.left - 1;
      if (overflow === "auto" || overflow === "scroll") { scrolls = true; break; }
      if ((overflow === "hidden" || overflow === "clip") && outside) { clipped = true; break; }
    }
    const own = getComputedStyle(el);
    if ((own.overflowX === "hidden" || own.overflowX === "clip") && el.scrollWidth > el.clientWidth + 1) clipped = true;
    if (!scrolls && (box.right > width + 1 || box.left < -1)) clipped = true;
    if (clipped) cut.push(describe(el) + " at " + Math.round(box.left) + "-" + Math.round(box.right) + " px");
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, zero, cut };
}
"""


def measure(page) -> dict:
    """The page's scroll width and viewport width, and its 0 px wide and cut-off texts."""
    return page.evaluate(MEASURE)


# Headings whose box reaches more than a few px below their text: an empty band under the heading.
# Material's permalink (the "¶" after each heading, shown on hover or focus) is invisible, but when
# the heading's text fills its line it can wrap to a line of its own below it.
HEADING_BANDS = """
() => [...document.querySelectorAll("article h1, article h2, article h3, article h4")].flatMap(h => {
  const link = h.querySelector(".headerlink");
  if (!link || !h.checkVisibility() || !h.firstChild) return [];
  const text = document.createRange();
  text.setStartBefore(h.firstChild);
  text.setEndBefore(link);
  const band = h.getBoundingClientRect().bottom - text.getBoundingClientRect().bottom;
  const name = h.tagName.toLowerCase() + " '" + h.textContent.trim().slice(0, 40) + "'";
  return band > 4 ? [name + " " + Math.round(band) + " px"] : [];
})
"""


def heading_bands(page) -> list[str]:
    """Each heading with an empty band below its text (see HEADING_BANDS), and the band's height."""
    return page.evaluate(HEADING_BANDS)


def go_dark(page) -> None:
    """Show the page in dark mode: the reader's system asks for it, and Material's dark palette
    ("slate") is applied, as its palette toggle does, whether or not the site offers the toggle."""
    page.emulate_media(color_scheme="dark")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")


def open_in_scheme(page, url: str, scheme: str = "light") -> None:
    """Load a page and let its scripts settle; in the dark scheme, switch the site to Material's dark
    palette once loaded."""
    page.goto(url)
    settle(page)
    if scheme == "dark":
        go_dark(page)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under .cache/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Colours in the middle of a transition (a button fading back from its hover colour after the mouse
# left it) are neither the before nor the after: axe would measure a contrast no reader is left with.
# Wait for every finite animation and transition to end; endless ones (a spinner) are left running.
SETTLE_ANIMATIONS = """
() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))
"""

AXE = Axe()


def run_axe(page, **arguments):
    """axe-core's results for the page as it rests, once its transitions have ended."""
    page.evaluate(SETTLE_ANIMATIONS)
    return AXE.run(page, **arguments)


def switch_language(page, language_name: str) -> None:
    """Open the header's language menu and follow the language's link, with the keyboard."""
    page.locator(".md-header .md-select button").focus()
    page.keyboard.press("Tab")  # the menu opens while the focus is inside it
    link = page.locator(".md-select__link", has_text=language_name)
    for _ in range(4):
        if link.evaluate("a => a === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
