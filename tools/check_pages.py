"""Check pages quickly without a full build: directives, citations, figures, heading ids.

    python tools/check_pages.py docs/ru/assembly.md [more pages…]

Exit status 1 and one ``file:line: message`` per problem when something is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kzrights.directives import DirectiveError, render_page
from kzrights.i18n import LANGS
from kzrights.load import DataError, load_site

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[str]) -> int:
    try:
        data = load_site(ROOT / "data")
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    failed = False
    for name in paths:
        path = Path(name).resolve()
        lang = path.relative_to(ROOT / "docs").parts[0]
        if lang not in LANGS:
            print(f"{name}: not under docs/<lang>/", file=sys.stderr)
            failed = True
            continue
        try:
            render_page(path.read_text(encoding="utf-8"), lang, data)
        except DirectiveError as err:
            print(f"{name}:{err.line}: {err.message}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
