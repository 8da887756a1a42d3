"""Every page of the built site, in every language, at 320 px: neither the page nor any
table scrolls sideways (issue 19, item 9; the measure is TABLES_FIT in conftest.py).

The pages are those of the built folder, not a list: every written and generated page
(View pages included), the source reader and the 404 page. test_pages.py measures the pages
it opens anyway (ALL_PAGES) in its one visit per page; this test opens the others, all of
them View pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import site_pages
from .conftest import ALL_PAGES, LANGS, TABLES_FIT, page_url

PHONE = {"width": 320, "height": 640}


def built_pages(site: Path, lang: str) -> tuple[list[str], set[str]]:
    """Every page of a language in the built folder as a URL path, and the redirects (the
    joint symbols' View pages), which are left out."""
    others = [other for other in LANGS if other != "en"]
    pages, redirects = [], set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in ("download", "assets", "pagefind"):
            continue
        if (rel.parts[0] if rel.parts[0] in others else "en") != lang:
            continue
        url = "/" + rel.as_posix().removesuffix("index.html")
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            redirects.add(url)
        else:
            pages.append(url)
    return pages, redirects


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("lang", LANGS)
def test_no_table_scrolls_sideways_at_320_px(page, site_url, built_site, lang):
    urls, redirects = built_pages(built_site, lang)
    # Every page of the sources (written and generated) is among them.
    expected = {page_url(lang, page.removesuffix(".md")) for page in site_pages()}
    assert not expected - set(urls) - redirects, sorted(expected - set(urls) - redirects)
    # test_pages.py measures the pages it visits; every other one is a View page.
    others = [url for url in urls if url not in ALL_PAGES]
    assert set(urls) - set(others) and all("/views/" in url for url in others), others
    # The measure sees tables where there are some (View pages have none).
    page.goto(site_url + page_url(lang, "covenant"), wait_until="load")
    assert page.evaluate(TABLES_FIT)["tables"] > 0
    found = {}
    for url in others:
        page.goto(site_url + url, wait_until="load")
        if problems := page.evaluate(TABLES_FIT)["problems"]:
            found[url] = problems
    assert found == {}, "\n".join(f"{url}: {p}" for url, problems in found.items() for p in problems)
