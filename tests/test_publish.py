"""Publishing: with a site address (SITE_URL) every page has a canonical link, absolute
hreflang alternates with x-default, Open Graph and Twitter-card tags and its own
description in its language; the site has a sitemap with language alternates and a
robots.txt. Without the address none of them is written wrong.

The shared build (``built_site``) has the address ``ADDRESS``; the editor's preview
(``preview_site``) has none."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kzrights.i18n import LANGS
from kzrights.site.headers import headers_file

from .conftest import ADDRESS
from .test_site import PAGES, html_path

LOCALES = {"en": "en_GB", "ru": "ru_RU", "kk": "kk_KZ"}
KAZAKH = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class Head(HTMLParser):
    """<link> and <meta> of a page's head."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[dict] = []
        self.meta: dict[str, list[str]] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link":
            self.links.append(a)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content"))

    def rel(self, rel: str) -> list[dict]:
        return [link for link in self.links if link.get("rel") == rel]

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def url_of(lang: str, page: str) -> str:
    prefix = ADDRESS if lang == "en" else f"{ADDRESS}{lang}/"
    stem = page.removesuffix(".md")
    return prefix if stem == "index" else f"{prefix}{stem}/"


def test_every_page_has_canonical_alternates_and_preview_tags(built_site):
    descriptions: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for lang in LANGS:
        for page in PAGES:
            head = Head(html_path(built_site, lang, page).read_text(encoding="utf-8"))
            where = f"{lang}/{page}"
            (canonical,) = head.rel("canonical")
            assert canonical["href"] == url_of(lang, page), where
            alternates = {a["hreflang"]: a["href"] for a in head.rel("alternate") if "hreflang" in a}
            assert alternates == {**{code: url_of(code, page) for code in LANGS},
                                  "x-default": url_of("en", page)}, where
            assert head.one("og:url") == canonical["href"]
            assert head.one("og:locale") == LOCALES[lang]
            assert sorted(head.meta["og:locale:alternate"]) == sorted(
                v for k, v in LOCALES.items() if k != lang)
            assert head.one("og:title") and head.one("twitter:title") == head.one("og:title")
            assert head.one("twitter:card") == "summary"
            description = head.one("description")
            assert head.one("og:description") == head.one("twitter:description") == description
            assert 40 <= len(description) <= 160, (where, description)
            assert "[" not in description and "None" not in description, (where, description)
            if lang == "kk":
                assert KAZAKH.search(description), (where, description)
            elif lang == "ru":
                assert CYRILLIC.search(description) and not KAZAKH.search(description), (where, description)
            else:
                assert not CYRILLIC.search(description), (where, description)
            descriptions[lang].add(description)
    for lang in LANGS:  # each page its own
        assert len(descriptions[lang]) == len(PAGES), lang


def test_sitemap_lists_every_page_with_its_alternates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(urls) == len(PAGES) * len(LANGS)
    locs = set()
    for url in urls:
        (loc,) = re.findall(r"<loc>(.*?)</loc>", url)
        locs.add(loc)
        links = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', url))
        assert set(links) == {*LANGS, "x-default"}, loc
        assert loc in links.values() and all(v.startswith(ADDRESS) for v in links.values())
    assert locs == {url_of(lang, page) for lang in LANGS for page in PAGES}
    assert (built_site / "sitemap.xml.gz").exists()


def test_robots_txt_names_the_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", f"Sitemap: {ADDRESS}sitemap.xml"]


def rules(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line[0].isspace() and line[0] != "#"]


def test_headers_file_rules_are_under_the_sites_path(built_site):
    """On a host, the site lives under the address's path: so do the rules. The shared
    build's address is a host's root; under a path (/kz/) every rule starts with it."""
    written = (built_site / "_headers").read_text(encoding="utf-8")
    assert written == headers_file(built_site, "/")
    assert rules(written)[0] == "/*" and "/pagefind/fragment/*" in rules(written)
    under = rules(headers_file(built_site, "/kz/"))
    assert under[0] == "/kz/*" and "/kz/pagefind/fragment/*" in under
    assert all(rule.startswith("/kz/") for rule in under)
    assert [rule.removeprefix("/kz") for rule in under] == rules(written)


def test_without_an_address_nothing_is_written_wrong(preview_site):
    """The editor's preview has no SITE_URL."""
    built_site = preview_site / "site"
    assert not list(built_site.rglob("sitemap.xml*"))
    assert (built_site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    for lang in LANGS:
        for page in PAGES:
            text = html_path(built_site, lang, page).read_text(encoding="utf-8")
            head = Head(text)
            assert not head.rel("canonical") and "og:url" not in head.meta, (lang, page)
            alternates = [a for a in head.rel("alternate") if "hreflang" in a]
            assert {a["hreflang"] for a in alternates} == set(LANGS), (lang, page)
            assert not any(a["href"].startswith(("http", "None")) for a in alternates)
            assert "None" not in text.split("</head>")[0], (lang, page)
            assert head.one("description") and head.one("og:locale") == LOCALES[lang]
