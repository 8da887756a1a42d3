"""The pages' content: sources covered, numbers from data, each page in its own language,
findings cited, guidance marked as guidance, glossary terms respected."""

from __future__ import annotations

import re
import shutil

import pytest

from kzrights.i18n import LANGS
from kzrights.checks.prose import (find_forbidden_terms, find_forbidden_terms_in_data, find_typed_numbers,
                            find_uncited_blocks, find_unmarked_guidance, find_wrong_language,
                            forbidden_patterns, prose_only)
from kzrights.render.citations import parse_locator

from .conftest import ROOT, real_data

DATA = real_data()  # loaded once per test process
SOURCE = ROOT / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt"
PAGES = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
ALL = [(lang, page) for lang in LANGS for page in PAGES]


def read(lang: str, page: str) -> str:
    return (ROOT / "docs" / lang / page).read_text(encoding="utf-8")


def cited_paras(markdown: str) -> set[int]:
    paras: set[int] = set()
    for body in re.findall(r"\[(@[^\]]+)\]", markdown):
        for item in body.split(";"):
            key, _, locator = item.strip()[1:].partition(",")
            if key.strip() == "ngo-2022" and locator.strip():
                paras.update(parse_locator(locator))
    return paras


def source_headings() -> list[str]:
    """Section headings of the submission: a line followed by a numbered paragraph."""
    lines = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line, after in zip(lines, lines[1:])
            if re.match(r"\d+\.\s", after) and not re.match(r"(?:\d+[.)]|[–•-])", line)]


@pytest.mark.parametrize("lang, page", ALL)
def test_no_statistic_typed_into_prose(lang, page):
    assert find_typed_numbers(read(lang, page)) == []


@pytest.mark.parametrize("lang, page", ALL)
def test_page_is_in_its_language(lang, page):
    assert find_wrong_language(read(lang, page), lang) == []


@pytest.mark.parametrize("lang, area", [(lang, a) for lang in LANGS for a in DATA.areas.values()],
                         ids=lambda v: getattr(v, "id", v))
def test_area_page_cites_its_paragraphs_and_shows_its_cases(lang, area):
    text = read(lang, area.page)
    missing = sorted(set(area.paras) - cited_paras(text))
    assert missing == [], f"docs/{lang}/{area.page} does not cite paras. {missing}"
    assert f"<!-- cases area={area.id} -->" in text


def test_every_section_of_the_submission_has_a_page():
    headings = source_headings()
    assert len(headings) >= 12, headings  # the parser still finds the sections
    mapped = {s for area in DATA.areas.values() for s in area.source_sections}
    assert [h for h in headings if h not in mapped] == []
    assert [s for s in mapped if s not in headings] == []  # no stale mapping


AREA_PAGES = [(lang, area.page) for lang in LANGS for area in DATA.areas.values()]


@pytest.mark.parametrize("lang, page", AREA_PAGES)
def test_every_finding_on_an_area_page_is_cited(lang, page):
    assert find_uncited_blocks(read(lang, page)) == []


@pytest.mark.parametrize("lang, page", ALL)
def test_guidance_is_marked_as_guidance(lang, page):
    assert find_unmarked_guidance(read(lang, page), DATA.label("guidance_title", lang)) == []


@pytest.mark.parametrize("lang, page", ALL)
def test_pages_use_no_variant_the_glossary_forbids(lang, page):
    assert find_forbidden_terms(prose_only(read(lang, page)), forbidden_patterns(DATA.glossary, lang)) == []


def test_data_uses_no_variant_the_glossary_forbids():
    assert find_forbidden_terms_in_data(ROOT / "data", DATA.glossary) == []


ASSEMBLY_EN = read("en", "assembly.md")
GUIDANCE_EN = DATA.label("guidance_title", "en")


