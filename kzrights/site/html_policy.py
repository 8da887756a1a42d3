"""What the HTML of a page's content may contain: one allowlist of elements, attributes,
URL schemes and hosts, checked on what a page's Markdown and directives produced.

Adding a harmless element or attribute is one line in ``ELEMENTS`` or ``GLOBAL``.
Anything not listed (``<script>``, ``<iframe>``, ``<style>``, ``<object>``, event-handler
attributes, ``javascript:`` URLs, images from other hosts…) is a violation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from kzrights.site.content_cache import by_content

# Attributes every element may have; a name ending in "*" is a prefix (data-*, aria-*).
GLOBAL = {"id", "class", "lang", "dir", "title", "role", "hidden", "tabindex", "style",
          "data-*", "aria-*"}

# element: its own attributes besides GLOBAL.
ELEMENTS: dict[str, set[str]] = {
    # text
    "p": set(), "br": set(), "hr": set(), "span": set(), "div": set(), "section": set(),
    "h1": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(),
    "strong": set(), "em": set(), "b": set(), "i": set(), "u": set(), "s": set(),
    "small": set(), "sub": set(), "sup": set(), "mark": set(), "del": {"datetime"},
    "ins": {"datetime"}, "code": set(), "pre": set(), "kbd": set(), "samp": set(),
    "var": set(), "q": {"cite"}, "blockquote": {"cite"}, "cite": set(), "dfn": set(),
    "abbr": set(), "time": {"datetime"}, "data": {"value"}, "bdi": set(), "wbr": set(),
    "a": {"href", "hreflang", "rel", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "figure": set(), "figcaption": set(), "nav": set(), "aside": set(), "header": set(),
    "footer": set(), "article": set(), "address": set(),
    # lists
    "ul": set(), "ol": {"start", "reversed", "type"}, "li": {"value"},
    "dl": set(), "dt": set(), "dd": set(),
    # tables
    "table": set(), "caption": set(), "thead": set(), "tbody": set(), "tfoot": set(),
    "tr": set(), "th": {"scope", "colspan", "rowspan", "headers", "abbr"},
    "td": {"colspan", "rowspan", "headers"}, "colgroup": {"span"}, "col": {"span"},
    # disclosure and controls (filters, copy buttons); forms submit to the page itself
    "details": {"open", "name"}, "summary": set(),
    "button": {"type", "name", "value", "disabled"},
    "form": {"method"},
    "fieldset": {"disabled", "name"}, "legend": set(), "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "placeholder", "autocomplete",
              "inputmode", "spellcheck", "size", "maxlength", "min", "max", "step",
              "readonly", "required"},
    "select": {"name", "multiple", "disabled", "size", "required"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"}, "output": {"for", "name"},
    "textarea": {"name", "rows", "cols", "readonly", "disabled", "placeholder"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "progress": {"value", "max"},
    # inline SVG charts: shapes and text only (no <use>, <image>, <a>, <foreignObject>, animation)
    "svg": {"viewbox", "xmlns", "width", "height", "preserveaspectratio", "focusable"},
    "g": {"transform"}, "title": set(), "desc": set(),
    "rect": {"x", "y", "width", "height", "rx", "ry", "transform"},
    "line": {"x1", "y1", "x2", "y2", "transform"},
    "circle": {"cx", "cy", "r", "transform"}, "ellipse": {"cx", "cy", "rx", "ry", "transform"},
    "path": {"d", "transform"}, "polyline": {"points"}, "polygon": {"points"},
    "text": {"x", "y", "dx", "dy", "text-anchor", "dominant-baseline", "transform"},
    "tspan": {"x", "y", "dx", "dy"},
}

# Attributes whose value must be one of these (lower case).
VALUES: dict[tuple[str, str], set[str]] = {
    ("input", "type"): {"checkbox", "radio", "search", "text", "number", "hidden"},
    ("button", "type"): {"button", "submit", "reset"},
    ("form", "method"): {"get", "dialog"},
}

# Classes that make the theme load code (Material loads Mermaid from a CDN for these).
FORBIDDEN_CLASSES = {"mermaid"}

# URL attributes: links may leave the site over https; resources never do.
LINK_ATTRIBUTES = {"href", "cite"}
RESOURCE_ATTRIBUTES = {"src"}
LINK_SCHEMES = {"https", "mailto"}

# A style attribute may only align text (Markdown tables write these).
STYLE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Violation:
    line: int       # line of the element in the checked HTML (1-based)
    what: str       # e.g. "<script>: element not allowed"
    needle: str     # text to look for in the page's source to find its line


def _allowed_attribute(tag: str, name: str) -> bool:
    allowed = GLOBAL | ELEMENTS[tag]
    return name in allowed or any(a.endswith("*") and name.startswith(a[:-1]) for a in allowed)


def _url_problem(value: str, resource: bool) -> str | None:
    """Why this URL may not appear, or None. Browsers drop tabs and newlines from URLs
    and read "\\" as "/": such URLs are refused rather than normalised."""
    if any(ord(c) < 0x21 or c in "\\\x7f" for c in value):
        return "spaces, control characters and backslashes are not allowed in URLs"
    parts = urlsplit(value)
    if parts.scheme:
        if resource:
            return f"{parts.scheme}: resources are not allowed (only files of this site)"
        if parts.scheme.lower() not in LINK_SCHEMES:
            return f"{parts.scheme}: links are not allowed (https: or a path on this site)"
        return None
    if value.startswith("//"):
        return ("resources from other hosts are not allowed" if resource
                else "links without a scheme are not allowed (write https://)")
    return None


@functools.lru_cache(maxsize=65536)  # pages repeat their attributes (classes, links)
def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name.startswith("on"):
        return "event-handler attributes are not allowed"
    if not _allowed_attribute(tag, name):
        return "attribute not allowed"
    if (tag, name) in VALUES and value.lower() not in VALUES[(tag, name)]:
        return f"value {value!r} not allowed"
    if name == "style" and not STYLE.fullmatch(value):
        return "only text-align is allowed in style"
    if name == "class" and FORBIDDEN_CLASSES & set(value.split()):
        return f"class {' '.join(sorted(FORBIDDEN_CLASSES & set(value.split())))!r} not allowed"
    if name in LINK_ATTRIBUTES or name in RESOURCE_ATTRIBUTES:
        return _url_problem(value, resource=name in RESOURCE_ATTRIBUTES)
    return None


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []

    def _add(self, what: str, needle: str) -> None:
        self.violations.append(Violation(self.getpos()[0], what, needle))

    def handle_starttag(self, tag, attrs):
        if tag not in ELEMENTS:
            self._add(f"<{tag}>: element not allowed", f"<{tag}")
            return
        for name, value in attrs:
            problem = _attribute_problem(tag, name, value or "")
            if problem:
                shown = f"{name}={value!r}" if value else name
                self._add(f"<{tag} {shown}>: {problem}", value if name in LINK_ATTRIBUTES |
                          RESOURCE_ATTRIBUTES and value else name)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_pi(self, data):
        self._add("processing instruction not allowed", "<?")

    def unknown_decl(self, data):
        self._add("declaration not allowed", "<!")


def check_html(html: str) -> list[Violation]:
    """Every element, attribute and URL in ``html`` that the allowlist does not allow."""
    return list(_violations(html))


@by_content
def _violations(html: str) -> tuple[Violation, ...]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return tuple(checker.violations)


def source_line(source: str, needle: str) -> int | None:
    """The first line of ``source`` (a page's Markdown) that holds ``needle``, if any."""
    for number, line in enumerate(source.splitlines(), 1):
        if needle.lower() in line.lower():
            return number
    return None
