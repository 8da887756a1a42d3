"""In Chromium, online and from the offline copy on disk: a citation's paragraph number opens
the source reader in the page's language at that paragraph, and its "Cited on" link leads
back."""

from __future__ import annotations

import re

import pytest

from ..conftest import ROOT
from .conftest import Watch

SOURCE = ROOT / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt"


def first_words(number: int) -> str:
    """The start of a paragraph, read from the source file."""
    return re.search(rf"^{number}\.\s+(.{{40}})", SOURCE.read_text(encoding="utf-8"), re.M)[1]


def follow_first_citation(page, watch: Watch, start: str, reader: str) -> None:
    page.goto(start)
    link = page.locator(".cite a.para-ref").first
    number = int(link.inner_text().split("–")[0])
    with page.expect_navigation():
        link.click()
    assert page.url == f"{reader}#para-{number}"
    target = page.locator(f"#para-{number}")
    assert target.is_visible() and target.evaluate("e => e.matches(':target')")
    assert first_words(number) in " ".join(target.locator("[lang=en]").inner_text().split())
    back = target.locator(".cited-on a").first
    with page.expect_navigation():
        back.click()
    assert page.url.split("#")[0] != reader
    watch.check(start)


@pytest.mark.parametrize("lang, start", [("en", "assembly/"), ("ru", "ru/torture/"), ("kk", "kk/defenders/")])
def test_citation_opens_its_paragraph_and_back(page, site_url, watch, lang, start):
    prefix = "" if lang == "en" else f"{lang}/"
    follow_first_citation(page, watch, f"{site_url}/{start}", f"{site_url}/{prefix}sources/ngo-2022/")


@pytest.mark.parametrize("lang, start", [("en", "assembly.html"), ("ru", "ru/torture.html"), ("kk", "kk/defenders.html")])
def test_citation_opens_its_paragraph_and_back_offline(context, page, offline_copy, lang, start):
    watch = Watch(context, page, allowed_hosts=())
    prefix = "" if lang == "en" else f"{lang}/"
    follow_first_citation(page, watch, (offline_copy / start).as_uri(),
                          (offline_copy / f"{prefix}sources/ngo-2022.html").as_uri())
