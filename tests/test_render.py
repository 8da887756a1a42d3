"""Renderers and directives, without MkDocs: model + language -> HTML/Markdown."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzrights.pages.directives import DirectiveError, render_page
from kzrights.i18n import NBSP, format_date, format_figure_value, format_number
from kzrights.data.load import load_site
from kzrights.site.meta import page_description
from kzrights.data.models import Person, Text
from kzrights.render.citations import parse_locator
from kzrights.render.tables import render_case_table, render_views_table
from kzrights.render.text import keep_symbols_whole
from kzrights.data.symbols import normalise_symbol, parse_view_symbol, undocs_url

from .conftest import ROOT, examples


@pytest.fixture
def data(data_dir):
    return load_site(data_dir)


class _Cells(HTMLParser):
    """Collects the text of table cells and checks tags are balanced."""

    def __init__(self):
        super().__init__()
        self.stack, self.cells, self.current = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag not in ("br",):
            self.stack.append(tag)
        if tag == "td":
            self.current = ""

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"
        if tag == "td":
            self.cells.append(self.current)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current += data


def cells(fragment: str) -> list[str]:
    parser = _Cells()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == []
    return parser.cells


# --- formats -----------------------------------------------------------------

def test_numbers_per_language():
    assert format_number(1586, "en") == "1,586"
    assert format_number(1586, "ru") == f"1{NBSP}586"
    assert format_number(2100000, "kk") == f"2{NBSP}100{NBSP}000"
    assert format_number(34.6, "ru") == "34,6"
    assert format_number(0.002, "en") == "0.002"


def test_figures_with_units_and_qualifiers():
    assert format_figure_value(34.6, "percent", None, "en") == "34.6%"
    assert format_figure_value(34.6, "percent", None, "ru") == f"34,6{NBSP}%"
    assert format_figure_value(320, "usd", "up-to", "en") == "up to $320"
    assert format_figure_value(800, "count", "more-than", "ru") == "более 800"
    assert format_figure_value(800, "count", "more-than", "kk") == "800-ден астам"
    assert format_figure_value(10000, "count", "more-than", "kk") == f"10{NBSP}000-нан астам"
    assert format_figure_value(40, "count", "more-than", "kk") == "40-тан астам"


def test_dates_per_language():
    assert format_date("2022-11-16", "en") == "16 November 2022"
    assert format_date("2022-11-16", "ru") == f"16 ноября 2022{NBSP}г."
    assert format_date("2022-11-16", "kk") == f"2022{NBSP}ж. 16 қараша"
    assert format_date("2021-05", "ru") == f"май 2021{NBSP}г."
    assert format_date("2019", "kk") == "2019"


def test_symbols():
    assert normalise_symbol("CCPR /C/119/D/2125/2011") == "CCPR/C/119/D/2125/2011"
    assert normalise_symbol("CCPR/ C/124/D/2334/2014") == "CCPR/C/124/D/2334/2014"
    assert normalise_symbol("CCPR/C/126/D/2542/ 2015") == "CCPR/C/126/D/2542/2015"
    assert parse_view_symbol("CCPR/C/120/D/2158/2012") == (120, 2158, 2012)
    assert undocs_url("CCPR/C/KAZ/CO/2", "kk") == "https://undocs.org/ru/CCPR/C/KAZ/CO/2"
    assert undocs_url("CCPR/C/KAZ/CO/2", "en") == "https://undocs.org/en/CCPR/C/KAZ/CO/2"
    with pytest.raises(ValueError):
        parse_view_symbol("CCPR/C/KAZ/CO/2")


def test_locators():
    assert parse_locator("para. 34") == [34]
    assert parse_locator("paras. 30-32, 35") == [30, 31, 32, 35]
    with pytest.raises(ValueError):
        parse_locator("page 4")


def test_symbols_in_text_are_kept_whole_but_not_in_tags_or_code():
    html = ('<p>See CCPR/C/KAZ/CO/2. <a href="https://undocs.org/en/A/HRC/52/7">A/HRC/52/7</a> '
            '<code>CCPR/C/1/2</code>, 24/7 and 1/2/3</p>')
    assert keep_symbols_whole(html) == (
        '<p>See <span class="un-symbol">CCPR/C/KAZ/CO/2</span>. '
        '<a href="https://undocs.org/en/A/HRC/52/7"><span class="un-symbol">A/HRC/52/7</span></a> '
        '<code>CCPR/C/1/2</code>, 24/7 and 1/2/3</p>')


# --- tables ------------------------------------------------------------------

def test_case_table_is_localised(data):
    en = render_case_table(data, "en", "assembly")
    kk = render_case_table(data, "kk", "assembly")
    assert 'id="case-refusal-artmob-2020"' in en and 'id="case-refusal-artmob-2020"' in kk
    assert "Artmob refused" in en and "Артмобқа бас тарту" in kk
    assert "1 October 2020" in en and f"2020{NBSP}ж. 1 қазан" in kk
    assert 'id="view-2158-2012"' in kk and "Свиридов Қазақстанға қарсы" in kk
    assert 'href="docs:views/ccpr-c-120-d-2158-2012.md"' in kk  # its page (kzrights/render/links.py)


def test_pipe_and_angle_bracket_do_not_break_a_table(data):
    case = data.cases[0]
    evil = case.model_copy(update={"summary": Text(en="a | b < c & d > e", ru="x", kk="ы")})
    patched = dataclasses.replace(data, cases=[evil])
    table = render_case_table(patched, "en", "assembly")
    assert "a &#124; b &lt; c &amp; d &gt; e" in table
    assert len(cells(table.split("\n\n")[0])) == 5


@settings(max_examples=examples(200), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # data_dir is read-only here
@given(st.text(min_size=1).filter(lambda s: s.strip() and "<" not in s))
def test_any_unicode_text_is_escaped(data_dir, text):
    data = load_site(data_dir)
    try:
        person = Person(en=text, ru=text, kk=text)
    except ValueError:
        return  # control characters are rejected by the model, as they should be
    view = data.views[0].model_copy(update={"authors": [person]})
    table = render_views_table(data, "ru", [view])
    row = cells(table)  # the parser has decoded the character references, as a browser does
    assert row[1] == f"{person.ru} против Казахстана"


# --- directives --------------------------------------------------------------

PAGE = """# Собрания { #assembly }

