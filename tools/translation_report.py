"""Report what is not yet translated: pages missing in a language, and pages whose
headings (ids) differ from the English version.

    python tools/translation_report.py      # exit status 1 when something is missing
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kzrights.i18n import DEFAULT_LANG, LANGS

DOCS = Path(__file__).resolve().parent.parent / "docs"
_HEADING_ID = re.compile(r"^#{1,6}\s.*\{\s*#([\w-]+)", re.M)


def heading_ids(path: Path) -> list[str]:
    return _HEADING_ID.findall(path.read_text(encoding="utf-8"))


def report() -> list[str]:
    base = DOCS / DEFAULT_LANG
    pages = sorted(p.relative_to(base) for p in base.rglob("*.md"))
    lines = []
    for lang in LANGS:
        if lang == DEFAULT_LANG:
            continue
        for page in pages:
            target = DOCS / lang / page
            if not target.exists():
                lines.append(f"docs/{lang}/{page}: missing (English: docs/{DEFAULT_LANG}/{page})")
                continue
            expected, found = heading_ids(base / page), heading_ids(target)
            if expected != found:
                gone = [i for i in expected if i not in found]
                extra = [i for i in found if i not in expected]
                lines.append(f"docs/{lang}/{page}: headings differ from English"
                             f" (missing: {', '.join(gone) or '-'}; extra: {', '.join(extra) or '-'};"
                             f" order {'differs' if not gone and not extra else 'n/a'})")
        for orphan in sorted(p.relative_to(DOCS / lang) for p in (DOCS / lang).rglob("*.md")):
            if orphan not in pages:
                lines.append(f"docs/{lang}/{orphan}: has no English original")
    return lines


if __name__ == "__main__":
    problems = report()
    print("\n".join(problems) or "Every page is translated, with the same headings.")
    sys.exit(1 if problems else 0)
