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

from .conftest import ADDRESS, ROOT, real_data

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
                     "CCPR/C/124/D/2257/2013": ["CCPR/C/124/D/2334/2014"],
                     "CCPR/C/133/D/2904/2016": ["CCPR/C/133/D/2907/2016"],
                     "CCPR/C/137/D/2538/2015": [f"CCPR/C/137/D/{n}/2015" for n in (2539, 2544, 2549, 2550)]}
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
        for said in view.implementation:
            if not said.of_list:
                assert DATA.label(f"status_{said.status}", lang) in text


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
        assert items[0]["number"] in out
        assert (view.printed_symbol or view.symbol or ", ".join(view.numbers)) in items[0]["number"]
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
        assert entry["ID"] == view.slug
        assert (view.printed_symbol or view.symbol or ", ".join(view.numbers)) in entry["number"]
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
    later = [v["key"] for v in views if not v["in_submission"]]
    assert set(LATER_SYMBOLS) <= set(later) and len(later) == 22


# --- every known document, what was found, the hard cases (issue 18) ----------------------

OUTCOMES = (ROOT / "sources" / "un-views-outcomes.md").read_text(encoding="utf-8")
SYMBOL = re.compile(r"CCPR/C/\d+/D/\d+/\d{4}")


def section(title_start: str, text: str = OUTCOMES) -> str:
    start = text.index(title_start)
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_every_record_of_both_source_files_is_in_the_register():
    headers = (ROOT / "sources" / "un-views-headers.md").read_text(encoding="utf-8")
    symbols = set(SYMBOL.findall(headers)) | set(SYMBOL.findall(section("## (b)"))) | set(
        SYMBOL.findall(section("## (c)")))
    symbols -= {"CCPR/C/140/D/3044/2017"}  # printed only by a digest: no header fact
    for symbol in symbols:
        assert symbol in DATA.views_by_symbol, symbol
    numbers = {n for v in DATA.views for n in v.numbers}
    secondary = section("### Secondary only", section("## (b)"))
    for row in re.findall(r"^\| ([0-9][^|]*) \|", secondary, re.M):
        first = re.match(r"\d+/\d{4}", row)[0]
        assert first in numbers, row
    header_read = section("### Header read", section("## (b)"))
    for number in ("2842/2016", "2698/2015"):  # no symbol shown in the copy read
        assert number in header_read and number in numbers
    assert sum(v.read == "secondary" for v in DATA.views) == 7
    assert {v.key for v in DATA.views if v.read == "list"} == {
        "CCPR/C/128/D/2686/2015", "CCPR/C/128/D/2687/2015", "CCPR/C/130/D/2457/2014",
        "CCPR/C/129/D/2520/2015", "CCPR/C/130/D/2551/2015", "CCPR/C/126/D/2420/2014",
        "CCPR/C/119/D/2125/2011"}  # "Still not found (header unread)" in (c)


def test_findings_only_where_a_source_gives_one():
    nothing = re.search(r"\*\*18 have nothing\*\*: ([^.]*)\.", OUTCOMES.replace("\n    ", " "))[1]
    for number in re.findall(r"\d+/\d{4}", nothing):
        [view] = [v for v in DATA.views if number in v.numbers]
        assert view.finding is None and not view.remedy, number
    with_outcome = [v for v in DATA.views if v.in_submission and v.finding]
    assert len(with_outcome) == 18  # 19 symbols, one joint pair (2257/2013 and 2334/2014)
    assert sum(v.finding.outcome == "partial" for v in with_outcome) == 4
    for view in DATA.views:
        if view.finding:
            for reading in view.finding.read:
                assert DATA.documents[reading.source].kind in ("digest", "news", "ngo", "web", "un"), view.key
            # never the articles invoked: a violated article is one the source names
            quoted = " ".join(" ".join(r.quotes) + r.says.en for r in view.finding.read)
            for a in view.finding.articles:
                assert a.split(".")[0] in quoted, (view.key, a)


@pytest.mark.parametrize("lang", LANGS)
def test_findings_are_shown_with_their_source(built_site, lang):
    for view in DATA.views:
        text = article(view_html(built_site, lang, view.slug))
        plain = html.unescape(re.sub(r"<[^>]+>", "", text))
        if view.finding is None:
            assert DATA.label("finding_none", lang) in plain and "finding--violation" not in text
            continue
        assert f'class="finding finding--{view.finding.outcome}"' in text
        for reading in view.finding.read:
            doc = DATA.documents[reading.source]
            name = doc.named(lang) if doc.named else doc.key
            template = DATA.label("according_to", lang)
            before, between = template.split("{source}")[0], template.split("{source}")[1].split("{says}")[0]
            assert f"{between}{reading.says(lang)}" in plain and before in plain, (view.key, lang)
            assert name[1:] in plain
            if doc.url:
                assert f'href="{html.escape(doc.url)}"' in text or f'href="{doc.url}"' in text
            for quote in reading.quotes:
                assert quote in plain


