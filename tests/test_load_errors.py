"""Bad input stops the load with `file:line: field: message`, one test per class of error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzrights.data.load import DataError, load_site


def edit(data_dir: Path, name: str, old: str, new: str) -> None:
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_site(data_dir)
    return [str(p) for p in info.value.problems]


def test_minimal_data_loads(data_dir):
    data = load_site(data_dir)
    assert [v.symbol for v in data.views] == ["CCPR/C/120/D/2158/2012"]


def test_malformed_yaml(data_dir):
    edit(data_dir, "cases.yaml", "  kind: refusal\n", "  kind: [refusal\n")
    assert any(p.startswith("data/cases.yaml:3: (syntax): malformed YAML") or
               p.startswith("data/cases.yaml:4: (syntax): malformed YAML") for p in problems(data_dir))


def test_missing_required_field(data_dir):
    edit(data_dir, "cases.yaml", "  paras: [73]\n", "")
    assert "data/cases.yaml:1: cases[0].paras: required field is missing" in problems(data_dir)


def test_wrong_type(data_dir):
    edit(data_dir, "figures.yaml", "  value: 1414\n", "  value: many\n")
    assert any(p.startswith("data/figures.yaml:2: figures[0].value: ") for p in problems(data_dir))


def test_wrong_date(data_dir):
    edit(data_dir, "cases.yaml", '"2020-10-01"', '"2020-13-01"')
    [problem] = problems(data_dir)
    assert problem.startswith("data/cases.yaml:3: cases[0].date: invalid date '2020-13-01'")


def test_unquoted_impossible_date(data_dir):
    edit(data_dir, "cases.yaml", '"2020-10-01"', "2020-02-30")
    assert any(p.startswith("data/cases.yaml:3: cases[0].date: invalid date")
               for p in problems(data_dir))


def test_duplicate_id(data_dir):
    text = (data_dir / "cases.yaml").read_text(encoding="utf-8")
    (data_dir / "cases.yaml").write_text(text + text, encoding="utf-8")
    assert ("data/cases.yaml:9: cases[1].id: duplicate id 'refusal-artmob-2020' (first at line 1)"
            in problems(data_dir))


def test_duplicate_key_in_record(data_dir):
    edit(data_dir, "cases.yaml", "  kind: refusal\n", "  kind: refusal\n  kind: ban\n")
    assert "data/cases.yaml:3: cases[0].kind: duplicate key in the same record" in problems(data_dir)


def test_unknown_field(data_dir):
    edit(data_dir, "cases.yaml", "  kind: refusal\n", "  kind: refusal\n  outcome: released\n")
    assert "data/cases.yaml:3: cases[0].outcome: unknown field" in problems(data_dir)


def test_unknown_area(data_dir):
    edit(data_dir, "cases.yaml", "  areas: [assembly]\n", "  areas: [assembley]\n")
    assert "data/cases.yaml:5: cases[0].areas[0]: unknown area 'assembley'" in problems(data_dir)


def test_unknown_cited_document(data_dir):
    edit(data_dir, "cases.yaml", "  paras: [73]\n", "  paras: [73]\n  cites: [CCPR/C/KAZ/CO/9]\n")
    assert "data/cases.yaml:9: cases[0].cites[0]: unknown document 'CCPR/C/KAZ/CO/9'" in problems(data_dir)


def test_paragraph_beyond_source(data_dir):
    edit(data_dir, "cases.yaml", "  paras: [73]\n", "  paras: [97]\n")
    assert ("data/cases.yaml:8: cases[0].paras[0]: paragraph 97 does not exist: the source has 96"
            in problems(data_dir))


@pytest.mark.parametrize("link", ["javascript:alert(1)", "http://example.org/", "//evil.example/x",
                                  "data:text/html,x", "JavaScript:alert(1)"])
def test_link_not_https_or_relative(data_dir, link):
    edit(data_dir, "documents.yaml", "  kind: law\n", f"  kind: law\n  url: '{link}'\n")
    assert any(p.startswith("data/documents.yaml:11: documents[2].url: only https: and relative links")
               for p in problems(data_dir))


@pytest.mark.parametrize("html", ["<script>alert(1)</script>", "<b>bold</b>", "x <img src=x>", "<!-- c -->"])
def test_raw_html_in_text(data_dir, html):
    edit(data_dir, "cases.yaml", "en: The akimat refused.", f"en: '{html}'")
    assert ("data/cases.yaml:7: cases[0].summary.en: raw HTML is not allowed in text fields "
            "(write plain text; it is escaped)") in problems(data_dir)


def test_every_problem_reported_at_once(data_dir):
    edit(data_dir, "cases.yaml", '"2020-10-01"', '"2020-10-32"')
    edit(data_dir, "figures.yaml", "  unit: count\n", "  unit: dozens\n")
    found = problems(data_dir)
    assert any(p.startswith("data/cases.yaml:3:") for p in found)
    assert any(p.startswith("data/figures.yaml:3: figures[0].unit:") for p in found)


def test_missing_file(data_dir):
    (data_dir / "glossary.yaml").unlink()
    assert "data/glossary.yaml:1: glossary: file is missing" in problems(data_dir)


def test_view_symbol_must_parse(data_dir):
    edit(data_dir, "views.yaml", "CCPR/C/120/D/2158/2012", "CCPR/C/120/2158/2012")
    assert any(p.startswith("data/views.yaml:1: views[0]: not a Views symbol") for p in problems(data_dir))


def test_view_symbol_with_stray_spaces_is_normalised(data_dir):
    edit(data_dir, "views.yaml", "CCPR/C/120/D/2158/2012", "CCPR /C/ 120/D/2158/ 2012")
    assert load_site(data_dir).views[0].symbol == "CCPR/C/120/D/2158/2012"


def test_unknown_figure_in_data_text(data_dir):
    edit(data_dir, "cases.yaml", "en: The akimat refused.", "en: 'The akimat refused {{ fig:nope }} times.'")
    assert "data/cases.yaml:7: cases[0].summary.en: unknown figure 'nope'" in problems(data_dir)


def test_source_text_has_another_paragraph_count(data_dir):
    edit(data_dir, "documents.yaml", "  paragraphs: 96\n", "  paragraphs: 95\n")
    source = data_dir.parent / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt"
    last = next(i for i, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith("96. "))
    assert problems(data_dir) == [
        "data/documents.yaml:5: documents[0].paragraphs: 95 paragraphs, but "
        f"sources/ngo-submission-iccpr-kazakhstan-2022.txt:{last} ends the text at paragraph 96"]


def test_source_text_numbering_error_names_its_line(data_dir):
    source = data_dir.parent / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("41. "))
    lines[at] = "14. " + lines[at][4:]
    source.write_text("\n".join(lines), encoding="utf-8")
    assert problems(data_dir) == [
        f"sources/ngo-submission-iccpr-kazakhstan-2022.txt:{at + 1}: ngo-2022: "
        "paragraph 14 where paragraph 41 was expected"]


SECOND_VIEW = """\
- symbol: CCPR/C/126/D/2542/2015
  also: [CCPR/C/126/D/2543/2015]
  type: views
  adopted: "2019-07-26"
  authors:
    - {en: Dilnar Insenova, ru: Дильнар Инсенова, kk: Ділнар Инсенова}
  paras: [5]
