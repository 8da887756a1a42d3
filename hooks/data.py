"""MkDocs adapter for the data package: load and check the data once per build process,
check every page of every language first (all problems in one report), configure the
page rendering (kzrights/mdext.py) for the language being built, resolve the renderers'
links to other pages (``docs:…``, kzrights/links.py), keep UN symbols on one line, publish
the open data."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from kzrights.directives import DirectiveError, render_page_once
from kzrights.i18n import LANGS
from kzrights.links import resolve_docs_links
from kzrights.load import DataError, SiteData, load_site_cached
from kzrights.opendata import OPEN_DATA_DIR, build_open_data
from kzrights.pages import generated_pages
from kzrights.render.text import keep_symbols_whole

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


def _problems(name: str, first_line: int, err: DirectiveError) -> list[str]:
    return [f"{name}:{line + first_line - 1}: {message}" for line, message in err.problems]


def _page_problems(docs_dir: Path, data: SiteData) -> list[str]:
    """Every directive problem of every page in every language, as ``file:line: message``.
    The rendered pages are remembered, so the build does not render them again."""
    found = []
    for lang in LANGS:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            source = path.read_text(encoding="utf-8-sig")
            markdown, _ = get_data(source)
            try:
                render_page_once(markdown, lang, data)
            except DirectiveError as err:
                found += _problems(path.relative_to(docs_dir.parent).as_posix(),
                                   markdown_first_line(source, markdown), err)
        try:
            pages = generated_pages(data, lang)
        except ValueError:
            pages = []  # hooks/record_pages.py reports it
        for page in pages:
            try:
                render_page_once(page.markdown, lang, data)
            except DirectiveError as err:
                found += _problems(f"generated page {lang}/{page.path}", 1, err)
    return found


_CHECKED: set[tuple[Path, tuple[int, ...], int]] = set()


def check_all_pages(config) -> None:
    """Render every page once before the build (again only when a page or the data changed),
    so one run reports all their problems."""
    docs_dir, data = Path(config.docs_dir), site_data(config)
    stamp = (docs_dir, tuple(p.stat().st_mtime_ns for p in sorted(docs_dir.rglob("*.md"))), id(data))
    if stamp in _CHECKED:
        return
    if problems := _page_problems(docs_dir, data):
        raise PluginError(f"{len(problems)} problem(s) in pages, nothing was built:\n"
                          + "\n".join(problems))
    _CHECKED.add(stamp)


def report(err: DirectiveError) -> None:
    """The extension's error reporter: the page's name and the lines an editor sees."""
    raise PluginError("\n".join(_problems(_page["name"], _page["first_line"], err)))


def on_config(config):
    site_data(config)  # fail before MkDocs writes anything
    check_all_pages(config)
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


def on_page_content(html, page, config, files):
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    prefix = "" if lang == i18n.default_language else f"{lang}/"

    def relative_url(path: str) -> str:
        target = files.get_file_from_path(prefix + path)
        if target is None:
            raise PluginError(f"{page.file.src_uri}: a generated link leads to docs/{lang}/{path}, "
                              "which is not a page")
        return target.url_relative_to(page.file)

    return keep_symbols_whole(resolve_docs_links(html, relative_url))
