"""The keyboard on a narrow screen (a phone, or a computer at 200% zoom), in the project's own course.

Below 76.25em Material draws the navigation as a drawer beside the screen, and below 60em the search
as a field that opens over the page. Closed, both stayed in the Tab order: from the top of a module
page it took 58 presses of Tab to reach the article, 52 of them on links and a field that were not on
the screen. Now only what is on the screen is reached: the menu and search buttons in the header
(Material's labels, with a button inside) open the drawer and the search from the keyboard, the
drawer's shown panel is reached by Tab, and Escape closes the drawer and gives the focus back to its
button. At desktop width, where the sidebar is always shown, its links stay in the Tab order.
"""

from __future__ import annotations

import pytest
from pagekit import SCREENSHOTS, run_axe
from pagekit import open_in_scheme as _open
from quizkit import settle

pytestmark = pytest.mark.browser

NARROW = (320, 412, 640)
EDITIONS = {"en": "", "fr": "fr/"}
MODULE = "modules/parliaments-and-peace/"
OTHER_MODULE = "modules/mediation-and-its-neighbours/"
MENU = ".md-header label.md-header__button[for='__drawer'] > button"
SEARCH = ".md-header label.md-header__button[for='__search'] > button"
MOST_STOPS_BEFORE_THE_ARTICLE = 8  # skip link, menu, colour scheme, language (button, 2 links), search

# Once transitions end (the drawer slides in): what has the focus, and whether a reader sees it. The
# focused element must have a box inside the window and be the topmost thing at its centre (a link in
# a panel that another panel covers is not seen). Material's colour-scheme radio button is drawn as
# the label after it: that label is what must be seen.
FOCUSED = """
async () => {
  await Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)));
  const focused = document.activeElement;
  const drawn = focused.matches("input.md-option") ? focused.nextElementSibling : focused;
  const box = drawn.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const inside = box.width >= 1 && box.height >= 1 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
  const top = inside ? document.elementFromPoint(x, y) : null;
  return {
    name: (focused.getAttribute("aria-label") || focused.textContent || focused.tagName).trim().slice(0, 50),
    seen: !!top && (drawn.contains(top) || top.contains(drawn)),
    inArticle: !!focused.closest("article"),
    inDrawer: !!focused.closest(".md-sidebar--primary"),
    navLink: focused.matches(".md-sidebar--primary a.md-nav__link[href]"),
    box: [box.left, box.top, box.width, box.height].map(Math.round),
  };
}
"""


@pytest.fixture
def screen(sized_page):
    """`screen(width, scheme="light") -> page` (see conftest's `sized_page`)."""
    return sized_page


def _focused(page) -> dict:
    return page.evaluate(FOCUSED)


def _tab_to_article(page, key: str = "Tab") -> list[dict]:
    """Press Tab from where the focus is until it lands in the article; every stop on the way."""
    stops = []
    for _ in range(60):
        page.keyboard.press(key)
        stops.append(_focused(page))
        if stops[-1]["inArticle"]:
            break
    return stops


def _tab_to(page, selector: str, most: int = 10) -> list[dict]:
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached in {most} presses of Tab: {[s['name'] for s in stops]}")


def _unseen(stops: list[dict]) -> list[str]:
    return [f"{s['name']!r} at {s['box']}" for s in stops if not s["seen"]]


def _drawer_open(page) -> bool:
    return page.evaluate("() => document.getElementById('__drawer').checked")


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", NARROW)
def test_tab_reaches_the_article_past_only_what_is_on_the_screen(screen, course_instant, width, language):
    page = screen(width)
    _open(page, course_instant.url + EDITIONS[language] + MODULE)
    stops = _tab_to_article(page)
    assert stops[-1]["inArticle"], [s["name"] for s in stops]
    assert len(stops) <= MOST_STOPS_BEFORE_THE_ARTICLE + 1, [s["name"] for s in stops]
    assert not _unseen(stops), _unseen(stops)


