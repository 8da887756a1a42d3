"""The site's one MkDocs plugin (entry point ``kzrights``): the adapter between MkDocs (or
ProperDocs) and the package. The only module that imports MkDocs.

It holds the build's state on the instance (the plugin defines ``on_startup``, so under
``serve`` one instance lives across rebuilds) and does, per event, in this order:

- ``on_config``: languages to build (``KZ_LANGS``), data loaded and checked, every page of
  every language rendered once (all problems in one report), the page extension configured
  for the language, one ``git log``, the search tables and the page policy for templates,
  the one 404 page.
- ``on_config``, first of all: no symbolic link under docs/, data/, sources/, overrides/;
  every page's size, line and nesting limits and front matter before MkDocs reads it.
- ``on_files`` (after mkdocs-static-i18n has placed the language's files): files that are
  not pages published only by type (an SVG after the allowlist); the open data,
  the generated record pages, the "Cite this" files.
- ``on_page_markdown``: the page's name for error messages, "Cite this", the editors' footer
  and the outdated-translation notice.
- ``on_page_content``: links between pages resolved, UN symbols kept whole, the HTML
  allowlist, the page description.
- ``on_post_page`` / ``on_post_template``: the finished page checked whole by the allowlist
  (head, navigation, header and title included; inline scripts only the fixed list), no
  label placeholder (``{date}``) left showing as text, then the Content-Security-Policy hashes.
- ``on_post_build`` (after every language is built): Material's CDN loads pointed at the
  site, the allowlist and placeholder problems of all pages reported at once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from kzrights.data.history import last_changed
from kzrights.data.load import DataError, SiteData, load_site_cached
from kzrights.data.memo import tree_stamp
from kzrights.data.page_source import check_page
from kzrights.data.translation import FIELD, version
from kzrights.i18n import DEFAULT_LANG, LANGS
from kzrights.pages.directives import DirectiveError, append_after_page, render_page_once
from kzrights.pages.generated import generated_pages
from kzrights.render.cite import Reference, cite_files, page_reference, view_reference
from kzrights.render.cite_block import render_cite_block
from kzrights.render.editing import after_title, render_outdated_notice, render_page_footer
from kzrights.render.links import resolve_docs_links
from kzrights.render.opendata import OPEN_DATA_DIR, build_open_data
from kzrights.render.text import keep_symbols_whole
from kzrights.render.view_page import view_page_path
from kzrights.site.csp import PAGE_POLICY, fill_hashes
from kzrights.site.html_policy import check_document, check_html, source_line
from kzrights.site.meta import page_description
from kzrights.site.placeholders import shown_placeholders
from kzrights.site.search import rules as kk_search_rules
from kzrights.site.static_files import static_file_problems, symlinks
from kzrights.site.theme_assets import localise_bundle

EXTENSION = "kzrights.pages.mdext"
AFTER_I18N = -200  # mkdocs-static-i18n places a language's files, and builds the others, at -100


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


class KzRightsConfig(base.Config):
    render = opt.Type(bool, default=True)
    """false: the pages arrive rendered (the scale benchmark's baseline): no page check, no
    page extension settings, no open data, no record pages"""


class KzRightsPlugin(BasePlugin[KzRightsConfig]):
    """Data, record pages, citations, editors' notes and the HTML policy, for every language."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: tuple[Any, ...] | None = None  # what the last successful page check read
        self.dates: dict[str, str] = {}               # docs/<lang>/page.md -> last commit date
        self.references: dict[str, dict[str, Reference]] = {}  # lang -> page path -> reference
        self.policy_problems: dict[str, list[str]] = {}        # page source -> allowlist problems
        self.placeholder_problems: dict[str, list[str]] = {}   # page -> placeholders shown as text
        self.page_name, self.page_first_line = "", 1           # the page being rendered

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this one instance across ``serve`` rebuilds."""

    # -- helpers ------------------------------------------------------------------------

    def _i18n(self, config: MkDocsConfig):
        return config.plugins["i18n"]

    def lang(self, config: MkDocsConfig) -> str:
        """The language being built (None before mkdocs-static-i18n's first on_config)."""
        i18n = self._i18n(config)
        return i18n.current_language or i18n.default_language

    def prefix(self, config: MkDocsConfig, lang: str | None = None) -> str:
        """The language's folder in the site: "" for the default language."""
        i18n = self._i18n(config)
        lang = lang or self.lang(config)
        return "" if lang == i18n.default_language else f"{lang}/"

    @staticmethod
    def root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def data(self, config: MkDocsConfig) -> SiteData:
        """The validated data (parsed once, not once per language or page)."""
        try:
            return load_site_cached(self.root(config) / "data")
        except DataError as err:
            raise PluginError(f"invalid data, nothing was built:\n{err}") from None

    # -- on_config ----------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Runs before mkdocs-static-i18n's on_config (priority -100), once per language.
        i18n = self._i18n(config)
        first = not i18n.building  # the default language's build, which builds the others
        if first:
            self._choose_languages(config)
            self.policy_problems.clear()  # nothing of an aborted build is carried over
            self.placeholder_problems.clear()
            if links := symlinks(self.root(config)):  # before anything reads (follows) them
                raise PluginError("symbolic links are not allowed (a link could publish any file of "
                                  "the machine), nothing was built:\n"
                                  + "\n".join(f"{link}: a symbolic link; put the file itself there"
                                               for link in links))
        data = self.data(config)  # fail before MkDocs writes anything
        if first:
            self.dates = last_changed(self.root(config))  # one git log per build
        if self.config.render:
            if first:
                self._check_all_pages(config, data)
            if EXTENSION not in config.markdown_extensions:
                raise PluginError(f"mkdocs.yml: markdown_extensions must list {EXTENSION}")
            config.mdx_configs[EXTENSION] = {"lang": self.lang(config), "data_dir": self.root(config) / "data",
                                             "on_error": self._report}
        config.extra["kk_search"] = kk_search_rules()  # overrides/main.html: Kazakh query stems
        config.extra["csp"] = PAGE_POLICY              # the <meta> policy of overrides/main.html
        # Every language build writes the theme's 404.html to the same site root: only the
        # default build keeps it.
        if self.lang(config) == i18n.default_language:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        return config

    def _choose_languages(self, config: MkDocsConfig) -> None:
        """``KZ_LANGS=ru``: build only the listed languages (a faster preview)."""
        wanted = {lang.strip() for lang in os.environ.get("KZ_LANGS", "").split(",") if lang.strip()}
        if not wanted:
            return
        languages = self._i18n(config).config.languages
        if unknown := wanted - {language.locale for language in languages}:
            raise PluginError(f"KZ_LANGS: unknown language {', '.join(sorted(unknown))}")
        for language in languages:
            language.build = language.locale in wanted

    def _check_all_pages(self, config: MkDocsConfig, data: SiteData) -> None:
        """Render every page of every language once before the build (again only when a
        page or the data changed), so one run reports all their problems. The rendered
        pages are remembered, so the build does not render them again."""
        docs_dir = Path(config.docs_dir)
        stamp = (docs_dir, tree_stamp(docs_dir), data.generation)
        if stamp == self.checked:
            return
        found = []
        for lang in LANGS:
            for path in sorted((docs_dir / lang).rglob("*.md")):
                name = path.relative_to(docs_dir.parent).as_posix()
                source = path.read_text(encoding="utf-8-sig")
                _, refused = check_page(source)  # limits, then front matter: before MkDocs reads it
                if refused:
                    found += [f"{name}:{line}: {message}" for line, message in refused]
                    continue
                markdown, _ = get_data(source)
                try:
                    render_page_once(markdown, lang, data)
                except DirectiveError as err:
                    found += _problems(name, markdown_first_line(source, markdown), err)
            try:
                pages = generated_pages(data, lang)
            except ValueError:
                pages = ()  # on_files reports it
            for page in pages:
                try:
                    render_page_once(page.markdown, lang, data)
                except DirectiveError as err:
                    found += _problems(f"generated page {lang}/{page.path}", 1, err)
        if found:
            raise PluginError(f"{len(found)} problem(s) in pages, nothing was built:\n" + "\n".join(found))
        self.checked = stamp

    def _report(self, err: DirectiveError) -> None:
        """The page extension's error reporter: the page's name and the lines an editor sees."""
        raise PluginError("\n".join(_problems(self.page_name, self.page_first_line, err)))

    # -- on_files -----------------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._check_static_files(files, config)
        data, lang, prefix = self.data(config), self.lang(config), self.prefix(config)
        if self.config.render:
            for name, content in build_open_data(data).items():
                files.append(File.generated(config, f"{OPEN_DATA_DIR}/{name}", content=content))
            self._add_generated_pages(files, config, data, lang, prefix)
        self.references[lang] = refs = self._references(config, data, lang, prefix)
        for page, ref in refs.items():
            for name, content in cite_files(ref).items():
                files.append(File.generated(config, f"{prefix}{page.removesuffix('.md')}/{name}",
                                            content=content))
        return files

    def _check_static_files(self, files: Files, config: MkDocsConfig) -> None:
        """The project's files that are not pages (docs/, overrides/) are published only by
        type, an SVG image only after the allowlist (kzrights/site/static_files.py)."""
        root = self.root(config).resolve()
        own = [Path(config.docs_dir).resolve(), Path(config.theme.custom_dir or root / "overrides").resolve()]
        problems = []
        for file in files:
            if not file.abs_src_path or file.is_documentation_page():
                continue
            path = Path(file.abs_src_path)
            if any(path.is_relative_to(folder) for folder in own):
                problems += [f"{path.relative_to(root).as_posix()}: {problem}"
                             for problem in static_file_problems(path)]
        if problems:
            raise PluginError("files that may not be published, nothing was built:\n" + "\n".join(problems))

    def _add_generated_pages(self, files: Files, config: MkDocsConfig, data: SiteData, lang: str,
                             prefix: str) -> None:
        """The record pages (kzrights/pages/generated.py), at the same path in every language."""
        try:
            pages = generated_pages(data, lang)
        except ValueError as err:
            raise PluginError(f"generated pages ({lang}): {err}") from None
        i18n = self._i18n(config)
        written = set(files.src_uris)  # once: appending a file rebuilds Files' index
        for page in pages:
            if f"{lang}/{page.path}" in written:
                raise PluginError(f"docs/{lang}/{page.path} exists and is also generated")
            file = File.generated(config, prefix + page.path, content=page.markdown,
                                  inclusion=InclusionLevel.NOT_IN_NAV)  # record pages: no nav entry
            # What mkdocs-static-i18n sets on a written page, so that the language switcher
            # and the hreflang links lead to this page in every language.
            file.locale, file.locale_alternate_of = lang, ""
            file.alternates = {other: File.generated(config, self.prefix(config, other) + page.path, content="")
                               for other in i18n.build_languages}
            files.append(file)

    def _references(self, config: MkDocsConfig, data: SiteData, lang: str,
                    prefix: str) -> dict[str, Reference]:
        """Page path under docs/<lang>/ -> its "Cite this" reference: every View and area page."""
        refs: dict[str, Reference] = {view_page_path(v.slug): view_reference(v, data, lang) for v in data.views}
        for area in data.areas.values():
            url = "/" + prefix + area.page.removesuffix(".md") + "/"
            refs[area.page] = page_reference(f"{area.id}-{lang}", area.title(lang), config.site_name, url,
                                             self.dates.get(f"docs/{lang}/{area.page}"), data, lang)
        return refs

    # -- on_page_markdown ---------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        data, lang = self.data(config), self.lang(config)
        path = page.file.src_uri.removeprefix(f"{lang}/")
        if page.file.abs_src_path:  # a written page: errors name the line the editor sees
            self.page_name = f"docs/{page.file.src_uri}"
            self.page_first_line = markdown_first_line(
                Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"), markdown)
        else:  # a generated page (kzrights/pages/generated.py)
            self.page_name, self.page_first_line = f"generated page {page.file.src_uri}", 1
        if (ref := self.references[lang].get(path)) is not None:
            markdown = append_after_page(markdown, render_cite_block(ref, Path(path).stem, data, lang))
        return append_after_page(self._notice(markdown, page, config, data, lang),
                                 self._footer(page, config, data, lang))

    def _notice(self, markdown: str, page: Page, config: MkDocsConfig, data: SiteData, lang: str) -> str:
        """A translation whose English page has changed says so under its title."""
        if not page.file.abs_src_path or lang == DEFAULT_LANG or FIELD not in page.meta:
            return markdown
        english = Path(config.docs_dir) / DEFAULT_LANG / page.file.src_uri.split("/", 1)[1]
        if english.is_file() and str(page.meta[FIELD]) != version(english.read_text(encoding="utf-8")):
            return after_title(markdown, render_outdated_notice(data, lang))
        return markdown

    def _footer(self, page: Page, config: MkDocsConfig, data: SiteData, lang: str) -> str:
        """The page's source file (an edit link when ``extra.repository`` is set), last change."""
        if not page.file.abs_src_path:  # a generated page: made from data/
            return render_page_footer(data, lang, "data/")
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        return render_page_footer(data, lang, source, repository=config.extra.get("repository") or "",
                                  changed=self.dates.get(source))

    # -- on_page_content ----------------------------------------------------------------

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        prefix, lang = self.prefix(config), self.lang(config)

        def relative_url(path: str) -> str:
            target = files.get_file_from_path(prefix + path)
            if target is None:
                raise PluginError(f"{page.file.src_uri}: a generated link leads to docs/{lang}/{path}, "
                                  "which is not a page")
            return target.url_relative_to(page.file)

        html = keep_symbols_whole(resolve_docs_links(html, relative_url))
        self._check_policy(html, page)
        if not page.meta.get("description"):
            page.meta["description"] = page_description(html) or config.site_description
        return html

    def _check_policy(self, html: str, page: Page) -> None:
        """The page's HTML against the allowlist; problems are reported after the build."""
        self.policy_problems[f"docs/{page.file.src_uri}"] = self._located(check_html(html), page, "")

    @staticmethod
    def _located(violations, page: Page | None, outside: str) -> list[str]:
        """``file:line: what`` for each violation, the line found in the page's source."""
        source = f"docs/{page.file.src_uri}" if page else "overrides/404.html"
        path = page.file.abs_src_path if page else None  # None for a generated page
        text = Path(path).read_text(encoding="utf-8-sig") if path and Path(path).is_file() else ""
        problems = []
        for violation in violations:
            line = source_line(text, violation.needle)
            problems.append(f"{source}:{line}: {violation.what}" if line
                            else f"{source}: {violation.what} (in the HTML the page produced{outside})")
        return problems

    # -- on_post_page, on_post_template, on_post_build ----------------------------------

    def on_post_page(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        """The finished page, whole, against the allowlist and for placeholders shown as
        text; then its policy's hashes."""
        self._check_placeholders(output, page, config)
        source = f"docs/{page.file.src_uri}" if page else "overrides/404.html"
        if not self.policy_problems.get(source):  # else its content's problems say it already
            self.policy_problems[source] = self._located(
                check_document(output), page, ", around its content: its title, the navigation, a template")
        if self.policy_problems[source]:
            return output  # the build fails in on_post_build, with every page's problems
        try:
            return fill_hashes(output)
        except ValueError as err:
            raise PluginError(f"{source}: {err} (overrides/main.html)") from None

    def _check_placeholders(self, output: str, page: Page | None, config: MkDocsConfig) -> None:
        """A label's ``{name}`` shown as text (escaped before it was filled): reported after
        the build with the page (kzrights/site/placeholders.py)."""
        if page is None:
            where = f"static page {self.prefix(config)}404.html"
        elif page.file.abs_src_path:
            where = f"docs/{page.file.src_uri}"
        else:
            where = f"generated page {page.file.src_uri}"
        self.placeholder_problems[where] = [
            f"{where}: shows a placeholder as text: {text!r}" for text in shown_placeholders(output)]

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Static pages (404.html); other static templates (sitemap.xml) have no policy."""
        if template_name.endswith(".html"):
            return self.on_post_page(output_content, None, config)
        return output_content

    @event_priority(AFTER_I18N)
    def on_post_build(self, config: MkDocsConfig) -> None:
        try:
            localise_bundle(Path(config.site_dir))
        except ValueError as err:
            raise PluginError(str(err)) from None
        if self._i18n(config).building:
            return  # a language build inside the default one: report once, at the end
        problems = [p for source in sorted(self.policy_problems) for p in self.policy_problems[source]]
        self.policy_problems.clear()
        if problems:
            raise PluginError("HTML that pages may not contain (allowed: kzrights/site/html_policy.py), "
                              "nothing was built:\n" + "\n".join(problems))
        shown = [p for where in sorted(self.placeholder_problems) for p in self.placeholder_problems[where]]
        self.placeholder_problems.clear()
        if shown:
            raise PluginError("a label's {placeholder} shown as text (fill it, then escape: "
                              "esc_format in kzrights/render/text.py), nothing was built:\n" + "\n".join(shown))
