"""What the HTML of a page may contain: one allowlist of elements, attributes, URL schemes
and hosts, checked on what a page's Markdown and directives produced (:func:`check_html`)
and on every finished page as a whole, head, navigation, header and title included
(:func:`check_document`).

HTML is read as a browser reads it: by Lexbor (through selectolax), a parser that follows
the WHATWG HTML specification, so ``<!-->``, unclosed comments, ``</title>`` in a title,
foreign (SVG) content and entities in attribute names mean what they mean to a browser.

Adding a harmless element or attribute is one line in ``ELEMENTS`` or ``GLOBAL``.
Anything not listed (``<script>``, ``<iframe>``, ``<style>``, ``<object>``, event-handler
attributes, ``javascript:`` URLs, images from other hosts, HTML comments…) is a violation.
Around the content a page may have only what the theme writes (``DOCUMENT_ELEMENTS``), and
inline scripts only from the fixed list of kzrights/site/csp.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kzrights.site.content_cache import by_content
from kzrights.site.csp import inline_script_allowed

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
              "readonly", "required", "autocapitalize"},
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

# Around a page's content, what the theme and overrides/ write: the document's frame, its
# head (the policy, descriptions, links to the site's stylesheets and alternates) and its
# scripts (files of the site; inline only the fixed list of kzrights/site/csp.py, or JSON).
DOCUMENT_ELEMENTS: dict[str, set[str]] = {
    "html": set(), "head": set(), "body": set(), "main": set(), "title": set(),
    "meta": {"charset", "name", "property", "content", "http-equiv"},
    "link": {"rel", "href", "hreflang"},
    "script": {"src", "defer", "type"},
    "form": {"method", "action"},  # the 404 page's search: a path of this site
}
# <link rel=…> whose href is loaded (a resource of the site) or only named (a link).
LINK_RESOURCES = {"stylesheet", "icon"}
LINK_NAMES = {"canonical", "prev", "next", "alternate"}

# Attributes whose value must be one of these (lower case).
VALUES: dict[tuple[str, str], set[str]] = {
    ("input", "type"): {"checkbox", "radio", "search", "text", "number", "hidden"},
    ("button", "type"): {"button", "submit", "reset"},
    ("form", "method"): {"get", "dialog"},
    ("meta", "http-equiv"): {"content-security-policy", "refresh"},  # refresh: overrides/redirect.html
    ("link", "rel"): LINK_RESOURCES | LINK_NAMES,
    ("script", "type"): {"application/json"},
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


def _allowed_attribute(tag: str, name: str, document: bool) -> bool:
    allowed = GLOBAL | ELEMENTS.get(tag, set()) | (DOCUMENT_ELEMENTS.get(tag, set()) if document else set())
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
def _attribute_problem(tag: str, name: str, value: str, document: bool = False,
                       rel: str = "") -> str | None:
    if name.startswith("on"):
        return "event-handler attributes are not allowed"
    if not _allowed_attribute(tag, name, document):
        return "attribute not allowed"
    if (tag, name) in VALUES and value.lower() not in VALUES[(tag, name)]:
        return f"value {value!r} not allowed"
    if name == "style" and not STYLE.fullmatch(value):
        return "only text-align is allowed in style"
    if name == "class" and FORBIDDEN_CLASSES & set(value.split()):
        return f"class {' '.join(sorted(FORBIDDEN_CLASSES & set(value.split())))!r} not allowed"
    if tag == "link" and name == "href":  # loaded (a stylesheet, an icon) or only named
        return _url_problem(value, resource=bool(set(rel.lower().split()) - LINK_NAMES))
    if tag == "form" and name == "action" or tag == "script" and name == "src":
        return _url_problem(value, resource=True)
    if name in LINK_ATTRIBUTES or name in RESOURCE_ATTRIBUTES:
        return _url_problem(value, resource=name in RESOURCE_ATTRIBUTES)
    return None


class _Locator:
    """The line of each element in the HTML, found by looking for its start tag after the
    previous one's (the parser gives no positions); elements the parser implied take the
    line of the last one found."""

    def __init__(self, html: str):
        self.lower = html.lower()
        self.at = 0

    def element(self, tag: str) -> None:
        found = self.lower.find("<" + tag, self.at)
        if found >= 0:
            self.at = found + 1

    def comment(self) -> None:
        found = self.lower.find("<!", self.at)
        if found < 0:
            found = self.lower.find("<?", self.at)
        if found >= 0:
            self.at = found + 1

    @property
    def line(self) -> int:
        return self.lower.count("\n", 0, max(self.at - 1, 0)) + 1


_FRAME = ("html", "head", "body")
_REFRESH = re.compile(r"0; url=([^;,\s]+)")  # overrides/redirect.html: to a page of this site  # what the parser adds around a fragment


def _check_tree(html: str, document: bool) -> list[Violation]:
    violations: list[Violation] = []
    where = _Locator(html)

    def add(what: str, needle: str) -> None:
        violations.append(Violation(where.line, what, needle))

    root = LexborHTMLParser(html).root
    nodes: list[LexborNode] = [root] if root is not None else []
    for node in (n for top in nodes for n in top.traverse(include_text=False)):
        if not node.is_element_node:  # a comment, or what a browser reads as one (<?…>)
            where.comment()
            add("HTML comments are not allowed (only the site's own directives, alone on a line)", "<!--")
            continue
        tag = (node.tag or "").lower()
        where.element(tag)
        attributes = node.attributes
        if not document and tag in _FRAME:
            if attributes:  # <body onload=…> lands on the frame's element
                add(f"<{tag}>: element not allowed", f"<{tag}")
            continue
        if tag not in ELEMENTS and not (document and tag in DOCUMENT_ELEMENTS):
            add(f"<{tag}>: element not allowed", f"<{tag}")
            continue
        rel = attributes.get("rel") or ""
        for name, value in attributes.items():
            name = name.lower()
            problem = _attribute_problem(tag, name, value or "", document, rel if tag == "link" else "")
            if problem:
                shown = f"{name}={value!r}" if value else name
                add(f"<{tag} {shown}>: {problem}",
                    value if name in LINK_ATTRIBUTES | RESOURCE_ATTRIBUTES and value else name)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            target = _REFRESH.fullmatch(attributes.get("content") or "")
            if not target or _url_problem(target[1], resource=True):
                add(f"<meta http-equiv='refresh'>: only to a page of this site", "refresh")
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").lower() != "application/json":
            text = node.text(deep=True)
            if not inline_script_allowed(text):
                add("<script>: an inline script that is not one of the site's own "
                    f"(kzrights/site/csp.py): {' '.join(text.split())[:60]!r}", "<script")
    return violations


def check_html(html: str) -> list[Violation]:
    """Every element, attribute, URL and comment in ``html`` (a page's content) that the
    allowlist does not allow."""
    return list(_violations(html))


def check_document(html: str) -> list[Violation]:
    """The same for a finished page as a whole: its content's allowlist, and around it
    only what the theme writes (``DOCUMENT_ELEMENTS``), inline scripts only from the fixed
    list (kzrights/site/csp.py)."""
    return list(_document_violations(html))


@by_content
def _violations(html: str) -> tuple[Violation, ...]:
    return tuple(_check_tree(html, document=False))


@by_content
def _document_violations(html: str) -> tuple[Violation, ...]:
    return tuple(_check_tree(html, document=True))


def source_line(source: str, needle: str) -> int | None:
    """The first line of ``source`` (a page's Markdown) that holds ``needle``, if any."""
    for number, line in enumerate(source.splitlines(), 1):
        if needle.lower() in line.lower():
            return number
    return None