@pytest.mark.parametrize(("width", "scheme"), [(320, "light"), (412, "light"), (412, "dark"), (640, "light")])
@pytest.mark.parametrize("language", EDITIONS)
def test_the_menu_opens_from_the_keyboard_and_shows_where_the_focus_is(
    screen, course_instant, width, scheme, language
):
    page = screen(width, scheme)
    _open(page, course_instant.url + EDITIONS[language] + MODULE, scheme)
    menu = page.locator(MENU)
    nav_name = page.locator(".md-nav--primary").get_attribute("aria-label")
    assert menu.get_attribute("aria-label") == nav_name  # "Navigation", in the page's language
    assert menu.get_attribute("aria-expanded") == "false"
    stops = _tab_to(page, MENU)
    page.locator(MENU).evaluate("m => m.scrollIntoView()")
    page.screenshot(path=str(_shot(f"focus-menu-button-{language}-{width}-{scheme}")))

    page.keyboard.press("Enter")
    assert _drawer_open(page)
    assert menu.get_attribute("aria-expanded") == "true"
    opened = _focused(page)
    assert opened["inDrawer"], opened  # the focus went into the drawer
    page.screenshot(path=str(_shot(f"focus-menu-open-{language}-{width}-{scheme}")))
    drawer_stops = [opened]
    while drawer_stops[-1]["inDrawer"] and len(drawer_stops) < 40:
        page.keyboard.press("Tab")
        drawer_stops.append(_focused(page))
    assert any(s["navLink"] for s in drawer_stops), [s["name"] for s in drawer_stops]
    assert not _unseen(stops + drawer_stops), _unseen(stops + drawer_stops)
    assert not _drawer_open(page)  # the focus left the drawer, which closed behind it
    assert drawer_stops[-1]["inArticle"], drawer_stops[-1]


@pytest.mark.parametrize("width", NARROW)
def test_escape_closes_the_menu_and_the_focus_goes_back_to_its_button(screen, course_instant, width):
    page = screen(width)
    _open(page, course_instant.url + MODULE)
    _tab_to(page, MENU)
    page.keyboard.press(" ")  # Space works as Enter does
    assert _drawer_open(page)
    page.keyboard.press("Tab")
    assert _focused(page)["inDrawer"]
    page.keyboard.press("Escape")
    assert not _drawer_open(page)
    assert page.evaluate("s => document.activeElement.matches(s)", MENU)
    assert page.locator(MENU).get_attribute("aria-expanded") == "false"
    assert _focused(page)["seen"]
    # closed again, the drawer is out of the Tab order
    stops = _tab_to_article(page)
    assert len(stops) <= MOST_STOPS_BEFORE_THE_ARTICLE and not _unseen(stops), [s["name"] for s in stops]


def test_the_drawers_panels_are_reached_one_at_a_time(screen, course_instant):
    """Material's drawer shows one panel at a time (the top level, a module's section, the page's
    contents). Each is opened and closed from the keyboard, and only the shown one is reached."""
    page = screen(412)
    _open(page, course_instant.url + MODULE)
    _tab_to(page, MENU)
    page.keyboard.press("Enter")
    # the module's panel is shown; its title, above, goes back up to the top level
    page.keyboard.press("Shift+Tab")
    back = _focused(page)
    assert back["seen"] and back["inDrawer"], back
    assert page.evaluate("() => document.activeElement.matches('label.md-nav__title > button')")
    page.keyboard.press("Enter")
    top_level = _focused(page)
    assert top_level["seen"] and top_level["name"].startswith("1."), top_level  # the label that opened it
    stops = []
    while "2." not in _focused(page)["name"][:3]:
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        assert stops[-1]["inDrawer"] and len(stops) < 10, [s["name"] for s in stops]
    assert not _unseen(stops), _unseen(stops)
    page.keyboard.press("Enter")  # opens module 2's panel: the focus goes to its first link
    first = _focused(page)
    assert first["navLink"] and first["seen"], first
    page.screenshot(path=str(_shot("focus-menu-panel-412")))
    page.keyboard.press("Enter")  # follows it: instant navigation to module 2
    page.wait_for_url(f"**/{OTHER_MODULE}")
    settle(page)
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    # on the new page, the closed drawer is out of the Tab order again
    page.keyboard.press("Tab")  # the skip link is the first stop of a page
    stops = _tab_to_article(page)
    assert stops[-1]["inArticle"] and len(stops) <= MOST_STOPS_BEFORE_THE_ARTICLE, [s["name"] for s in stops]
    assert not _unseen(stops), _unseen(stops)


