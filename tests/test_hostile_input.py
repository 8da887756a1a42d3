"""Hostile input, one test per class: it fails fast with `file:line: field: message`, or it
is shown as inert text. (Build-level variants: tests/test_build_errors.py.)"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from kzrights.pages.directives import DirectiveError, render_page
from kzrights.data.load import DataError, load_site
from kzrights.data.models import check_link
from kzrights.render.opendata import render_downloads
from kzrights.render.charts import render_bar_chart
from kzrights.render.citations import PageCitations

from .test_load_errors import edit

SECONDS = 5  # every hostile input is refused well within this, on a loaded machine


def refused(data_dir: Path) -> list[str]:
    start = time.monotonic()
    with pytest.raises(DataError) as info:
        load_site(data_dir)
    assert time.monotonic() - start < SECONDS
    return [str(p) for p in info.value.problems]


# --- resource bombs -----------------------------------------------------------------------

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))


@pytest.mark.parametrize("name, old, new, expected", [
    ("figures.yaml", "  value: 1414\n", "  value: 1e+999999999\n",
     "data/figures.yaml:2: figures[0].value: '1e+999999999' is not a plain decimal number"),
    ("figures.yaml", "  value: 1414\n", "  value: " + "9" * 5000 + "\n",
     "data/figures.yaml:2: figures[0].value: number '99999999999999999999'… is too long"),
    ("cases.yaml", "  paras: [73]\n", "  paras: &p [73, *p]\n",
     "data/cases.yaml:8: cases[0]: YAML anchors and aliases (&name, *name) are not allowed"),
    ("cases.yaml", "  paras: [73]\n", "  paras: " + "[" * 50 + "]" * 50 + "\n",
     "data/cases.yaml:8: cases[0].paras[0][0][0][0][0][0][0][0][0][0]: nested more than 12"),
])
def test_resource_bombs_fail_fast_with_the_line(data_dir, name, old, new, expected):
    edit(data_dir, name, old, new)
    found = refused(data_dir)
    assert any(p.startswith(expected) for p in found), found


def test_billion_laughs_is_refused_before_expansion(data_dir):
    (data_dir / "glossary.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    assert refused(data_dir) == ["data/glossary.yaml:1: (syntax): YAML anchors and aliases "
                                 "(&name, *name) are not allowed: write the value out"]


@pytest.mark.parametrize("locator, message", [
    ("paras. 74-740000000", "para. 740000000 does not exist: paragraphs run from 1 to 96"),
    ("paras. 1-" + "9" * 4000, "does not exist: paragraphs run from 1 to 96"),
    ("para. 0", "para. 0 does not exist"),
    ("paras. " + ", ".join(["1-96"] * 20000) + ", 97", "para. 97 does not exist"),
    ("paras. 0-3", "para. 0 does not exist"),
])
def test_page_locators_are_bounded_before_a_range_is_built(data_dir, locator, message):
    data = load_site(data_dir)
    start = time.monotonic()
    with pytest.raises(DirectiveError) as info:
        render_page(f"# T {{ #t }}\n\nText [@ngo-2022, {locator}].\n", "en", data)
    assert time.monotonic() - start < SECONDS
    assert info.value.line == 3 and message in info.value.message


def test_a_document_without_a_paragraph_count_is_bounded_too(data_dir):
    citations = PageCitations(load_site(data_dir), "en")
    with pytest.raises(ValueError, match="paragraphs run from 1 to 9999"):
        citations.cite("@CCPR/C/KAZ/CO/2, paras. 1-99999999")


# --- YAML 1.1 surprises -------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("010", "'010' is not a plain decimal number"),
    ("4:58", "'4:58' is not a plain decimal number"),
    (".nan", "'.nan' is not a plain decimal number"),
    (".inf", "'.inf' is not a plain decimal number"),
    ("-.inf", "'-.inf' is not a plain decimal number"),
    ("0x10", "'0x10' is not a plain decimal number"),
    ("1_000", "'1_000' is not a plain decimal number"),
    ('"1e3"', "must be a number written in plain digits"),
    ("-5", "greater than or equal to 0"),
    ("12.5", "a count is a whole number"),
    ("yes", "'yes' is ambiguous"),
])
def test_a_figure_is_a_plain_decimal_in_its_range(data_dir, value, message):
    edit(data_dir, "figures.yaml", "  value: 1414\n", f"  value: {value}\n")
    found = refused(data_dir)
    assert any(p.startswith("data/figures.yaml:2: figures[0].value: ") and message in p
               for p in found), found


def test_a_percentage_is_at_most_100(data_dir):
    edit(data_dir, "figures.yaml", "  value: 34.6\n", "  value: 250\n")
    assert ("data/figures.yaml:16: figures[2].value: a percentage is at most 100, got 250"
            in refused(data_dir))


@pytest.mark.parametrize("paras, message", [
    ("[0]", "greater than or equal to 1"), ("[-3]", "greater than or equal to 1"),
    ("[010]", "'010' is not a plain decimal number"), ('["73"]', "valid integer"),
])
def test_paragraph_numbers_are_positive_decimals(data_dir, paras, message):
    edit(data_dir, "cases.yaml", "  paras: [73]\n", f"  paras: {paras}\n")
    found = refused(data_dir)
    assert any(p.startswith("data/cases.yaml:8: cases[0].paras[0]: ") and message in p
               for p in found), found


@pytest.mark.parametrize("yaml_text, message", [
    ("  <<: {kind: ban}\n", "data/cases.yaml:2: cases[0]: YAML merge keys (<<) are not allowed"),
    ("  kind: !!str refusal\n", "data/cases.yaml:2: cases[0]: YAML tags (tag:yaml.org,2002:str)"),
    ("  kind: !custom refusal\n", "data/cases.yaml:2: cases[0]: YAML tags (!custom)"),
    ("  kind: &k refusal\n", "data/cases.yaml:2: cases[0]: YAML anchors and aliases"),
])
def test_anchors_merges_and_tags_are_refused(data_dir, yaml_text, message):
    edit(data_dir, "cases.yaml", "  kind: refusal\n", yaml_text)
    found = refused(data_dir)
    assert any(p.startswith(message) for p in found), found


# --- links --------------------------------------------------------------------------------

@pytest.mark.parametrize("link", [
    "/\\evil.example/x", "\\\\evil.example/x", "//evil.example/x", "HTTPS://evil.example/",
    "Https://evil.example/", "http://example.org/", "javascript:alert(1)", "JavaScript:alert(1)",
    "java%73cript:alert(1)", "%2F%2Fevil.example", "/%5Cevil.example", " javascript:x",
    "java\tscript:x", "https://evil.example\u2028/", "https://user@evil.example/", "https:///x",
    "data:text/html,x", "vbscript:x", "mailto:a@b.c", "https:evil.example",
])
def test_links_are_normalised_then_checked(link):
    with pytest.raises(ValueError, match="only https: and relative links are allowed"):
        check_link(link)


@pytest.mark.parametrize("link", ["https://undocs.org/CCPR/C/KAZ/CO/2", "/ru/assembly/",
                                  "assembly.md#cases", "../data/cases.csv", "?q=1:2"])
def test_https_and_on_site_links_pass(link):
    assert check_link(link) == link


def test_a_bad_link_in_data_names_file_line_and_field(data_dir):
    edit(data_dir, "documents.yaml", "  kind: law\n", "  kind: law\n  url: '/\\evil.example/x'\n")
    assert any(p.startswith("data/documents.yaml:11: documents[2].url: only https: and relative")
               for p in refused(data_dir))


# --- interface labels ---------------------------------------------------------------------

HOSTILE_LABELS = ["[more](javascript:alert(1))", "![](https://tracker.example/p.png)",
                  "*x* `y` {: onclick=alert(1) } | z \\ _w_", "<https://tracker.example/>",
                  "line\n\n# heading [x](https://evil.example)"]


@pytest.mark.parametrize("hostile", HOSTILE_LABELS)
def test_labels_are_text_everywhere_they_are_shown(data_dir, hostile):
    data = load_site(data_dir)
    for name in list(data.labels):
        if "{" not in data.labels[name].en:
            data.labels[name] = data.labels[name].model_copy(update={"en": hostile})
    for name in ("para_one", "para_many"):
        text = hostile.replace("{", "(").replace("}", ")") + " {n}"  # braces: see the load test
        data.labels[name] = data.labels[name].model_copy(update={"en": text})
    page = ("# T { #t }\n\nText [@ngo-2022, para. 74; @cc-405].\n\n<!-- cases area=assembly -->\n\n"
            "<!-- views -->\n\n<!-- downloads -->\n")
    outputs = [render_page(page, "en", data), render_bar_chart(data, "en", "hrd-threats"),
               render_downloads(data, "en")]
    for out in outputs:
        body = re.sub(r"^#+ .*\{ #[a-z-]+ \}$", "", out, flags=re.M)  # the page's own headings
        body = re.sub(r"\[(\w+\.\w+)\]\(\.\./data/\1\)", "", body)  # the dataset links
        # the licence and README links: fixed targets after an escaped label
        body = re.sub(r"\]\((?:https://creativecommons\.org/licenses/by/4\.0/|\.\./data/README\.txt)\)"
                      r"(?:\{ hreflang=en \})?", "", body)
        assert not re.search(r"\]\(|!\[|<https|\{:|`|\*x\*|\n#", body.replace(hostile, "")), body
        assert hostile not in out


@pytest.mark.parametrize("old, new, expected", [
    ("sources:", "sourcse:", "data/labels.yaml:{line}: labels.sourcse: unknown label; did you mean 'sources'?"),
    ("and:", "nd:", "data/labels.yaml:{line}: labels.nd: unknown label; did you mean 'and'?"),
    ("col_files:", "files_col_x:", "data/labels.yaml:1: labels.col_files: required label is missing"),
    ('"para. {n}"', '"para. {m}"', "data/labels.yaml:{line}: labels.para_one.en: unknown placeholder {m}"),
    ('"para. {n}"', '"para. {n:>999999999}"', "data/labels.yaml:{line}: labels.para_one.en: unknown placeholder {n}"),
    ('"para. {n}"', '"para. {n.__class__}"', "data/labels.yaml:{line}: labels.para_one.en: unknown placeholder"),
    ('"para. {n}"', '"para. {n"', "data/labels.yaml:{line}: labels.para_one.en: broken {placeholder}"),
    ("en: Sources", 'en: "Sources {n}"', "data/labels.yaml:{line}: labels.sources.en: unknown placeholder {n} (this label takes: none)"),
])
def test_label_mistakes_are_load_errors_not_tracebacks(data_dir, old, new, expected):
    lines = (data_dir / "labels.yaml").read_text(encoding="utf-8").splitlines()
    expected = expected.replace("{line}", str(next(i for i, text in enumerate(lines, 1) if old in text)), 1)
    edit(data_dir, "labels.yaml", old, new)
    found = refused(data_dir)
    assert any(p.startswith(expected) for p in found), found


def test_a_chart_of_a_series_without_a_title_is_a_page_error(data_dir):
    edit(data_dir, "labels.yaml", "series_hrd-threats:", "series_hrd-threatz:")
    with pytest.raises(DirectiveError) as info:
        render_page("# T { #t }\n\n<!-- chart series=hrd-threats -->\n", "en", load_site(data_dir))
    assert info.value.line == 3 and "add `series_hrd-threats:" in info.value.message


# --- directives that do not parse, leftovers, every problem reported ----------------------

@pytest.mark.parametrize("line", [
    "<!-- cases area = assembly -->", "<!-- Cases area=assembly -->", "<!-- CASES area=assembly -->",
    "  <!-- cases area=assembly -->", "Text <!-- cases area=assembly -->", "<!-- cases area=assembly",
    "<!-- casse area = assembly -->", "<!-- glosary -->", "<!-- chart series =hrd-threats -->",
    "Text [ @ngo-2022, para. 3].", "Text [@ngo-2022, para. 3.", "Text {{fig:hrd-threats-2021}.",
    "Text {{ fig:hrd-threats-2021 }.", "Text }} stray.",
])
def test_anything_that_looks_like_a_directive_must_parse(data_dir, line):
    with pytest.raises(DirectiveError) as info:
        render_page(f"# T {{ #t }}\n\nIntro.\n\n{line}\n", "en", load_site(data_dir))
    assert [number for number, _ in info.value.problems] == [5]


def test_a_comment_other_than_a_directive_is_refused(data_dir):
    # A browser may read a comment differently from a checker (<!-->…); issue 21.
    page = "# T { #t }\n\n<!-- Note: checked against the source in 2023 -->\n\nA `<!-- code -->` span.\n"
    with pytest.raises(DirectiveError) as info:
        render_page(page, "en", load_site(data_dir))
    assert [line for line, _ in info.value.problems] == [3]
    assert "HTML comments are not allowed" in info.value.message


def test_a_page_reports_every_problem(data_dir):
    page = ("# T { #t }\n\n[@nope]\n\n<!-- cases area = assembly -->\n\n## No id\n\n"
            "{{ fig:nope }} and [@ngo-2022, para. 0]\n")
    with pytest.raises(DirectiveError) as info:
        render_page(page, "en", load_site(data_dir), first_line=2)
    assert [line for line, _ in info.value.problems] == [4, 6, 8, 10]
    assert info.value.line == 4 and "unknown citation key 'nope'" in info.value.message


# --- element ids ----------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["ccpr-c-kaz-co-2", "CCPR.C.KAZ.CO.2", "ccpr/c/kaz/co/2"])
def test_citation_keys_that_would_share_an_id_are_refused(data_dir, key):
    edit(data_dir, "documents.yaml", "- key: criminal-code\n",
         f"- key: '{key}'\n  kind: other\n  title: {{en: x, ru: х, kk: х}}\n- key: criminal-code\n")
    assert any(p.startswith("data/documents.yaml:9: documents[2].key: ") and
               "gives the same id on a page ('src-ccpr-c-kaz-co-2') as 'CCPR/C/KAZ/CO/2'" in p
               for p in refused(data_dir))


def test_every_label_the_renderers_ask_for_is_registered(monkeypatch):
    """kzrights/data/labels.py stays true: rendering every page in every language asks only for
    registered labels, so the load-time check covers every label a build can need."""
    from kzrights.i18n import LANGS
    from kzrights.data.labels import PLACEHOLDERS, REQUIRED
    from kzrights.data.load import SiteData

    from .conftest import ROOT

    data = load_site(ROOT / "data")
    asked: set[str] = set()
    original = SiteData.label
    monkeypatch.setattr(SiteData, "label", lambda self, name, lang: asked.add(name) or original(self, name, lang))
    for lang in LANGS:
        for path in (ROOT / "docs" / lang).rglob("*.md"):
            render_page(path.read_text(encoding="utf-8"), lang, data, docs_dir=ROOT / "docs")
    render_downloads(data, "en")
    assert asked - REQUIRED == {n for n in asked if n.startswith("series_")}
    assert set(PLACEHOLDERS) <= REQUIRED and {"sources", "para_one", "col_term_kk"} <= asked
