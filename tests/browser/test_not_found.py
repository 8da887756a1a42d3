"""The 404 page as a static host serves it, at any depth of a missing address: styled,
in the reader's language (all three where it cannot tell), with home and search."""

from __future__ import annotations

import pytest

from .conftest import Watch


@pytest.fixture
def not_found(page, built_site):
    """Serve the site's 404.html (status 404) for any address under /missing/ or /kk/missing/."""
    body = (built_site / "404.html").read_text(encoding="utf-8")
    for pattern in ("**/missing/**", "**/kk/missing/**", "**/ru/missing/**"):
        page.route(pattern, lambda route: route.fulfill(status=404, body=body,
                                                       content_type="text/html; charset=utf-8"))
    return page


def shown(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(['kk', 'ru', 'en'].map(code => [code,
        !!document.querySelector(`section[data-kz-lang="${code}"]`).offsetParent]))""")


@pytest.mark.browser_context_args(locale="de-DE")
def test_unknown_language_shows_all_three(not_found, site_url):
    page = not_found
    responses = []
    page.on("response", lambda r: responses.append((r.status, r.url)))
    page.goto(site_url + "/missing/a/b/c/", wait_until="networkidle")
    assert shown(page) == {"kk": True, "ru": True, "en": True}
    # Styles and scripts load at this depth: only the page itself is a 404.
    assert [u for s, u in responses if s >= 400] == [site_url + "/missing/a/b/c/"]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    homes = page.locator(".kz-not-found section a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert homes == ["/kk/", "/ru/", "/"]


@pytest.mark.browser_context_args(locale="de-DE")
def test_address_tells_the_language_and_search_works(not_found, site_url, context):
    page = not_found
    page.goto(site_url + "/kk/missing/x/y/", wait_until="load")
    watch = Watch(context, page)  # from here on: the search
    assert shown(page) == {"kk": True, "ru": False, "en": False}
    assert page.locator("h1").inner_text() == "Бет табылмады"
    assert page.evaluate("document.documentElement.lang") == "kk"
    page.locator("#kz-404-q-kk").fill("жиналыстар")
    page.locator("section[data-kz-lang='kk'] button[type=submit]").click()
    page.wait_for_url("**/kk/?q=*")
    page.wait_for_function("q => window.kzSearch.lastShown === q", arg="жиналыстар")
    first = page.locator(".md-search-result__item a").first
    assert "/kk/" in first.get_attribute("href")
    watch.check("404 search")


@pytest.mark.browser_context_args(locale="ru-RU")
def test_browser_language_where_the_address_does_not_tell(not_found, site_url):
    page = not_found
    page.goto(site_url + "/missing/", wait_until="load")
    assert shown(page) == {"kk": False, "ru": True, "en": False}
    assert page.title() == "Страница не найдена"
