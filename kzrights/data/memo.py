"""Remembered results that record what they read, so that a change to any of it is a miss.

A result is kept under a key that names its direct inputs (a page's Markdown, a language,
the loaded data's :attr:`~kzrights.data.load.SiteData.generation`) together with the
stamps of everything else it read while it was made (a folder of pages, say), the way
Lektor records what each built artifact depends on. Before a result is reused each of
those is stamped again; any difference is a miss. Every store is bounded: the least
recently used result goes first.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Callable, Generic, Hashable, TypeVar

V = TypeVar("V")
Stamp = Callable[[], Hashable]


def tree_stamp(folder: Path, pattern: str = "*.md") -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every file under ``folder`` matching ``pattern``."""
    folder = Path(folder)
    out = []
    for path in sorted(folder.rglob(pattern)):
        stat = path.stat()
        out.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class Reads:
    """What one result read beyond its key: each read is stamped when it is declared,
    before it is read, so a change made while the result is computed is a miss too."""

    def __init__(self) -> None:
        self.stamps: list[tuple[Stamp, Hashable]] = []

    def folder(self, folder: Path, pattern: str = "*.md") -> None:
        """Declare that the result reads the files under ``folder``."""
        self.add(lambda: tree_stamp(folder, pattern))

    def add(self, stamp: Stamp) -> None:
        self.stamps.append((stamp, stamp()))

    def unchanged(self) -> bool:
        return all(stamp() == seen for stamp, seen in self.stamps)


class Remembered(Generic[V]):
    """A bounded store of results, each with what it read."""

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, tuple[V, Reads]] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[Reads], V]) -> V:
        """The result for ``key``: remembered, unless something it read has changed since;
        else ``make(reads)``, which declares in ``reads`` what it reads beyond the key."""
        hit = self._items.get(key)
        if hit is not None and hit[1].unchanged():
            self._items.move_to_end(key)
            return hit[0]
        reads = Reads()
        value = make(reads)
        self._items[key] = (value, reads)
        self._items.move_to_end(key)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
