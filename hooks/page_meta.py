"""MkDocs adapter: each page's meta description is its own first paragraph, in its
language (unless its front matter sets ``description:``)."""

from __future__ import annotations

from kzrights.meta import page_description


def on_page_content(html, page, config, files):
    if not page.meta.get("description"):
        page.meta["description"] = page_description(html) or config.site_description
    return html
