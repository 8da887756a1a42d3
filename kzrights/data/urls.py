"""The one rule for URLs, wherever they come from: a link in a data file, an attribute in
a page's HTML (kzrights/site/html_policy.py).

A link is ``https://host/…`` (``mailto:`` too where the caller allows it) or a path on
this site; a resource (an image, a script, a stylesheet) is a file of this site. URLs are
judged as a browser reads them, not normalised: percent-escapes decoded, so
``java%73cript:`` and a hidden ``%0a`` are seen; a backslash (which browsers read as "/")
and whitespace or control characters refuse the URL, so ``/\\evil.example`` and
``//evil.example`` cannot leave the site.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def url_problem(value: str, *, resource: bool = False, schemes: tuple[str, ...] = ("https",)) -> str | None:
    """Why ``value`` may not appear as a link (or, with ``resource``, as a resource), or None."""
    decoded = _PERCENT_ESCAPE.sub(lambda m: chr(int(m[0][1:], 16)), value)
    if any(c.isspace() or not c.isprintable() for c in value + decoded):
        return "spaces and control characters (also percent-escaped) are not allowed in URLs"
    if "\\" in decoded:
        return "backslashes are not allowed in URLs"
    parts = urlsplit(value)
    if parts.scheme:
        if resource:
            return f"{parts.scheme}: resources are not allowed (only files of this site)"
        if parts.scheme not in schemes or not value.startswith(f"{parts.scheme}:"):
            allowed = " or ".join(f"{s}:" for s in schemes)
            return f"{parts.scheme}: links are not allowed ({allowed} in lower case, or a path on this site)"
        if parts.scheme == "https" and (not value.startswith("https://") or not parts.hostname
                                        or "@" in parts.netloc):
            return "an https: link needs a host and no user name"
        return None
    if decoded.startswith("//"):
        return ("resources from other hosts are not allowed" if resource
                else "links without a scheme are not allowed (write https://)")
    if ":" in decoded.split("/")[0].split("?")[0].split("#")[0]:
        return "a relative link must stay on this site"
    return None
