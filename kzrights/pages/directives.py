"""Find directives, citations and figures in a page's Markdown and render them.

Block directives are HTML comments on a line of their own (``<!-- cases area=assembly -->``),
so a page stays readable where the comments are not rendered. Inline: ``[@key, para. 34]``
citations and ``{{ fig:key }}`` figures. Code blocks and code spans are left alone. Any
unknown directive, argument, key or figure, anything that looks like a directive but is
not one, and any citation or figure syntax left unconverted is an error naming the line;
:class:`DirectiveError` lists every problem of the page.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kzrights.data.labels import series_label
from kzrights.data.load import SiteData
from kzrights.data.memo import Reads, Remembered
from kzrights.data.models import FIGURE_REF
from kzrights.render.opendata import render_downloads
from kzrights.render.charts import render_bar_chart
from kzrights.render.citations import PageCitations
from kzrights.render.tables import (render_area_cards, render_case_table, render_figure_table,
                            render_glossary, render_views_table)
from kzrights.render.status import render_page_status, render_record_status
from kzrights.render.text import esc, format_figure
from kzrights.data.schema import schema_markdown
from kzrights.data.translation import translation_status

# A comment's first word and the rest of it, to tell a directive with a typo from a note.
_COMMENT = re.compile(r"<!--\s*(?P<name>[A-Za-z][\w-]*)(?P<rest>(?:(?!-->).)*)")
_ARG_LIKE = re.compile(r"\w\s*=")
# Citation and figure syntax that survived conversion (a typo such as `[ @key]`, `{{fig:x}`).
_LEFTOVER = re.compile(r"\[\s*@|\{\{|\}\}")
_BLOCK = re.compile(r"^<!--\s*(?P<name>[a-z][a-z-]*)(?P<args>(?:\s+[a-z]+=[^\s=]+)*)\s*-->\s*$")
_ARG = re.compile(r"([a-z]+)=([^\s=]+)")
_CITE = re.compile(r"\[(?P<body>@[^\][]+)\]")  # no "[" inside: linear on "[@[@[@…"
_PLACEHOLDER = re.compile(r"\{\{(?P<body>(?:[^{}]|\{(?!\{)|\}(?!\}))*+)\}\}")  # linear
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_HEADING = re.compile(r"^#{1,6}\s")
_HEADING_ID = re.compile(r"\{\s*#[A-Za-z][\w-]*(?:\s+[^{}]*)?\}\s*$")  # no "{" inside: linear

SOURCES_HEADING = "## {title} {{ #sources }}"

# The build's own additions to a page (its footer for editors, "Cite this") follow this
# line, already Markdown: they are not rendered as the page, so the page's own render,
# made once by the check before the build, is reused as it is (:func:`render_page_once`).
AFTER_PAGE = "<!-- after-page -->"


class DirectiveError(ValueError):
    """Every problem of a page, each at a line of its Markdown (1-based).

    ``problems`` lists ``(line, message)`` in page order; ``line`` and ``message`` are the
    first of them.
    """

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        self.line, self.message = problems[0]
        super().__init__("\n".join(f"line {line}: {message}" for line, message in problems))


def _area(data: SiteData, args: dict[str, str]) -> str:
    area = args["area"]
    if area not in data.areas:
        raise ValueError(f"unknown area {area!r}; known: {', '.join(data.areas)}")
    return area


def _series(data: SiteData, args: dict[str, str]) -> str:
    series = args["series"]
    if not any(f.series == series for f in data.figures.values()):
        raise ValueError(f"unknown figure series {series!r}")
    if series_label(series) not in data.labels:
        raise ValueError(f"figure series {series!r} has no title: add `{series_label(series)}: "
                         "{en: …, ru: …, kk: …}` to data/labels.yaml")
    return series


def _views(data: SiteData, lang: str, args: dict[str, str]) -> str:
    if not args:
        return render_views_table(data, lang)
    area = _area(data, args)
    return render_views_table(data, lang, [v for v in data.views if area in v.areas],
                              data.label("views_caption", lang))


@dataclass(frozen=True)
class PageFacts:
    """What a block may need to know about the rest of its page."""

    has_register: bool  # the page shows the full Views register: list each View once
    docs_dir: Path | None = None  # the pages' folder, for blocks that report on the pages
    reads: Reads | None = None  # where a block declares what it reads beyond the data


def _schema(data: SiteData, lang: str) -> str:
    """The data formats, generated from the models; their words are English in every language."""
    note = "" if lang == "en" else f"{esc(data.label('schema_note', lang))}\n\n"
    return f'{note}<div lang="en" markdown>\n\n{schema_markdown(site=True)}\n</div>'


def _translation_status(data: SiteData, lang: str, args: dict[str, str], page: PageFacts) -> str:
    if args["of"] not in ("pages", "data"):
        raise ValueError(f"write of=pages or of=data, not of={args['of']}")
    if page.docs_dir is None:
        raise ValueError("directive 'translation-status' needs the docs folder (docs_dir=)")
    if page.reads is not None:
        page.reads.folder(page.docs_dir)  # it reads every written page
    render = render_page_status if args["of"] == "pages" else render_record_status
    return render(translation_status(page.docs_dir, data), data, lang)


# name -> (required args, optional args, renderer)
Block = Callable[[SiteData, str, dict[str, str], PageFacts], str]
BLOCKS: dict[str, tuple[set[str], set[str], Block]] = {
    "cases": ({"area"}, set(), lambda d, lang, a, page: render_case_table(
        d, lang, _area(d, a), with_views=not page.has_register)),
    "views": (set(), {"area"}, lambda d, lang, a, page: _views(d, lang, a)),
    "figures": ({"series"}, set(), lambda d, lang, a, page: render_figure_table(d, lang, _series(d, a))),
    "chart": ({"series"}, set(), lambda d, lang, a, page: render_bar_chart(d, lang, _series(d, a))),
    "glossary": (set(), set(), lambda d, lang, a, page: render_glossary(d, lang)),
    "areas": (set(), set(), lambda d, lang, a, page: render_area_cards(d, lang)),
    "downloads": (set(), set(), lambda d, lang, a, page: render_downloads(d, lang)),
    "schema": (set(), set(), lambda d, lang, a, page: _schema(d, lang)),
    "translation-status": ({"of"}, set(), lambda d, lang, a, page: _translation_status(d, lang, a, page)),
}


def _block(match: re.Match[str], data: SiteData, lang: str, page: PageFacts) -> str:
    name = match["name"]
    if name not in BLOCKS:
        known = ", ".join(sorted([*BLOCKS, "sources"]))
        raise ValueError(f"unknown directive {name!r}; known: {known}")
    required, optional, render = BLOCKS[name]
    args = dict(_ARG.findall(match["args"]))
    if missing := required - args.keys():
        raise ValueError(f"directive {name!r} needs {', '.join(sorted(missing))}=…")
    if extra := args.keys() - required - optional:
        raise ValueError(f"directive {name!r} does not take {', '.join(sorted(extra))}=")
    return render(data, lang, args, page)


def _inline(text: str, data: SiteData, lang: str, citations: PageCitations) -> str:
    def figure(match: re.Match[str]) -> str:
        fig = FIGURE_REF.fullmatch(match[0])
        if not fig:
            raise ValueError(f"unknown placeholder {match[0]!r}: write {{{{ fig:key }}}}")
        if fig["key"] not in data.figures:
            raise ValueError(f"unknown figure {fig['key']!r} (data/figures.yaml)")
        return esc(format_figure(data.figures[fig["key"]], lang))

    out, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        out.append(text[last:span.start()])
        out.append(span[0])
        last = span.end()
    out.append(text[last:])
    for i in range(0, len(out), 2):  # even items are outside code spans
        part = _PLACEHOLDER.sub(figure, out[i])
        out[i] = _CITE.sub(lambda m: citations.cite(m["body"]), part)
        if leftover := _LEFTOVER.search(out[i]):
            raise ValueError(f"{leftover[0]!r} is not a citation or figure this page can show: "
                             "write [@key, para. N] or {{ fig:key }}")
    return "".join(out)


def _check_directive_like(line: str) -> None:
    """A comment that looks like a directive (its first word is a directive's name in any
    case or nearly, or it holds ``name=``) must be one, alone on its line, well formed."""
    names = [*BLOCKS, "sources"]
    for match in _COMMENT.finditer(line):
        name = match["name"].lower()
        looks_like = (name in names or difflib.get_close_matches(name, names, n=1, cutoff=0.75)
                      or _ARG_LIKE.search(match["rest"]))
        if looks_like and not _BLOCK.match(line):
            raise ValueError(f"malformed directive {line.strip()[:80]!r}: write it alone on its "
                             "line in lower case, as <!-- cases area=assembly --> "
                             "(no spaces around =)")


def render_page(markdown: str, lang: str, data: SiteData, *, first_line: int = 1,
                docs_dir: Path | None = None, reads: Reads | None = None) -> str:
    """Replace every directive, citation and figure; append the sources list if anything is cited.

    ``first_line`` is the line number of the first Markdown line in the file (after front
    matter), so errors name the line an editor sees. ``docs_dir`` (the folder holding
    ``en/``, ``ru/``, ``kk/``) is needed only by ``<!-- translation-status -->``; blocks that
    read more than the data declare it in ``reads``.
    """
    citations = PageCitations(data, lang)
    lines = markdown.split("\n")
    page = PageFacts(has_register=any(
        (m := _BLOCK.match(line)) and m["name"] == "views" and not m["args"].strip() for line in lines),
        docs_dir=docs_dir, reads=reads)
    out: list[str] = []
    problems: list[tuple[int, str]] = []
    fence: str | None = None
    sources_at: int | None = None
    for number, line in enumerate(lines, start=first_line):
        try:
            if fence_match := _FENCE.match(line):
                fence = None if fence == fence_match[1] else (fence or fence_match[1])
                out.append(line)
                continue
            if fence:
                out.append(line)
                continue
            _check_directive_like(line)
            block = _BLOCK.match(line)
            if line.strip() == AFTER_PAGE:
                raise ValueError(f"{AFTER_PAGE} is reserved for the build's additions to a page")
            if not block and "<!--" in _CODE_SPAN.sub("", line):
                raise ValueError("HTML comments are not allowed in pages, only the site's own "
                                 "directives alone on a line (<!-- cases area=assembly -->): "
                                 "a browser may read a comment differently; write notes for "
                                 "editors in the pull request")
            if block and block["name"] == "sources":
                sources_at = len(out)
                out.append("")
            elif block:
                out.extend(["", _block(block, data, lang, page), ""])
            else:
                if _HEADING.match(line) and not _HEADING_ID.search(line):
                    raise ValueError("heading without an explicit id: end it with "
                                     "{ #id }, the same id in all three languages")
                out.append(_inline(line, data, lang, citations))
        except ValueError as err:
            problems.append((number, str(err)))
            out.append(line)
    if problems:
        raise DirectiveError(problems)
    if citations.numbers:
        sources = [SOURCES_HEADING.format(title=esc(data.label("sources", lang))), "",
                   citations.sources_list()]
        if sources_at is None:
            out.extend(["", *sources, ""])
        else:
            out[sources_at:sources_at + 1] = ["", *sources, ""]
    return "\n".join(out)


def append_after_page(markdown: str, block: str) -> str:
    """``markdown`` with ``block`` (Markdown made by the build) after the page's own text."""
    page, _, after = markdown.partition(f"\n{AFTER_PAGE}\n")
    after = f"{after.strip()}\n\n{block}" if after.strip() else block
    return f"{page.rstrip()}\n\n{AFTER_PAGE}\n\n{after}\n"


def _normalise(markdown: str) -> str:
    """The page as Python-Markdown hands it to extensions (line ends, tabs, blank lines),
    without trailing whitespace: the same page gives the same text in every pass."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return re.sub(r"(?m)^[ ]+$", "", text).rstrip()


def render_page_once(markdown: str, lang: str, data: SiteData) -> str:
    """:func:`render_page` of the page's own text, remembered for the build, then the
    build's additions after :data:`AFTER_PAGE` as they are. The check before the build,
    the source reader's "Cited on" pass and the build itself render each page once.
    Problems count lines from the Markdown's first line."""
    page, marker, after = markdown.partition(f"\n{AFTER_PAGE}\n")
    text = _normalise(page)
    rendered = _RENDERS.get((text, lang, data.generation), lambda reads: render_page(
        text, lang, data, docs_dir=data.root / "docs", reads=reads))
    return f"{rendered}\n\n{after.strip()}\n" if marker else rendered


# (Markdown, language, data generation) -> rendered page, with what else it read. Room for
# every page of the site at 100 times its data; the oldest renders go first.
_RENDERS: Remembered[str] = Remembered(maxsize=16384)
