"""What a page says about itself to editors: its source file, where to send a correction,
when it last changed, and whether its translation lags behind the English page."""

from __future__ import annotations

import re

from kzrights.i18n import format_date
from kzrights.render.links import docs_link
from kzrights.data.load import SiteData
from kzrights.render.text import md_esc

_TITLE = re.compile(r"^# .*$", re.M)


def edit_url(repository: str, source: str) -> str:
    """The repository's web editor for ``source`` (``docs/ru/assembly.md``) on branch main."""
    return f"{repository.rstrip('/')}/edit/main/{source}"


def render_page_footer(data: SiteData, lang: str, source: str, *, repository: str = "",
                       changed: str | None = None) -> str:
    """A Markdown block for the end of a page (links resolved by MkDocs).

    ``source`` is the page's file (``docs/ru/assembly.md``), or a folder (``data/``) for a
    page generated from data. With a repository address, "Edit this page" links to its web
    editor; without one, the block names the file as text and points to the About page's
    corrections section.
    """
    path, folder = f"`{source}`", source.endswith("/")
    about = f"[{md_esc(data.label('corrections_link', lang))}]({docs_link('about.md', 'corrections')})"
    if repository and not folder:
        lines = [f"[{md_esc(data.label('edit_page', lang))}]({edit_url(repository, source)}) "
                 f"({data.label('source_file', lang).format(path=path)})"]
    elif repository:
        lines = [data.label("corrections_generated", lang).format(
            path=f"[{path}]({repository.rstrip('/')}/tree/main/{source})", about=about)]
    else:
        name = "corrections_generated" if folder else "corrections_no_repo"
        lines = [data.label(name, lang).format(path=path, about=about)]
    if changed:
        lines.append(md_esc(data.label("last_changed", lang).format(date=format_date(changed, lang))))
    body = "  \n".join(lines)  # a Markdown line break between the lines
    return f'<div class="kz-page-meta" data-pagefind-ignore="all" markdown>\n\n{body}\n\n</div>'


def render_outdated_notice(data: SiteData, lang: str) -> str:
    """An admonition saying the English page changed after this translation was made."""
    return (f'!!! warning "{md_esc(data.label("translation_outdated_title", lang))}"\n'
            f"    {md_esc(data.label('translation_outdated', lang))}")


def after_title(markdown: str, block: str) -> str:
    """``markdown`` with ``block`` placed right after its ``# title`` (or first, without one)."""
    match = _TITLE.search(markdown)
    at = match.end() if match else 0
    return f"{markdown[:at]}\n\n{block}\n\n{markdown[at:].lstrip(chr(10))}"
