"""The source reader: the NGO submission's text as a page, one anchor per numbered paragraph.

The introduction, the section list and the "Cited on" lines are in the page's language; the
text itself is the English version and is marked ``lang="en"``. Paragraph ids
(``para-73``) and section ids are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from kzrights.render.links import docs_link
from kzrights.data.load import SOURCE_KEY, SiteData
from kzrights.data.source_text import Paragraph, Section, date_of_line
from kzrights.render.text import esc, esc_format, format_paras, md_esc, time_html


@dataclass(frozen=True)
class CitingPage:
    """A page that cites a paragraph: its path under ``docs/<lang>/``, where on it, its title."""

    path: str
    fragment: str  # the id of the row or section that cites first; "" for the page itself
    title: str


def _source_line(line: str) -> str:
    """A line of the source outside its paragraphs; a date line as a ``<time>`` element."""
    iso = date_of_line(line)
    return f'<p><time datetime="{iso}">{esc(line)}</time></p>' if iso else f"<p>{esc(line)}</p>"


def _cited_on(pages: list[CitingPage], data: SiteData, lang: str) -> str:
    links = ", ".join(f'<a href="{esc(docs_link(p.path, p.fragment))}">{esc(p.title)}</a>'
                      for p in pages)
    return f'<p class="cited-on">{esc(data.label("cited_on", lang))} {links}</p>'


def _paragraph(para: Paragraph, cited: list[CitingPage], data: SiteData, lang: str) -> str:
    anchor = f"para-{para.number}"
    parts = [f'<div class="source-para" id="{anchor}">',
             f'<a class="para-link" href="#{anchor}" title="{esc(data.label("para_self_link", lang))}">'
             f"¶&nbsp;{para.number}</a>",
             '<div class="para-text" lang="en">',
             *(f"<p>{esc(block)}</p>" for block in para.blocks),
             "</div>"]
    if cited:
        parts.append(_cited_on(cited, data, lang))
    return "\n".join([*parts, "</div>"])


def _section_list(data: SiteData, lang: str) -> str:
    """The sections with their paragraphs, and the page of this site that explains each."""
    explained = {heading: area for area in data.areas.values() for heading in area.source_sections}
    items = []
    for section in data.source.sections:
        numbers = [p.number for p in data.source.in_section(section)]
        item = (f'<li><a href="#{section.id}" lang="en">{esc(section.title)}</a> '
                f"({esc(format_paras(numbers, data, lang))})")
        if area := explained.get(section.title):
            item += (f'. {esc(data.label("reader_explained_on", lang))} '
                     f'<a href="{esc(docs_link(area.page))}">{esc(area.title(lang))}</a>')
        items.append(item + "</li>")
    return '<ol class="reader-sections">\n' + "\n".join(items) + "\n</ol>"


def _section(section: Section, cited_on: dict[int, list[CitingPage]], data: SiteData,
             lang: str) -> list[str]:
    out = [f"## {md_esc(section.title)} {{ #{section.id} lang=en }}", ""]
    for para in data.source.in_section(section):
        out += [_paragraph(para, cited_on.get(para.number, []), data, lang), ""]
    return out


def render_source_reader(data: SiteData, lang: str, cited_on: dict[int, list[CitingPage]]) -> str:
    """The reader page's Markdown in one language; ``cited_on`` lists the pages citing each
    paragraph (:func:`kzrights.pages.cited_on.paragraph_citations`)."""
    source, record = data.source, data.documents[SOURCE_KEY]
    # The label is filled, then only its own text escaped: escaping it first turns its
    # "{date}" into "&#123;date&#125;", which no longer matches and is shown as text.
    intro = esc_format(data.label("reader_intro", lang),
                       date=time_html(record.date, lang) if record.date else "")
    out = [f"# {md_esc(data.label('reader_title', lang))} {{ #{SOURCE_KEY} }}", "",
           f'<p class="reader-intro">{intro}</p>', "",
           f"## {md_esc(data.label('reader_sections', lang))} {{ #sections }}", "",
           _section_list(data, lang), "",
           f"## {md_esc(data.label('reader_text', lang))} {{ #text }}", "",
           '<div class="reader-preamble" lang="en">',
           f"<p><strong>{esc(source.title)}</strong></p>",
           *map(_source_line, source.preamble), "</div>", ""]
    for section in source.sections:
        out += _section(section, cited_on, data, lang)
    if source.closing:
        out += ['<div class="reader-closing" lang="en">', *map(_source_line, source.closing),
                "</div>", ""]
    return "\n".join(out)
