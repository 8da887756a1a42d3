"""'Cite this' in a browser: the copy button appears where JavaScript runs and copies the
citation; the downloads are served next to the page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kzrights.i18n import LANGS, format_date

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


@pytest.mark.parametrize("lang", LANGS)
def test_cite_this_gives_the_full_address_and_the_date_accessed(context, page, preview_url, watch, lang):
    """Without a site address in the build (the editor's preview), the citation takes the
    page's address from the browser, with the date it was accessed, in the text that is
    copied and in the downloads."""
    site_url = preview_url
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    path = page_url(lang, "views/communication-2548-2015")
    page.goto(site_url + path + "#finding", wait_until="load")
    address = site_url + path
    today = dt.date.today()
    accessed = DATA.label("cite_accessed", lang).format(date=format_date(today.isoformat(), lang))
    citation = " ".join(page.locator("#cite-text").inner_text().split())
    assert address in citation and "#finding" not in citation
    assert " ".join(accessed.split()) in citation
    assert DATA.label("cite_unread_secondary", lang) in citation  # the document was not read
    page.locator("button.cite-copy").click()
    page.locator(".cite-status").filter(has_text=DATA.label("cite_copied", lang)).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    with page.expect_download() as info:
        page.locator('.md-content a[href$="cite.json"]').click()
    [item] = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert item["URL"] == address
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    with page.expect_download() as info:
        page.locator('.md-content a[href$="cite.bib"]').click()
    bib = open(info.value.path(), encoding="utf-8").read()
    assert f"  url = {{{address}}}," in bib and f"  urldate = {{{today.isoformat()}}}," in bib
    watch.check(lang)


def test_without_javascript_the_citation_names_the_path(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/views/ccpr-c-120-d-2158-2012/", wait_until="load")
    citation = page.locator("#cite-text").inner_text()
    assert "/views/ccpr-c-120-d-2158-2012/" in citation
    assert DATA.label("cite_accessed", "en").split("{")[0] not in citation  # no date without the reader's
    context.close()
