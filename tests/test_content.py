"""The pages' content: sources covered, numbers from data, each page in its own language."""

from __future__ import annotations

import re

import pytest

from kzrights.i18n import LANGS
from kzrights.load import load_site
from kzrights.prose import find_typed_numbers, find_wrong_language
from kzrights.render.citations import parse_locator

from .conftest import ROOT

DATA = load_site(ROOT / "data")
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
