"""Every page of the built site, in every language, at 320 px: neither the page nor any
table scrolls sideways (issue 19, item 9).

The pages are those of the built folder, not a list: every written and generated page
(View pages included), the source reader and the 404 page. A table fails when it reaches
past the screen, when it or a box around it scrolls or clips sideways (Material puts
Markdown tables in a scrolling box), or when a cell reaches past the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import site_pages
from .conftest import LANGS, page_url

WIDTH = 320
PHONE = {"width": WIDTH, "height": 640}

MEASURE = """() => {
  const W = document.scrollingElement.clientWidth, problems = [];
  if (document.scrollingElement.scrollWidth > W)
    problems.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth} px wide`);
  document.querySelectorAll("article table").forEach((table, i) => {
    const head = [...table.querySelectorAll("th")].map(th => th.textContent.trim()).join(" | ").slice(0, 60);
    const name = `table ${i + 1} (${head})`;
    const r = table.getBoundingClientRect();
    if (r.left < -0.5 || r.right > W + 0.5)
      problems.push(`${name} reaches from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
    for (let box = table; box && box.tagName !== "ARTICLE"; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible" && box.scrollWidth > box.clientWidth + 1) {
        problems.push(`${name} scrolls sideways in <${box.tagName.toLowerCase()} class="${box.className}">: ` +
                      `${box.scrollWidth} px in ${box.clientWidth} px`);
        break;
      }
    }
    for (const cell of table.querySelectorAll("td, tbody th")) {
      const c = cell.getBoundingClientRect();
      if (c.width && (c.left < -0.5 || c.right > W + 0.5)) {
        problems.push(`${name}: a cell reaches to ${Math.round(c.right)} px: ${cell.textContent.trim().slice(0, 40)}`);
        break;
      }
    }
  });
  return {problems, tables: document.querySelectorAll("article table").length};
}"""


def built_pages(site: Path, lang: str) -> tuple[list[str], set[str]]:
    """Every page of a language in the built folder as a URL path, and the redirects (the
    joint symbols' View pages), which are left out."""
    others = [other for other in LANGS if other != "en"]
    pages, redirects = [], set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in ("download", "assets", "pagefind"):
            continue
        if (rel.parts[0] if rel.parts[0] in others else "en") != lang:
            continue
        url = "/" + rel.as_posix().removesuffix("index.html")
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            redirects.add(url)
        else:
            pages.append(url)
    return pages, redirects


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("lang", LANGS)
def test_no_table_scrolls_sideways_at_320_px(page, site_url, built_site, lang):
    urls, redirects = built_pages(built_site, lang)
    # Every page of the sources (written and generated) is among them.
    expected = {page_url(lang, page.removesuffix(".md")) for page in site_pages()}
    assert not expected - set(urls) - redirects, sorted(expected - set(urls) - redirects)
    page.set_viewport_size(PHONE)
    found, tables = {}, 0
    for url in urls:
        page.goto(site_url + url, wait_until="load")
        result = page.evaluate(MEASURE)
        tables += result["tables"]
        if result["problems"]:
            found[url] = result["problems"]
    assert tables > 0
    assert found == {}, "\n".join(f"{url}: {p}" for url, problems in found.items() for p in problems)
