"""The built site's page per View or decision, its redirects, dates and "Cite this"."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from kzrights.i18n import LANGS, format_date
from kzrights.data.source_text import SOURCE_FILE
from kzrights.data.symbols import normalise_symbol, symbol_slug

from .conftest import ROOT, real_data

DATA = real_data()  # loaded once per test process
SUBMISSION = (ROOT / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt").read_text(encoding="utf-8")
PARA_5 = next(line for line in SUBMISSION.splitlines() if line.startswith("5. "))
NGO_SYMBOLS = list(dict.fromkeys(
    normalise_symbol(s) for s in re.findall(r"CCPR\s*/\s*C\s*/\s*\d+\s*/\s*D\s*/\s*\d+\s*/\s*\d{4}", PARA_5)))
LATER_SYMBOLS = ["CCPR/C/137/D/2538/2015", "CCPR/C/137/D/2545/2015"]  # sources/un-views-headers.md
STYLE = ROOT / "tests" / "data" / "un-footnote.csl"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
TIME = re.compile(r'<time datetime="([^"]*)">([^<]*)</time>')


def view_html(site: Path, lang: str, slug: str) -> Path:
    return (site if lang == "en" else site / lang) / "views" / slug / "index.html"


def article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def field(text: str, label: str) -> list[str]:
    """The definitions (<dd>) of a term (<dt>) on a View page, character references resolved."""
    dts = {html.unescape(dt): dds for dt, dds in
           re.findall(r"<dt>(.*?)</dt>\n((?:<dd>.*?</dd>\n?)+)", text)}
    assert label in dts, f"no field {label!r}"
    return [html.unescape(dd) for dd in re.findall(r"<dd>(.*?)</dd>", dts[label])]


def test_the_submission_names_37_symbols():
    assert len(NGO_SYMBOLS) == 37


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("symbol", NGO_SYMBOLS + LATER_SYMBOLS)
def test_every_symbol_reaches_its_page(built_site, lang, symbol):
    path = view_html(built_site, lang, symbol_slug(symbol))
    text = path.read_text(encoding="utf-8")
    if refresh := REFRESH.search(text):  # the other symbol of a joint document
        target = (path.parent / refresh[1]).resolve() / "index.html"
        assert f'<link rel="canonical" href="{refresh[1]}">' in text
        assert "data-pagefind-body" not in text  # search finds the joint page only
        text = target.read_text(encoding="utf-8")
        assert not REFRESH.search(text)
    view = DATA.views_by_symbol[symbol]
    body = text[text.index("<article"):text.index("</article>")]
    assert f'<h1 id="{view.slug}">' in body
    assert symbol in body and f'<html lang="{lang}"' in text


def test_joint_symbols_share_one_page():
    joint = {v.symbol: v.also for v in DATA.views if v.also}
    assert joint == {"CCPR/C/126/D/2542/2015": ["CCPR/C/126/D/2543/2015"],
                     "CCPR/C/124/D/2257/2013": ["CCPR/C/124/D/2334/2014"]}
    sadykovs = [DATA.views_by_symbol[s].authors[0].en for s in
                ("CCPR/C/129/D/2456/2014", "CCPR/C/127/D/2431/2014")]
    assert sadykovs == ["Erzhan Sadykov", "Aydos Sadykov"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_decision_is_labelled_as_one(built_site, lang):
    decision = DATA.label("view_type_decision", lang)
    views_label = DATA.label("view_type_views", lang)
    for view in DATA.views:
        text = article(view_html(built_site, lang, view.slug))
        kind = field(text, DATA.label("field_type", lang))[0]
        if view.symbol == "CCPR/C/133/D/2726/2016":
            assert 'class="record-type record-type--decision"' in text
            assert kind.startswith(f"<strong>{decision}</strong>")
        elif view.type == "views":
            assert kind.startswith(f"<strong>{views_label}</strong>") and decision not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_empty_field_says_not_recorded(built_site, lang):
    not_recorded = f"<em>{DATA.label('not_recorded', lang)}</em>"
    for view in DATA.views:
        text = article(view_html(built_site, lang, view.slug))
        for name, value in (("field_type", view.type), ("field_adopted", view.adopted),
                            ("field_communicated", view.communicated), ("field_subject", view.subject),
                            ("field_issues", view.issues), ("field_articles", view.articles_invoked),
                            ("field_areas", view.areas)):
            values = field(text, DATA.label(name, lang))
            if value:
                assert not_recorded not in values[0], (view.symbol, name)
            else:
                assert values[0].startswith(not_recorded) and 'href="../../' in values[0], (view.symbol, name)
        if view.in_submission and view.status:
            assert DATA.label(f"status_{view.status}", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_articles_are_invoked_not_violated(built_site, lang):
    view = DATA.views_by_symbol["CCPR/C/130/D/2661/2015"]
    values = field(article(view_html(built_site, lang, view.slug)), DATA.label("field_articles", lang))
    assert "18, 19, 27" in values[0]
    assert view.articles_invoked_text in values[1]
    assert DATA.label("articles_invoked_note", lang) in values[-1]


# The source reader quotes the submission's own date lines as printed (in English).
SOURCE_LINES = {line.strip() for line in (DATA.root / SOURCE_FILE).read_text(encoding="utf-8").splitlines()}


def test_every_time_element_is_a_valid_date_in_the_page_language(built_site):
    seen = 0
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', text)
        for value, shown in TIME.findall(text):
            parts = [int(p) for p in value.split("-")]
            assert re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value), (path, value)
            dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
            quoted = path.parent.name == "ngo-2022" and html.unescape(shown) in SOURCE_LINES
            assert quoted or html.unescape(shown) == format_date(value, lang[1]), (path, value, shown)
            seen += 1
    assert seen > 3 * 2 * len(DATA.views)


def render_csl(items: list[dict]) -> str:
    bibliography = CitationStylesBibliography(CitationStylesStyle(str(STYLE), validate=False),
                                              CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return " ".join(str(entry) for entry in bibliography.bibliography())


@pytest.mark.parametrize("lang", LANGS)
def test_the_csl_json_of_every_view_renders_its_symbol_and_adoption_date(built_site, lang):
    for view in DATA.views:
        items = json.loads((view_html(built_site, lang, view.slug).parent / "cite.json").read_text("utf-8"))
        assert [item["type"] for item in items] == ["legal_case"]
        out = render_csl(items)
        assert (view.printed_symbol or view.symbol) in out
        if view.adopted:
            assert format_date(view.adopted, "en") in out  # the test style's locale is English
        else:
            assert "issued" not in items[0]


BIB_ENTRY = re.compile(r"^@(?P<type>[a-z]+)\{(?P<key>[a-z0-9-]+),\n(?P<body>.*)\n\}\n$", re.S)
BIB_FIELD = re.compile(r"^  (?P<name>[a-z]+) = \{(?P<value>.*)\},?$")


def parse_bibtex(text: str) -> dict[str, str]:
    """A small BibTeX reader: one entry, one field a line, braces balanced."""
    entry = BIB_ENTRY.match(text)
    assert entry, text
    fields = {"ENTRYTYPE": entry["type"], "ID": entry["key"]}
    for line in entry["body"].split("\n"):
        match = BIB_FIELD.match(line)
        assert match, line
        value = match["value"]
        depth = 0
        for i, char in enumerate(value):
            if char in "{}" and (i == 0 or value[i - 1] != "\\"):
                depth += 1 if char == "{" else -1
                assert depth >= 0, line
        assert depth == 0, line
        fields[match["name"]] = value
    return fields


@pytest.mark.parametrize("lang", LANGS)
def test_bibtex_of_every_view_parses(built_site, lang):
    for view in DATA.views:
        entry = parse_bibtex((view_html(built_site, lang, view.slug).parent / "cite.bib").read_text("utf-8"))
        assert entry["ID"] == view.slug and entry["number"] == (view.printed_symbol or view.symbol)
        assert entry.get("date") == view.adopted


@pytest.mark.parametrize("lang", LANGS)
def test_every_area_page_has_cite_this(built_site, lang):
    for area in DATA.areas.values():
        folder = (built_site if lang == "en" else built_site / lang) / area.page.removesuffix(".md")
        text = article(folder / "index.html")
        assert 'id="cite-this"' in text and 'id="cite-text"' in text
        assert 'href="cite.json"' in text and 'href="cite.bib"' in text
        [item] = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
        assert item["type"] == "webpage" and item["title"] == area.title(lang)
        assert area.title(lang) in render_csl([item])
        assert parse_bibtex((folder / "cite.bib").read_text(encoding="utf-8"))["ID"] == item["id"]


def test_open_data_has_the_new_view_fields(built_site):
    views = json.loads((built_site / "data" / "views.json").read_text(encoding="utf-8"))
    by_symbol = {v["symbol"]: v for v in views}
    decision = by_symbol["CCPR/C/133/D/2726/2016"]
    assert decision["type"] == "decision" and decision["adopted"] == "2021-10-29"
    assert decision["page"] == "/views/ccpr-c-133-d-2726-2016/"
    assert by_symbol["CCPR/C/126/D/2542/2015"]["also"] == ["CCPR/C/126/D/2543/2015"]
    assert [v["symbol"] for v in views if not v["in_submission"]] == LATER_SYMBOLS
