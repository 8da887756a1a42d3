"""Every built page in every language, in one visit each, all in one tab as a reader's:
loads with no request to another host, no console error, HTTP error or
Content-Security-Policy violation (also once the search box has loaded Pagefind); passes
axe-core; fits a 320 and a 360 px phone screen (neither the page nor a table scrolls
sideways), every data table read as cards.

To check something more on every page, add it to ``visit_page`` (and its assertion to
``test_page``): each page is opened once."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ALL_PAGES, DESKTOP, TABLES_FIT, Watch
from .one_tab import open_module_tab  # noqa: F401  (module_tab: the tab of every visit)

PHONE = {"width": 360, "height": 740}
PHONE_WIDTHS = (320, 360)
axe = Axe()

def load(page, url: str) -> None:
    page.goto(url, wait_until="load")


def violations(page) -> str:
    results = axe.run(page)
    return "" if results.violations_count == 0 else results.generate_report()


SCREEN = "() => [innerWidth, innerHeight, navigator.maxTouchPoints, matchMedia('(pointer: coarse)').matches]"


class Screen:
    """The screen of a reader's tab, set through one DevTools session: a desktop of
    DESKTOP, or a phone (what pytest-playwright's is_mobile and has_touch set up) of
    ``width`` x 640 CSS pixels, where the page's viewport meta applies and touch is on."""

    def __init__(self, context, page):
        self.page = page
        self.cdp = context.new_cdp_session(page)

    def set(self, width: int, height: int, phone: bool) -> None:
        self.cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": phone, "maxTouchPoints": 1})
        self.cdp.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone,
            "screenWidth": width, "screenHeight": height,
            "screenOrientation": {"angle": 0, "type": "portraitPrimary" if phone else "landscapePrimary"}})
        self.page.wait_for_function("w => window.innerWidth === w && document.documentElement.clientWidth === w",
                                    arg=width)

    def desktop(self) -> None:
        self.set(DESKTOP["width"], DESKTOP["height"], phone=False)

    def phone(self, width: int) -> None:
        self.set(width, 640, phone=True)


@dataclass
class ReaderTab:
    """The tab every page is visited in, and its screen."""

    context: object
    page: object
    screen: Screen


@dataclass
class Visit:
    """What one visit of a page found."""

    path: str
    screen: list = field(default_factory=list)  # SCREEN once loaded: a desktop without touch
    headings: int = 0                       # <h1> in the article
    axe: str = ""                           # axe-core's report, empty without violations
    search: str = ""                        # Pagefind once the search box opened: "loaded"
    problems: str = ""                      # Watch: foreign requests, errors, CSP violations
    fit: dict = field(default_factory=dict)      # phone width -> what scrolls sideways (TABLES_FIT)
    cards: dict = field(default_factory=dict)    # phone width -> the data tables' cells


def visit_page(tab: ReaderTab, url: str, path: str) -> Visit:
    """Open one page once and run every per-page check on it: on a desktop the headings,
    axe-core, then the search box (Pagefind loads); then on phone screens of 320 and 360 px
    what scrolls sideways and the cards; last, whatever the page requested on the way."""
    page = tab.page
    tab.screen.desktop()  # the previous visit left the tab on a phone
    watch = Watch(tab.context, page)
    found = Visit(path)
    try:
        load(page, url)
        found.screen = page.evaluate(SCREEN)
        found.headings = page.locator("article.md-content__inner h1").count()
        found.axe = violations(page)
        # Opening the search box loads Pagefind: also local, also without errors.
        if path != "/404.html":
            page.locator(".md-search__input").click()
            page.wait_for_function("() => window.kzSearch.index !== null")
            found.search = page.evaluate("window.kzSearch.index")
            page.keyboard.press("Escape")
        for width in PHONE_WIDTHS:
            tab.screen.phone(width)
            found.fit[width] = page.evaluate(TABLES_FIT)["problems"]
            found.cards[width] = page.evaluate(CARDS)
        page.wait_for_load_state("networkidle")  # a request still under way ends first
    finally:
        watch.stop()  # a failed visit's listeners do not stay on the tab
    try:
        watch.check(path)
    except AssertionError as problem:
        found.problems = str(problem)
    return found