def test_planted_uncited_finding_fails():
    cited = "Spontaneous assemblies are prohibited [@ngo-2022, para. 78]."
    planted = ASSEMBLY_EN.replace(cited, "Spontaneous assemblies are prohibited.")
    assert planted != ASSEMBLY_EN
    line = ASSEMBLY_EN[:ASSEMBLY_EN.index(cited)].count("\n") + 1
    assert find_uncited_blocks(planted) == [(line, "- Spontaneous assemblies are prohibited.")]


def test_planted_uncited_paragraph_and_table_row_fail():
    page = ("# T { #t }\n\n## In practice { #in-practice }\n\n### Sub { #sub }\n\nA claim.\n\n"
            "| a | b |\n| --- | --- |\n| row | [@ngo-2022, para. 1] |\n| bare | row |\n\n"
            "## What you can do { #what-you-can-do }\n\n!!! guidance \"x\"\n    Advice.\n")
    assert [line for line, _ in find_uncited_blocks(page)] == [7, 12]


def test_cited_lead_in_covers_its_list_but_an_uncited_one_does_not():
    page = "## In brief { #in-brief }\n\nThree things [@ngo-2022, para. 15]:\n\n- one;\n- two.\n\nFindings:\n\n- bare.\n"
    assert find_uncited_blocks(page) == [(10, "- bare.")]


def test_planted_guidance_outside_the_admonition_fails():
    marker = f'!!! guidance "{GUIDANCE_EN}"'
    assert marker in ASSEMBLY_EN
    unmarked = ASSEMBLY_EN.replace(marker + "\n\n", "").replace("\n    - ", "\n- ")
    problems = find_unmarked_guidance(unmarked, GUIDANCE_EN)
    assert problems and all("outside" in message for _, message in problems)
    wrong_title = ASSEMBLY_EN.replace(marker, '!!! guidance "Advice"')
    assert any("must be" in message for _, message in find_unmarked_guidance(wrong_title, GUIDANCE_EN))


@pytest.mark.parametrize("lang, text, found", [
    ("kk", "Іс жүзінде ұстап алу мен нақты ұстаудың арасы", "нақты ұстаудың"),
    ("kk", "Баяндаманы Қазақстанның құқық қорғау ұйымдары жіберді", "құқық қорғау ұйымдары"),
    ("kk", "Комитетке жеке хабарлама жіберуге болады", "жеке хабарлама"),
    ("kk", "бостандық пен жеке басқа қол сұқпаушылық", "қол сұқпаушылық"),
    ("kk", "өзін-өзі өлтіруге оқталу", "өзін-өзі өлтіруге"),
    ("ru", "Мнения Комитета не выполнены", "Мнения Комитета"),
])
def test_planted_forbidden_variant_fails(lang, text, found):
    problems = find_forbidden_terms(f"# T\n\n{text}\n", forbidden_patterns(DATA.glossary, lang))
    assert [(line, message.split(":")[0]) for line, message in problems] == [(3, repr(found))]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Баяндаманы Қазақстанның құқық қорғаушы ұйымдары жіберді"),  # human rights organisations
    ("kk", "Әкімдікке бейбіт жиналыс туралы хабарлама берді"),         # notification of an assembly
    ("kk", "құқық қорғау органдарының қызметкерлері"),                 # law enforcement bodies
    ("ru", "Рабочая группа вынесла мнение; соображения Комитета"),
])
def test_correct_terms_are_not_flagged(lang, text):
    assert find_forbidden_terms(text, forbidden_patterns(DATA.glossary, lang)) == []


def test_planted_forbidden_variant_in_data_fails_with_file_and_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    labels = (data / "labels.yaml").read_text(encoding="utf-8")
    lines = labels.splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("col_subject:"))
    lines[line - 1] = lines[line - 1].replace("kk: Шағымның мәні}", "kk: Жеке хабарлама}")
    (data / "labels.yaml").write_text("".join(lines), encoding="utf-8")
    problems = find_forbidden_terms_in_data(data, DATA.glossary)
    assert [(file, n) for file, n, _ in problems] == [("labels.yaml", line)]
    assert "communication" in problems[0][2]
