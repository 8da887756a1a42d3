"""Under ``serve`` an edit reaches the pages that show it, and only those: a data value, an
English page (and the translation-status page, which reads every page), a Russian page.
The plugin keeps one instance across rebuilds, so this is where a remembered result that
ignores what it read would show a stale page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape

import pytest

from .conftest import copy_project


pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, predicate, what: str, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = _get(url)
        if html and predicate(html):
            return html
        time.sleep(0.2)
    raise AssertionError(f"{url}: {what} did not appear within {timeout:.0f} s")


def _status_row(html: str, page: str) -> str:
    """The translation-status table row of one page."""
    for row in re.findall(r"<tr>.*?</tr>", html, re.S):
        if re.search(rf">{re.escape(page)}</a>", unescape(row)):
            return unescape(row)
    raise AssertionError(f"no row for {page}")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml",
         "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_serve_shows_each_edit_on_the_right_pages(served):
    project, base = served
    en_about = _wait_for(f"{base}/about/", lambda h: "</html>" in h, "the first build")
    assert _wait_for(f"{base}/translation-status/", lambda h: "<table" in h, "the status page")
    before = _status_row(_get(f"{base}/translation-status/"), "about.md")
    assert "Up to date" in before

    # 1. A data value: the figure of 2021 threats on the defenders page, in every language.
    figures = project / "data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    assert "  value: 1586\n" in text
    figures.write_text(text.replace("  value: 1586\n", "  value: 1687\n", 1), encoding="utf-8")
    _wait_for(f"{base}/defenders/", lambda h: "1,687" in h and "1,586" not in h, "the new figure")
    ru = _wait_for(f"{base}/ru/defenders/", lambda h: "1586" not in h.replace("\u00a0", "").replace(" ", ""),
                   "the new figure in Russian")
    assert "1687" in ru.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")

    # 2. An English page: its own page changes, its translations are now outdated.
    marker_en = "Serve test marker in English."
    about = project / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{marker_en}\n", encoding="utf-8")
    _wait_for(f"{base}/about/", lambda h: marker_en in h, "the English edit")
    status = _wait_for(f"{base}/translation-status/", lambda h: "Outdated" in _status_row(h, "about.md"),
                       "the outdated state on the status page")
    assert "Up to date" not in _status_row(status, "about.md")
    assert "Устарел" in _status_row(_get(f"{base}/ru/translation-status/"), "about.md")
    assert marker_en not in _get(f"{base}/ru/about/")

    # 3. A Russian page: only the Russian page changes.
    marker_ru = "Проверочная строка для serve."
    ru_about = project / "docs" / "ru" / "about.md"
    ru_about.write_text(ru_about.read_text(encoding="utf-8") + f"\n{marker_ru}\n", encoding="utf-8")
    _wait_for(f"{base}/ru/about/", lambda h: marker_ru in h, "the Russian edit")
    assert marker_ru not in _get(f"{base}/about/")
    assert marker_ru not in _get(f"{base}/kk/about/")
    assert en_about != _get(f"{base}/about/")  # the English edit is still there


def test_the_editors_preview_rebuilds_after_a_save(tmp_path):
    """``tools/build_site.py --serve`` (what CONTRIBUTING teaches) rebuilds after a save
    under data/, and keeps serving the previous site until the new one is in place."""
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "preview.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "tools/build_site.py", "--serve", "--no-offline", "--lang", "en",
         "--port", str(port), "--site-dir", str(tmp_path / "site")],
        cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/defenders/", lambda h: "1,586" in h, "the first build")
        figures = project / "data" / "figures.yaml"
        figures.write_text(figures.read_text(encoding="utf-8").replace("  value: 1586\n", "  value: 1687\n", 1),
                           encoding="utf-8")
        _wait_for(f"{base}/defenders/", lambda h: "1,687" in h and "1,586" not in h, "the rebuilt page")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
