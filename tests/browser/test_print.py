"""Paper: no navigation, search or sorting hints; the page address and the targets of
document links printed; table rows not cut; "If you are detained" on one A4 page in
each language (printed to PDF by Chromium)."""

from __future__ import annotations

import re

import pytest

from ..conftest import ADDRESS


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("path", ["/if-detained/", "/ru/if-detained/", "/kk/if-detained/"])
def test_if_detained_prints_on_one_a4_page(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf_pages(pdf) == 1, path
    page.emulate_media(media="print")
    # The leaflet keeps the checklist, what to do and the sources.
    for section in ("#checklist", "#after-release", "#sources", "ol.sources"):
        assert page.locator(f"article {section}").is_visible(), (path, section)
    assert not page.locator("article #in-practice-2022").is_visible()


def test_long_pages_print_on_several_pages(page, site_url):
    page.goto(site_url + "/covenant/", wait_until="load")
    assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True)) > 1  # the counter counts


@pytest.mark.parametrize("path", ["/covenant/", "/ru/covenant/"])
def test_print_layout(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".sort-hint",
                   ".headerlink"):
        assert page.locator(hidden).first.is_hidden(), (path, hidden)
    address = page.locator(".kz-print-address")  # the page's published address
    assert address.is_visible() and ADDRESS + path.lstrip("/") in address.inner_text()
    link = page.locator("article a[href^='https://undocs.org/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({link.get_attribute("href")})"', after
    table = page.evaluate("""() => {
        const t = document.querySelector('table.data-table');
        return {rows: getComputedStyle(t.tBodies[0].rows[0]).breakInside,
                head: getComputedStyle(t.tHead).display,
                sort: getComputedStyle(t.querySelector('.sort-button') || t.tHead, '::after').content};
    }""")
    assert table == {"rows": "avoid", "head": "table-header-group", "sort": "none"}, table
    page.emulate_media(media="screen")
    assert address.is_hidden()


def test_printed_address_without_a_site_address_is_the_pages_location(page, preview_url):
    """A build without SITE_URL (the editor's preview) prints where the page was opened."""
    page.goto(preview_url + "/ru/covenant/", wait_until="load")
    page.emulate_media(media="print")
    address = page.locator(".kz-print-address")
    assert address.is_visible() and preview_url + "/ru/covenant/" in address.inner_text()
