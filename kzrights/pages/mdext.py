"""The page rendering as a Python-Markdown extension: directives, citations and figures.

Any generator that runs Python-Markdown extensions renders the site's pages with it::

    markdown.markdown(text, extensions=["kzrights.pages.mdext", "attr_list", "md_in_html", "tables"],
                      extension_configs={"kzrights.pages.mdext": {"lang": "ru", "data_dir": "data"}})

MkDocs and ProperDocs configure it through ``kzrights/plugin.py`` (the language being built,
and an error reporter that names the page and line). The data is loaded once per process.

It also gives every cell of a Markdown table (written in a page, or made as Markdown by a
directive) its column's name as ``data-label``, as ``kzrights/render/tables.py`` does for the
tables it writes: below 600 px ``docs/assets/site.css`` shows every table's rows as cards.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

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


# After the inline patterns (20), so a header's text is what the reader sees; before the
# escaped characters are restored (0), which also restores them in attributes.
LABELS_PRIORITY = 15
_STASHED = re.compile(r"(\d+)".join(map(re.escape, util.HTML_PLACEHOLDER.split("%s"))))
_TAG = re.compile(r"<[^>]*>")


class _TableLabels(Treeprocessor):
    """Every ``<td>`` of a Markdown table names its column (``data-label``)."""

    def label(self, th: etree.Element) -> str:
        text = "".join(th.itertext())
        # Raw HTML in a header (stashed until the end): its text, without tags.
        stash = self.md.htmlStash.rawHtmlBlocks

        def stashed(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return html.unescape(_TAG.sub("", str(stash[index]))) if index < len(stash) else ""

        return " ".join(_STASHED.sub(stashed, text).split())

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None or (row := head.find("tr")) is None:
                continue
            labels = [self.label(th) for th in row.findall("th")]
            for body in table.findall("tbody"):
                for tr in body.findall("tr"):
                    for label, td in zip(labels, tr.findall("td")):
                        if label and td.get("data-label") is None:
                            td.set("data-label", label)


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
        md.treeprocessors.register(_TableLabels(md), "kzrights-table-labels", LABELS_PRIORITY)


def makeExtension(**kwargs) -> PageExtension:
    return PageExtension(**kwargs)
