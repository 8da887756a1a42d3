"""Two builds of the same commit are byte-identical, archive entries included; no page
or script the pages load names another host to load code from."""

from __future__ import annotations

import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

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
RESOURCE = re.compile(r'<(?:script|img|iframe|link|source|embed|object|audio|video|track)\b[^>]*?'
                      r'\s(?:src|href|data)="([^"]*)"', re.IGNORECASE)


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = tmp_path / "site"
    result = run_build("--site-dir", str(again), site_url=ADDRESS)
    assert result.returncode == 0, result.stderr
    first, second = tree(built_site), tree(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


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
