"""MkDocs adapter for the site search: hand the Kazakh query-stemming tables to the
templates (overrides/main.html puts them into Kazakh pages for docs/assets/site.js)."""

from __future__ import annotations

from kzrights.search import rules


def on_config(config):
    config.extra["kk_search"] = rules()
    return config
