"""No page shows a label's ``{placeholder}`` as text (issue 19, item 10).

The source reader's introduction said "dated {date}" in every language: its label was
escaped before the date was put in. The renderer now fills, then escapes; the build fails
on any page that shows a ``{name}``, written as characters or as entities.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzrights.data.load import load_site
from kzrights.i18n import LANGS, format_date
from kzrights.render.source_reader import render_source_reader
from kzrights.render.text import esc_format
from kzrights.site.placeholders import shown_placeholders

from .conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def data():
    return load_site(ROOT / "data")


@pytest.mark.parametrize("lang", LANGS)
def test_reader_intro_shows_the_date(data, lang):
    markdown = render_source_reader(data, lang, {})
    intro = next(line for line in markdown.splitlines() if 'class="reader-intro"' in line)
    date = format_date(data.documents["ngo-2022"].date, lang)
    assert f'<time datetime="2022-12-18">{date}</time>' in intro
    assert "{" not in intro and "&#123;" not in intro and "date}" not in intro, intro
    assert shown_placeholders(intro) == []


def test_esc_format_escapes_the_label_not_the_values():
    out = esc_format("<b>{name}</b> & {{braces}} [link](x)", name="<i>ok</i>")
    assert out == "&lt;b&gt;<i>ok</i>&lt;/b&gt; &amp; &#123;braces&#125; &#91;link&#93;(x)"
    # Escaping first, the way the reader's introduction did, loses the placeholder.
    assert shown_placeholders("<p>" + "dated &#123;date&#125;" + "</p>") == ["dated {date}"]


@pytest.mark.parametrize("html, found", [
    ("<p>dated {date}, on which</p>", ["dated {date}, on which"]),
    ("<p>dated &#123;date&#125;</p>", ["dated {date}"]),
    ("<p>dated &#x7B;date&#x7D;</p>", ["dated {date}"]),
    ("<p>dated &lbrace;date&rbrace;</p>", ["dated {date}"]),
    ('<a title="Views adopted on {date}" href="#">x</a>', ["Views adopted on {date}"]),
    ('<img alt="{n} documents" src="a.png">', ["{n} documents"]),
    ('<meta name="description" content="dated &#123;date&#125;">', ["dated {date}"]),
    ('<button aria-label="Copy {what}">x</button>', ["Copy {what}"]),
    ("<svg><text>{label}</text></svg>", ["{label}"]),
    ("<p>{date}</p><p>{date}</p>", ["{date}"]),  # reported once
])
def test_placeholders_shown_as_text(html, found):
    assert shown_placeholders(html) == found


@pytest.mark.parametrize("html", [
    # The site's scripts fill their own templates from data attributes.
    '<table data-filter-count="Showing &#123;shown&#125; of &#123;total&#125;"></table>',
    "<script>const t = '{shown} of {total}';</script>",
    "<style>.a{color:red}</style>",
    "<p>Write figures as <code>{date}</code> or <code>{{ fig:key }}</code>.</p>",
    "<pre><code>reader_intro: dated {date}</code></pre>",
    "<p>used in pages as {{ fig:key }}; a set {1, 2}; JSON {}</p>",
    "<p>18 December 2022</p>",
])
def test_not_placeholders(html):
    assert shown_placeholders(html) == []


def test_no_built_page_shows_a_placeholder(built_site: Path):
    shown = {}
    for path in sorted(built_site.rglob("*.html")):
        if "download" not in path.relative_to(built_site).parts:
            if found := shown_placeholders(path.read_text(encoding="utf-8")):
                shown[path.relative_to(built_site).as_posix()] = found
    assert shown == {}


def test_a_planted_placeholder_fails_the_build(tmp_path):
    """A page that shows ``&#123;date&#125;`` stops the build, naming the page; the
    previous site stays. (English only, no offline copy: a few seconds.)"""
    copy_project(tmp_path, stand_in_site=True)
    about = tmp_path / "docs" / "en" / "about.md"
    text = about.read_text(encoding="utf-8")
    title_end = text.index("\n", text.index("# ")) + 1
    about.write_text(text[:title_end] + "\nDated &#123;date&#125; here.\n" + text[title_end:],
                     encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "tools/build_site.py", "--no-offline", "--lang", "en"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "docs/en/about.md: shows a placeholder as text: 'Dated {date} here.'" in result.stderr, result.stderr[-2000:]
    assert result.stderr.count("Dated {date} here.") == 1, result.stderr[-2000:]
    assert (tmp_path / "site" / "marker.txt").read_text(encoding="utf-8") == "the good site"