@pytest.fixture(scope="module")
def reader_tab(module_tab) -> ReaderTab:
    """One tab for every page's visit (one_tab.py), as a reader going from page to page has:
    the site's scripts, styles and Pagefind stay loaded. Each visit is a new document."""
    return ReaderTab(module_tab.context, module_tab, Screen(module_tab.context, module_tab))


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page(reader_tab, site_url, path):
    found = visit_page(reader_tab, site_url + path, path)
    failures = []
    if found.screen != [DESKTOP["width"], DESKTOP["height"], 0, False]:
        failures.append(f"not opened on a desktop without touch: {found.screen}")
    if found.headings != 1:
        failures.append(f"{found.headings} <h1> in the article")
    if found.problems:
        failures.append(found.problems)
    if found.axe:
        failures.append(f"axe-core:\n{found.axe}")
    if path != "/404.html" and found.search != "loaded":
        failures.append(f"the search box's Pagefind: {found.search}")
    for width in PHONE_WIDTHS:
        failures += [f"at {width} px: {problem}" for problem in found.fit[width]]
        try:
            check_cards(found.cards[width], width, f"{path} at {width} px")
        except AssertionError as problem:
            failures.append(f"cards at {width} px: {problem}")
    assert not failures, f"{path}:\n" + "\n".join(failures)


@pytest.mark.parametrize("start, query", [("/", "assembly"), ("/ru/", "собрания"),
                                          ("/kk/", "жиналыс")])
def test_axe_with_search_results_open(page, site_url, start, query):
    load(page, site_url + start)
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function("q => window.kzSearch.lastShown === q", arg=query)
    page.wait_for_timeout(400)  # Material's open transition: axe checks final colours
    report = violations(page)
    assert not report, f"{start} with results for {query!r}\n{report}"


CARDS = """() => [...document.querySelectorAll('table.data-table')].map(table => ({
    rows: [...table.tBodies[0].rows].map(tr => getComputedStyle(tr).display),
    cells: [...table.querySelectorAll('tbody td')].map(td => {
        const r = td.getBoundingClientRect();
        return {text: td.textContent.trim(), label: td.dataset.label,
                display: getComputedStyle(td).display,
                before: getComputedStyle(td, '::before').content,
                left: Math.round(r.left), right: Math.round(r.right)};
    })}))"""


def check_cards(tables, width: int, where: str) -> None:
    """Each row is a card; each non-empty cell shows with its column name; empty ones do not."""
    for table in tables:
        assert set(table["rows"]) == {"block"}, f"{where}: rows are not cards {table['rows']}"
        for cell in table["cells"]:
            if cell["text"]:
                assert cell["display"] != "none", (where, cell)
                assert cell["label"] and cell["before"] == f'"{cell["label"]}"', (where, cell)
                assert 0 <= cell["left"] and cell["right"] <= width, (where, cell)
            else:
                assert cell["display"] == "none", (where, cell)


def test_wide_screens_keep_the_table(page, site_url):
    load(page, site_url + "/covenant/")
    tables = page.evaluate(CARDS)
    assert tables and all(set(t["rows"]) == {"table-row"} for t in tables)
    assert page.locator("table.data-table thead").first.is_visible()


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", ["/assembly/", "/ru/assembly/", "/kk/assembly/"])
def test_phone_cards_and_drawer(page, site_url, path):
    load(page, site_url + path)
    tables = page.evaluate(CARDS)
    assert len(tables) >= 2 and any(not c["text"] for t in tables for c in t["cells"]), (
        f"{path}: expected case and Views cards, some with empty fields")
    check_cards(tables, PHONE["width"], path)
    # The navigation drawer opens from the header button.
    page.locator('label.md-header__button[for="__drawer"]').click()
    drawer = page.locator(".md-sidebar--primary")
    page.wait_for_function("""() => {
        const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
        return r.left >= 0 && r.right > 100; }""")
    assert drawer.locator("a.md-nav__link").first.is_visible()
    # Closing it (tap outside), then the search opens full-screen from the header button.
    page.locator("label.md-overlay").click(position={"x": 340, "y": 400})
    page.wait_for_function("!document.getElementById('__drawer').checked")
    page.locator('label.md-header__button[for="__search"]').click()
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
