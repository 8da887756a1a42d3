"""What of the project's own files may be published besides its pages.

MkDocs copies every file of ``docs/`` (and of the theme folder ``overrides/``) into the
site as it is, following symbolic links. So, before a build reads anything:

- no symbolic link anywhere under ``docs/``, ``data/``, ``sources/`` or ``overrides/``
  (a link to ``/proc/self/environ`` or ``../../.git/config`` would publish the build's
  environment or the checkout's credentials, in the site and in the offline ZIP);
- a file that is not a page is published only if its type is in :data:`STATIC_TYPES`:
  no HTML outside the pages (it would run on the site's origin unchecked), and an SVG
  image only if it passes the pages' allowlist (kzrights/site/html_policy.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kzrights.site.html_policy import check_html

SOURCE_FOLDERS = ("docs", "data", "sources", "overrides")

# Suffix -> what is checked beyond the type. Allowing a type is one line.
STATIC_TYPES = {
    ".css": "stylesheet", ".js": "script (runs only where mkdocs.yml or a template loads it)",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
    ".ico": "icon", ".woff2": "font",
    ".svg": "image, checked by the pages' allowlist",
}

# An SVG file may open with an XML declaration; no other <! or <? (DOCTYPE, ENTITY,
# CDATA, processing instructions: an XML parser reads them in ways an HTML parser does not).
_XML_DECLARATION = re.compile(r'\A\ufeff?<\?xml version="1\.[01]"(?: encoding="[Uu][Tt][Ff]-8")?\?>')


def symlinks(root: Path, folders: tuple[str, ...] = SOURCE_FOLDERS) -> list[str]:
    """Every symbolic link under the project's source folders, as ``folder/path``."""
    found = []
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            found.append(folder)
            continue
        for here, dirs, files in os.walk(top, followlinks=False):
            for name in sorted(dirs + files):
                path = Path(here) / name
                if path.is_symlink():
                    found.append(path.relative_to(root).as_posix())
    return sorted(found)


def svg_problems(text: str) -> list[str]:
    """Why an SVG file may not be published: the pages' allowlist, read as a browser reads it."""
    body = _XML_DECLARATION.sub("", text, count=1)
    problems = []
    if "<!" in body.replace("<!--", "\0") or "<?" in body:
        problems.append("DOCTYPE, ENTITY, CDATA and processing instructions are not allowed in SVG")
    if not body.lstrip().startswith("<svg"):
        problems.append("an SVG file must start with <svg")
    problems += [v.what for v in check_html(body)]
    return problems


def static_file_problems(path: Path) -> list[str]:
    """Why this file (not a page) may not be published, or an empty list."""
    suffix = path.suffix.lower()
    if suffix not in STATIC_TYPES:
        kinds = "HTML only as pages (.md)" if suffix in (".html", ".htm", ".xhtml", ".shtml") else \
            f"files of type {suffix or '(none)'!r} are not published"
        return [f"{kinds}; allowed: {', '.join(sorted(STATIC_TYPES))} (kzrights/site/static_files.py)"]
    if suffix == ".svg":
        try:
            return svg_problems(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            return ["an SVG file must be UTF-8 text"]
    return []
