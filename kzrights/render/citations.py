"""Citations: ``[@key]`` or ``[@key, para. 34]`` in prose, and the page's sources list."""

from __future__ import annotations

import re

from kzrights.i18n import UN_DOC_LANG
from kzrights.render.links import READER_PAGE, docs_link
from kzrights.data.load import SOURCE_KEY, SiteData
from kzrights.data.models import MAX_PARA, Document, View
from kzrights.data.symbols import normalise_symbol, slug, undocs_url
from kzrights.render.text import esc, format_paras, link_paras, time_html, view_title

_LOCATOR = re.compile(r"^(?:paras?\.?|пп?\.)\s*(?P<list>\d+(?:\s*(?:[-–]|,)\s*\d+)*)$")


def parse_locator(text: str, limit: int = MAX_PARA) -> list[int]:
    """``para. 34`` (or ``п. 34``) -> [34]; ``paras. 30-32, 35`` -> [30, 31, 32, 35].

    Every number is checked against ``limit`` (the document's paragraph count) before a
    range is built, and repeats collapse, so no locator can ask for millions of paragraphs.
    """
    match = _LOCATOR.match(text.strip())
    if not match:
        raise ValueError(f"unknown locator {text.strip()!r}: write `para. 34` or `paras. 30-38`")
    paras: set[int] = set()
    for part in match["list"].split(","):
        bounds = re.split(r"\s*[-–]\s*", part.strip())
        for bound in bounds:
            if len(bound) > len(str(limit)) or not 1 <= int(bound) <= limit:
                raise ValueError(f"para. {bound} does not exist: paragraphs run from 1 to {limit}")
        start, end = int(bounds[0]), int(bounds[-1])
        if end < start:
            raise ValueError(f"paragraph range {part.strip()!r} runs backwards")
        paras.update(range(start, end + 1))
    return sorted(paras)


def source_anchor(key: str) -> str:
    """The fragment id of a source in the sources list, identical in every language."""
    return f"src-{slug(key)}"


def _document_title(doc: Document, data: SiteData, lang: str) -> str:
    """A document's title; an article's title names its law and number when it does not."""
    title = doc.title(lang)
    if doc.kind == "article" and doc.article not in title:
        law = data.documents[doc.law].title(lang)
        return f"{data.label('article_of', lang).format(law=law, article=doc.article)}. {title}"
    return title


def _document_entry(doc: Document, data: SiteData, lang: str) -> str:
    title = _document_title(doc, data, lang)
    parts = [esc(title)]
    if doc.date and not (len(doc.date) == 4 and doc.date in title):  # "Law … (2009), 2009"
        parts.append(time_html(doc.date, lang))
    text = ", ".join(parts)
    text += "" if text.endswith(".") else "."
    if doc.kind == "un":
        hreflang = UN_DOC_LANG[lang]
        text += (f' <a href="{esc(undocs_url(doc.key, lang))}" hreflang="{hreflang}">'
                 f"{esc(doc.key)}</a>")
    elif doc.url:
        text += f' <a href="{esc(doc.url)}">{esc(doc.url)}</a>'
    if doc.key == SOURCE_KEY:
        text += f' <a href="{esc(docs_link(READER_PAGE))}">{esc(data.label("reader_link", lang))}</a>'
    return text


def _view_entry(view: View, data: SiteData, lang: str) -> str:
    """A View in a sources list: its title, its UN symbol linked (or its page, without a
    symbol), the NGO's other spellings beside it, and whether the document was read."""
    entry = f"{esc(view_title(view, data, lang))}."
    if view.symbol:
        entry += (f' <a href="{esc(undocs_url(view.symbol, lang))}" hreflang="{UN_DOC_LANG[lang]}">'
                  f"{esc(view.symbol)}</a>")
    else:
        numbers = data.label("cite_communications", lang).format(numbers=", ".join(view.numbers))
        entry += f' <a href="{esc(docs_link(f"views/{view.slug}.md"))}">{esc(numbers)}</a>'
    spellings = [a for p in view.authors for a in p.aliases]
    if spellings:
        entry += (f' ({esc(data.label("field_ngo_spelling", lang))}: '
                  f'<span lang="en">{esc(", ".join(spellings))}</span>)')
    if view.read != "header":
        entry += f' <span class="kz-unread">{esc(data.label("register_unread_" + view.read, lang))}</span>'
    return entry


class PageCitations:
    """Numbers the sources of one page in order of first citation."""

    def __init__(self, data: SiteData, lang: str):
        self.data, self.lang = data, lang
        self.numbers: dict[str, int] = {}
        self.places: dict[str, list[str]] = {}  # key -> ids of its markers, for back-links

    def cite(self, body: str) -> str:
        """Render the inside of ``[@…]``: ``key[, locator][; @key[, locator]]…``."""
        pieces = []
        for item in body.split(";"):
            item = item.strip()
            if not item.startswith("@"):
                raise ValueError(f"each citation starts with @: {item!r}")
            key, _, locator = item[1:].partition(",")
            key = normalise_symbol(key)
            if not self.data.is_citable(key):
                raise ValueError(f"unknown citation key {key!r} (add it to data/documents.yaml)")
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            where = ""
            if locator.strip():
                limit = getattr(self.data.documents.get(key), "paragraphs", None) or MAX_PARA
                paras = parse_locator(locator, limit)
                where = format_paras(paras, self.data, self.lang)
                # The submission's paragraphs link to their text on the source reader.
                where_html = (link_paras(paras, self.data, self.lang) if key == SOURCE_KEY
                              else esc(where))
            places = self.places.setdefault(key, [])
            places.append(f"cite-{slug(key)}-{len(places) + 1}")
            tip = ", ".join(filter(None, [self._title(key), where]))
            text = (f'<a href="#{source_anchor(key)}" id="{places[-1]}">{number}'
                    f'<span class="cite-tip">{esc(tip)}</span></a>')
            pieces.append(text + (", " + where_html if where else ""))
        # Search snippets leave the markers out (Pagefind).
        return f'<span class="cite" data-pagefind-ignore>[{"; ".join(pieces)}]</span>'

    def _title(self, key: str) -> str:
        """The source as a marker's tip names it (the main source by its short name)."""
        doc = self.data.documents.get(key)
        if doc and doc.kind == "source":
            return self.data.label("source_short", self.lang)
        return (_document_title(doc, self.data, self.lang) if doc
                else view_title(self.data.views_by_symbol[key], self.data, self.lang))

    def _back_links(self, key: str) -> str:
        """Links back to every place the source is cited on the page."""
        label = self.data.label("cited_at", self.lang)
        links = " ".join(f'<a href="#{place}" aria-label="{esc(label.format(n=n))}">{n}</a>'
                         for n, place in enumerate(self.places[key], 1))
        return f' <span class="cite-backs" data-pagefind-ignore><span aria-hidden="true">↑</span> {links}</span>'

    def sources_list(self) -> str:
        """The numbered list of every source cited on the page."""
        items = []
        for key in self.numbers:
            doc = self.data.documents.get(key)
            entry = (_document_entry(doc, self.data, self.lang) if doc
                     else _view_entry(self.data.views_by_symbol[key], self.data, self.lang))
            items.append(f'<li id="{source_anchor(key)}">{entry}{self._back_links(key)}</li>')
        return '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"
