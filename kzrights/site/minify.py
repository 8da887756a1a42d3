"""The site's own scripts and stylesheets (``docs/assets/*.js``, ``*.css``) without their
comments and spaces in the built site (rjsmin, rcssmin: nothing renamed or reordered).
Material's and Pagefind's files come minified; the readable source stays in docs/assets/."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_own_assets(docs_assets: Path, site: Path) -> tuple[int, int, int]:
    """Minify, in ``site/assets/``, each file written in ``docs_assets``:
    (files, bytes before, bytes after)."""
    files = before = after = 0
    for source in sorted(docs_assets.iterdir()):
        built = site / "assets" / source.name
        if source.suffix not in MINIFIERS or not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        small = MINIFIERS[source.suffix](text)
        built.write_text(small, encoding="utf-8")
        files, before, after = files + 1, before + len(text.encode()), after + len(small.encode())
    return files, before, after
