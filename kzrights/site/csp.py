"""The site's Content-Security-Policy, one source for the ``<meta>`` of every page and
for the HTTP header (kzrights/site/headers.py). In a page (``overrides/main.html`` writes
:data:`PAGE_POLICY`, which kzrights/plugin.py hands to the theme) two placeholders are
replaced here, from the page's own HTML, by the hashes of its inline scripts and of its
inline styles. The hashes are computed from the built page, so they stay right when a
template changes."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from kzrights.site.content_cache import by_content

SCRIPT_HASHES = "'inline-script-hashes'"  # placeholders, filled per page by fill_hashes
STYLE_HASHES = "'inline-style-hashes'"
META = '<meta http-equiv="Content-Security-Policy"'

# Site scripts are files under assets/; Pagefind compiles WebAssembly.
POLICY = {
    "default-src": "'self'",
    "script-src": f"'self' 'wasm-unsafe-eval' {SCRIPT_HASHES}",
    "style-src": f"'self' 'unsafe-hashes' {STYLE_HASHES}",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-src": "'none'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
}
PAGE_POLICY = "; ".join(f"{name} {value}" for name, value in POLICY.items())

# Script types a browser runs (others, such as application/json, are data).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _Inline(HTMLParser):
    """Collects the text of inline scripts, of <style> elements and of style attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("style") is not None:
            self.styles.append(values["style"])
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in _SCRIPT_TYPES:
            self.scripts.append("")
            self._open = self.scripts
        elif tag == "style":
            self.styles.append("")
            self._open = self.styles

    def handle_data(self, data):
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def fill_hashes(html: str) -> str:
    """``html`` with the CSP placeholders replaced by the hashes of what it inlines.
    A page without the policy is an error: every page must have one."""
    if META not in html or SCRIPT_HASHES not in html:
        raise ValueError("no Content-Security-Policy <meta> with placeholders in the page")
    scripts, styles = _inline_hashes(html)
    return html.replace(" " + SCRIPT_HASHES, scripts, 1).replace(" " + STYLE_HASHES, styles, 1)


@by_content
def _inline_hashes(html: str) -> tuple[str, str]:
    """The hashes of the inline scripts and of the inline styles, each list space-led."""
    inline = _Inline()
    inline.feed(html)
    inline.close()
    return ("".join(" " + h for h in dict.fromkeys(_source(s) for s in inline.scripts)),
            "".join(" " + h for h in dict.fromkeys(_source(s) for s in inline.styles)))
