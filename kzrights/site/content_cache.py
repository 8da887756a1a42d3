"""Results of a pure function of a page's HTML, remembered by a digest of the HTML.

``serve`` rebuilds every page of every language after one save, and all but the saved
page come out exactly as before: their allowlist check and policy hashes need not be
computed again. Only the digest and the (small) result are kept, not the HTML.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Callable, TypeVar

from kzrights.data.memo import Remembered

T = TypeVar("T")
MAX_PAGES = 16384  # every page of the site at 100 times its data


def by_content(func: Callable[[str], T]) -> Callable[[str], T]:
    """``func``, computed once per distinct ``html`` (the last :data:`MAX_PAGES` of them)."""
    results: Remembered[T] = Remembered(maxsize=MAX_PAGES)

    @functools.wraps(func)
    def remembered(html: str) -> T:
        key = hashlib.blake2b(html.encode("utf-8"), digest_size=16).digest()
        return results.get(key, lambda reads: func(html))

    remembered.results = results  # type: ignore[attr-defined]  # for tests: its size
    return remembered
