"""Check pages quickly without a full build: directives, citations, figures, heading ids,
numbers typed into prose instead of {{ fig:key }}, sentences in the wrong language,
uncited paragraphs in the factual sections of an area page, guidance not marked as
guidance, and terms the glossary forbids (in the pages and in data/*.yaml).

    python tools/check_pages.py docs/ru/assembly.md [more pages…]

Exit status 1 and one ``file:line: message`` per problem when something is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kzrights.directives import DirectiveError, render_page
from kzrights.i18n import LANGS
from kzrights.load import DataError, load_site
from kzrights.prose import (find_forbidden_terms, find_forbidden_terms_in_data, find_typed_numbers,
                            find_uncited_blocks, find_unmarked_guidance, find_wrong_language,
                            forbidden_patterns, prose_only)

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[str]) -> int:
    try:
        data = load_site(ROOT / "data")
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    failed = False
    for file, line, message in find_forbidden_terms_in_data(ROOT / "data", data.glossary):
        print(f"data/{file}:{line}: {message}", file=sys.stderr)
        failed = True
    area_pages = {area.page for area in data.areas.values()}
    for name in paths:
        path = Path(name).resolve()
        lang = path.relative_to(ROOT / "docs").parts[0]
        if lang not in LANGS:
            print(f"{name}: not under docs/<lang>/", file=sys.stderr)
            failed = True
            continue
        text = path.read_text(encoding="utf-8")
        problems = [(line, f"number typed into prose: {token!r} (use {{{{ fig:key }}}})")
                    for line, token in find_typed_numbers(text)]
        problems += [(line, f"not in the page's language: {snippet!r}")
                     for line, snippet in find_wrong_language(text, lang)]
        if path.relative_to(ROOT / "docs" / lang).as_posix() in area_pages:
            problems += [(line, f"factual paragraph without a citation: {snippet!r}")
                         for line, snippet in find_uncited_blocks(text)]
        problems += find_unmarked_guidance(text, data.label("guidance_title", lang))
        problems += find_forbidden_terms(prose_only(text), forbidden_patterns(data.glossary, lang))
        try:
            render_page(text, lang, data)
        except DirectiveError as err:
            problems += err.problems
        for line, message in sorted(problems):
            print(f"{name}:{line}: {message}", file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
