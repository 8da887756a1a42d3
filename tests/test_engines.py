"""The site builds the same under MkDocs and under ProperDocs: every output file is
byte-identical apart from the generator tag (README, "Build engine")."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from build_site import ENGINES

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(engine: str, site: Path) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, *ENGINES[engine], "--strict", "-q", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{engine}: {result.stdout}{result.stderr}"
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".gz":  # the gzip header holds the time of writing
                content = gzip.decompress(content)
            files[path.relative_to(site).as_posix()] = _GENERATOR.sub(b"<generator>", content)
    return files


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    outputs = {engine: _build(engine, tmp_path / engine) for engine in sorted(ENGINES)}
    mkdocs, properdocs = outputs["mkdocs"], outputs["properdocs"]
    assert len(mkdocs) > 100 and "ru/assembly/index.html" in mkdocs
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differing, f"differ between engines: {differing[:10]}"
    page = (tmp_path / "properdocs" / "ru" / "assembly" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in page  # the comparison really saw both engines


_COUNT_RENDERS = """
import collections, sys
from kzrights.pages import directives
renders = collections.Counter()
render_page = directives.render_page
def counted(markdown, lang, data, **options):
    renders[lang, markdown] += 1
    return render_page(markdown, lang, data, **options)
directives.render_page = counted
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
print(sum(renders.values()), len(renders))
"""


def test_each_page_is_rendered_once_per_build(tmp_path):
    """The check before the build, the source reader's "Cited on" pass and the build share
    one render of each page: the build's own additions (footer, Cite this) come after it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-c", _COUNT_RENDERS, str(tmp_path / "site")], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    renders, pages = map(int, result.stdout.split())
    built = len(list((tmp_path / "site").rglob("index.html")))
    assert pages > 150 and built > 150
    assert renders == pages, f"{renders} renders of {pages} pages"


def test_pages_render_under_plain_python_markdown():
    """The rendering needs no generator: Python-Markdown with the extension makes the tables,
    citations and sources list of a page, in the language it is told."""
    import markdown

    from kzrights.data.load import load_site

    data = load_site(ROOT / "data")
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
