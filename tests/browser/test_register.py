"""The Views register in Chromium: filters by area, article invoked and year of adoption
show exactly the rows the data says, on the site and in the offline copy; without
JavaScript the whole table is there; axe-core finds nothing with the filters shown."""

from __future__ import annotations

import pytest

from kzrights.data.models import article_number

from ..conftest import real_data
from .conftest import LANGS, Watch
from .one_tab import open_module_tab, tab_context, tab_page  # noqa: F401  (one tab for the module)
from .test_pages import violations

DATA = real_data()  # loaded once per test process
ROWS = "table.kz-register tbody tr"


def register_path(lang: str) -> str:
    return "/covenant/" if lang == "en" else f"/{lang}/covenant/"


def offline_file(folder, lang: str):
    return folder / ("covenant.html" if lang == "en" else f"{lang}/covenant.html")


def found(view, finding: str) -> bool:
    """Whether a View's finding, as read, is the one a choice of the finding filter names."""
    if finding == "not-read":
        return view.finding is None
    if finding.startswith("violation-"):
        return (view.finding is not None and view.finding.outcome == "violation"
                and finding.split("-", 1)[1] in {article_number(a) for a in view.finding.articles})
    return view.finding is not None and view.finding.outcome == finding


def matching(area: str = "", article: str = "", year: str = "", finding: str = "") -> list[str]:
    """Row ids of the Views the data says match, in register order."""
    return [v.anchor for v in DATA.views
            if (not area or area in v.areas)
            and (not article or article in {article_number(a) for a in v.articles_invoked})
            and (not year or (v.adopted or "")[:4] == year)
            and (not finding or found(v, finding))]


def article_and_area() -> tuple[str, str]:
    """An article and an area that, together, show fewer rows than either alone (else the
    narrowest pair that shows any)."""
    articles = sorted({article_number(a) for v in DATA.views for a in v.articles_invoked})
    areas = sorted({a for v in DATA.views for a in v.areas})
    pairs = [(article, area) for article in articles for area in areas if matching(area, article)]
    assert pairs, "no View has both an article invoked and an area: nothing to filter on"
    narrowing = [p for p in pairs
                 if len(matching(p[1], p[0])) < min(len(matching(article=p[0])), len(matching(area=p[1])))]
    return min(narrowing or pairs, key=lambda p: (len(matching(p[1], p[0])), p))


def shown(page) -> list[str]:
    """Ids of the register rows a reader sees (laid out, not just present)."""
    return page.eval_on_selector_all(ROWS, "rows => rows.filter(r => r.getClientRects().length)"
                                     ".map(r => r.id)")


def choose(page, lang: str, filter_name: str, value: str) -> None:
    page.get_by_label(DATA.label(f"filter_{filter_name}", lang), exact=True).select_option(value)


def count_text(lang: str, count: int) -> str:
    return DATA.label("filter_count", lang).format(shown=count, total=len(DATA.views))


def check_filters(page, lang: str) -> None:
    article, area = article_and_area()
    assert shown(page) == matching()
    status = page.locator(".kz-filters__count")
    assert status.get_attribute("aria-live") == "polite"
    choose(page, lang, "article", article)
    assert shown(page) == matching(article=article)
    choose(page, lang, "area", area)
    assert shown(page) == matching(area, article), (article, area)
    assert status.inner_text() == count_text(lang, len(matching(area, article)))
    page.get_by_role("button", name=DATA.label("filter_clear", lang), exact=True).click()
    assert shown(page) == matching()
    assert status.inner_text() == count_text(lang, len(DATA.views))


@pytest.mark.parametrize("lang", LANGS)
def test_filter_by_article_and_area(page, site_url, watch: Watch, lang):
    page.goto(site_url + register_path(lang))
    check_filters(page, lang)
    assert page.locator(".sort-hint").first.is_visible()  # tablesort.js still finds its hint
    watch.check(register_path(lang))


def test_filter_by_year_with_the_keyboard(page, site_url):
    years = sorted({v.adopted[:4] for v in DATA.views if v.adopted}, reverse=True)
    assert years, "no View has an adoption date"
    page.goto(site_url + register_path("en"))
    page.get_by_label(DATA.label("filter_year", "en"), exact=True).focus()
    page.keyboard.press("ArrowDown")  # the newest year, first after "All"
    assert shown(page) == matching(year=years[0])


def test_the_views_adopted_after_the_submission_are_marked(page, site_url):
    page.goto(site_url + register_path("en"))
    later = [v for v in DATA.views if v.adopted and v.adopted > "2022-12-18"]
    assert later, "the register lists no View adopted after the submission"
    for view in later:
        row = page.locator(f"#{view.anchor}")
        assert DATA.label("register_after_submission", "en") in row.inner_text()


def test_without_javascript_the_whole_register_is_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + register_path("ru"))
    assert shown(page) == matching()
    assert page.locator(".kz-filters").count() == 0
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_with_the_filters_shown(page, site_url, lang):
    page.goto(site_url + register_path(lang))
    article, area = article_and_area()
    choose(page, lang, "article", article)
    choose(page, lang, "area", area)
    report = violations(page)
    assert not report, f"{register_path(lang)} filtered\n{report}"


@pytest.mark.parametrize("lang", LANGS)
def test_offline_copy_filters_and_sorts(context, page, offline_copy, lang):
    watch = Watch(context, page, allowed_hosts=())
    url = offline_file(offline_copy, lang).as_uri()
    page.goto(url)
    check_filters(page, lang)
    # Sorting by adoption date, from disk too: oldest first, rows without a date first.
    page.locator("table.kz-register thead button", has_text=DATA.label("col_adopted", lang)).click()
    dates = page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.cells[3].dataset.sort)")
    assert dates == sorted(v.adopted or "" for v in DATA.views)
    first = DATA.views[0]
    page.locator(f"#{first.anchor} a").first.click()
    assert page.url.endswith(f"views/{first.slug}.html")
    watch.stop()  # the module's tab goes on to the next test
    watch.check(url)


@pytest.mark.parametrize("lang", LANGS)
def test_filter_by_what_the_committee_found(page, site_url, watch: Watch, lang):
    """The finding filter shows exactly the rows whose finding, as read, is the one chosen:
    a violation of an article, a partial reading, nothing read; with the article invoked
    filter, both apply. The articles invoked never count as a finding."""
    page.goto(site_url + register_path(lang))
    status = page.locator(".kz-filters__count")
    options = page.get_by_label(DATA.label("filter_finding", lang), exact=True).locator("option")
    values = options.evaluate_all("options => options.map(o => o.value)")
    assert values[0] == "" and {"violation", "violation-21", "partial", "not-read"} <= set(values)
    for finding in ("violation-21", "violation", "partial", "not-read"):
        choose(page, lang, "finding", finding)
        assert shown(page) == matching(finding=finding), finding
        assert status.inner_text() == count_text(lang, len(matching(finding=finding)))
    # invoked article 19 and a violation of article 21 found, together
    choose(page, lang, "article", "19")
    choose(page, lang, "finding", "violation-21")
    assert shown(page) == matching(article="19", finding="violation-21")
    assert matching(article="19", finding="violation-21") != matching(article="19")
    # a row whose finding was not read is never among the violations, whatever it invoked
    invoked_21 = {v.anchor for v in DATA.views if "21" in {article_number(a) for a in v.articles_invoked}}
    assert invoked_21 - set(matching(finding="violation-21"))
    page.get_by_role("button", name=DATA.label("filter_clear", lang), exact=True).click()
    assert shown(page) == matching()
    watch.check(register_path(lang))
