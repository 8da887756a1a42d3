"""Checks of page prose that a build cannot see: typed statistics and the wrong language.

Both work on a page's Markdown source and return ``(line, text)`` findings; an empty list
means the page is clean.
"""

from __future__ import annotations

import re

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|"
    "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
)
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
