"""Checks of page prose that a build cannot see: typed statistics, the wrong language,
uncited findings, unmarked guidance and terms the glossary forbids.

Each works on a page's Markdown source (or, for terms, on the data files) and returns
``(line, text)`` findings; an empty list means the page is clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kzrights.i18n import LANGS, MONTHS, MONTHS_GENITIVE_RU

_MONTHS = "|".join(m.lower() for m in (*MONTHS["en"], *MONTHS_GENITIVE_RU, *MONTHS["ru"], *MONTHS["kk"]))
# Words after which a number is a reference (article 405, ст. 14, para. 74), not a statistic.
_REFERENCE_WORDS = (
    r"(?:article|articles|art\.|arts\.|part|parts|para\.|paras\.|paragraph|paragraphs|clause|"
    r"clauses|rule|no\.|№|статья|статьи|статье|статью|статьёй|статей|статьям|статьях|ст\.|"
    r"часть|части|частью|частей|ч\.|пункт|пункта|пункте|пунктом|пунктов|п\.|пп\.|правило|"
    r"правила|правилом)"
)
_KK_REFERENCE_SUFFIX = r"-(?:бап|баб|бөл|тармақ|тармағ|тарау|ереже)"
_STRIP = [
    re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S),  # front matter
    re.compile(r"```.*?```", re.S),
    re.compile(r"`[^`]*`"),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\[@[^\]]*\]"),                     # citations
    re.compile(r"\{\{.*?\}\}"),                     # figures
    re.compile(r"\{\s*[#.:][^}]*\}"),               # attribute lists, heading ids
    re.compile(r"\]\([^)]*\)"),                     # link targets
    re.compile(r"\b[A-Z]{1,5}(?:\s?/\s?[A-Za-z0-9.]+)+"),  # document symbols
    re.compile(r"\bOL KAZ \d+/\d{4}\b"),
    re.compile(r"COVID-19"),
    re.compile(r"\(\d+\)"),                         # sub-clauses: 14(3)
    re.compile(r"^\s*\d+[.)]\s", re.M),              # ordered-list markers
]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+)*")  # 34.6, 460-1, 2016-2022
_CHAIN = re.compile(r"^\s*(?:,|;|and|or|и|или|және|немесе|–|-|—|,\s*and|,\s*и)?\s*$", re.I)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace matches with spaces, keeping line breaks so line numbers stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def prose_only(markdown: str) -> str:
    for pattern in _STRIP:
        markdown = _blank(markdown, pattern)
    return markdown


def find_typed_numbers(markdown: str) -> list[tuple[int, str]]:
    """Numbers in prose that are neither years, dates nor article/paragraph references."""
    findings = []
    for number, line in enumerate(prose_only(markdown).split("\n"), start=1):
        previous_ok_end: int | None = None
        for match in _NUMBER.finditer(line):
            token, before, after = match[0], line[:match.start()], line[match.end():]
            ok = (
                re.fullmatch(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?", token) is not None
                or re.search(_REFERENCE_WORDS + r"\s*$", before, re.I) is not None
                or re.match(_KK_REFERENCE_SUFFIX, after) is not None
                or re.match(rf"(?:\s*(?:-|–|—|and|и|және|,)\s*\d{{1,2}})*\s*(?:{_MONTHS})", after, re.I) is not None
                or (previous_ok_end is not None and _CHAIN.match(line[previous_ok_end:match.start()]) is not None)
            )
            if ok:
                previous_ok_end = match.end()
            else:
                findings.append((number, token))
                previous_ok_end = None
    return findings


_LATIN_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]+\b[\s,;:]+){3,}\b[A-Za-z][A-Za-z'’-]+\b")
_CYRILLIC_WORD = re.compile(r"\b[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі-]{2,}\b")
_KAZAKH_LETTER = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _blocks(markdown: str):
    """Paragraphs and list items with the line they start on."""
    start, lines = None, []
    for number, line in enumerate(markdown.split("\n"), start=1):
        new_item = re.match(r"\s*(?:[-*+]|\d+\.)\s", line) or line.lstrip().startswith(("#", "|", "!!!"))
        if not line.strip() or new_item:
            if lines:
                yield start, " ".join(lines)
            start, lines = (number, [line]) if line.strip() else (None, [])
            continue
        if start is None:
            start = number
        lines.append(line)
    if lines:
        yield start, " ".join(lines)


def find_wrong_language(markdown: str, lang: str) -> list[tuple[int, str]]:
    """Blocks that are not in the page's language.

    ru/kk: a run of four or more Latin words (an English phrase). kk: a block of four or
    more Cyrillic words without a letter that only Kazakh has (a Russian sentence). en: a
    run of four or more Cyrillic words.
    """
    findings = []
    for line, block in _blocks(prose_only(markdown)):
        if lang in ("ru", "kk") and (run := _LATIN_RUN.search(block)):
            findings.append((line, run[0]))
        if lang == "kk" and len(_CYRILLIC_WORD.findall(block)) >= 4 and not _KAZAKH_LETTER.search(block):
            findings.append((line, block.strip()[:80]))
        if lang == "en" and len(_CYRILLIC_WORD.findall(block)) >= 4:
            findings.append((line, block.strip()[:80]))
    return findings


# --- Factual and guidance sections ----------------------------------------------------
#
# An issue-area page has factual sections, where every paragraph, list item and table row
# carries a citation, and guidance sections, whose content sits in a guidance admonition
# (``!!! guidance "<labels.yaml: guidance_title>"``) so that it cannot be mistaken for a
# finding of the sources. A ``###`` sub-section belongs to the ``##`` section above it.
FACTUAL_SECTIONS = frozenset({"in-brief", "covenant-guarantees", "kazakh-law", "in-practice", "un-bodies"})
GUIDANCE_SECTIONS = frozenset({"what-you-can-do", "after-release"})
GUIDANCE_ADMONITION = "guidance"

_HEADING = re.compile(r"^(#{1,6})\s.*\{\s*#([\w-]+)[^}]*\}\s*$")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')
_CITATION = re.compile(r"\[@[^\]]+\]")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")


def _section_blocks(markdown: str):
    """Paragraphs, list items and table rows as ``(line, text, section, admonition)``.

    ``section`` is the id of the enclosing ``##`` heading (``None`` before the first one);
    ``admonition`` is ``(type, title)`` when the block is indented under ``!!! type "title"``.
    Headings, admonition lines, directive comments and table headers are not blocks.
    """
    section = admonition = None
    start, lines = None, []
    raw = markdown.split("\n")

    def flush():
        nonlocal start, lines
        if lines:
            text = " ".join(line.strip() for line in lines)
            if not re.fullmatch(r"<!--.*-->", text):
                yield start, text, section, admonition
        start, lines = None, []

    for number, line in enumerate(raw, start=1):
        indented = line.startswith("    ") or line.startswith("\t")
        if line.strip() and not indented:
            admonition = None
        heading = _HEADING.match(line)
        opener = _ADMONITION.match(line)
        table_row = line.lstrip().startswith("|")
        new_item = re.match(r"\s*(?:[-*+]|\d+\.)\s", line) or table_row
        if not line.strip() or heading or opener or new_item:
            yield from flush()
        if heading:
            if len(heading[1]) <= 2:
                section = heading[2]
            continue
        if opener:
            admonition = (opener[1], opener[2] or "")
            continue
        if not line.strip():
            continue
        if table_row:
            following = raw[number] if number < len(raw) else ""
            if _TABLE_SEPARATOR.match(line) or _TABLE_SEPARATOR.match(following):
                continue  # header row or separator
        if start is None:
            start = number
        lines.append(line)
    yield from flush()


def find_uncited_blocks(markdown: str) -> list[tuple[int, str]]:
    """Blocks of factual sections without a citation.

    A list is cited either item by item or, as a whole, by its lead-in: a paragraph that
    ends with a colon and carries a citation covers the list items right after it. A lead-in
    without a citation is exempt when its list follows (the items must cite). Blocks inside
    a guidance admonition are guidance, not findings.
    """
    blocks = list(_section_blocks(markdown))
    findings, covered = [], False
    for index, (line, text, section, admonition) in enumerate(blocks):
        is_item = re.match(r"(?:[-*+]|\d+\.)\s", text) is not None
        covered = covered and is_item
        lead_in = text.rstrip().endswith(":")
        following = blocks[index + 1][1] if index + 1 < len(blocks) else ""
        if lead_in and not is_item:
            covered = _CITATION.search(text) is not None
        if section not in FACTUAL_SECTIONS or (admonition and admonition[0] == GUIDANCE_ADMONITION):
            continue
        if _CITATION.search(text) or (is_item and covered):
            continue
        if lead_in and re.match(r"(?:[-*+]|\d+\.)\s", following):
            continue
        findings.append((line, text[:80]))
    return findings


def find_unmarked_guidance(markdown: str, title: str) -> list[tuple[int, str]]:
    """Blocks of guidance sections outside a guidance admonition titled ``title``.

    ``title`` is the page language's ``guidance_title`` from ``data/labels.yaml``.
    """
    findings = []
    for line, text, section, admonition in _section_blocks(markdown):
        if section not in GUIDANCE_SECTIONS:
            continue
        if admonition is None or admonition[0] != GUIDANCE_ADMONITION:
            findings.append((line, f"guidance outside a '!!! {GUIDANCE_ADMONITION}' admonition: {text[:60]!r}"))
        elif admonition[1] != title:
            findings.append((line, f"guidance admonition title must be {title!r}, not {admonition[1]!r}"))
    return findings


# --- Terminology ----------------------------------------------------------------------
#
# A glossary term may list forbidden variants per language (``avoid: {kk: [...]}``). A
# variant is a phrase, matched case-insensitively at word boundaries; a ``*`` after a word
# lets that word take any ending (Kazakh suffixes, Russian inflection): ``нақты ұстау*``
# matches «нақты ұстаудың», ``мнени* Комитет*`` matches «мнениях Комитета».


def variant_pattern(variant: str) -> re.Pattern[str]:
    words = []
    for word in variant.split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"[\w-]*" if word.endswith("*") else ""))
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.I)


def forbidden_patterns(glossary, lang: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """``(term id, variant, pattern)`` for every forbidden variant of ``lang`` in the glossary."""
    return [(term.id, variant, variant_pattern(variant))
            for term in glossary for variant in term.avoid.get(lang, [])]


def find_forbidden_terms(text: str, patterns) -> list[tuple[int, str]]:
    """Forbidden variants in ``text`` (a page or a data value), with their line numbers."""
    findings = []
    for term_id, variant, pattern in patterns:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            findings.append((line, f"{match[0]!r}: the glossary term {term_id!r} avoids {variant!r}"))
    return sorted(findings)


def find_forbidden_terms_in_data(data_dir: Path, glossary) -> list[tuple[str, int, str]]:
    """Forbidden variants in the text fields of ``data/*.yaml``: ``(file, line, message)``.

    Every scalar under a language key (``ru:``, ``kk:``, ``en:``) is checked against that
    language's variants; the glossary's own ``avoid`` lists are sequences, not checked.
    """
    patterns = {lang: forbidden_patterns(glossary, lang) for lang in LANGS}
    findings = []
    for path in sorted(Path(data_dir).glob("*.yaml")):
        stack = [yaml.compose(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value in patterns and isinstance(value, yaml.ScalarNode):
                        for _, message in find_forbidden_terms(value.value, patterns[key.value]):
                            findings.append((path.name, value.start_mark.line + 1, message))
                    else:
                        stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
    return sorted(findings)
