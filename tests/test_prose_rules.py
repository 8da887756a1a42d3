"""The prose rules of issue 19 (kzrights/checks/prose.py), each failing on a planted example:

1. a sentence that says what a hedging paragraph of the submission says ("allegedly",
   "reportedly", "according to" a person, a study or data) keeps a hedge in its language;
2. a heading (or a data label) with a month and a year names one that the paragraph it
   introduces gives.

Also: tools/check.py reports them with a fix, and today's pages and data pass. The planted
examples include those of the second content review (reviews/2026-12-second-review.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzrights.checks.prose import (HEDGES, figure_numbers, find_dropped_hedges, find_dropped_hedges_in_records,
                                   find_misdated_headings, find_misdated_labels, hedged_source_sentences,
                                   month_years, paras_named_in, sentences)
from kzrights.data.load import load_site
from kzrights.data.models import Text
from kzrights.i18n import LANGS

from .conftest import ROOT

DATA = load_site(ROOT / "data")
PARAGRAPHS = {p.number: p.text for p in DATA.source.paragraphs}
FIGURES = figure_numbers(DATA.figures)


def page(body: str, heading: str = "## What happens in practice { #in-practice }") -> str:
    return f"# Page {{ #page }}\n\n{heading}\n\n{body}\n"


# --- 1. Hedges ---------------------------------------------------------------------------

PAYMENTS = {
    "en": "By the end of December 2022 several payments were made to victims in torture cases in "
          "Taldykorgan, {hedge}under the Law on the Compensation Fund for Victims [@ngo-2022, para. 53].",
    "ru": "К концу декабря 2022 года стало известно о нескольких выплатах пострадавшим по делам о пытках "
          "в Талдыкоргане, {hedge}по Закону «О Фонде компенсации потерпевшим» [@ngo-2022, para. 53].",
    "kk": "2022 жылғы желтоқсанның соңына қарай Талдықорғандағы азаптау істері бойынша жәбірленушілерге "
          "{hedge}«Жәбірленушілерге өтемақы қоры туралы» Заң негізінде бірнеше төлем жасалғаны белгілі "
          "болды [@ngo-2022, para. 53].",
}
HEDGED = {"en": "reportedly ", "ru": "предположительно ", "kk": "болжам бойынша "}


def test_the_source_paragraph_hedges():
    (sentence,) = hedged_source_sentences(PARAGRAPHS[53])
    assert "allegedly under the Law" in sentence and sentence.startswith("As of the end of December 2022")


@pytest.mark.parametrize("lang", LANGS)
def test_a_dropped_allegedly_is_found_in_every_language(lang):
    english = page(PAYMENTS["en"].format(hedge=HEDGED["en"]))
    dropped = page(PAYMENTS[lang].format(hedge=""))
    (finding,) = find_dropped_hedges(dropped, lang, PARAGRAPHS, FIGURES, english)
    assert finding[0] == 5
    assert "para. 53 says 'allegedly'" in finding[1] and "Taldykorgan" in finding[1] or "Тал" in finding[1]
    kept = page(PAYMENTS[lang].format(hedge=HEDGED[lang]))
    assert find_dropped_hedges(kept, lang, PARAGRAPHS, FIGURES, english) == []


def test_translations_are_checked_where_the_english_sentence_needs_a_hedge():
    """A Russian or Kazakh block is held to a hedge only where its English block is."""
    unrelated = page("Since 2020 a fund has paid compensation [@ngo-2022, para. 53].")
    assert find_dropped_hedges(page(PAYMENTS["ru"].format(hedge="")), "ru", PARAGRAPHS, FIGURES,
                               unrelated) == []
    assert find_dropped_hedges(page(PAYMENTS["ru"].format(hedge="")), "ru", PARAGRAPHS, FIGURES) == []


def test_according_to_a_study_via_a_figure():
    """Para. 35: "According to the research study results, in 41 percent of cases …": a
    sentence with that figure needs the study named, in it, in its list's lead-in or in the
    heading above it."""
    figure = next(key for key, value in FIGURES.items() if value == "41" and key.startswith("jan2022-study"))
    bare = f"- Delivery was not documented in {{{{ fig:{figure} }}}} of cases [@ngo-2022, para. 35]."
    assert len(find_dropped_hedges(page(bare), "en", PARAGRAPHS, FIGURES)) == 1
    assert find_dropped_hedges(page("The study found:\n\n" + bare), "en", PARAGRAPHS, FIGURES) == []
    assert find_dropped_hedges(page(bare, "### The study { #study }"), "en", PARAGRAPHS, FIGURES) == []


def test_according_to_a_law_is_not_a_hedge():
    """Para. 31 says "according to Article 129.1 of the CPC": a legal basis, not a report."""
    assert hedged_source_sentences(PARAGRAPHS[31]) == ()
    text = page("Delivery is a measure of procedural enforcement under article 129 [@ngo-2022, para. 31].")
    assert find_dropped_hedges(text, "en", PARAGRAPHS, FIGURES) == []


def test_data_texts_keep_the_hedge():
    summary = Text(en="Several payments were made to victims in torture cases in Taldykorgan, allegedly under "
                      "the Law on the Compensation Fund for Victims.",
                   ru="Было несколько выплат пострадавшим по делам о пытках в Талдыкоргане по Закону о Фонде.",
                   kk="Талдықорғанда азаптау істері бойынша жәбірленушілерге болжам бойынша төлемдер жасалды.")
    (finding,) = find_dropped_hedges_in_records([("case", summary, [53])], PARAGRAPHS, FIGURES)
    assert finding[:2] == ("case", "ru")
    note = "Payments were made in Taldykorgan under the Law on the Compensation Fund for Victims (NGO submission, para. 53)."
    assert paras_named_in(note) == [53]


def test_sentences_keep_citations_and_abbreviations():
    text = ("Art. 14 applies [@ngo-2022, para. 30]. Kh. K. Azhigulova says so. "
            "Ст. 64 УПК тоже [@cpc-64]. «Цитата» идёт дальше! 2022 жылы да.")
    assert sentences(text) == ["Art. 14 applies [@ngo-2022, para. 30].", "Kh. K. Azhigulova says so.",
                               "Ст. 64 УПК тоже [@cpc-64].", "«Цитата» идёт дальше!", "2022 жылы да."]


def test_every_language_has_hedges():
    assert set(HEDGES) == set(LANGS) and all(HEDGES[lang] for lang in LANGS)


# --- 2. Months and years ----------------------------------------------------------------

STUDY = ("In August 2022 civil society experts studied the rights of people detained during the "
         "January 2022 events [@ngo-2022, para. 28].")


@pytest.mark.parametrize("lang, heading, flagged", [
    ("en", "The January 2022 study", True),
    ("en", "The August 2022 study of the January 2022 detentions", False),
    ("en", "The August 2022 study", False),
    ("en", "The study of the January 2022 detentions", False),
    ("en", "How the January 2022 detentions study was done", False),
    ("en", "What happened in January 2022", False),
    ("en", "What happened in March 2022", True),  # para. 28 does not name March
    ("ru", "Исследование января 2022 года", True),
    ("ru", "Исследование о задержанных в январе 2022 года", False),
    ("ru", "Исследование августа 2022 года о задержанных в январе 2022 года", False),
    ("ru", "Январское исследование 2022 года", False),  # no month with its year: not checked
    ("kk", "2022 жылғы қаңтардағы зерттеу", True),
    ("kk", "2022 жылғы қаңтар зерттеуі", True),
    ("kk", "2022 жылғы қаңтарда ұсталғандар туралы зерттеу", False),
    ("kk", "2022 жылғы қаңтарда ұсталғандар туралы 2022 жылғы тамыздағы зерттеу", False),
])
def test_a_dated_heading_matches_its_paragraph(lang, heading, flagged):
    text = page(STUDY, f"### {heading} {{ #january-2022-study }}")
    findings = find_misdated_headings(text, lang, PARAGRAPHS)
    if flagged:
        (finding,) = findings
        assert finding[0] == 3 and "which para. 28, cited where its section begins, does not give" in finding[1]
    else:
        assert findings == []


def test_the_paragraph_that_introduces_the_section_decides():
    """Para. 29 says "January 2022"; the section is introduced by para. 28."""
    text = page(STUDY + "\n\nThe sample is small [@ngo-2022, para. 29].", "### The January 2022 study { #s }")
    assert len(find_misdated_headings(text, "en", PARAGRAPHS)) == 1


def test_month_years_in_three_languages():
    assert month_years("In August 2022, on 18 December 2022, 18.12.2022", "en") == [(2022, 8), (2022, 12), (2022, 12)]
    assert month_years("the tragic January events of 2022", "en") == [(2022, 1)]
    assert month_years("в январе 2022 года, 5 мая 2021 г., май 2020", "ru") == [(2022, 1), (2021, 5), (2020, 5)]
    assert month_years("2022 жылғы қаңтарда, 2021 жылғы 5 мамыр", "kk") == [(2022, 1), (2021, 5)]


def test_a_misdated_data_label():
    """The review's planted example: a case titled "The January 2022 study of detainees'
    rights" (para. 28: August 2022)."""
    title = Text(en="The January 2022 study of detainees' rights", ru="Исследование января 2022 года",
                 kk="2022 жылғы қаңтардағы зерттеу")
    assert [lang for _, lang, _ in find_misdated_labels([("case", title, [28])], PARAGRAPHS)] == list(LANGS)
    label = Text(en="Payments in Taldykorgan, January 2022", ru="Выплаты в Талдыкоргане, январь 2022",
                 kk="Талдықорғандағы төлемдер, 2022 жылғы қаңтар")
    findings = find_misdated_labels([("case", label, [53])], PARAGRAPHS)
    assert [(name, lang) for name, lang, _ in findings] == [("case", lang) for lang in LANGS]
    good = Text(en="Payments in Taldykorgan, December 2022", ru="Выплаты, декабрь 2022",
                kk="Төлемдер, 2022 жылғы желтоқсан")
    assert find_misdated_labels([("case", good, [53])], PARAGRAPHS) == []


