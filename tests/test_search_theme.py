"""The Material templates the site copies (base.html, partials/header.html,
partials/nav-item.html, partials/toc.html) differ from the pinned Material only by the changes listed here
(among them: page titles and metadata escaped). After a Material upgrade this test
fails until the copies are regenerated:

    python -m tests.test_search_theme        # rewrites overrides/base.html and header.html
"""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

GENERATED = """{#-
  This file was automatically generated - do not edit
-#}
"""


def note(what: str) -> str:
    return ("{#-\n  Copy of Material for MkDocs' " + what + ", changed only as listed in\n"
            "  tests/test_search_theme.py (the test fails if the copy drifts from the pinned\n"
            "  Material; `python -m tests.test_search_theme` regenerates it).\n-#}\n")


# (old, new, count): each old text must occur exactly ``count`` times in Material's template.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        (GENERATED, note("base.html")),
        # The Nu checker rejects autocomplete on checkboxes; site.js resets both toggles
        # on pageshow instead (which is what autocomplete="off" was there for).
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
        # Pagefind indexes the article only, not navigation and chrome.
        ('<article class="md-content__inner md-typeset">',
         '<article class="md-content__inner md-typeset" data-pagefind-body>'),
        # Scripts run after the page is parsed (first paint is not held up by them), in
        # document order: site.js (overrides/main.html), the bundle, extra_javascript.
        ("<script src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\"></script>",
         "<script defer src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\"></script>"),
        # Page metadata is escaped (the front matter keys are limited too:
        # kzrights/data/page_source.py). A page's title is HTML with entities (MkDocs takes
        # it from the h1): striptags reads it as text, e writes it as HTML again.
        ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"'),
        ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"'),
        ("<title>{{ page.meta.title }} -", "<title>{{ page.meta.title | e }} -"),
        ("<title>{{ page.title | striptags }} -", "<title>{{ page.title | striptags | e }} -"),
    ],
    "partials/header.html": [
        (GENERATED, note("partials/header.html")),
        # The search box is always there (Pagefind, not the search plugin).
        ("""    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
""", """    <label class="md-header__button md-icon" for="__search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% include "partials/search.html" %}
"""),
        # Page metadata escaped, as in base.html.
        ("              {{ page.meta.title }}\n", "              {{ page.meta.title | e }}\n"),
        ("              {{ page.title }}\n", "              {{ page.title | striptags | e }}\n"),
    ],
    "partials/nav-item.html": [
        (GENERATED, note("partials/nav-item.html")),
        # Section labels (navigation.sections) got tabindex="", which is not an integer
        # (Nu checker error); no attribute at all is what was meant.
        ('id="{{ path }}_label" tabindex="{{ tabindex }}">',
         'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>', 2),
        # Page titles and metadata escaped, as in base.html.
        ("    {{ nav_item.title }}\n", "    {{ nav_item.title | striptags | e }}\n"),
        ("<small>{{ nav_item.meta.subtitle }}</small>", "<small>{{ nav_item.meta.subtitle | e }}</small>"),
    ],
    "partials/toc.html": [
        (GENERATED, note("partials/toc.html")),
        # The __toc toggle exists only in the navigation; a page outside it (a generated
        # record page, kzrights/pages/generated.py) would point its label at nothing (Nu checker error).
        ('<label class="md-nav__title" for="__toc">',
         '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>'),
    ],
}


def expected(name: str) -> str:
    text = (MATERIAL / name).read_text(encoding="utf-8")
    for old, new, *count in CHANGES[name]:
        times = count[0] if count else 1
        assert text.count(old) == times, f"{name}: Material changed, cannot find {times}x:\n{old}"
        text = text.replace(old, new)
    return text


def test_base_copy_matches_material():
    assert (OVERRIDES / "base.html").read_text(encoding="utf-8") == expected("base.html")


def test_header_copy_matches_material():
    name = "partials/header.html"
    assert (OVERRIDES / name).read_text(encoding="utf-8") == expected(name)


def test_nav_item_copy_matches_material():
    name = "partials/nav-item.html"
    assert (OVERRIDES / name).read_text(encoding="utf-8") == expected(name)


def test_toc_copy_matches_material():
    name = "partials/toc.html"
    assert (OVERRIDES / name).read_text(encoding="utf-8") == expected(name)


def test_search_plugin_is_off():
    """Material's lunr search would fetch one mixed-language index on every page."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - search\n" not in config and "material/search" not in config


if __name__ == "__main__":
    for name in CHANGES:
        (OVERRIDES / name).parent.mkdir(parents=True, exist_ok=True)
        (OVERRIDES / name).write_text(expected(name), encoding="utf-8")
        print("wrote", OVERRIDES / name)
