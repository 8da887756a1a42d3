"""The first screen of a phone: "If you are detained" and the choice of language on every
home page; the switcher names the current language; the page is offered (not forced) in
the browser's language."""

from __future__ import annotations

import pytest

from .conftest import Watch

PHONE = {"width": 360, "height": 640}
NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("lang, path", [("en", "/"), ("ru", "/ru/"), ("kk", "/kk/")])
def test_home_first_screen(page, site_url, watch: Watch, lang, path):
    page.goto(site_url + path, wait_until="load")

    def in_first_screen(locator) -> bool:
        box = locator.bounding_box()
        return (locator.is_visible() and box is not None and box["y"] >= 0
                and box["y"] + box["height"] <= PHONE["height"] and box["x"] + box["width"] <= PHONE["width"])

    detained = page.locator("article a.md-button[href*='if-detained']")
    assert detained.count() == 1 and in_first_screen(detained), path
    for code, name in NAMES.items():
        link = page.locator(f"nav.kz-languages a[hreflang='{code}']")
        assert link.inner_text() == name and link.get_attribute("lang") == code
        assert in_first_screen(link), (path, code)
        assert (link.get_attribute("aria-current") == "page") == (code == lang)
    # The header switcher shows the current language by name and is named by it.
    button = page.locator("button.kz-language-button")
    assert button.locator(".kz-language-name").inner_text() == NAMES[lang]
    assert NAMES[lang] in button.evaluate("b => b.textContent")
    watch.check(path)


@pytest.mark.browser_context_args(locale="ru-RU")
def test_russian_browser_is_offered_the_russian_page(page, site_url):
    page.goto(site_url + "/kk/assembly/#picketing", wait_until="load")
    offer = page.locator(".kz-offer")
    assert offer.get_attribute("lang") == "ru" and offer.is_visible()
    assert page.url.endswith("/kk/assembly/#picketing")  # offered, not forced
    link = offer.locator("a")
    assert link.inner_text() == "Читать на русском"
    link.click()
    page.wait_for_url("**/ru/assembly/#picketing")
    assert page.locator(".kz-offer").count() == 0  # on the Russian page: nothing to offer
    page.goto(site_url + "/assembly/", wait_until="load")
    assert page.locator(".kz-offer").count() == 0  # the reader chose: not asked again


@pytest.mark.browser_context_args(locale="kk-KZ")
def test_offer_can_be_closed_for_good(page, site_url):
    page.goto(site_url + "/ru/", wait_until="load")
    offer = page.locator(".kz-offer")
    assert offer.get_attribute("lang") == "kk"
    assert offer.locator("a").get_attribute("href").endswith("/kk/")
    offer.get_by_role("button", name="Жабу").click()
    assert offer.count() == 0
    page.reload(wait_until="load")
    assert page.locator(".kz-offer").count() == 0


@pytest.mark.browser_context_args(locale="en-US")
def test_no_offer_to_an_english_browser(page, site_url):
    page.goto(site_url + "/kk/", wait_until="load")
    page.wait_for_timeout(100)
    assert page.locator(".kz-offer").count() == 0
