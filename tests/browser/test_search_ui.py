"""The header search box (Pagefind): inflected queries, one language per index, the
keyboard, and the Kazakh stemmer in the browser agreeing with kzrights.site.search."""

from __future__ import annotations

import re

import pytest

from kzrights.site.search import query_variants

from ..test_search import LEXEMES
from .conftest import Watch
from .one_tab import open_module_tab, tab_context, tab_page  # noqa: F401  (one tab for the module)

INPUT = ".md-search__input"
FIRST = ".md-search-result__item > a.md-search-result__link:first-child"
NO_RESULTS = {"en": "No matching documents", "ru": "Совпадений не найдено",
              "kk": "Сәйкес құжат табылмады"}


def search(page, query: str) -> list[str]:
    """Type ``query`` into the header box; the result page URLs, best first."""
    box = page.locator(INPUT)
    box.click()
    # fill() of Cyrillic fires "input" but no keyup; site.js listens to "input", and
    # End is the keyup a person's typing would end with.
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        """(query) => window.kzSearch.lastShown === query""", arg=query.strip())
    return [a.get_attribute("href") for a in page.locator(FIRST).all()]


@pytest.mark.parametrize("start, query, expected", [
    # Russian: Pagefind's Russian stemmer matches other cases and numbers
    ("/ru/assembly/", "пыткам", "/ru/torture/"),
    ("/ru/", "собраниях", "/ru/assembly/"),
    # Kazakh: case, plural and possessive endings cut off by the site's stemmer
    ("/kk/", "жиналыстарға", "/kk/assembly/"),
    ("/kk/torture/", "жиналысты", "/kk/assembly/"),
    ("/kk/", "азаптауға", "/kk/torture/"),
    # English
    ("/", "torture", "/torture/"),
    ("/assembly/", "picketing", "/assembly/"),
])
def test_expected_page_comes_first(page, site_url, watch: Watch, start, query, expected):
    page.goto(site_url + start)
    results = search(page, query)
    assert results, f"{query!r} on {start}: no results"
    assert results[0] == expected, f"{query!r} on {start}: {results}"
    watch.check(start)


@pytest.mark.parametrize("start, query", [
    ("/ru/assembly/", "2022"), ("/ru/", "CCPR"),
    ("/kk/assembly/", "2022"), ("/kk/", "CCPR"),
    ("/assembly/", "2022"), ("/", "CCPR"),
])
def test_results_stay_in_the_page_language(page, site_url, start, query):
    """Words that every language has: a page's search returns only its language."""
    page.goto(site_url + start)
    results = search(page, query)
    assert len(results) >= 3, results
    lang = page.evaluate("document.documentElement.lang")
    for url in results:
        in_lang = url.startswith(f"/{lang}/") if lang != "en" else not url.startswith(("/ru/", "/kk/"))
        assert in_lang, f"{lang} page, {query!r}: {url} in {results}"


def test_titles_links_and_excerpts(page, site_url):
    page.goto(site_url + "/ru/")
    search(page, "пикетов")
    first = page.locator(".md-search-result__item").first
    assert first.locator(".kz-search-result__title").inner_text().strip()
    assert first.locator("p mark").count() >= 1
    sections = first.locator("a.md-search-result__link + a.md-search-result__link")
    for href in [a.get_attribute("href") for a in sections.all()]:
        assert href.startswith("/ru/") and "#" in href


@pytest.mark.parametrize("lang, start", [("en", "/"), ("ru", "/ru/"), ("kk", "/kk/")])
def test_no_results_says_so(page, site_url, lang, start):
    page.goto(site_url + start)
    assert search(page, "qzxjvw") == []
    assert page.locator(".md-search-result__meta").inner_text().strip() == NO_RESULTS[lang]


def test_keyboard(page, site_url):
    page.goto(site_url + "/kk/assembly/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked()
    results = search(page, "азаптау")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + results[0])


def test_kazakh_stemmer_in_the_browser_matches_python(page, site_url):
    page.goto(site_url + "/kk/")
    queries = [w for forms in LEXEMES.values() for w in forms] + [
        "бейбіт жиналыстарға", "«ҮЕҰ-лардың» баяндамасы,", "405-бап", "CCPR/C/KAZ/CO/2",
        "Қазақстандағы азаматтық бостандығы құқықтары", "  ", "Алматыда 2022 жылы"]
    browser = page.evaluate("qs => qs.map(q => window.kzSearch.kazakh.queryVariants(q))", queries)
    assert dict(zip(queries, browser)) == {q: query_variants(q) for q in queries}


def test_other_languages_are_not_stemmed(page, site_url):
    page.goto(site_url + "/ru/")
    assert page.evaluate("window.kzSearch.kazakh") is None


@pytest.mark.parametrize("start, query", [("/", "Kazakhstan"), ("/ru/", "Казахстане"),
                                          ("/kk/", "Қазақстан")])
def test_all_results_are_shown_and_snippets_have_no_citation_markers(page, site_url, start, query):
    page.goto(site_url + start)
    search(page, query)
    assert page.evaluate("window.kzSearch.firstBatch") == 3  # then ten more when scrolled to
    for _ in range(10):
        if page.evaluate("window.kzSearch.complete"):
            break
        page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    results = [a.get_attribute("href") for a in page.locator(FIRST).all()]
    count = page.locator(".md-search-result__meta").inner_text()
    assert len(results) > 10, f"{query!r}: {len(results)} results shown"
    assert str(len(results)) in count, (count, len(results))
    snippets = page.locator(".md-search-result__article p").all_inner_texts()
    assert snippets
    for snippet in snippets:
        # A marker reads "[1, para. 5]", "[2; 1, п. 5]", "[3]" (a table's "para. 5" is text).
        assert not re.search(r"\[\d+[,;\]]", snippet), snippet
