"""MkDocs adapter for what the site lets a browser do: every page's content checked
against the HTML allowlist (kzrights/html_policy.py, all problems of all pages and
languages reported at once), every page's Content-Security-Policy completed with the
hashes of its inline code (kzrights/csp.py), Material's CDN loads pointed at the site
(kzrights/theme_assets.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kzrights.csp import PAGE_POLICY, fill_hashes
from kzrights.html_policy import check_html, source_line
from kzrights.theme_assets import localise_bundle

# "docs/<lang>/page.md:line: what", per page source, over every language build.
_problems: dict[str, list[str]] = {}


def on_config(config):
    config.extra["csp"] = PAGE_POLICY  # the <meta> policy of overrides/main.html
    return config


def on_page_content(html, page, config, files):
    source = f"docs/{page.file.src_uri}"
    path = page.file.abs_src_path  # None for a generated page
    text = Path(path).read_text(encoding="utf-8-sig") if path and Path(path).is_file() else ""
    problems = []
    for violation in check_html(html):
        line = source_line(text, violation.needle)
        problems.append(f"{source}:{line}: {violation.what}" if line
                        else f"{source}: {violation.what} (in the HTML the page produced)")
    _problems[source] = problems
    return html


def on_post_page(output, page, config):
    try:
        return fill_hashes(output)
    except ValueError as err:
        where = page.file.src_uri if page else "a static page"
        raise PluginError(f"{where}: {err} (overrides/main.html)") from None


def on_post_template(output_content, template_name, config):
    """Static pages (404.html); other static templates (sitemap.xml) have no policy."""
    if template_name.endswith(".html"):
        return on_post_page(output_content, None, config)
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages
def on_post_build(config):
    try:
        localise_bundle(Path(config.site_dir))
    except ValueError as err:
        raise PluginError(str(err)) from None
    if config.plugins["i18n"].building:
        return  # a language build inside the default one: report once, at the end
    problems = [p for source in sorted(_problems) for p in _problems[source]]
    _problems.clear()
    if problems:
        raise PluginError("HTML that pages may not contain (allowed: kzrights/html_policy.py), "
                          "nothing was built:\n" + "\n".join(problems))
