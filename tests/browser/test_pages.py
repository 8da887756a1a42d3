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


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", ALL_PAGES)
def test_phone_no_horizontal_scroll(page, site_url, path):
    load(page, site_url + path)
    widths = page.evaluate("""() => {
        const s = document.scrollingElement;
        return {scroll: s.scrollWidth, client: s.clientWidth,
                wraps: [...document.querySelectorAll('.table-wrap')].map(w => ({
                    overflow: getComputedStyle(w).overflowX,
                    right: Math.round(w.getBoundingClientRect().right),
                    wide: w.scrollWidth > w.clientWidth}))};
    }""")
    assert widths["scroll"] <= widths["client"], f"{path}: page scrolls sideways {widths}"
    for wrap in widths["wraps"]:
        assert wrap["overflow"] in ("auto", "scroll") and wrap["right"] <= PHONE["width"], (path, wrap)


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", ["/assembly/", "/ru/assembly/", "/kk/assembly/"])
def test_phone_drawer_and_wide_tables(page, site_url, path):
    load(page, site_url + path)
    # Wide tables scroll inside their own box.
    wide = page.evaluate("""() => [...document.querySelectorAll('.table-wrap')]
        .filter(w => w.scrollWidth > w.clientWidth).length""")
    assert wide >= 1, f"{path}: expected a table wider than the phone screen"
    wrap = page.locator(".table-wrap").first
    wrap.evaluate("w => w.scrollLeft = 200")
    assert wrap.evaluate("w => w.scrollLeft") > 0
    assert page.evaluate("document.scrollingElement.scrollLeft") == 0
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
