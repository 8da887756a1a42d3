"""Check everything an editor can break, in seconds, without building the site.

    python tools/check.py                       # all data, all pages, all translations
    python tools/check.py docs/ru/assembly.md   # the data and these pages only
    python tools/check.py --stamp docs/ru/assembly.md   # after updating a translation
    python tools/check.py --write-schema        # refresh the data formats in CONTRIBUTING

Checks: every data file (the loader's own checks), every page in every language
(directives, citations, figures, heading ids, numbers typed into prose, sentences in the
wrong language, the same heading ids as English, qualifiers and dated headings of the
submission kept: kzrights/checks/prose.py) and every translation (its
``translation_of`` names the current English page). Prints every problem at once as
``file:line: field: what is wrong; fix: how to fix it`` and exits with status 1; prints
one ``OK`` line and exits with 0 when there is nothing to fix.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kzrights.checks.editors import check, lint, stamp_pages
from kzrights.data.schema import SCHEMA_FILES, refresh_schema_section

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages to check (default: every page)")
    parser.add_argument("--stamp", nargs="+", metavar="PAGE",
                        help="record that these translations match their English page now")
    parser.add_argument("--write-schema", action="store_true",
                        help="rewrite the data formats section of the CONTRIBUTING files")
    parser.add_argument("--lint", action="store_true",
                        help="also lint the code (ruff, the rules in pyproject.toml; a test tool)")
    args = parser.parse_args(argv)
    if args.stamp:
        return stamp_pages(ROOT, args.stamp)
    if args.write_schema:
        for name in SCHEMA_FILES:
            path = ROOT / name
            path.write_text(refresh_schema_section(path.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"{name}: data formats section written")
        return 0
    started = time.monotonic()
    problems, checked = check(ROOT, [Path(p) for p in args.pages] if args.pages else None)
    if args.lint:
        problems += lint(ROOT)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found; nothing was changed. Fix them and run "
              "tools/check.py again.")
        return 1
    print(f"OK: {checked} checked in {time.monotonic() - started:.1f} s; no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
