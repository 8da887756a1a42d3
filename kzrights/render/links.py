"""Links from generated HTML to another page of the same language, by the page's source path.

A renderer does not know where its output will be published (``/ru/assembly/`` online,
``ru/assembly.html`` in the offline copy), so it writes ``href="docs:sources/ngo-2022.md#para-73"``:
a path under ``docs/<lang>/``. :func:`resolve_docs_links` turns each into a path relative to
the page being built, given a resolver from the build (``kzrights/plugin.py``).
"""

from __future__ import annotations

import re
from typing import Callable

from kzrights.data.load import SOURCE_KEY

DOCS_LINK = "docs:"
READER_PAGE = f"sources/{SOURCE_KEY}.md"  # the source reader (kzrights/render/source_reader.py)

_DOCS_HREF = re.compile(r'href="docs:(?P<path>[^"#]+)(?P<fragment>#[^"]*)?"')


def docs_link(path: str, fragment: str = "") -> str:
    """An href to the page made from ``docs/<lang>/<path>``, resolved when the page is built."""
    return f"{DOCS_LINK}{path}" + (f"#{fragment}" if fragment else "")


def para_link(number: int) -> str:
    """An href to a paragraph of the submission on the source reader."""
    return docs_link(READER_PAGE, f"para-{number}")


def resolve_docs_links(html: str, relative_url: Callable[[str], str]) -> str:
    """Replace every ``href="docs:…"`` with ``relative_url(path)`` and its fragment.

    ``relative_url`` raises ``ValueError`` for a path that is not a page of the site.
    """
    return _DOCS_HREF.sub(
        lambda m: f'href="{relative_url(m["path"])}{m["fragment"] or ""}"', html)
