"""Every table names its columns cell by cell, so that phones can show it as cards
(issue 19, item 9; the browser check at 320 px is tests/browser/test_tables_320.py).

Generated tables get ``data-label`` from ``kzrights/render/tables.py``; Markdown tables,
written in a page or made as Markdown by a directive (the translation status, the data
formats), from the page extension (``kzrights/pages/mdext.py``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from kzrights.site.html_policy import check_html

from .conftest import ROOT

EXTENSIONS = ["kzrights.pages.mdext", "attr_list", "md_in_html", "tables"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS,
                             extension_configs={"kzrights.pages.mdext": {"data_dir": ROOT / "data"}})


def test_markdown_table_cells_name_their_column():
    html = render("| Step | Time | Rule |\n| --- | ---: | --- |\n| a | b | |\n| c |\n")
    assert '<td data-label="Step">a</td>' in html
    assert '<td data-label="Time" style="text-align: right;">b</td>' in html
    assert '<td data-label="Rule"></td>' in html  # empty: the CSS leaves it out
    assert html.count('data-label="Step"') == 2


def test_a_label_is_the_header_as_read():
    """Inline markup, raw HTML, entities and escapes in a header become plain text, quoted
    safely in the attribute (never raw HTML inside it)."""
    html = render('| **Bold** `code` | <abbr title="t">A &amp; "B"</abbr> \\| C | <b>x</b> < y |\n'
                  "| --- | --- | --- |\n| 1 | 2 | 3 |\n")
    labels = re.findall(r'data-label="([^"]*)"', html)
    assert labels == ["Bold code", "A &amp; &quot;B&quot; | C", "x &lt; y"]
    assert not check_html(html)


def test_tables_inside_html_blocks_and_admonitions():
    html = render('<div lang="en" markdown>\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n</div>\n')
    assert '<td data-label="A">1</td>' in html and '<td data-label="B">2</td>' in html


def test_generated_tables_keep_their_own_labels():
    """Raw HTML tables (the renderers') are left as they are."""
    table = ('<table class="data-table"><thead><tr><th scope="col">Date</th></tr></thead>'
             '<tbody><tr><td data-label="Date">2022</td></tr></tbody></table>')
    assert render(table) == table


class _Cells(HTMLParser):
    """Every table cell of a page's article, with its label."""

    def __init__(self) -> None:
        super().__init__()
        self.in_article, self.cells, self.tables = 0, [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag == "table":
            self.tables += 1
        elif self.in_article and tag == "td":
            self.cells.append(dict(attrs).get("data-label"))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, _Cells]:
    found = {}
    for path in sorted(built_site.rglob("*.html")):
        if "download" in path.relative_to(built_site).parts:
            continue
        parser = _Cells()
        parser.feed(path.read_text(encoding="utf-8"))
        found[path.relative_to(built_site).as_posix()] = parser
    return found


def test_every_cell_of_every_built_table_names_its_column(pages):
    unlabelled = {page: cells.cells.count(None) for page, cells in pages.items() if None in cells.cells}
    assert unlabelled == {}
    # The hand-written tables and the Markdown-made ones are among them, in every language.
    for prefix in ("", "ru/", "kk/"):
        for page in ("detention", "un-review", "open-data", "translation-status"):
            assert pages[f"{prefix}{page}/index.html"].cells, f"{prefix}{page}: no table cells"


def test_the_phone_rules_cover_markdown_tables():
    """The card layout's rules name Material's class-less Markdown tables as well."""
    css = (ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8")
    phone = css[css.index("@media screen and (max-width: 37.4375em)"):]
    phone = phone[:phone.index("\n}\n")]
    for rule in ("table:not([class]) td[data-label]::before", "table:not([class]) thead",
                 "table:not([class]) td:empty", "table:not([class]) tbody tr"):
        assert rule in phone, rule
