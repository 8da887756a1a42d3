"""The page rendering as a Python-Markdown extension: directives, citations and figures.

Any generator that runs Python-Markdown extensions renders the site's pages with it::

    markdown.markdown(text, extensions=["kzrights.pages.mdext", "attr_list", "md_in_html", "tables"],
                      extension_configs={"kzrights.pages.mdext": {"lang": "ru", "data_dir": "data"}})

MkDocs and ProperDocs configure it through ``kzrights/plugin.py`` (the language being built,
and an error reporter that names the page and line). The data is loaded once per process.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from kzrights.pages.directives import DirectiveError, render_page_once
from kzrights.data.load import load_site_cached

# After whitespace normalisation (30), before raw HTML blocks are stashed (20): the
# renderers' HTML is then treated exactly like HTML written in the page.
PRIORITY = 25


class _Directives(Preprocessor):
    def __init__(self, md: Markdown, extension: PageExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        config = self.extension.getConfigs()
        data = load_site_cached(config["data_dir"])
        try:
            return render_page_once("\n".join(lines), config["lang"], data).split("\n")
        except DirectiveError as err:
            config["on_error"](err)  # reports (or raises) with the page's name
            return lines


def _raise(err: DirectiveError) -> None:
    raise err


class PageExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "lang": ["en", "the page's language: en, ru or kk"],
            "data_dir": ["data", "the folder of the data files"],
            # Not None: Python-Markdown would turn a None default's value into a bool.
            "on_error": [_raise, "called with a DirectiveError; default: raise it"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Directives(md, self), "kzrights", PRIORITY)


def makeExtension(**kwargs) -> PageExtension:
    return PageExtension(**kwargs)
