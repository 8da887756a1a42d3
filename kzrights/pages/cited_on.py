"""Which pages cite each paragraph of the submission: the "Cited on" lists of the source reader.

Each page is rendered as the build renders it (:func:`kzrights.pages.directives.render_page_once`), and
every link to a paragraph in the result counts: citations in the prose (``[@ngo-2022,
para. 73]``) and the paragraphs that tables and charts show from the data (a case's, a View's,
a figure's). So the list holds exactly the pages that link to the paragraph, whatever
renders the link. A range (``30–38``) links its first paragraph and cites all of them.
"""

from __future__ import annotations

import re
from pathlib import Path

from kzrights.pages.directives import DirectiveError, render_page_once
from kzrights.render.links import READER_PAGE
from kzrights.render.source_reader import CitingPage
from kzrights.data.load import SiteData
from kzrights.data.translation import FRONT_MATTER

_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*\{\s*#[A-Za-z][\w-]*[^}]*\}\s*$")
# A heading with its explicit id (``## Cases { #cases }``).
HEADING = re.compile(r"^#{1,6}\s.*\{\s*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$")
_ROW_OR_LINK = re.compile(rf'<tr id="(?P<row>[^"]+)"|href="docs:{re.escape(READER_PAGE)}#para-(?P<n>\d+)"'
                          r'[^>]*>(?:\d+–(?P<last>\d+)</a>)?')  # a range links its first


def page_title(markdown: str) -> str:
    """The text of a page's ``# Title { #id }`` heading ("" when it has none)."""
    for line in markdown.splitlines():
        if match := _TITLE.match(line):
            return match["title"]
    return ""


def _links_to_paragraphs(rendered: str) -> list[tuple[int, str]]:
    """(paragraph, id of the table row or else the section it is in) for every paragraph a
    link stands for (each of a range's), in order."""
    found: list[tuple[int, str]] = []
    section = ""
    for line in rendered.split("\n"):
        if heading := HEADING.match(line):
            section = heading["id"]
        row = ""
        for match in _ROW_OR_LINK.finditer(line):
            if match["row"]:
                row = match["row"]
            else:
                last = int(match["last"] or match["n"])
                found += [(n, row or section) for n in range(int(match["n"]), last + 1)]
    return found


def paragraph_citations(data: SiteData, lang: str, pages: dict[str, str]) -> dict[int, list[CitingPage]]:
    """Paragraph number -> the pages linking to it, each once (where it first does), in the
    order of ``pages``: a path under ``docs/<lang>/`` -> that page's Markdown in ``lang``.

    The reader itself is left out, and so is a page that does not render: the build reports
    its error, with its line, when it renders that page.
    """
    index: dict[int, dict[str, CitingPage]] = {}
    for path, markdown in pages.items():
        if path == READER_PAGE:
            continue
        markdown = FRONT_MATTER.sub("", markdown)
        try:
            rendered = render_page_once(markdown, lang, data)  # the build's render
        except DirectiveError:
            continue
        title = page_title(markdown) or path
        for para, fragment in _links_to_paragraphs(rendered):
            index.setdefault(para, {}).setdefault(path, CitingPage(path, fragment, title))
    return {para: list(by_page.values()) for para, by_page in sorted(index.items())}


def written_pages(docs_lang_dir: Path) -> dict[str, str]:
    """Path under ``docs/<lang>/`` -> Markdown, for every written page of one language."""
    return {path.relative_to(docs_lang_dir).as_posix(): path.read_text(encoding="utf-8-sig")
            for path in sorted(docs_lang_dir.rglob("*.md"))}
