"""MkDocs adapter for the data package: load and check the data once per build process,
configure the page rendering (kzrights/mdext.py) for the language being built, publish
the open data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kzrights.directives import DirectiveError
from kzrights.load import DataError, SiteData, load_site_cached
from kzrights.opendata import OPEN_DATA_DIR, build_open_data

EXTENSION = "kzrights.mdext"

# The page being rendered: its name for messages and the file line where its Markdown
# starts (after front matter). MkDocs renders one page at a time.
_page = {"name": "", "first_line": 1}


def data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def site_data(config) -> SiteData:
    """The validated data (parsed once, not once per language or page)."""
    try:
        return load_site_cached(data_dir(config))
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


def report(err: DirectiveError) -> None:
    line = err.line + _page["first_line"] - 1
    raise PluginError(f"{_page['name']}:{line}: {err.message}")


def on_config(config):
    site_data(config)  # fail before MkDocs writes anything
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"mkdocs.yml: markdown_extensions must list {EXTENSION}")
    i18n = config.plugins["i18n"]
    # Hooks run before the i18n plugin's on_config: None means the first (default) build.
    config.mdx_configs[EXTENSION] = {"lang": i18n.current_language or i18n.default_language,
                                     "data_dir": data_dir(config), "on_error": report}
    return config


@event_priority(-200)  # after mkdocs-static-i18n has placed this language's files
def on_files(files, config):
    for name, content in build_open_data(site_data(config)).items():
        files.append(File.generated(config, f"{OPEN_DATA_DIR}/{name}", content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path:  # a written page: errors name the line the editor sees
        _page["name"] = f"docs/{page.file.src_uri}"
        _page["first_line"] = markdown_first_line(
            Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"), markdown)
    else:  # a generated page (kzrights/pages.py)
        _page["name"], _page["first_line"] = f"generated page {page.file.src_uri}", 1
    return markdown
