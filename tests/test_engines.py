"""The page rendering under the generators: each page is rendered once per build (counted
in a MkDocs build), and a page renders under plain Python-Markdown with no generator at
all (README, "Build engine"). That MkDocs and ProperDocs build the same site, byte for
byte apart from the generator tag, is tests/test_reproducible.py's check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT, real_data

# The MkDocs build as ``python -m mkdocs build --strict -q`` runs it, counting the renders of
# each page on the way (kzrights/pages/directives.py): prints "<renders> <pages>".
_MKDOCS_COUNTING_RENDERS = """
import collections, sys
from kzrights.pages import directives
renders = collections.Counter()
render_page = directives.render_page
def counted(markdown, lang, data, **options):
    renders[lang, markdown] += 1
    return render_page(markdown, lang, data, **options)
directives.render_page = counted
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-q", "--site-dir", sys.argv[1]])
except SystemExit as exit:
    if exit.code:
        raise
print(sum(renders.values()), len(renders))
"""


@pytest.mark.slow
def test_each_page_is_rendered_once_per_build(tmp_path):
    """The check before the build, the source reader's "Cited on" pass and the build share
    one render of each page: the build's own additions (footer, Cite this) come after it.
    The check renders every language; the build here makes English, the default, and
    Kazakh (``KZ_LANGS=kk``), so both kinds of language build share its renders."""
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KZ_LANGS="kk")
    result = subprocess.run([sys.executable, "-c", _MKDOCS_COUNTING_RENDERS, str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    renders, pages = map(int, result.stdout.split()[-2:])
    built = len(list(site.rglob("index.html")))
    assert pages > 150 and built > 150 and (site / "kk" / "assembly" / "index.html").is_file()
    assert renders == pages, f"{renders} renders of {pages} pages"


def test_pages_render_under_plain_python_markdown():
    """The rendering needs no generator: Python-Markdown with the extension makes the tables,
    citations and sources list of a page, in the language it is told."""
    import markdown

    data = real_data()
    area = data.areas["assembly"]
    text = (ROOT / "docs" / "ru" / area.page).read_text(encoding="utf-8")
    html = markdown.markdown(
        text, extensions=["kzrights.pages.mdext", "attr_list", "md_in_html", "tables", "toc",
                          "admonition", "pymdownx.superfences"],
        extension_configs={"kzrights.pages.mdext": {"lang": "ru", "data_dir": ROOT / "data"}})
    case = next(c for c in data.cases if "assembly" in c.areas)
    assert f'id="{case.anchor}"' in html and case.title("ru") in html
    assert 'id="sources"' in html and data.label("sources", "ru") in html
    assert "<!-- cases" not in html and "[@" not in html
