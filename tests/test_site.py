"""The built site: all three languages, tables, citations, alternates, anchors, open data."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kzrights.i18n import LANGS
from kzrights.render.text import fill_figures

from .conftest import ROOT, real_data, site_pages

DATA = real_data()  # loaded once per test process
PAGES = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
SITE_PAGES = site_pages()  # written and generated
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def html_path(site: Path, lang: str, page: str) -> Path:
    prefix = site if lang == "en" else site / lang
    stem = page.removesuffix(".md")
    return prefix / "index.html" if stem == "index" else prefix / stem / "index.html"


class Page(HTMLParser):
    """What a test needs from a built page: lang, heading ids, element ids, links, tables."""

    def __init__(self, text: str):
        super().__init__()
        self.lang, self.heading_ids, self.ids, self.hrefs, self.alternates = None, [], set(), [], {}
        self.rows: dict[str, list[str]] = {}
        self.tables: list[dict] = []  # data tables: column headers, each row's data-labels
        self._in_article, self._row, self._cell, self._th = False, None, None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "article":
            self._in_article = True
        if "id" in a:
            self.ids.add(a["id"])
            if self._in_article and re.fullmatch(r"h[1-6]", tag):
                self.heading_ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "tr" and "id" in a:
            self._row = a["id"]
            self.rows[self._row] = []
        if tag == "td" and self._row:
            self._cell = ""
        if tag == "table" and "data-table" in a.get("class", "").split():
            self.tables.append({"headers": [], "labels": []})
        if tag == "th" and self.tables:
            self._th = ""
        if tag == "tr" and self.tables:
            self.tables[-1]["labels"].append([])
        if tag == "td" and self.tables:
            self.tables[-1]["labels"][-1].append(a.get("data-label"))

    def handle_endtag(self, tag):
        if tag == "th" and self._th is not None:
            self.tables[-1]["headers"].append(self._th.strip())
            self._th = None
        if tag == "article":
            self._in_article = False
        if tag == "td" and self._row is not None and self._cell is not None:
            self.rows[self._row].append(self._cell.strip())
            self._cell = None
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._th is not None:
            self._th += data


@pytest.fixture(scope="module")
def pages(built_site) -> dict[tuple[str, str], Page]:
    return {(lang, page): Page(html_path(built_site, lang, page).read_text(encoding="utf-8"))
            for lang in LANGS for page in SITE_PAGES}


def test_site_pages_lists_every_generated_page():
    """tests/conftest.py site_pages() names the generated pages without making them."""
    from kzrights.pages.generated import generated_pages

    written = [page for page in SITE_PAGES if (ROOT / "docs" / "en" / page).is_file()]
    assert written == PAGES
    for lang in LANGS:
        made = sorted(page.path for page in generated_pages(DATA, lang))
        assert SITE_PAGES[len(written):] == made, lang


def test_every_page_exists_in_every_language():
    for lang in ("ru", "kk"):
        tree = sorted(p.relative_to(ROOT / "docs" / lang).as_posix() for p in (ROOT / "docs" / lang).rglob("*.md"))
        assert tree == PAGES, f"docs/{lang} differs from docs/en"


def test_html_lang_and_alternates(pages):
    for (lang, page), parsed in pages.items():
        assert parsed.lang == lang, (lang, page)
        # With a site address (the shared build has one), x-default names the English page.
        assert set(parsed.alternates) == {*LANGS, "x-default"}, (lang, page)


def test_heading_ids_are_identical_across_languages(pages):
    for page in SITE_PAGES:
        ids = {lang: pages[lang, page].heading_ids for lang in LANGS}
        assert ids["en"], f"{page}: no headings with ids"
        assert ids["ru"] == ids["en"] == ids["kk"], f"{page}: {ids}"
        assert not any(re.fullmatch(r"_\d+", i) for i in ids["en"]), f"{page}: default slug ids"


def test_views_register_on_every_language(pages, built_site):
    for lang in LANGS:
        register = pages[lang, "covenant.md"]
        rows = {k: v for k, v in register.rows.items() if k.startswith("view-")}
        assert len(rows) == len(DATA.views)
        for view in DATA.views:
            cells = rows[view.anchor]
            assert cells[0].startswith(view.symbol)
            # The row links to the View's page, in the same language tree.
            assert f"../views/{view.slug}/" in register.hrefs
            assert html_path(built_site, lang, f"views/{view.slug}.md").is_file()
            if lang != "en":
                assert CYRILLIC.search(cells[1]), f"{lang}: author not in Cyrillic: {cells[1]}"
                assert view.authors[0](lang) in cells[1]
            else:
                assert view.authors[0].en in cells[1]
            assert cells[5] == "; ".join(DATA.areas[a].title(lang) for a in view.areas)


def test_every_cell_of_the_register_names_its_column(built_site):
    for lang in LANGS:
        text = html_path(built_site, lang, "covenant.md").read_text(encoding="utf-8")
        register = text[text.index('class="data-table sortable kz-register"'):]
        register = register[:register.index("</table>")]
        assert register.count("<td") == register.count("<td data-label=") == 7 * len(DATA.views)


def test_each_case_has_one_canonical_place(pages):
    """The permalink of a case is on its first area's page; other pages link there."""
    for case in DATA.cases:
        home = DATA.areas[case.areas[0]].page
        for lang in LANGS:
            claims = [page for page in PAGES if f"#{case.anchor}" in pages[lang, page].hrefs
                      and case.anchor in pages[lang, page].rows]
            assert claims == [home], f"{lang}: {case.id} claimed by {claims}"
            for area in case.areas[1:]:
                page = pages[lang, DATA.areas[area].page]
                prefix = "../" + home.removesuffix(".md") + "/"
                assert case.anchor in page.rows and prefix + f"#{case.anchor}" in page.hrefs


