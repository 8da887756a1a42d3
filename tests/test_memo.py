"""Remembered results: bounded, and a change to anything a result read is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

from kzrights.data.load import load_site, load_site_cached
from kzrights.data.memo import Remembered
from kzrights.pages.directives import render_page_once

ROOT = Path(__file__).resolve().parent.parent


def test_a_store_keeps_at_most_its_size():
    store: Remembered[int] = Remembered(maxsize=3)
    made = []
    for key in range(10):
        store.get(key, lambda reads, key=key: made.append(key) or key)
    assert len(store) == 3
    assert store.get(9, lambda reads: -1) == 9       # the newest are kept
    assert store.get(0, lambda reads: -1) == -1      # the oldest went first


def test_a_changed_read_is_a_miss(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.md").write_text("one", encoding="utf-8")
    store: Remembered[str] = Remembered(maxsize=4)

    def make(reads):
        reads.folder(folder)
        return (folder / "a.md").read_text(encoding="utf-8")

    assert store.get("k", make) == "one"
    (folder / "a.md").write_text("two, longer", encoding="utf-8")
    assert store.get("k", make) == "two, longer"
    (folder / "b.md").write_text("new page", encoding="utf-8")  # a new file is a change too
    calls = []
    store.get("k", lambda reads: calls.append(1) or make(reads))
    assert calls == [1]


def test_the_translation_status_render_follows_the_pages(tmp_path):
    """The directive that reads docs/ says so: its page is rendered again after an edit."""
    for part in ("data", "docs", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    data = load_site(tmp_path / "data")
    page = "# Status { #status }\n\n<!-- translation-status of=pages -->\n"
    before = render_page_once(page, "en", data)
    assert "Outdated" not in before.split("about.md")[1].split("\n")[0]
    english = tmp_path / "docs" / "en" / "about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    after = render_page_once(page, "en", data)
    assert "Outdated" in after.split("about.md")[1].split("\n")[0]


def test_a_new_load_is_a_new_generation(tmp_path):
    for part in ("data", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    first = load_site_cached(tmp_path / "data")
    assert load_site_cached(tmp_path / "data") is first
    figures = tmp_path / "data" / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = load_site_cached(tmp_path / "data")
    assert second is not first and second.generation > first.generation
