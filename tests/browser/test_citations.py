"""Citation markers: 24x24 px tap targets that name their source and paragraph on hover
and focus; the sources list links back to every place a source is cited; UN symbols
stay on one line."""

from __future__ import annotations

import pytest

PHONE = {"width": 360, "height": 740}


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", ["/assembly/", "/ru/assembly/", "/kk/if-detained/"])
def test_markers_are_tap_targets(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    boxes = page.locator(".cite a, .cite-backs a").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(boxes) > 10
    assert all(w >= 24 and h >= 24 for w, h in boxes), [b for b in boxes if min(b) < 24][:5]


@pytest.mark.parametrize("path, source, where", [
    ("/ru/assembly/", "Доклад НПО", "п. "),
    ("/assembly/", "NGO submission", "para. "),
])
def test_marker_names_source_and_paragraph_on_focus_and_hover(page, site_url, path, source, where):
    page.goto(site_url + path, wait_until="load")
    marker = page.locator(".cite a").filter(has_text=where).first
    tip = marker.locator(".cite-tip")
    assert not tip.is_visible() or tip.bounding_box()["width"] <= 1
    marker.focus()
    assert tip.bounding_box()["width"] > 50
    text = tip.inner_text()
    assert source in text and where in text, text
    # Screen readers get the same: the tip is part of the link's name.
    assert text in marker.evaluate("a => a.textContent")
    page.locator("h1").click()
    marker.hover()
    assert tip.bounding_box()["width"] > 50


def test_sources_link_back_to_each_citation(page, site_url):
    page.goto(site_url + "/ru/assembly/", wait_until="load")
    items = page.locator("ol.sources > li")
    assert items.count() > 3
    for i in range(items.count()):
        backs = items.nth(i).locator(".cite-backs a")
        assert backs.count() >= 1
        for href in backs.evaluate_all("as => as.map(a => a.getAttribute('href'))"):
            target = page.locator(href)
            assert target.count() == 1 and target.evaluate(
                "a => a.closest('.cite') !== null"), href
    back = items.first.locator(".cite-backs a").first
    assert back.get_attribute("aria-label") == "Назад к ссылке 1"
    back.click()
    assert page.url.endswith(back.get_attribute("href"))


def test_un_symbols_stay_on_one_line(page, site_url):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(site_url + "/un-review/", wait_until="load")
    symbols = page.locator("article .un-symbol").evaluate_all(
        "ss => ss.map(s => [s.textContent, s.getClientRects().length, getComputedStyle(s).whiteSpace])")
    assert len(symbols) > 5
    assert all(rects == 1 and ws == "nowrap" for _, rects, ws in symbols), symbols