# --- The real pages, and tools/check.py --------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_todays_pages_pass(lang):
    for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
        english_path = ROOT / "docs" / "en" / path.relative_to(ROOT / "docs" / lang)
        english = english_path.read_text(encoding="utf-8") if lang != "en" else None
        text = path.read_text(encoding="utf-8")
        assert find_dropped_hedges(text, lang, PARAGRAPHS, FIGURES, english) == [], path
        assert find_misdated_headings(text, lang, PARAGRAPHS) == [], path


# The second content review's planted examples (reviews/2026-12-second-review.md, check 1),
# each a hedge removed from today's text.
REVIEW_EXAMPLES = [
    ("en", "torture.md", "in Taldykorgan, reportedly under the Law", "in Taldykorgan, under the Law", "53"),
    ("ru", "assembly.md", "двое и более, по-видимому, считаются", "двое и более считаются", "74"),
    ("kk", "fair-trial.md", "опасыздық жасады деген айыппен", "опасыздық жасағаны үшін", "92"),
    ("en", "right-to-life.md", "from an illness that he believed was linked", "from an illness linked", "21"),
]


@pytest.mark.parametrize("lang, name, old, new, para", REVIEW_EXAMPLES)
def test_the_reviews_planted_examples_fail(lang, name, old, new, para):
    text = (ROOT / "docs" / lang / name).read_text(encoding="utf-8")
    english = (ROOT / "docs" / "en" / name).read_text(encoding="utf-8")
    assert old in text
    findings = find_dropped_hedges(text.replace(old, new), lang, PARAGRAPHS, FIGURES,
                                   english.replace(old, new) if lang == "en" else english)
    assert len(findings) == 1 and f"para. {para} says" in findings[0][1], findings


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for folder in ("data", "docs", "sources", "tools"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.ru.md", "CONTRIBUTING.kk.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def run_check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(repo / "tools" / "check.py"), *args], cwd=repo,
                          capture_output=True, text=True)


