"""A page's own description (meta description, link previews), taken from its HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

LIMIT = 160  # characters search engines and messengers show

_SKIP_CLASSES = {"cite", "headerlink"}
_CHUNK = 4096  # the HTML is read in pieces of this many characters, up to the first paragraph


class _FirstParagraph(HTMLParser):
    """The text of the first top-level <p>, without citation markers or permalinks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.inside, self.text, self.done = 0, 0, False, [], False

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "wbr", "input"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.inside and (self.skip or classes & _SKIP_CLASSES):
            self.skip += 1
        if tag == "p" and self.depth == 0 and not self.done:
            self.inside = True
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("br", "img", "hr", "wbr", "input"):
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        elif tag == "p" and self.inside and self.depth == 0:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.text.append(data)


def page_description(html: str, limit: int = LIMIT) -> str:
    """The first paragraph of a page as plain text, cut at a word to ``limit`` characters."""
    parser = _FirstParagraph()
    for start in range(0, len(html), _CHUNK):  # the rest of the page is not read
        parser.feed(html[start:start + _CHUNK])
        if parser.done:
            break
    text = re.sub(r"\s+", " ", "".join(parser.text)).strip()
    text = re.sub(r"\s+([.,;:])", r"\1", text)  # the space a removed citation left
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"
