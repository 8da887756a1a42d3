"""The Views register and case permalinks: the written area rule (data/view-areas.yaml),
the register's columns and filter attributes, one canonical place per case."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzrights.data.load import DataError, load_site, view_areas
from kzrights.data.models import Person, Text, View, ViewAreaRule
from kzrights.render.tables import register_counts, render_case_table, render_views_table

from .conftest import ROOT
from .test_load_errors import edit, problems

RULES = [
    ViewAreaRule(area="assembly", articles=["21", "22"], subject=["peaceful assembly", "picket"]),
    ViewAreaRule(area="fair-trial", articles=["14"], subject=["fair trial"]),
    ViewAreaRule(area="discrimination", subject=["discrimination"]),
]


def view(**fields) -> View:
    base = {"symbol": "CCPR/C/130/D/2661/2015", "type": "views",
            "authors": [Person(en="A", ru="А", kk="А")], "paras": [5]}
    return View(**{**base, **fields})


def english(text: str) -> Text:
    return Text(en=text, ru="р", kk="қ")


# --- the area rule --------------------------------------------------------------------

def test_a_view_without_header_facts_keeps_only_the_submissions_areas():
    assert view_areas(view(), RULES) == []
    assert view_areas(view(areas=["covenant"]), RULES) == ["covenant"]


def test_invoked_articles_give_areas_paragraphs_count_as_their_article():
    assert view_areas(view(articles_invoked=["19", "21"]), RULES) == ["assembly"]
    assert view_areas(view(articles_invoked=["14.3", "22"]), RULES) == ["assembly", "fair-trial"]
    assert view_areas(view(articles_invoked=["2", "19", "26"]), RULES) == []


def test_subject_phrases_match_whole_words_in_any_case():
    assert view_areas(view(subject=english("Refusal to hold a Peaceful Assembly")), RULES) == ["assembly"]
    assert view_areas(view(issues=english("Freedom of assembly; non-discrimination")), RULES) == [
        "discrimination"]
    assert view_areas(view(subject=english("Single-person pickets")), RULES) == []  # not "picket"
    # Only the English text, as the document gives it, is read.
    ru = Text(en="Freedom of expression", ru="дискриминация", kk="кемсітушілік")
    assert view_areas(view(subject=ru), RULES) == []


def test_the_submissions_areas_come_first_and_no_area_twice():
    found = view(areas=["fair-trial"], articles_invoked=["14", "21"],
                 subject=english("Peaceful assembly; fair trial"))
    assert view_areas(found, RULES) == ["fair-trial", "assembly"]


@settings(deadline=None)  # a loaded machine is slow, not wrong
@given(st.lists(st.sampled_from(["2", "7", "9", "14", "14.1", "19", "21", "22", "26"]), max_size=6),
       st.lists(st.sampled_from(["assembly", "fair-trial", "covenant"]), unique=True, max_size=3))
def test_the_rule_only_adds_areas(articles, own):
    areas = view_areas(view(articles_invoked=articles, areas=own), RULES)
    assert areas[:len(own)] == own and len(areas) == len(set(areas))
    added = set(areas) - set(own)
    assert added <= {"assembly", "fair-trial"}  # no subject given: articles alone decide
    assert ("assembly" in added) == (bool({"21", "22"} & set(articles)) and "assembly" not in own)
    assert ("fair-trial" in added) == (bool({"14", "14.1"} & set(articles)) and "fair-trial" not in own)


def test_load_applies_the_rule(data_dir):
    edit(data_dir, "views.yaml", "  read: list\n", "  type: views\n")  # a header read
    edit(data_dir, "views.yaml", "  areas: [assembly]\n",
         '  areas: []\n  articles_invoked: ["19", "21"]\n')
    assert load_site(data_dir).views[0].areas == ["assembly"]
    edit(data_dir, "view-areas.yaml", 'articles: ["21"]', 'articles: ["22"]')
    assert load_site(data_dir).views[0].areas == []


def test_rule_naming_an_unknown_area_stops_the_load(data_dir):
    edit(data_dir, "view-areas.yaml", "- area: assembly\n", "- area: nowhere\n")
    assert problems(data_dir) == ["data/view-areas.yaml:1: view-areas[0].area: unknown area 'nowhere'"]


def test_rule_without_articles_or_subject_stops_the_load(data_dir):
    (data_dir / "view-areas.yaml").write_text("- area: assembly\n  articles: []\n", encoding="utf-8")
    assert problems(data_dir) == [
        "data/view-areas.yaml:1: view-areas[0]: a rule needs `articles` or `subject` phrases"]


def test_two_rules_for_one_area_stop_the_load(data_dir):
    text = (data_dir / "view-areas.yaml").read_text(encoding="utf-8")
    (data_dir / "view-areas.yaml").write_text(text + text, encoding="utf-8")
    [problem] = problems(data_dir)
    assert problem.startswith("data/view-areas.yaml:4: view-areas[1].area: duplicate area 'assembly'")


def test_the_sites_rule_keeps_the_areas_the_submission_gives():
    import yaml
    written = yaml.safe_load((ROOT / "data" / "views.yaml").read_text("utf-8"))
    loaded = load_site(ROOT / "data").views
    assert len(written) == len(loaded)
    for record, v in zip(written, loaded):
        own = record.get("areas") or []
        assert v.areas[:len(own)] == own


# --- the register -----------------------------------------------------------------------

def rows(table: str) -> list[str]:
    return re.findall(r"<tr id=.*?</tr>", table)


def cells(row: str) -> list[tuple[str, str]]:
    """(data-label, inner HTML) of every cell."""
    return re.findall(r'<td data-label="([^"]*)"[^>]*>(.*?)</td>', row)


@pytest.fixture
def register_data(data_dir):
    """The minimal data with a Decision adopted in 2021 and a View adopted after the submission."""
    with open(data_dir / "views.yaml", "a", encoding="utf-8") as f:
        f.write("""\
