"""The built site, without a browser: Pagefind's per-language index, nothing loaded from
other hosts, the offline archive in place."""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path

from kzrights.i18n import LANGS

from .conftest import ADDRESS_LINKS, real_data, site_pages

# Written and generated pages are indexed, but not the redirect page of each other symbol
# of a joint document (kzrights/pages/generated.py).
REDIRECTS = sum(len(view.also) for view in real_data().views)
PAGES = len(site_pages()) - REDIRECTS
# Elements and attributes that make the browser fetch something by itself.
FETCHED = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                     r"\b(?:src|href|srcset|data)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def test_pagefind_has_one_index_per_language(built_site: Path):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == \
        {lang: PAGES for lang in LANGS}


def test_only_the_article_is_indexed(built_site: Path):
    redirects = 0
    for html in built_site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if '<meta http-equiv="refresh"' in text:
            assert "data-pagefind-body" not in text, html
            redirects += 1
            continue
        assert text.count("data-pagefind-body") == 1, html
        assert re.search(r'<article class="md-content__inner md-typeset" data-pagefind-body>', text), html
    assert redirects == REDIRECTS * len(LANGS)


def test_what_the_build_adds_to_a_page_is_not_indexed(built_site: Path):
    """The editors' footer and "Cite this" repeat the page's file and title: search leaves
    them out, on every page with them (area and View pages have "Cite this")."""
    data = real_data()
    fragments = sorted((built_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == PAGES * len(LANGS)
    for fragment in fragments:
        lang = fragment.name.split("_", 1)[0]
        raw = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        content = json.loads(raw[raw.index("{"):])["content"]
        for label in ("cite_download", "cite_copy", "last_changed"):
            text = data.label(label, lang).split("{", 1)[0].rstrip(":")
            assert text not in content, (fragment.name, content[:80], text)


def test_no_page_loads_anything_from_another_host(built_site: Path):
    offenders = []
    for html in built_site.rglob("*.html"):
        for match in FETCHED.finditer(ADDRESS_LINKS.sub("", html.read_text(encoding="utf-8"))):
            offenders.append(f"{html.relative_to(built_site)}: {match.group(0)[:120]}")
    for css in built_site.rglob("*.css"):
        if re.search(r"url\(\s*[\"']?(?:https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(str(css.relative_to(built_site)))
    assert not offenders, offenders[:20]


def test_no_lunr_index(built_site: Path):
    assert not (built_site / "search" / "search_index.json").exists()


def test_offline_archive(built_site: Path):
    archives = list((built_site / "download").glob("*.zip"))
    assert len(archives) == 1
    with zipfile.ZipFile(archives[0]) as zf:
        names = zf.namelist()
    folder = archives[0].stem
    assert f"{folder}/index.html" in names and f"{folder}/kk/assembly.html" in names
    assert not any(n.endswith(("/404.html", ".map")) or "/pagefind/" in n for n in names)
