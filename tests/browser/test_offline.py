"""The offline copy (download/*.zip): unzipped and opened from disk (file://), every page
reads, every internal link (and #section) exists, the search box says how to search."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import LANGS, PAGES, Watch

OFFLINE_HINT = {"en": "Search does not work in the offline copy",
                "ru": "В офлайн-копии поиск не работает",
                "kk": "Офлайн көшірмеде іздеу жұмыс істемейді"}


class Links(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if tag in ("a", "link", "script", "img", "source", "iframe") and a.get(attr):
                self.links.append(a[attr])


def offline_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_offline_copy_has_every_page(offline_copy):
    for lang in LANGS:
        for page in PAGES:
            rel = f"{page}.html" if lang == "en" else f"{lang}/{page}.html"
            assert (offline_copy / rel).is_file(), rel
    assert (offline_copy / "README.txt").is_file()
    assert not (offline_copy / "pagefind").exists() and not (offline_copy / "download").exists()


def test_every_internal_link_exists(offline_copy):
    parsed: dict[Path, Links] = {p: Links(p.read_text(encoding="utf-8")) for p in offline_pages(offline_copy)}
    broken = []
    for source, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # other sites: links for the reader, not loaded by the page
            target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            where = f"{source.relative_to(offline_copy)}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no file)")  # a folder link would show a listing
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else Links(target.read_text("utf-8")).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where} (no #{parts.fragment})")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_pages_open_from_disk(context, page, offline_copy, lang):
    watch = Watch(context, page, allowed_hosts=())
    folder = offline_copy if lang == "en" else offline_copy / lang
    for page_file in (folder / f"{name}.html" for name in PAGES):
        page.goto(page_file.as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.lang") == lang, page_file
        text = page.locator("article.md-content__inner").inner_text()
        assert page.locator("article.md-content__inner h1").count() == 1 and len(text) > 100, page_file
        watch.check(page_file.as_uri())


@pytest.mark.parametrize("lang", LANGS)
def test_search_box_explains_offline_search(context, page, offline_copy, lang):
    watch = Watch(context, page, allowed_hosts=())
    start = offline_copy / ("assembly.html" if lang == "en" else f"{lang}/assembly.html")
    page.goto(start.as_uri())
    box = page.locator(".md-search__input")
    box.click()
    box.fill("жиналыс")
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    assert OFFLINE_HINT[lang] in meta.inner_text()
    assert meta.is_visible()
    assert "Ctrl+F" in meta.inner_text()
    watch.check(start.as_uri())  # Pagefind is not even tried


def test_switcher_works_offline(page, offline_copy):
    page.goto((offline_copy / "ru" / "assembly.html").as_uri() + "#cases")
    page.locator(".md-select").first.hover()
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="kk"]').click()
    assert page.url == (offline_copy / "kk" / "assembly.html").as_uri() + "#cases"


def test_online_footer_links_to_the_archive(page, site_url, built_site):
    for start in ("/", "/ru/assembly/", "/kk/"):
        page.goto(site_url + start)
        link = page.locator("a.kz-download")
        assert link.is_visible()
        href = link.evaluate("a => a.href")
        assert href.startswith(site_url + "/download/") and href.endswith(".zip")
        assert (built_site / href.removeprefix(site_url + "/")).is_file()