@pytest.mark.parametrize("language", EDITIONS)
def test_the_search_opens_from_its_button_and_escape_goes_back_to_it(screen, course_instant, language):
    page = screen(412)
    _open(page, course_instant.url + EDITIONS[language] + MODULE)
    search = page.locator(SEARCH)
    assert search.get_attribute("aria-label") == page.locator(".md-search__input").get_attribute("aria-label")
    _tab_to(page, SEARCH)
    page.keyboard.press("Enter")
    field = _focused(page)
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')") and field["seen"], field
    assert search.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.evaluate("s => document.activeElement.matches(s)", SEARCH)
    assert search.get_attribute("aria-expanded") == "false"


def test_at_desktop_width_the_sidebar_stays_in_the_tab_order(screen, course_instant):
    page = screen(1280)
    _open(page, course_instant.url + MODULE)
    stops = _tab_to(page, ".md-sidebar--primary a.md-nav__link[href]", most=12)
    assert not _unseen(stops), _unseen(stops)
    assert page.locator(".md-sidebar--primary[inert], .md-sidebar--primary [inert]").count() == 0
    assert page.locator(".md-sidebar--primary a[tabindex='-1'], .md-sidebar--primary button").count() == 0


def test_a_window_widened_to_desktop_gets_its_sidebar_back(screen, course_instant):
    page = screen(412)
    _open(page, course_instant.url + MODULE)
    assert page.locator(".md-sidebar--primary[inert]").count() == 1
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("() => !document.querySelector('.md-sidebar--primary[inert]')")
    assert page.locator(".md-sidebar--primary button, .md-sidebar--primary [tabindex='-1']").count() == 0
    _tab_to(page, ".md-sidebar--primary a.md-nav__link[href]", most=12)


def test_the_offline_edition_from_a_file_too(screen, course_offline):
    page = screen(412)
    _open(page, course_offline.url + "fr/modules/parliaments-and-peace.html")
    stops = _tab_to_article(page)
    assert len(stops) <= MOST_STOPS_BEFORE_THE_ARTICLE + 1 and not _unseen(stops), [s["name"] for s in stops]
    page.locator(MENU).focus()
    page.keyboard.press("Enter")
    assert _drawer_open(page) and _focused(page)["inDrawer"] and _focused(page)["seen"]


def _shot(name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def test_a_link_to_a_section_closes_the_menu_and_the_focus_goes_to_the_section(screen, course_instant):
    page = screen(412)
    _open(page, course_instant.url + MODULE)
    page.locator(MENU).focus()
    page.keyboard.press("Enter")  # the menu opens on this page's label, which opens its contents
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = _focused(page)
    assert link["navLink"] and link["seen"], link
    section = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate("id => document.activeElement.id === id", section.split("#")[-1])
    page.keyboard.press("Tab")  # on from the section, not from the top of the page
    assert page.evaluate("() => document.activeElement.matches('article .headerlink')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", EDITIONS)
def test_axe_finds_nothing_with_the_menu_open(screen, course_instant, language, scheme):
    page = screen(412, scheme)
    _open(page, course_instant.url + EDITIONS[language] + MODULE, scheme)
    page.locator(MENU).focus()
    page.keyboard.press("Enter")
    page.mouse.move(400, 798)  # no tooltip left under the pointer
    results = run_axe(page)
    assert results.violations_count == 0, results.generate_report()