"""


def add_view(data_dir: Path, text: str = SECOND_VIEW) -> None:
    path = data_dir / "views.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_view_with_header_fields_loads(data_dir):
    add_view(data_dir)
    data = load_site(data_dir)
    view = data.views_by_symbol["CCPR/C/126/D/2543/2015"]  # the other symbol names the same record
    assert view.symbol == "CCPR/C/126/D/2542/2015" and view.slug == "ccpr-c-126-d-2542-2015"
    assert view.numbers == ["2542/2015", "2543/2015"] and view.type == "views"


def test_view_unknown_area(data_dir):
    edit(data_dir, "views.yaml", "areas: [assembly]", "areas: [assembley]")
    assert problems(data_dir) == ["data/views.yaml:4: views[0].areas[0]: unknown area 'assembley'"]


def test_view_malformed_adoption_date(data_dir):
    add_view(data_dir)
    edit(data_dir, "views.yaml", '"2019-07-26"', '"2019-02-30"')
    [problem] = problems(data_dir)
    assert problem.startswith("data/views.yaml:11: views[1].adopted: invalid date '2019-02-30'")


def test_view_type_is_views_or_decision(data_dir):
    add_view(data_dir)
    edit(data_dir, "views.yaml", "type: views", "type: opinion")
    assert any(p.startswith("data/views.yaml:10: views[1].type: ") for p in problems(data_dir))


def test_two_views_with_the_same_slug(data_dir):
    add_view(data_dir)
    add_view(data_dir, SECOND_VIEW.replace("CCPR/C/126/D/2542/2015", "CCPR/C/126/D/2999/2015"))
    assert ("data/views.yaml:16: views[2].also[0]: slug 'ccpr-c-126-d-2543-2015' of "
            "'CCPR/C/126/D/2543/2015' is already used (line 8)") in problems(data_dir)


def test_joint_symbol_that_is_another_record(data_dir):
    add_view(data_dir, SECOND_VIEW.replace("CCPR/C/126/D/2543/2015", "CCPR/C/120/D/2158/2012"))
    assert problems(data_dir) == [
        "data/views.yaml:9: views[1].also[0]: 'CCPR/C/120/D/2158/2012' is a record of its own "
        "(line 1): a symbol is either a record or another symbol of one joint document"]


def test_view_after_the_submission_has_no_paragraphs_from_it(data_dir):
    add_view(data_dir, SECOND_VIEW.replace("  paras: [5]\n", "  in_submission: false\n  paras: [5]\n"))
    assert any(p.startswith("data/views.yaml:8: views[1]: a document the submission does not list has no `paras`")
               for p in problems(data_dir))


def test_view_from_the_submission_needs_its_paragraphs(data_dir):
    add_view(data_dir, SECOND_VIEW.replace("  paras: [5]\n", ""))
    assert any(p.startswith("data/views.yaml:8: views[1]: `paras`") for p in problems(data_dir))


# The register's findings (issue 18): each class of bad input names its file, line and field.

READ_FINDING = """\
  finding:
    outcome: violation
    articles: ["21"]
    read:
      - source: CCPR/C/KAZ/CO/2
        says: {en: the Committee found a violation, ru: Комитет признал нарушение, kk: Комитет бұзушылықты анықтаған}
