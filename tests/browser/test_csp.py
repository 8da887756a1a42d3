"""The Content-Security-Policy: on every page, strict (no inline script but by hash, no
other host), and the site works under it: search, table sorting, language switcher.
Every page in every language is also opened under it by test_pages.py (Watch fails on
any violation)."""

from __future__ import annotations

import re

import pytest

from .conftest import ALL_PAGES, Watch, page_url
from .test_search_ui import search
from .test_switcher import switch

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


@pytest.mark.parametrize("path", ALL_PAGES)
def test_every_page_has_a_strict_policy(built_site, path):
    file = built_site / (path.strip("/") + ("" if path.endswith(".html") else "/index.html")).lstrip("/")
    html = file.read_text(encoding="utf-8")
    (policy,) = CSP.findall(html)
    assert html.index("Content-Security-Policy") < html.index("<script"), "policy after a script"
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
    for name, sources in directives.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, name
        assert not [s for s in sources if "://" in s or s in ("*", "http:", "https:")], (name, sources)
        assert not [s for s in sources if s.startswith("'inline-")], f"placeholder left: {name}"
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len([s for s in directives["script-src"] if s.startswith("'sha256-")]) == len(set(inline))


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_search_sorting_and_switcher_work_under_the_policy(page, site_url, lang):
    watch = Watch(page.context, page)
    start = page_url(lang, "covenant")
    page.goto(site_url + start)
    assert search(page, "2022"), "search found nothing"
    page.keyboard.press("Escape")
    table = page.locator("table.sortable").first
    column = table.locator("thead th").nth(0)
    rows = table.locator("tbody tr td:first-child")
    before = rows.all_inner_texts()
    column.locator("button.sort-button").click()
    first, once = column.get_attribute("aria-sort"), rows.all_inner_texts()
    column.locator("button.sort-button").click()
    assert {first, column.get_attribute("aria-sort")} == {"ascending", "descending"}
    twice = rows.all_inner_texts()
    assert sorted(once) == sorted(twice) == sorted(before) and once != twice
    other = "kk" if lang != "kk" else "ru"
    watch.check(start)
    switch(page, other)
    assert page.evaluate("document.documentElement.lang") == other
    watch.check(page.url)


def test_browser_without_resize_observer_gets_the_polyfill_from_the_site(page, site_url):
    """Material loads a ResizeObserver polyfill where the browser has none: from this site."""
    watch = Watch(page.context, page)
    page.add_init_script("delete window.ResizeObserver")
    with page.expect_request("**/assets/javascripts/resize-observer-polyfill.js") as request:
        page.goto(site_url + "/ru/assembly/")
    assert request.value.url == site_url + "/assets/javascripts/resize-observer-polyfill.js"
    page.wait_for_function("typeof ResizeObserver === 'function'")
    assert search(page, "пикет"), "search found nothing"
    watch.check("/ru/assembly/ without ResizeObserver")
