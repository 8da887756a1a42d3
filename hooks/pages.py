"""MkDocs adapter: load data once per build process, render a page's directives in the
language being built (the i18n plugin's current language, right on fallback pages too)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from kzrights.directives import DirectiveError, render_page
from kzrights.load import DataError, SiteData, load_site_cached


def site_data(config) -> SiteData:
    """The validated data (cached: parsed once, not once per language or page)."""
    try:
        return load_site_cached(Path(config.config_file_path).parent / "data")
    except DataError as err:
        raise PluginError(f"invalid data, nothing was built:\n{err}") from None


def building_language(config) -> str:
    return config.plugins["i18n"].current_language


def on_config(config):
    site_data(config)  # fail before MkDocs writes anything


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    first_line = source.count("\n") - markdown.count("\n") + 1
    try:
        return render_page(markdown, building_language(config), site_data(config),
                           first_line=first_line)
    except DirectiveError as err:
        raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {err.message}") from None
