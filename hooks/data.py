"""MkDocs adapter for the data package: load and check the data once per build process,
render each page's directives in the language being built, publish the open data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kzrights.directives import DirectiveError, render_page
from kzrights.load import DataError, SiteData, load_site_cached
from kzrights.opendata import OPEN_DATA_DIR, build_open_data


def site_data(config) -> SiteData:
    """The validated data (parsed once, not once per language or page)."""
    try:
        return load_site_cached(Path(config.config_file_path).parent / "data")
    except DataError as err:
        raise PluginError(f"invalid data, nothing was built:\n{err}") from None


def markdown_first_line(source: str, markdown: str) -> int:
    """The file line where MkDocs' Markdown starts (after any front matter)."""
    body = markdown.strip()
    start = source.find(body[:200]) if body else -1
    if start < 0:
        return 1
    leading = markdown[:len(markdown) - len(markdown.lstrip())].count("\n")
    return source[:start].count("\n") + 1 - leading


def on_config(config):
    site_data(config)  # fail before MkDocs writes anything


@event_priority(-200)  # after mkdocs-static-i18n has placed this language's files
def on_files(files, config):
    for name, content in build_open_data(site_data(config)).items():
        files.append(File.generated(config, f"{OPEN_DATA_DIR}/{name}", content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    # The i18n plugin's current language is the language being built; page.file.locale
    # would be wrong on fallback pages.
    lang = config.plugins["i18n"].current_language
    if page.file.abs_src_path:  # a written page: errors name the line the editor sees
        name = f"docs/{page.file.src_uri}"
        first_line = markdown_first_line(
            Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"), markdown)
    else:  # a generated page (kzrights/pages.py)
        name, first_line = f"generated page {page.file.src_uri}", 1
    try:
        return render_page(markdown, lang, site_data(config), first_line=first_line,
                           docs_dir=Path(config.docs_dir))
    except DirectiveError as err:
        raise PluginError(f"{name}:{err.line}: {err.message}") from None
