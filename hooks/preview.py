"""One-language preview: ``KZ_LANGS=ru properdocs serve -f mkdocs.yml`` builds only the
listed languages (comma-separated), so an editor's save is rebuilt faster."""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError


def on_config(config):
    wanted = {lang.strip() for lang in os.environ.get("KZ_LANGS", "").split(",") if lang.strip()}
    if not wanted:
        return config
    languages = config.plugins["i18n"].config.languages
    if unknown := wanted - {language.locale for language in languages}:
        raise PluginError(f"KZ_LANGS: unknown language {', '.join(sorted(unknown))}")
    for language in languages:
        language.build = language.locale in wanted
    return config