Пикет — это один человек [@ngo-2022, para. 74]. Угроз: {{ fig:hrd-threats-2021 }}.
См. также [@CCPR/C/120/D/2158/2012] и [@cc-405; @ngo-2022, paras. 85-86].

## Дела { #cases }

<!-- cases area=assembly -->

```
[@not-a-citation] {{ fig:nothing }}
```
"""


def test_page_directives_render(data):
    out = render_page(PAGE, "ru", data)
    assert f"Угроз: 1{NBSP}586." in out
    # Markers: the number links to the source; its tip names the source and paragraph;
    # the submission's paragraphs link to their text on the source reader.
    link = '<a class="para-ref" href="docs:sources/ngo-2022.md#para-{0}">{0}</a>'
    assert ('<a href="#src-ngo-2022" id="cite-ngo-2022-1">1'
            f'<span class="cite-tip">Доклад НПО, п. 74</span></a>, п. {link.format(74)}') in out
    assert ('<a href="#src-cc-405" id="cite-cc-405-1">3<span class="cite-tip">Уголовный кодекс, статья 405'
            '</span></a>; <a href="#src-ngo-2022" id="cite-ngo-2022-2">1<span class="cite-tip">Доклад НПО, '
            f'пп. 85, 86</span></a>, пп. {link.format(85)}, {link.format(86)}') in out
    assert out.count('<span class="cite" data-pagefind-ignore>') == 3  # not in search snippets
    assert 'id="case-refusal-artmob-2020"' in out
    assert "[@not-a-citation] {{ fig:nothing }}" in out  # code is left alone
    assert "## Источники { #sources }" in out
    sources = out[out.index('<ol class="sources">'):]
    assert sources.index("src-ngo-2022") < sources.index("src-ccpr-c-120-d-2158-2012") < sources.index("src-cc-405")
    assert "Свиридов против Казахстана" in sources
    # Each source links back to every place it is cited.
    ngo = sources[sources.index('id="src-ngo-2022"'):].split("</li>")[0]
    assert '<a href="#cite-ngo-2022-1" aria-label="Назад к ссылке 1">1</a>' in ngo
    assert '<a href="#cite-ngo-2022-2" aria-label="Назад к ссылке 2">2</a>' in ngo


@pytest.mark.parametrize("line, message", [
    ("<!-- casse area=assembly -->", "unknown directive 'casse'"),
    ("<!-- cases -->", "directive 'cases' needs area=…"),
    ("<!-- cases area=nowhere -->", "unknown area 'nowhere'"),
    ("<!-- cases area=assembly colour=red -->", "does not take colour="),
    ("Text [@CCPR/C/KAZ/CO/9, para. 3].", "unknown citation key 'CCPR/C/KAZ/CO/9'"),
    ("Text [@ngo-2022, para. 97].", "para. 97 does not exist: paragraphs run from 1 to 96"),
    ("Text [@ngo-2022, page 3].", "unknown locator 'page 3'"),
    ("Text {{ fig:nope }}.", "unknown figure 'nope'"),
    ("Text {{ nope }}.", "unknown placeholder"),
    ("## Heading without id", "heading without an explicit id"),
    ("<!-- after-page -->", "reserved for the build's additions"),
])
def test_page_errors_name_the_line(data, line, message):
    page = "# Title { #title }\n\nIntro.\n\n" + line + "\n"
    with pytest.raises(DirectiveError) as info:
        render_page(page, "en", data, first_line=3)
    assert info.value.line == 7
    assert message in info.value.message


def test_open_data_resolves_figures_and_neutralises_formulas(data):
    from kzrights.render.opendata import build_open_data
    case = data.cases[0]
    texts = {"en": "=HYPERLINK(x) {{ fig:hrd-threats-2021 }} threats", "ru": "{{ fig:hrd-threats-2021 }} угроз", "kk": "қоқан-лоқы"}
    patched = dataclasses.replace(data, cases=[case.model_copy(update={"summary": Text(**texts)})])
    files = build_open_data(patched)
    assert f'"ru": "1{NBSP}586 угроз"' in files["cases.json"]
    assert "'=HYPERLINK(x) 1,586 threats" in files["cases.csv"]
    header = files["cases.csv"].splitlines()[0].split(",")
    assert {"place_en", "summary_kk"} <= set(header) and "place" not in header


def test_a_view_is_listed_once_on_a_page_with_the_register(data):
    page = "# V { #v }\n\n<!-- cases area=assembly -->\n\n<!-- views -->\n"
    assert render_page(page, "en", data).count('id="view-2158-2012"') == 1
    assert render_page(page.replace("<!-- views -->", ""), "en", data).count('id="view-2158-2012"') == 1


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["en", "ru", "kk"]))
def test_formatted_numbers_read_back(value, lang):
    text = format_number(value, lang)
    assert int(text.replace(",", "").replace(NBSP, "")) == value


@given(st.from_regex(r"CCPR/C/[0-9]{3}/D/[0-9]{4}/(19|20)[0-9]{2}", fullmatch=True),
       st.lists(st.sampled_from([" ", ""]), min_size=6, max_size=6))
def test_symbols_normalise_whatever_the_spacing(symbol, spaces):
    parts = symbol.split("/")
    spaced = "".join(p + (s + "/" + s if i < len(parts) - 1 else "") for i, (p, s) in enumerate(zip(parts, spaces)))
    assert normalise_symbol(spaced) == symbol
    session, number, year = parse_view_symbol(spaced)
    assert symbol == f"CCPR/C/{session:03d}/D/{number:04d}/{year}"


def test_generated_pages_refuse_bad_and_duplicate_paths(monkeypatch):
    from kzrights.pages import generated as pages
    data = load_site(ROOT / "data")
    with pytest.raises(ValueError, match="lower-case slugs"):
        pages.GeneratedPage("Views/X.md", "")
    page = pages.GeneratedPage("views/x.md", "# X { #x }")
    monkeypatch.setattr(pages, "PAGE_MAKERS", [lambda d, lang: [page], lambda d, lang: [page]])
    with pytest.raises(ValueError, match="two generated pages at 'views/x.md'"):
        pages.generated_pages(data, "en")


def test_generated_pages_are_made_once_until_a_written_page_changes(tmp_path):
    """The check before the build and the build share them; an edit (under serve) that
    changes a page's citations makes them again (the source reader lists citing pages)."""
    import shutil

    from kzrights.pages.generated import generated_pages
    for part in ("data", "docs", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    data = load_site(tmp_path / "data")
    first = generated_pages(data, "en")
    assert generated_pages(data, "en") is first and generated_pages(data, "ru") is not first
    page = tmp_path / "docs" / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore [@ngo-2022, para. 96].\n", encoding="utf-8")
    again = generated_pages(data, "en")
    assert again is not first
    reader = {p.path: p.markdown for p in again}["sources/ngo-2022.md"]
    assert reader != {p.path: p.markdown for p in first}["sources/ngo-2022.md"]


def test_description_is_the_first_top_level_paragraph_wherever_it_starts():
    # The description is read in pieces up to the first paragraph: one that starts in one
    # piece and ends in the next is read whole, and nothing after it counts.
    before = "<div><p>" + "x " * 2030 + "</p></div>"  # nested: not the page's first paragraph
    page = before + '<p>First <a class="cite">[1]</a> para&amp;graph.</p><p>Second.</p>'
    assert page_description(page) == "First para&graph."
    assert page_description("<div>no paragraph</div>") == ""

