"""Every built page in every language: loads with no request to another host, no console
error and no HTTP error; passes axe-core; fits a 360 px phone screen."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ALL_PAGES, Watch

PHONE = {"width": 360, "height": 740}
axe = Axe()


def load(page, url: str, idle: bool = False) -> None:
    page.goto(url, wait_until="load")
    if idle:  # wait for late requests too (500 ms without any)
        page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_loads_cleanly(page, site_url, watch: Watch, path):
    load(page, site_url + path, idle=True)
    assert page.locator("article.md-content__inner h1").count() == 1, path
    # Opening the search box loads Pagefind: also local, also without errors.
    if path != "/404.html":
        page.locator(".md-search__input").click()
        page.wait_for_load_state("networkidle")
    watch.check(path)


def violations(page) -> str:
    results = axe.run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_axe(page, site_url, path):
    load(page, site_url + path)
    report = violations(page)
    assert not report, f"{path}\n{report}"


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


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", ALL_PAGES)
def test_phone_layout(page, site_url, path, width):
    """No sideways scrolling at 320 and 360 px; every data table reads as cards."""
    page.set_viewport_size({"width": width, "height": 640})
    load(page, site_url + path)
    widths = page.evaluate("""() => {
        const s = document.scrollingElement;
        return {scroll: s.scrollWidth, client: s.clientWidth,
                wraps: [...document.querySelectorAll('.table-wrap')].map(w => ({
                    right: Math.round(w.getBoundingClientRect().right),
                    wide: w.scrollWidth > w.clientWidth}))};
    }""")
    assert widths["scroll"] <= widths["client"], f"{path}: page scrolls sideways {widths}"
    for wrap in widths["wraps"]:
        assert not wrap["wide"] and wrap["right"] <= width, (path, wrap)
    check_cards(page.evaluate(CARDS), width, f"{path} at {width} px")


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
