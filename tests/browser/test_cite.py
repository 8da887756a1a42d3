"""'Cite this' in a browser: the copy button appears where JavaScript runs and copies the
citation; the downloads are served next to the page."""

from __future__ import annotations

import pytest

from kzrights.i18n import LANGS

from ..conftest import real_data
from .conftest import page_url

DATA = real_data()  # loaded once per test process


@pytest.mark.parametrize("lang", LANGS)
def test_copy_button_copies_the_citation(context, page, site_url, watch, lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + page_url(lang, "views/ccpr-c-133-d-2726-2016"), wait_until="load")
    button = page.locator("button.cite-copy")
    assert button.is_visible() and button.inner_text() == DATA.label("cite_copy", lang)
    citation = " ".join(page.locator("#cite-text").inner_text().split())
    assert "CCPR/C/133/D/2726/2016" in citation
    button.click()
    status = page.locator(".cite-status")
    status.filter(has_text=DATA.label("cite_copied", lang)).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    for name in ("cite.json", "cite.bib"):
        href = page.locator(f'.md-content a[href$="{name}"]').get_attribute("href")
        assert page.request.get(f"{page.url}{href}").ok, href
    watch.check(lang)


def test_without_javascript_the_citation_stays_and_the_button_is_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/assembly/", wait_until="load")
    assert page.locator("#cite-text").is_visible()
    assert not page.locator("button.cite-copy").is_visible()
    context.close()