- symbol: CCPR/C/133/D/2726/2016
  type: decision
  adopted: "2021-10-29"
  authors:
    - {en: A.P., ru: А. П., kk: А. П.}
  subject: {en: Inhuman treatment, ru: Бесчеловечное обращение, kk: Адамгершілікке жатпайтын қарым-қатынас}
  articles_invoked: ["6", "7"]
  paras: [5]
  finding:
    outcome: partial
    read:
      - source: CCPR/C/KAZ/CO/2
        says: {en: the claims were inadmissible in part, ru: утверждения отчасти неприемлемы, kk: уәждер ішінара қабылдауға жарамсыз}
- symbol: CCPR/C/137/D/2545/2015
  type: views
  in_submission: false
  adopted: "2023-03-10"
  authors:
    - {en: Baydildayeva, ru: Байдильдаева, kk: Байдильдаева}
  subject: {en: Sanction for a single-person picket in a peaceful assembly, ru: Наказание за одиночный пикет, kk: Жалғыз адамдық пикет үшін жаза}
  articles_invoked: ["21"]
  finding:
    outcome: violation
    articles: ["19.2", "21"]
    read:
      - source: CCPR/C/KAZ/CO/2
        says: {en: a violation was found, ru: нарушение признано, kk: бұзушылық анықталған}
        quotes: ["in violation of articles 19 (2) and 21"]
        quote_lang: en
