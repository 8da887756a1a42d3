"""Two builds of the same commit, one by ProperDocs and one by MkDocs, are byte-identical
apart from the pages' generator tag (README, "Build engine"), archive entries included;
no page or script the pages load names another host to load code from."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

import brotli
import pytest
import yaml

from .conftest import ADDRESS, ADDRESS_LINKS, ROOT, run_build
from .test_build_safety import tree

# Absolute URLs that the scripts the pages load contain without loading anything from them.
NOT_LOADED = {
    "api.github.com": "Material's repository facts: only with repo_url, which mkdocs.yml does not set",
    "example.com": "Pagefind resolves relative result URLs against it",
    "www.w3.org": "XML namespace names",
    "clipboardjs.com": "a licence comment",
}
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
UNPACK = {".gz": gzip.decompress, ".br": brotli.decompress}
RESOURCE = re.compile(r'<(?:script|img|iframe|link|source|embed|object|audio|video|track)\b[^>]*?'
                      r'\s(?:src|href|data)="([^"]*)"', re.IGNORECASE)


def without_generator(name: str, content: bytes, tags: set[bytes]) -> bytes:
    """A page's HTML (a .gz or .br copy unpacked) without its generator tag, which goes
    into ``tags``; any other file may not differ between the builds."""
    assert name.endswith((".html", ".html.gz", ".html.br")), f"differs between the builds: {name}"
    if name.endswith(tuple(UNPACK)):
        content = UNPACK[name[-3:]](content)
    tags.update(GENERATOR.findall(content))
    return GENERATOR.sub(b"", content)


def archive(path: Path) -> tuple[list[tuple], list[bytes]]:
    """A ZIP's entries (name, date, mode, compression), in order, and their contents."""
    with zipfile.ZipFile(path) as zf:
        entries = zf.infolist()
        return ([(e.filename, e.date_time, e.external_attr, e.compress_type) for e in entries],
                [zf.read(e) for e in entries])


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site, tmp_path):
    """The shared build (ProperDocs, the default) and one with ``--engine mkdocs``: every file
    is the same but the pages' generator tag, in their .gz and .br copies and in the offline
    archive too, whose entries keep their names, order, dates and modes."""
    again = tmp_path / "site"
    result = run_build("--engine", "mkdocs", "--site-dir", str(again), site_url=ADDRESS)
    assert result.returncode == 0, result.stderr
    first, second = tree(built_site), tree(again)
    assert first.keys() == second.keys() and "ru/assembly/index.html" in first
    differing = [name for name in first if first[name] != second[name]]
    properdocs_tags, mkdocs_tags = set(), set()
    for name in differing:
        if name.endswith(".zip"):
            (entries, contents), (entries_again, contents_again) = archive(built_site / name), archive(again / name)
            assert entries == entries_again, name
            for (entry, *_), content, content_again in zip(entries, contents, contents_again):
                if content != content_again:
                    assert (without_generator(entry, content, properdocs_tags)
                            == without_generator(entry, content_again, mkdocs_tags)), entry
        else:
            assert (without_generator(name, (built_site / name).read_bytes(), properdocs_tags)
                    == without_generator(name, (again / name).read_bytes(), mkdocs_tags)), name
    # The comparison really saw both engines.
    assert any(b'content="mkdocs-ProperDocs' in tag for tag in properdocs_tags), properdocs_tags
    assert mkdocs_tags and not any(b"ProperDocs" in tag for tag in mkdocs_tags), mkdocs_tags


def test_archive_entries_have_fixed_dates_and_order(built_site):
    (archive,) = (built_site / "download").glob("*.zip")
    with zipfile.ZipFile(archive) as zf:
        entries = zf.infolist()
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    dates = {e.date_time for e in entries}
    assert len(dates) == 1
    if commit.returncode == 0 and "SOURCE_DATE_EPOCH" not in os.environ:
        made = time.gmtime(int(commit.stdout))
        assert dates == {(*made[:5], made[5] // 2 * 2)}  # ZIP dates count seconds in twos
    assert {e.external_attr >> 16 for e in entries} == {0o644}
    names = [e.filename for e in entries[1:]]  # README.txt first, then sorted paths
    assert entries[0].filename.endswith("/README.txt") and names == sorted(names, key=lambda n: n.split("/"))


def loaded_scripts(site: Path) -> set[Path]:
    """Every script file a page of the site loads: <script src>, and Pagefind's."""
    scripts = set(site.glob("pagefind/pagefind.js")) | set(site.glob("pagefind/pagefind-worker.js"))
    for page in site.rglob("*.html"):
        for src in re.findall(r'<script\b[^>]*\ssrc="([^"]+)"', page.read_text(encoding="utf-8")):
            scripts.add((site / src[1:] if src.startswith("/") else page.parent / src).resolve())
    return scripts


def test_nothing_loads_code_from_another_host(built_site):
    assert "repo_url" not in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#").replace("!ENV", "#"))
    for page in built_site.rglob("*.html"):
        for url in RESOURCE.findall(ADDRESS_LINKS.sub("", page.read_text(encoding="utf-8"))):
            assert "//" not in url and ":" not in url.split("/")[0], f"{page}: {url}"
    scripts = loaded_scripts(built_site)
    assert any(p.name.startswith("bundle.") for p in scripts) and len(scripts) >= 5, scripts
    for script in scripts:
        for host in set(re.findall(r"https?://([a-z0-9.-]+)", script.read_text(encoding="utf-8"))):
            assert host in NOT_LOADED, f"{script.relative_to(built_site)} names {host}"
    polyfill = built_site / "assets" / "javascripts" / "resize-observer-polyfill.js"
    assert "ResizeObserver" in polyfill.read_text(encoding="utf-8")
