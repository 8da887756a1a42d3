"""One 404 page, in the default language: every language build of mkdocs-static-i18n
writes the theme's 404.html to the same site root, so only the default build keeps it."""

from __future__ import annotations


def on_config(config):
    i18n = config.plugins["i18n"]
    # Hooks run before the i18n plugin's on_config, which sets the language of the first
    # (default) build: None here means that build.
    if i18n.current_language in (None, i18n.default_language):
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config