def test_check_reports_planted_examples_with_a_fix(repo):
    torture = repo / "docs" / "en" / "torture.md"
    text = torture.read_text(encoding="utf-8")
    assert "reportedly under the Law" in text
    torture.write_text(text.replace("reportedly under the Law", "under the Law"), encoding="utf-8")
    detention = repo / "docs" / "ru" / "detention.md"
    text = detention.read_text(encoding="utf-8")
    old = "### Исследование августа 2022 года о задержанных в январе 2022 года"
    assert old in text
    detention.write_text(text.replace(old, "### Исследование января 2022 года"), encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    hedge = [line for line in lines if line.startswith("docs/en/torture.md:") and ": hedge: " in line]
    date = [line for line in lines if line.startswith("docs/ru/detention.md:") and ": date: " in line]
    assert len(hedge) == 1 and "para. 53 says 'allegedly'" in hedge[0] and "; fix: " in hedge[0], result.stdout
    assert len(date) == 1 and "names January 2022, which para. 28" in date[0] and "; fix: " in date[0], result.stdout
    assert result.stdout.splitlines()[-1].startswith("4 problem(s) found"), result.stdout
    rules = [line for line in lines if ": hedge: " in line or ": date: " in line]
    assert len(rules) == 2, result.stdout  # (and the translations of torture.md are outdated)


def test_check_reports_a_data_text_that_drops_the_hedge(repo):
    cases = repo / "data" / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    old = "Taldykorgan, allegedly under the Law"
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    cases.write_text(text.replace(old, "Taldykorgan, under the Law"), encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 1
    found = [entry for entry in result.stdout.splitlines() if ": hedge: " in entry]
    assert len(found) == 1, result.stdout
    assert found[0].startswith("data/cases.yaml:") and "compensation-payments-taldykorgan: summary (en)" in found[0]
    assert int(found[0].split(":")[1]) < line  # the record's line
