"""MkDocs adapter for "Cite this" (kzrights/cite.py): the section at the end of every View
page and area page, and its CSL-JSON and BibTeX files next to the page."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kzrights.cite import cite_files, page_reference, view_reference
from kzrights.directives import append_after_page
from kzrights.history import last_changed
from kzrights.load import load_site_cached
from kzrights.render.cite_block import render_cite_block
from kzrights.render.view_page import view_page_path


def _data(config):
    # Loaded and checked by hooks/data.py, which stops the build on bad data.
    return load_site_cached(Path(config.config_file_path).parent / "data")


def _lang(config) -> tuple[str, str]:
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    return lang, "" if lang == i18n.default_language else f"{lang}/"


_DATES: dict[str, str] = {}  # source file -> date of its last commit (this build)


def on_config(config):
    _DATES.clear()
    _DATES.update(last_changed(Path(config.config_file_path).parent))  # one git log per build


def _references(config) -> dict[str, object]:
    """Page path under docs/<lang>/ -> its reference, for the language being built."""
    data = _data(config)
    lang, prefix = _lang(config)
    refs: dict[str, object] = {view_page_path(v.slug): view_reference(v, data, lang) for v in data.views}
    for area in data.areas.values():
        url = "/" + prefix + area.page.removesuffix(".md") + "/"
        refs[area.page] = page_reference(f"{area.id}-{lang}", area.title(lang), config.site_name, url,
                                         _DATES.get(f"docs/{lang}/{area.page}"), data, lang)
    return refs


_REFS: dict[str, dict[str, object]] = {}  # language -> page path -> reference (this build)


@event_priority(-200)  # after mkdocs-static-i18n has placed this language's files
def on_files(files, config):
    lang, prefix = _lang(config)
    _REFS[lang] = refs = _references(config)
    for page, ref in refs.items():
        for name, content in cite_files(ref).items():
            files.append(File.generated(config, f"{prefix}{page.removesuffix('.md')}/{name}",
                                        content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    lang, _ = _lang(config)
    path = page.file.src_uri.removeprefix(f"{lang}/")
    ref = _REFS[lang].get(path)
    if ref is None:
        return markdown
    folder = Path(path).stem
    return append_after_page(markdown, render_cite_block(ref, folder, _data(config), lang))