@pytest.mark.parametrize("lang", LANGS)
def test_the_hard_cases_read_as_the_sources_allow(built_site, lang):
    def plain(slug: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", article(view_html(built_site, lang, slug))))

    # A.P.: a decision; the NGO's "no action" is its claim about a list.
    ap = plain("ccpr-c-133-d-2726-2016")
    assert DATA.label("implementation_of_list", lang) in ap
    assert DATA.label("status_no-action", lang) not in ap
    assert "ratione temporis" in ap and DATA.label("finding_partial", lang) in ap
    # Sviridov: paragraph 5 and paragraph 74 say different things; both are shown.
    sviridov = article(view_html(built_site, lang, "ccpr-c-120-d-2158-2012"))
    assert DATA.label("implementation_two", lang) in html.unescape(sviridov)
    for status, para in (("no-action", 5), ("not-fully-implemented", 74)):
        assert DATA.label(f"status_{status}", lang) in html.unescape(sviridov)
        assert f"#para-{para}" in sviridov
    # An unread symbol says so on its page, and its citation says so too.
    for view in DATA.views:
        if view.read == "list":
            page = plain(view.slug)
            assert DATA.label("view_lead_list", lang) in page
            cited = html.unescape(re.sub(r"<[^>]+>", "", re.search(
                r'<p class="cite-text" id="cite-text">(.*?)</p>', article(view_html(built_site, lang, view.slug)))[1]))
            assert DATA.label("cite_unread_list", lang).split(" (")[0].split("(")[0] in cited
    # An author's other spelling sits beside the title, with the paragraph that prints it.
    esergepov = article(view_html(built_site, lang, "ccpr-c-116-d-2129-2012"))
    aliases = re.search(r'<p class="record-aliases">(.*?)</p>', esergepov)[1]
    assert "Yesergepov" in aliases and "#para-91" in aliases
    title = re.search(r"<h1[^>]*>(.*?)</h1>", esergepov)[1]
    assert "Yesergepov" not in title


def head_meta(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [(html.unescape(n), html.unescape(c)) for n, c in
            re.findall(r'<meta name="([^"]+)" content="([^"]*)">', text[:text.index("</head>")])]


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_page_has_its_own_description_and_citation_tags(built_site, lang):
    seen: set[str] = set()
    for view in DATA.views:
        meta = head_meta(view_html(built_site, lang, view.slug))
        [description] = [c for n, c in meta if n == "description"]
        assert description not in seen, view.key
        seen.add(description)
        assert view.authors[0](lang) in description
        if view.symbol:
            assert (view.printed_symbol or view.symbol) in description
        if view.adopted:
            assert format_date(view.adopted, lang) in description
        if view.subject:
            assert view.subject(lang).rstrip(".") in description
        if view.read == "secondary":
            assert DATA.label("desc_unread_secondary", lang) in description
        tags = dict((n, c) for n, c in meta if n.startswith("citation_"))
        assert tags["citation_author"] == DATA.label("cite_committee", lang)
        assert tags["citation_language"] == lang and tags["citation_title"]
        if view.adopted:
            assert tags["citation_date"] == view.adopted.replace("-", "/")
        if view.symbol:
            assert tags["citation_technical_report_number"] == (view.printed_symbol or view.symbol)
        prefix = "" if lang == "en" else f"{lang}/"
        assert tags["citation_public_url"] == f"{ADDRESS}{prefix}views/{view.slug}/"  # the build's address


@pytest.mark.parametrize("lang", LANGS)
def test_cite_this_without_a_site_address_leaves_the_address_to_the_browser(preview_site, lang):
    built_site = preview_site / "site"  # the editor's preview: no site address
    prefix = "" if lang == "en" else f"/{lang}"
    for view in DATA.views[:3] + DATA.views[-3:]:
        text = article(view_html(built_site, lang, view.slug))
        block = re.search(r'<p class="cite-text" id="cite-text">(.*?)</p>', text)[1]
        path = f"{prefix}/views/{view.slug}/"
        assert f'<span class="cite-url" data-cite-path="{path}">{path}</span>' in block
        assert "data-cite-fixed" not in block
        assert 'class="cite-accessed"' in block  # filled by docs/assets/cite.js
        [item] = json.loads((view_html(built_site, lang, view.slug).parent / "cite.json").read_text("utf-8"))
        assert item["URL"] == path and "accessed" not in item  # the browser adds both
