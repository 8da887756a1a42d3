"""Pages made from data or sources rather than written by hand (record pages).

Each maker turns the loaded data into pages for one language: the same language-neutral
path in every language (``views/ccpr-c-130-d-2661-2015.md`` is published at
``/views/ccpr-c-130-d-2661-2015/``, ``/ru/views/…`` and ``/kk/views/…``). A page's
Markdown goes through the same directive, citation and figure rendering as a written
page. Record pages stay out of the navigation tree; they are indexed by search and
listed in the open data.

A maker is registered once in :data:`PAGE_MAKERS`; ``hooks/record_pages.py`` is the
only MkDocs adapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .load import SiteData
from .render.citations import view_title
from .render.text import md_esc

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


def view_placeholder_pages(data: SiteData, lang: str) -> Iterable[GeneratedPage]:
    """A page per View at ``views/<slug>.md``, the target of the register's links.

    A placeholder (title and symbol) for the View pages being written on their own branch:
    it goes when they are merged.
    """
    for view in data.views:
        title = md_esc(view_title(view, data, lang))
        yield GeneratedPage(f"views/{view.slug}.md",
                            f"# {title} {{ #view }}\n\n{md_esc(view.symbol)}\n")


# Makers, in the order their pages are added. Each is ``(data, lang) -> pages``;
# add a new kind of record page here.
PAGE_MAKERS: list[PageMaker] = [view_placeholder_pages]


def generated_pages(data: SiteData, lang: str) -> list[GeneratedPage]:
    """Every generated page of one language; two pages with one path are an error."""
    pages: dict[str, GeneratedPage] = {}
    for make in PAGE_MAKERS:
        for page in make(data, lang):
            if page.path in pages:
                raise ValueError(f"two generated pages at {page.path!r}")
            pages[page.path] = page
    return list(pages.values())