def test_case_tables_are_localised_on_area_pages(pages):
    for area in DATA.areas.values():
        for case in (c for c in DATA.cases if area.id in c.areas):
            for lang in LANGS:
                row = pages[lang, area.page].rows.get(case.anchor)
                assert row, f"{lang}/{area.page}: case {case.id} missing"
                assert fill_figures(case.title(lang), DATA, lang) in row[1]


def test_every_table_cell_names_its_column(pages):
    """The phone layout shows each row as a card labelled from the cells' data-label."""
    tables = [(lang, page, t) for (lang, page), parsed in pages.items() for t in parsed.tables]
    assert len(tables) >= 3 * 15
    for lang, page, table in tables:
        rows = [labels for labels in table["labels"] if labels]
        assert rows and table["headers"], (lang, page)
        for labels in rows:
            assert labels == table["headers"], (lang, page, labels)


def test_ids_are_unique_on_every_page(built_site):
    for lang in LANGS:
        for page in SITE_PAGES:
            ids = re.findall(r'\bid="([^"]+)"', html_path(built_site, lang, page).read_text(encoding="utf-8"))
            assert len(ids) == len(set(ids)), f"{lang}/{page}: {sorted({i for i in ids if ids.count(i) > 1})}"


def test_citations_link_to_the_sources_list(pages):
    for (lang, page), parsed in pages.items():
        local = [h[1:] for h in parsed.hrefs if h.startswith("#src-")]
        for anchor in local:
            assert anchor in parsed.ids, f"{lang}/{page}: dangling citation #{anchor}"
        if local:
            assert "sources" in parsed.heading_ids
        marker = re.compile(r"cite-.+-\d+")  # not the "Cite this" section (#cite-this, #cite-text)
        backs = [h[1:] for h in parsed.hrefs if marker.fullmatch(h[1:])]
        markers = {i for i in parsed.ids if marker.fullmatch(i)}
        assert set(backs) == markers, f"{lang}/{page}: back-links and markers differ"


def test_area_cards_link_every_area(pages):
    for lang in LANGS:
        hrefs = pages[lang, "index.md"].hrefs
        for area in DATA.areas.values():
            assert f"{area.page.removesuffix('.md')}/" in hrefs


def test_open_data_is_published(built_site):
    for name, count in (("cases", len(DATA.cases)), ("views", 37), ("figures", len(DATA.figures))):
        records = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == count
        rows = list(csv.DictReader(io.StringIO((built_site / "data" / f"{name}.csv").read_text(encoding="utf-8"))))
        assert len(rows) == count
    views = json.loads((built_site / "data" / "views.json").read_text(encoding="utf-8"))
    assert {v["symbol"] for v in views} == {v.symbol for v in DATA.views}
    assert all(v["articles_violated"] == [] for v in views)  # the source gives none
    assert {v["symbol"]: v["areas"] for v in views} == {v.symbol: v.areas for v in DATA.views}  # by the rule


def test_kazakh_interface_has_every_key():
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    key = re.compile(r'^\s*"([^"]+)":', re.M)
    english = set(key.findall((material / "en.html").read_text(encoding="utf-8")))
    kazakh = set(key.findall((ROOT / "overrides" / "partials" / "languages" / "kk.html").read_text(encoding="utf-8")))
    assert english - kazakh == set(), "keys missing from kk.html"


def test_one_404_page_in_the_default_language_and_no_broken_sitemap(built_site):
    page = Page((built_site / "404.html").read_text(encoding="utf-8"))
    assert page.lang == "en"
    assert not any((built_site / lang / "404.html").exists() for lang in ("ru", "kk"))
    # Without a site address no sitemap (it would hold "None/…"): tests/test_publish.py.


def test_guidance_is_a_labelled_box_apart_from_the_findings(built_site):
    """What-you-can-do sections render as the guidance box, titled in the page's language."""
    for lang in LANGS:
        title = re.escape(DATA.label("guidance_title", lang))
        for area in DATA.areas.values():
            html = html_path(built_site, lang, area.page).read_text(encoding="utf-8")
            section = html[html.index('id="what-you-can-do"'):]
            assert re.search(rf'<div class="admonition guidance">\s*<p class="admonition-title">{title}</p>',
                             section), (lang, area.page)
