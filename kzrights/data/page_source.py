"""A page's source file (``docs/<lang>/*.md``), checked before anything else reads it.

First the limits, each a ``line: message`` an editor can act on, so that a hostile or
broken page costs milliseconds, not minutes: the page's size, the length of each line and
how deeply lists and quotes nest. Then its front matter: parsed with the same strict YAML
subset as the data files (kzrights/data/plainyaml.py: no aliases, tags or merge keys),
and only the keys the project uses. Front matter that would switch the theme
(``template:``, ``hide:``, ``title:``, ``icon:``, ``status:``, ``subtitle:`` …) is refused,
and so is the MultiMarkdown form of metadata (``key: value`` lines before the text),
which MkDocs reads as front matter too.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from kzrights.data.plainyaml import parse_plain_yaml

MAX_PAGE_BYTES = 200_000  # the longest page is about 21 KB
MAX_LINE = 4_000          # characters; the longest line is about 1,500
MAX_NESTING = 10          # lists and quotes inside each other; pages use 2

# The keys a page's front matter may have, and what each holds.
FRONT_MATTER: dict[str, str] = {
    "translation_of": "the version of the English page this one translates (kzrights/data/translation.py)",
    "description": "the page's description for search engines and link previews",
}

# MkDocs' own patterns (mkdocs/utils/meta.py): what it reads as front matter.
_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")
# What a line starts with: indentation, quote markers and list markers (linear: no overlap).
_PREFIX = re.compile(r"[ \t>]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+[ \t>]*)*")
_MARKERS = re.compile(r">|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])")


class PageProblem(NamedTuple):
    line: int
    message: str


def nesting(line: str) -> int:
    """How deeply a line sits in lists and quotes: its markers, and every four columns of
    indentation (a nested list's items are indented)."""
    prefix = _PREFIX.match(line)[0].expandtabs(4)
    markers = len(_MARKERS.findall(prefix))
    return markers + (len(prefix) - len(prefix.lstrip(" "))) // 4


def limits(text: str) -> list[PageProblem]:
    """The page's size, its lines' lengths and nesting: the first problem of each kind."""
    size = len(text.encode("utf-8"))
    if size > MAX_PAGE_BYTES:
        return [PageProblem(1, f"the page is {size:,} bytes: at most {MAX_PAGE_BYTES:,}; split it")]
    problems: list[PageProblem] = []
    long = deep = False
    for number, line in enumerate(text.split("\n"), 1):
        if not long and len(line) > MAX_LINE:
            long = True
            problems.append(PageProblem(number, f"line of {len(line):,} characters: at most "
                                                f"{MAX_LINE:,}; break it into shorter lines"))
        if not deep and len(line) <= MAX_LINE and nesting(line) > MAX_NESTING:
            deep = True
            problems.append(PageProblem(number, f"lists or quotes nested {nesting(line)} deep: "
                                                f"at most {MAX_NESTING}"))
    return problems


def front_matter(text: str) -> tuple[dict[str, Any], list[PageProblem]]:
    """The page's front matter (the keys of :data:`FRONT_MATTER`) and its problems."""
    text = text.removeprefix("\ufeff")
    match = _YAML_FRONT_MATTER.match(text)
    if not match:
        first = text.split("\n", 1)[0]
        if _MULTIMARKDOWN_META.match(first):
            return {}, [PageProblem(1, f"{first[:40]!r}: metadata is written only as front matter "
                                       "between two --- lines, with the keys "
                                       f"{', '.join(FRONT_MATTER)}; start the page with its # title")]
        return {}, []
    parsed, found = parse_plain_yaml(match[1])
    problems = [PageProblem(p.line + 1, f"front matter: {p.message}") for p in found]
    if parsed is None:
        return {}, problems
    value, lines = parsed
    if value is None:
        return {}, problems
    if not isinstance(value, dict):
        return {}, [*problems, PageProblem(2, "front matter must be `key: value` lines")]
    meta: dict[str, Any] = {}
    for key, item in value.items():
        line = lines.get((key,), 1) + 1
        if key not in FRONT_MATTER:
            problems.append(PageProblem(line, f"front matter key {key!r} is not allowed (it could "
                                              "change how the theme shows the page); allowed: "
                                              + ", ".join(FRONT_MATTER)))
        elif not isinstance(item, (str, int)) or isinstance(item, bool):
            problems.append(PageProblem(line, f"front matter {key}: write one line of text"))
        elif any(c in str(item) for c in "\x00\x85\u2028\u2029"):
            problems.append(PageProblem(line, f"front matter {key}: a line or paragraph separator "
                                              "or a NUL character is not allowed"))
        else:
            meta[key] = str(item)
    return meta, problems


def check_page(text: str) -> tuple[dict[str, Any], list[PageProblem]]:
    """Limits first (a page over them is not read further), then the front matter."""
    if problems := limits(text):
        return {}, problems
    return front_matter(text)
