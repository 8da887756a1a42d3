"""MkDocs adapter for generated pages (kzrights/pages.py): add them to the language being
built, at the same path as in every other language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from kzrights.load import load_site_cached
from kzrights.pages import generated_pages


@event_priority(-200)  # after mkdocs-static-i18n has placed this language's files
def on_files(files, config):
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    prefix = "" if lang == i18n.default_language else f"{lang}/"
    try:
        # The load cached by hooks/data.py, which has already stopped a build on bad data.
        data = load_site_cached(Path(config.config_file_path).parent / "data")
        pages = generated_pages(data, lang)
    except ValueError as err:
        raise PluginError(f"generated pages ({lang}): {err}") from None
    written = set(files.src_uris)  # once: appending a file rebuilds Files' index
    for page in pages:
        if f"{lang}/{page.path}" in written:
            raise PluginError(f"docs/{lang}/{page.path} exists and is also generated")
        file = File.generated(config, prefix + page.path, content=page.markdown,
                              inclusion=InclusionLevel.NOT_IN_NAV)  # record pages: no nav entry
        # What mkdocs-static-i18n sets on a written page, so that the language switcher
        # and the hreflang links lead to this page in every language.
        file.locale, file.locale_alternate_of = lang, ""
        file.alternates = {
            other: File.generated(config, ("" if other == i18n.default_language else f"{other}/")
                                  + page.path, content="")
            for other in i18n.build_languages}
        files.append(file)
    return files
