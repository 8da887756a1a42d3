"""Pages made from data or sources rather than written by hand (record pages).

Each maker turns the loaded data into pages for one language: the same language-neutral
path in every language (``views/ccpr-c-130-d-2661-2015.md`` is published at
``/views/ccpr-c-130-d-2661-2015/``, ``/ru/views/…`` and ``/kk/views/…``). A page's
Markdown goes through the same directive, citation and figure rendering as a written
page. Record pages stay out of the navigation tree; they are indexed by search and
listed in the open data.

A maker is registered once in :data:`PAGE_MAKERS`; ``kzrights/plugin.py`` is the
only MkDocs adapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from kzrights.pages.cited_on import paragraph_citations, written_pages
from kzrights.render.links import READER_PAGE
from kzrights.data.load import SiteData
from kzrights.data.memo import Reads, Remembered
from kzrights.render.source_reader import render_source_reader
from kzrights.render.view_page import render_view_page, render_view_redirect, view_page_path
from kzrights.data.symbols import symbol_slug

_PATH = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*\.md$")


@dataclass(frozen=True)
class GeneratedPage:
    """One page in one language: its path under ``docs/<lang>/`` and its Markdown."""

    path: str
    markdown: str

    def __post_init__(self) -> None:
        if not _PATH.match(self.path):
            raise ValueError(f"generated page path {self.path!r}: lower-case slugs ending in .md")


PageMaker = Callable[[SiteData, str], Iterable[GeneratedPage]]


def source_reader(data: SiteData, lang: str) -> Iterable[GeneratedPage]:
    """The submission's text, each paragraph listing the pages (written or generated) citing it."""
    pages = written_pages(data.root / "docs" / lang)
    for make in PAGE_MAKERS:
        if make is not source_reader:
            pages.update((page.path, page.markdown) for page in make(data, lang))
    yield GeneratedPage(READER_PAGE, render_source_reader(data, lang, paragraph_citations(data, lang, pages)))


def view_pages(data: SiteData, lang: str) -> Iterable[GeneratedPage]:
    """A page per View or decision; each other symbol of a joint document redirects to it."""
    for view in data.views:
        yield GeneratedPage(view_page_path(view.slug), render_view_page(view, data, lang))
        for symbol in view.also:
            slug = symbol_slug(symbol)
            yield GeneratedPage(view_page_path(slug), render_view_redirect(view, slug, symbol, data, lang))


# Makers, in the order their pages are added. Each is ``(data, lang) -> pages``;
# add a new kind of record page here.
PAGE_MAKERS: list[PageMaker] = [view_pages, source_reader]


def generated_pages(data: SiteData, lang: str) -> tuple[GeneratedPage, ...]:
    """Every generated page of one language; two pages with one path are an error.

    Made once per build and language (the check before the build and the build itself ask
    for them), again when the data or a written page of the language has changed: the
    source reader lists the written pages citing each paragraph."""
    return _GENERATED.get((data.generation, lang), lambda reads: _generated_pages(data, lang, reads))


def _generated_pages(data: SiteData, lang: str, reads: Reads) -> tuple[GeneratedPage, ...]:
    reads.folder(data.root / "docs" / lang)  # the source reader lists the written pages citing it
    pages: dict[str, GeneratedPage] = {}
    for make in PAGE_MAKERS:
        for page in make(data, lang):
            if page.path in pages:
                raise ValueError(f"two generated pages at {page.path!r}")
            pages[page.path] = page
    return tuple(pages.values())


_GENERATED: Remembered[tuple[GeneratedPage, ...]] = Remembered(maxsize=8)  # (generation, lang)