"""

SECONDARY = """\
- communications: ["3006/2017"]
  slug: communication-3006-2017
  read: secondary
  in_submission: false
  authors:
    - {en: Povstyuk, ru: Повстюк, kk: Повстюк}
  seen_in:
    - source: CCPR/C/KAZ/CO/2
"""


def test_finding_with_its_source_loads(data_dir):
    add_view(data_dir, SECOND_VIEW + READ_FINDING)
    add_view(data_dir, SECONDARY)
    data = load_site(data_dir)
    view = data.views_by_symbol["CCPR/C/126/D/2542/2015"]
    assert view.finding.outcome == "violation" and view.finding.articles == ["21"]
    assert view.finding.read[0].source == "CCPR/C/KAZ/CO/2"
    secondary = data.views[-1]
    assert (secondary.symbol, secondary.key, secondary.slug) == (None, "communication-3006-2017",
                                                                 "communication-3006-2017")
    assert secondary.numbers == ["3006/2017"] and secondary.finding is None


def test_finding_without_source(data_dir):
    add_view(data_dir, SECOND_VIEW + "  finding:\n    outcome: violation\n    articles: [\"21\"]\n")
    assert any(p.startswith("data/views.yaml:16: views[1].finding.read: a finding needs the source it "
                            "was read in") for p in problems(data_dir)), problems(data_dir)


def test_reading_without_source_key(data_dir):
    add_view(data_dir, SECOND_VIEW + READ_FINDING.replace("      - source: CCPR/C/KAZ/CO/2\n        says:",
                                                          "      - says:"))
    assert any(p.startswith("data/views.yaml:19: views[1].finding.read[0].source: required field is missing")
               for p in problems(data_dir)), problems(data_dir)


def test_finding_with_an_unknown_source(data_dir):
    add_view(data_dir, SECOND_VIEW + READ_FINDING.replace("source: CCPR/C/KAZ/CO/2", "source: ccpr-centre-1"))
    assert problems(data_dir) == [
        "data/views.yaml:19: views[1].finding.read[0].source: unknown source 'ccpr-centre-1': add it to "
        "data/documents.yaml (with `named`) or use its key there"]


def test_remedy_with_an_unknown_source(data_dir):
    add_view(data_dir, SECOND_VIEW + "  remedy:\n    - source: nowhere\n      says: {en: a, ru: б, kk: ә}\n")
    assert problems(data_dir) == [
        "data/views.yaml:16: views[1].remedy[0].source: unknown source 'nowhere': add it to "
        "data/documents.yaml (with `named`) or use its key there"]


def test_secondary_record_with_header_facts(data_dir):
    add_view(data_dir, SECONDARY + '  adopted: "2023-07-12"\n  type: views\n')
    found = problems(data_dir)
    for line, name in ((16, "adopted"), (17, "type")):
        assert any(p.startswith(f"data/views.yaml:{line}: views[1].{name}: a record with `read: secondary` "
                                "has no header facts") for p in found), found


def test_secondary_record_with_a_symbol(data_dir):
    add_view(data_dir, SECONDARY.replace('- communications: ["3006/2017"]\n  slug: communication-3006-2017\n',
                                         "- symbol: CCPR/C/140/D/3006/2017\n"))
    assert any(p.startswith("data/views.yaml:8: views[1].symbol: a record with `read: secondary` has no "
                            "header facts") for p in problems(data_dir)), problems(data_dir)


def test_record_without_symbol_keeps_its_address(data_dir):
    add_view(data_dir, SECONDARY.replace("slug: communication-3006-2017", "slug: povstyuk"))
    assert any(p.startswith("data/views.yaml:9: views[1].slug: a record without `symbol` is at "
                            "`communication-3006-2017`") for p in problems(data_dir)), problems(data_dir)


def test_two_records_with_the_same_communication(data_dir):
    add_view(data_dir, SECONDARY.replace("3006/2017", "2158/2012").replace("3006-2017", "2158-2012"))
    assert problems(data_dir) == [
        "data/views.yaml:8: views[1].communications: communication 2158/2012 is already in the record "
        "at line 1: one record per document"]


def test_finding_articles_need_a_violation(data_dir):
    add_view(data_dir, SECOND_VIEW + READ_FINDING.replace("outcome: violation", "outcome: partial"))
    assert any(p.startswith("data/views.yaml:17: views[1].finding.articles: articles found violated need "
                            "`outcome: violation`") for p in problems(data_dir)), problems(data_dir)


def test_alias_the_submission_does_not_print(data_dir):
    edit(data_dir, "views.yaml", "{en: Sviridov, ru: Свиридов, kk: Свиридов}",
         "{en: Sviridov, ru: Свиридов, kk: Свиридов, aliases: [Sviridoff]}")
    assert problems(data_dir) == [
        "data/views.yaml:3: views[0].authors[0].aliases[0]: 'Sviridoff' is not in the submission's "
        "paragraphs naming this document (5, 74): an alias is a spelling the submission prints there"]


def test_secondary_source_needs_its_name_in_sentences(data_dir):
    path = data_dir / "documents.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "- key: ccpr-centre-1\n  kind: digest\n  title: {en: Digest, ru: Обзор, kk: Шолу}\n"), encoding="utf-8")
    assert any(p.startswith("data/documents.yaml:17: documents[4].named: a secondary source needs `named`")
               for p in problems(data_dir)), problems(data_dir)
