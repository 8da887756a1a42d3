"""Escaping and small text helpers shared by the renderers."""

from __future__ import annotations

import re
import string

from kzrights.i18n import format_date, format_figure_value, format_period
from kzrights.render.links import para_link
from kzrights.data.load import SiteData
from kzrights.data.models import FIGURE_REF, Figure, Person, View
from kzrights.data.symbols import SYMBOL_IN_TEXT

# HTML's specials, and every character Markdown (with this site's extensions) acts on
# inside a line: links, images, emphasis, code, attribute lists, table cells, line breaks.
_INLINE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                         **{c: f"&#{ord(c)};" for c in "\\`*_[]{}|\n\r"}})
# At the start of a line Markdown also reads headings, lists, quotes and definitions.
_LINE = _INLINE | str.maketrans({c: f"&#{ord(c)};" for c in "#+-.!:=~^()"})
_TAG = re.compile(r"(<[^>]*>)")
_NO_SYMBOL_SPANS = ("code", "pre", "script", "style", "title", "textarea")


def esc(text: object) -> str:
    """Text made inert for HTML (content and quoted attributes), SVG and inline Markdown.

    Every renderer's text goes through here: renderer output is inserted into a page's
    Markdown, so a data text or an interface label can never become a link, an image,
    markup or a new block, whatever it holds.
    """
    return str(text).translate(_INLINE)


def md_esc(text: str) -> str:
    """Text made inert where it may start a Markdown line (list items, table cells)."""
    return str(text).translate(_LINE)


def join_names(names: list[str], data: SiteData, lang: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the page's language."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {data.label('and', lang)} {names[-1]}"


def person_names(people: list[Person], data: SiteData, lang: str) -> str:
    """Names in the page's script, each with its spelling variants: ``Esergepov (Yesergepov)``."""
    return join_names([f"{p(lang)} ({', '.join(p.aliases)})" if p.aliases else p(lang) for p in people],
                      data, lang)


def view_title(view: View, data: SiteData, lang: str, *, spellings: bool = False) -> str:
    """``Sviridov v. Kazakhstan`` in the page's language and script; with ``spellings``, each
    author's other spellings in brackets (``Esergepov (Yesergepov) v. Kazakhstan``)."""
    names = (person_names(view.authors, data, lang) if spellings
             else join_names([p(lang) for p in view.authors], data, lang))
    return data.label("view_title", lang).format(authors=names)


def _para_runs(paras: list[int]) -> list[tuple[int, int]]:
    """``[5, 30, 31, …, 38, 73, 74]`` -> ``[(5, 5), (30, 38), (73, 73), (74, 74)]``: runs of
    three or more collapse into a range."""
    runs: list[list[int]] = []
    for n in sorted(set(paras)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    collapsed: list[tuple[int, int]] = []
    for run in runs:
        collapsed += [(run[0], run[-1])] if len(run) > 2 else [(n, n) for n in run]
    return collapsed


def _run_text(first: int, last: int) -> str:
    return f"{first}–{last}" if last > first else str(first)


def format_paras(paras: list[int], data: SiteData, lang: str) -> str:
    """``para. 5`` / ``paras. 5, 74`` with consecutive runs collapsed (``30–38``)."""
    name = "para_one" if len(paras) == 1 else "para_many"
    return data.label(name, lang).format(n=", ".join(_run_text(*run) for run in _para_runs(paras)))


def link_paras(paras: list[int], data: SiteData, lang: str) -> str:
    """:func:`format_paras` as HTML, each number linked to its paragraph on the source reader.

    A range (``30–38``) is one link, to its first paragraph.
    """
    links = ", ".join(f'<a class="para-ref" href="{esc(para_link(first))}">{_run_text(first, last)}</a>'
                      for first, last in _para_runs(paras))
    name = "para_one" if len(paras) == 1 else "para_many"
    before, _, after = data.label(name, lang).partition("{n}")
    return f"{esc(before)}{links}{esc(after)}"


def fill_figures(text: str, data: SiteData, lang: str) -> str:
    """Put the figures a data text names as ``{{ fig:key }}`` into it (plain text)."""
    return FIGURE_REF.sub(lambda m: format_figure(data.figures[m["key"]], lang), text)


def text_with_figures(text: str, data: SiteData, lang: str) -> str:
    """Escape a data text and put in the figures it names as ``{{ fig:key }}``."""
    parts = FIGURE_REF.split(text)  # text, key, text, key, …, text
    return "".join(esc(format_figure(data.figures[part], lang)) if i % 2 else esc(part)
                   for i, part in enumerate(parts))


def format_figure(figure: Figure, lang: str) -> str:
    """A figure's value with its unit and qualifier, as the page's language writes it."""
    return format_figure_value(figure.value, figure.unit, figure.qualifier, lang)


def esc_format(template: str, escape=esc, **html: str) -> str:
    """Fill a label's ``{placeholders}`` with HTML or Markdown, escaping only the label's own text."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(escape(literal))
        if name is not None:
            out.append(html[name])
    return "".join(out)


def time_html(iso: str, lang: str) -> str:
    """A date as ``<time datetime="YYYY-MM-DD">`` written the language's way (every date on the site)."""
    return f'<time datetime="{esc(iso)}">{esc(format_date(iso, lang))}</time>'


def period_html(start: str | None, end: str | None, lang: str) -> str:
    """A date or a range of dates in ``<time>`` elements; empty when the source gives none."""
    return format_period(start, end, lang, time_html)


def keep_symbols_whole(page_html: str) -> str:
    """Wrap UN document symbols in the text of a page in ``<span class="un-symbol">`` (CSS
    keeps each on one line); tags, attributes and code are left as they are."""
    parts, closed_by = _TAG.split(page_html), None
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            if name and name[1].lower() in _NO_SYMBOL_SPANS:
                closed_by = None if part.startswith("</") else name[1].lower()
        elif closed_by is None and part:
            parts[i] = SYMBOL_IN_TEXT.sub(r'<span class="un-symbol">\g<0></span>', part)
    return "".join(parts)
