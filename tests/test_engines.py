"""The site builds the same under MkDocs and under ProperDocs: every output file is
byte-identical apart from the generator tag (README, "Build engine"); each page is rendered
once per build (counted in the MkDocs build)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, real_data

sys.path.insert(0, str(ROOT / "tools"))
from build_site import ENGINES

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


# The MkDocs build as ``python -m mkdocs build --strict -q`` runs it, counting the renders of
# each page on the way (kzrights/pages/directives.py): prints "<renders> <pages>".
_MKDOCS_COUNTING_RENDERS = """
import collections, logging, sys
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


def _build(engine: str, site: Path) -> tuple[dict[str, bytes], str, set[bytes]]:
    """The engine's files (generator tags replaced, .gz content unpacked), what it printed,
    and the generator tags it wrote."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = (["-c", _MKDOCS_COUNTING_RENDERS, str(site)] if engine == "mkdocs"
               else [*ENGINES[engine], "--strict", "-q", "--site-dir", str(site)])
    result = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{engine}: {result.stdout}{result.stderr}"
    files, generators = {}, set()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".gz":  # the gzip header holds the time of writing
                content = gzip.decompress(content)
            generators.update(_GENERATOR.findall(content))
            files[path.relative_to(site).as_posix()] = _GENERATOR.sub(b"<generator>", content)
    return files, result.stdout, generators


@pytest.fixture(scope="module")
def engine_builds(tmp_path_factory) -> dict[str, tuple[dict[str, bytes], str, set[bytes]]]:
    """Each engine's build of the site (_build)."""
    folder = tmp_path_factory.mktemp("engines")
    return {engine: _build(engine, folder / engine) for engine in sorted(ENGINES)}


@pytest.mark.slow
def test_mkdocs_and_properdocs_build_the_same_site(engine_builds):
    (mkdocs, _, mkdocs_tags), (properdocs, _, properdocs_tags) = engine_builds["mkdocs"], engine_builds["properdocs"]
    assert len(mkdocs) > 100 and "ru/assembly/index.html" in mkdocs
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differing, f"differ between engines: {differing[:10]}"
    # The comparison really saw both engines.
    assert any(b'content="mkdocs-ProperDocs' in tag for tag in properdocs_tags), properdocs_tags
    assert not any(b"ProperDocs" in tag for tag in mkdocs_tags), mkdocs_tags


@pytest.mark.slow
def test_each_page_is_rendered_once_per_build(engine_builds):
    """The check before the build, the source reader's "Cited on" pass and the build share
    one render of each page: the build's own additions (footer, Cite this) come after it."""
    files, printed, _ = engine_builds["mkdocs"]
    renders, pages = map(int, printed.split()[-2:])
    built = len([name for name in files if name.endswith("index.html")])
    assert pages > 150 and built > 150
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
