"""The header language switcher keeps the page and the section."""

from __future__ import annotations

import pytest

from .conftest import Watch


def switch(page, lang: str) -> None:
    page.locator(".md-select").first.hover()
    with page.expect_navigation():
        page.locator(f'a.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize("start, lang, expected", [
    ("/ru/assembly/#cases", "kk", "/kk/assembly/#cases"),
    ("/kk/assembly/#cases", "en", "/assembly/#cases"),
    ("/torture/#cases", "ru", "/ru/torture/#cases"),
    ("/ru/assembly/", "kk", "/kk/assembly/"),
    ("/kk/", "ru", "/ru/"),
])
def test_switcher_keeps_page_and_section(page, site_url, watch: Watch, start, lang, expected):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + start)
    switch(page, lang)
    assert page.url == site_url + expected
    assert page.evaluate("document.documentElement.lang") == lang
    watch.check(start)  # no redirect
    assert not [url for url in requested if "sitemap.xml" in url]  # Material's alternate lookups


def test_switcher_follows_a_section_link(page, site_url):
    """A section opened from the table of contents after the page loaded."""
    page.goto(site_url + "/ru/assembly/")
    target = page.locator(".md-sidebar--secondary a.md-nav__link").nth(2)
    section = target.get_attribute("href")
    target.click()
    page.wait_for_function("h => location.hash === h", arg=section)
    switch(page, "kk")
    assert page.url == f"{site_url}/kk/assembly/{section}"
