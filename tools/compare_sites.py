"""Compare two built sites file by file: which files differ, are missing or are new.

    python tools/compare_sites.py OLD_SITE NEW_SITE [--ignore-dates]

For checking that a change to the code leaves the published site as it was. Compressed
copies, the offline ZIP and the Pagefind index (named by content hashes) follow from the
files they are made of and are left out. ``--ignore-dates`` treats dates as equal (a page's
"last changed" follows the git history of its file, which a merge of other work moves).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SKIPPED_SUFFIXES = (".br", ".gz", ".zip")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|(?<!\d)\d{1,2}(?!\d)")  # ISO dates, day numbers


def _same(old: bytes, new: bytes, ignore_dates: bool) -> bool:
    if old == new or not ignore_dates:
        return old == new
    try:
        return _DATE.sub("D", old.decode("utf-8")) == _DATE.sub("D", new.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def compare(old: Path, new: Path, ignore_dates: bool = False) -> list[str]:
    """``differs|missing|new path`` for every file that is not the same in both sites."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*")
                if p.is_file() and not p.name.endswith(SKIPPED_SUFFIXES)
                and "pagefind" not in p.relative_to(root).parts}

    before, after = files(old), files(new)
    out = [f"missing {name}" for name in sorted(before - after)]
    out += [f"new {name}" for name in sorted(after - before)]
    out += [f"differs {name}" for name in sorted(before & after)
            if not _same((old / name).read_bytes(), (new / name).read_bytes(), ignore_dates)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--ignore-dates", action="store_true")
    args = parser.parse_args()
    differences = compare(args.old, args.new, args.ignore_dates)
    print("\n".join(differences) or "the same")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
