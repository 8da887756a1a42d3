"""The site's Content-Security-Policy, one source for the ``<meta>`` of every page and
for the HTTP header (kzrights/site/headers.py). In a page (``overrides/main.html`` writes
:data:`PAGE_POLICY`, which kzrights/plugin.py hands to the theme) two placeholders are
replaced here by the hashes of the page's inline scripts and of its inline styles.

Inline scripts are trusted only if they are one of :data:`INLINE_SCRIPTS`, the theme's
three small scripts written out here once: a page whose HTML holds any other inline script
fails the build (kzrights/site/html_policy.py names it), so the policy never vouches for a
script that a page, a title or a template slipped in. After a Material upgrade that
changes them, the build says which script is unknown: copy the new text here. The site's
own code is in files under ``docs/assets/``; its one inline ``<script>`` is JSON data
(``type="application/json"``), which browsers do not run."""

from __future__ import annotations

import base64
import hashlib
import re

from selectolax.lexbor import LexborHTMLParser

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

# The inline scripts a page may carry: Material's (templates/partials/javascripts/ of the
# pinned mkdocs-material: base.html, palette.html, content.html), as the build writes them.
# "{base}" is the page's way back to the site root: ".", "/", "..", "../.." …
INLINE_SCRIPTS = (
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+'
    '_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
    't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem('
    'a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}',
    'var palette=__md_get("__palette");if(palette&&palette.color){{if("(prefers-color-scheme)"'
    '===palette.color.media){{var media=matchMedia("(prefers-color-scheme: light)"),input='
    'document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)'
    '\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.'
    'getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute('
    '"data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),'
    'palette.color.accent=input.getAttribute("data-md-color-accent")}}for(var[key,value]of '
    'Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&('
    'target.checked=target.name.startsWith("__tabbed_"))',
)
_BASE = r"(?:\.|/|\.\.(?:/\.\.)*)"  # what {base} may be
_ALLOWED = re.compile("|".join(_BASE.join(map(re.escape, script.format(base="\0").split("\0")))
                               for script in INLINE_SCRIPTS))


def inline_script_allowed(text: str) -> bool:
    """True if ``text`` (an inline script's raw text) is one of :data:`INLINE_SCRIPTS`."""
    return _ALLOWED.fullmatch(text) is not None


def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def fill_hashes(html: str) -> str:
    """``html`` with the CSP placeholders replaced by the hashes of what it inlines. A page
    without the policy is an error (every page must have one), and so is an inline script
    that is not one of :data:`INLINE_SCRIPTS`."""
    if META not in html or SCRIPT_HASHES not in html:
        raise ValueError("no Content-Security-Policy <meta> with placeholders in the page")
    scripts, styles = _inline_hashes(html)
    return html.replace(" " + SCRIPT_HASHES, scripts, 1).replace(" " + STYLE_HASHES, styles, 1)


@by_content
def _inline_hashes(html: str) -> tuple[str, str]:
    """The hashes of the inline scripts and of the inline styles, each list space-led."""
    scripts, styles = [], []
    root = LexborHTMLParser(html).root
    for node in root.traverse(include_text=False) if root is not None else ():
        if not node.is_element_node:
            continue
        attributes = node.attributes
        if attributes.get("style") is not None:
            styles.append(attributes["style"])
        tag = (node.tag or "").lower()
        if (tag == "script" and "src" not in attributes
                and (attributes.get("type") or "").lower() in _SCRIPT_TYPES):
            text = node.text(deep=True)
            if not inline_script_allowed(text):
                raise ValueError(f"an inline script that is not one of the site's own: "
                                 f"{' '.join(text.split())[:60]!r} (kzrights/site/csp.py, INLINE_SCRIPTS)")
            scripts.append(text)
        elif tag == "style":
            styles.append(node.text(deep=True))
    return ("".join(" " + h for h in dict.fromkeys(_source(s) for s in scripts)),
            "".join(" " + h for h in dict.fromkeys(_source(s) for s in styles)))