""")
    return load_site(data_dir)


COLUMNS = ("col_symbol", "col_authors", "col_type", "col_adopted", "col_subject", "col_finding",
           "col_areas", "col_status")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_register_columns_in_the_pages_language(register_data, lang):
    data = register_data
    table = render_views_table(data, lang)
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    expected = [data.label(k, lang) for k in COLUMNS]
    assert [unescape(h) for h in headers] == expected
    for row in rows(table):
        assert [unescape(label) for label, _ in cells(row)] == expected  # every cell names its column
    sviridov, decision, later = rows(table)
    # Empty fields are empty cells (the phone layout leaves them out).
    assert cells(sviridov)[2][1] == "" and cells(sviridov)[3][1] == "" and cells(sviridov)[4][1] == ""
    assert unescape(cells(decision)[2][1]) == data.label("register_type_decision", lang)
    assert '<time datetime="2021-10-29">' in cells(decision)[3][1]
    assert unescape(cells(decision)[4][1]) == data.views[1].subject(lang)
    assert data.label("register_after_submission", lang) in unescape(cells(later)[3][1])
    assert unescape(cells(later)[7][1]) == data.label("register_not_in_submission", lang)
    assert unescape(cells(later)[6][1]) == data.areas["assembly"].title(lang)


def test_register_rows_carry_what_the_filters_select_on(register_data):
    table = render_views_table(register_data, "en")
    sviridov, decision, later = rows(table)
    assert 'data-areas="assembly" data-articles="" data-year="" data-finding="not-read"' in sviridov
    assert 'data-areas="" data-articles="6 7" data-year="2021" data-finding="partial"' in decision
    assert ('data-areas="assembly" data-articles="21" data-year="2023" '  # areas by the rule
            'data-finding="violation violation-19 violation-21"') in later
    for v, row in zip(register_data.views, (sviridov, decision, later)):
        assert f'<a href="docs:views/{v.slug}.md">{v.symbol}</a>' in row


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_register_passes_the_filter_words_to_the_script(register_data, lang):
    data = register_data
    table = unescape(render_views_table(data, lang).split("<caption>")[0])
    for name in ("legend", "area", "article", "year", "any", "clear", "count", "article_option", "finding"):
        attribute = f'data-filter-{name.replace("_", "-")}="{data.label("filter_" + name, lang)}"'
        assert attribute in table
    areas = json.loads(re.search(r"data-filter-areas=\"(.*?)\" data-filter-findings", table)[1])
    assert areas == [["assembly", data.areas["assembly"].title(lang)]]
    findings = json.loads(re.search(r"data-filter-findings=\"(.*?)\">", table)[1])
    assert findings == [["violation", data.label("finding_violation", lang)],
                        ["violation-19", data.label("filter_finding_article", lang).format(n="19")],
                        ["violation-21", data.label("filter_finding_article", lang).format(n="21")],
                        ["partial", data.label("finding_partial", lang)],
                        ["not-read", data.label("finding_not-read", lang)]]
    assert "<script" not in table and not re.search(r"\son[a-z]+=", table)  # no inline handlers


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_finding_column_says_what_was_read_and_where(register_data, lang):
    data = register_data
    sviridov, decision, later = rows(render_views_table(data, lang))
    assert unescape(re.sub("<[^>]+>", "", cells(sviridov)[5][1])) == data.label("finding_not-read", lang)
    assert data.label("finding_partial", lang) in unescape(cells(decision)[5][1])
    found = unescape(cells(later)[5][1])
    assert data.label("finding_violation_articles", lang).format(articles="19.2, 21") in found
    # where it was read, named as sentences name it (the document's key here: a UN document)
    assert data.label("register_according", lang).format(sources="CCPR/C/KAZ/CO/2") in re.sub("<[^>]+>", "", found)
    assert 'href="https://undocs.org/' in cells(later)[5][1]
    # the articles invoked (6 and 7) are never shown or filtered as a finding
    assert "violation" not in decision and "6" not in re.sub("<[^>]+>", "", cells(decision)[5][1])


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_unread_document_says_so_in_its_row(register_data, lang):
    data = register_data
    sviridov, decision, _ = rows(render_views_table(data, lang))
    assert data.label("register_unread_list", lang) in unescape(cells(sviridov)[0][1])
    assert data.label("register_unread_list", lang) not in unescape(cells(decision)[0][1])


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_count_sentence_is_made_from_the_data(register_data, lang):
    data = register_data
    table = render_views_table(data, lang)
    sentence = unescape(re.search(r'<p class="kz-register-count">(.*?)</p>', table)[1])
    assert sentence == data.label("register_count", lang).format(
        total=3, views=1, decisions=1, unknown=1, symbols=2, listed=2, elsewhere=1, with_finding=2,
        concluded=1)
    # an area's table of Views is a selection: no count of the whole register there
    assert "kz-register-count" not in render_views_table(data, lang, data.views[:1], "caption")


def test_count_sentence_of_the_real_register():
    data = load_site(ROOT / "data")
    counts = register_counts(data)
    # sources/un-views-outcomes.md and un-views-headers.md: the NGO's 37 symbols are 35
    # documents (two joint pairs), 22 more were found elsewhere; one NGO document is a decision
    assert counts["symbols"] == 37 and counts["listed"] == 35 and counts["elsewhere"] == 22
    assert counts["total"] == 57 == counts["views"] + counts["decisions"] + counts["unknown"]
    assert counts["unknown"] == sum(v.read != "header" for v in data.views) == 14
    assert [v.key for v in data.views if v.in_submission and v.type == "decision"] == ["CCPR/C/133/D/2726/2016"]
    sentence = data.label("register_count", "en").format(**counts)
    assert "Documents in the register: 57. Views: 37; decisions: 6;" in sentence


# --- case permalinks --------------------------------------------------------------------

@pytest.fixture
def two_area_data(data_dir):
    edit(data_dir, "areas.yaml", "- id: assembly\n", """\
- id: defenders
  page: defenders.md
  title: {en: Defenders, ru: Правозащитники, kk: Құқық қорғаушылар}
- id: assembly
""")
    edit(data_dir, "cases.yaml", "  areas: [assembly]\n", "  areas: [defenders, assembly]\n")
    return load_site(data_dir)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_case_has_one_canonical_place(two_area_data, lang):
    data = two_area_data
    home = render_case_table(data, lang, "defenders")
    other = render_case_table(data, lang, "assembly")
    label = data.label("case_permalink", lang)
    assert (f'<a class="kz-permalink" href="#case-refusal-artmob-2020" title="{label}" '
            f'aria-label="{label}">#</a>') in home
    assert 'href="#case-refusal-artmob-2020"' not in other  # not claimed as its place here
    text = data.label("case_canonical", lang).format(page=data.areas["defenders"].title(lang))
    assert (f'<a class="kz-canonical" href="docs:defenders.md#case-refusal-artmob-2020">'
            f"{text}</a>") in other
    # Both pages keep the row's id: links to either still land on the case.
    assert 'id="case-refusal-artmob-2020"' in home and 'id="case-refusal-artmob-2020"' in other


def test_unknown_area_in_the_register_data_is_reported_once(data_dir):
    edit(data_dir, "views.yaml", "  areas: [assembly]\n", "  areas: [nowhere]\n")
    with pytest.raises(DataError) as info:
        load_site(data_dir)
    assert [str(p) for p in info.value.problems] == [
        "data/views.yaml:4: views[0].areas[0]: unknown area 'nowhere'"]

