"""No built page shows a label's ``{placeholder}`` as text.

Interface labels (``data/labels.yaml``) hold placeholders such as ``{date}``; a renderer that
escapes a label before filling it turns ``{date}`` into ``&#123;date&#125;``, which is then
never filled and reads as "dated {date}". :func:`shown_placeholders` finds them in what a
reader sees of a built page: its text and the attributes that are shown or read out (a
tooltip, an image's text, an accessible name, a link preview's description), whether the
braces are written as characters or as entities (``&#123;``, ``&#x7b;``, ``&lbrace;``).
Scripts, styles, code and data attributes are not read: the site's scripts fill their own
templates (``data-filter-count="Showing {shown} of {total}"``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
# A placeholder in the raw HTML outside scripts, styles and data attributes, braces as
# characters or entities: pages without one (all, when the site is right) are not parsed.
_CANDIDATE = re.compile(r"(?:\{|&#0*123;|&#[xX]0*7[bB];|&lbrace;|&lcub;)[A-Za-z_][A-Za-z0-9_]*"
                        r"(?:\}|&#0*125;|&#[xX]0*7[dD];|&rbrace;|&rcub;)")
_NOT_SHOWN = re.compile(r"<(script|style)\b.*?</\1\s*>|\sdata-[\w-]+=\"[^\"]*\"", re.S | re.I)
_NOT_READ = frozenset({"script", "style", "code", "pre", "template", "textarea"})
_SHOWN_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "placeholder", "label"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # &#123; and &lbrace; arrive as "{"
        self.skipping: list[str] = []
        self.found: list[str] = []

    def _look(self, text: str) -> None:
        for match in PLACEHOLDER.finditer(text):
            start, end = max(0, match.start() - 40), match.end() + 40
            self.found.append(" ".join(text[start:end].split()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in _NOT_READ:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        for name, value in attrs:
            if value and (name in _SHOWN_ATTRIBUTES or (tag == "meta" and name == "content")):
                self._look(value)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif tag in self.skipping:  # an unclosed element inside: close up to this one
            del self.skipping[self.skipping.index(tag):]

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._look(data)


def shown_placeholders(html: str) -> list[str]:
    """The ``{name}`` placeholders a reader would see on a built page, each with its context
    (up to 40 characters either side), once."""
    if not _CANDIDATE.search(html) or not _CANDIDATE.search(_NOT_SHOWN.sub(" ", html)):
        return []
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return list(dict.fromkeys(reader.found))  # once each: the text and its page description
