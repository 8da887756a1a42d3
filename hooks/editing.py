"""MkDocs adapter for editors: each page ends with its source file (an edit link when
``extra.repository`` is set) and its last change from git; a translation whose English
page has changed says so under its title."""

from __future__ import annotations

from pathlib import Path

from kzrights.directives import append_after_page
from kzrights.history import last_changed
from kzrights.i18n import DEFAULT_LANG
from kzrights.load import load_site_cached
from kzrights.render.editing import after_title, render_outdated_notice, render_page_footer
from kzrights.translation import FIELD, version

_DATES: dict[str, str] = {}


def on_config(config):
    _DATES.clear()
    _DATES.update(last_changed(Path(config.config_file_path).parent))  # one git log per build


def on_page_markdown(markdown, page, config, files):
    lang = config.plugins["i18n"].current_language
    data = load_site_cached(Path(config.config_file_path).parent / "data")  # checked by hooks/data.py
    if not page.file.abs_src_path:  # a generated page (kzrights/pages.py): made from data/
        return append_after_page(markdown, render_page_footer(data, lang, 'data/'))
    source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    if lang != DEFAULT_LANG and FIELD in page.meta:
        english = Path(config.docs_dir) / DEFAULT_LANG / page.file.src_uri.split("/", 1)[1]
        if english.is_file() and str(page.meta[FIELD]) != version(english.read_text(encoding="utf-8")):
            markdown = after_title(markdown, render_outdated_notice(data, lang))
    footer = render_page_footer(data, lang, source, repository=config.extra.get("repository") or "",
                                changed=_DATES.get(source))
    return append_after_page(markdown, footer)
