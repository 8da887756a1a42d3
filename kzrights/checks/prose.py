"""Checks of page prose that a build cannot see: typed statistics, the wrong language,
uncited findings, unmarked guidance and terms the glossary forbids.

Each works on a page's Markdown source (or, for terms, on the data files) and returns
``(line, text)`` findings; an empty list means the page is clean.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from kzrights.i18n import LANGS, MONTHS, MONTHS_GENITIVE_RU
from kzrights.render.citations import parse_locator  # the citation syntax, in one place

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
    # Each pattern below reads an unclosed opener to the end (possessively) instead of
    # trying again from every later opener: linear in the page.
    re.compile(r"```(?:[^`]|`(?!``))*+(?:```|\Z)"),
    re.compile(r"`[^`]*+(?:`|\Z)"),
    re.compile(r"<!--(?:[^-]|-(?!->))*+(?:-->|\Z)"),
    re.compile(r"\[@[^\]]*+(?:\]|\Z)"),             # citations
    re.compile(r"\{\{(?:[^}\n]|\}(?!\}))*+(?:\}\}|$)", re.M),  # figures
    re.compile(r"\{\s*+[#.:][^}]*+(?:\}|\Z)"),       # attribute lists, heading ids
    re.compile(r"\]\([^)]*+(?:\)|\Z)"),             # link targets
    re.compile(r"\b[A-Z]{1,5}(?:\s?/\s?[A-Za-z0-9.]+)+"),  # document symbols
    re.compile(r"\bOL KAZ \d+/\d{4}\b"),
    re.compile(r"COVID-19"),
    re.compile(r"\(\d+\)"),                         # sub-clauses: 14(3)
    re.compile(r"^\s*\d+[.)]\s", re.M),              # ordered-list markers
]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+)*")  # 34.6, 460-1, 2016-2022
_NEAR = 80  # characters around a number that can make it a reference or a date
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
            # What decides is next to the number: looking only that far keeps the check
            # linear in the line (a line of 40,000 digits took minutes).
            token = match[0]
            before = line[max(0, match.start() - _NEAR):match.start()]
            after = line[match.end():match.end() + _NEAR]
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


# Linear: a word is tried only from its start, and read possessively (no backtracking), so
# a long line of hyphenated letters costs its length, not its square.
_LATIN_WORD = r"[A-Za-z](?:['’-]*+[A-Za-z])++"
_LATIN_RUN = re.compile(r"(?<![\w'’-])" + _LATIN_WORD + r"(?:[\s,;:]++" + _LATIN_WORD + r"){3,}+")
_CYRILLIC = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_CYRILLIC_WORD = re.compile(rf"(?<![\w-])[{_CYRILLIC}](?:-*+[{_CYRILLIC}])++")
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

_HEADING = re.compile(r"^(#{1,6})\s[^{\n]*+(?:\{(?!\s*#)[^{\n]*+)*+\{\s*#([\w-]+)[^{}]*\}\s*$")
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')
_CITATION = re.compile(r"\[@[^\][]+\]")
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


# --- Qualifiers and dates of the submission ---------------------------------------------
#
# Two rules read a page (or a data text) against the paragraphs of the NGO submission
# (ngo-2022) it cites, in every language:
#
# 1. Hedges kept (find_dropped_hedges). Where a paragraph reports rather than states
#    (SOURCE_HEDGE: "allegedly", "reportedly", "apparently", "alleged", "he believed", "in
#    our opinion", "according to" a person, a study or data; not "according to Article
#    129", "the Law" or "the statement of the Republic", which name a legal basis), an
#    English sentence that says what the hedged clauses say (a figure of them, or most of
#    their words) keeps a hedge or an attribution (HEDGES): in itself, the sentence before
#    it, the paragraph that introduces its list or the heading above it. A Russian or Kazakh
#    block keeps one where its English block needs one. Case summaries and glossary notes
#    likewise (find_dropped_hedges_in_records).
# 2. Dates that match (find_misdated_headings, find_misdated_labels). A heading with a month
#    and a year names one that the paragraph cited where its section begins gives (the
#    first sentence under it that cites the submission introduces what the heading names);
#    a case's title or a figure's label one that a paragraph of its ``paras`` gives. A date
#    that names a dated thing ("the January 2022 study") must be written so in the paragraph
#    ("In August 2022"); a date of when something happened ("the January 2022 detentions")
#    needs the month and the year named there ("during the January events ... 2022").
#    Sections and labels that cite no paragraph of the submission are not checked.
#
# Sentences end at ".", "!" or "?" before a capital letter, a digit or an opening quote,
# outside citations, not after an abbreviation (art., п.) or an initial (Kh. K. Azhigulova).

SOURCE_KEY = "ngo-2022"

# What a paragraph of the submission says when it reports rather than states.
SOURCE_HEDGE = re.compile(
    r"\b(?:allegedly|reportedly|apparently|alleged|(?:he|she|they)\s+believed|in\s+our\s+opinion|according\s+to(?!\s+(?:the\s+)?(?:new\s+|old\s+)?"
    r"(?:articles?|art\.|law|laws|constitution|code|which|soviet|method|rules?|procedure|"
    r"statement\s+of\s+the\s+republic|declaration|decree|resolution|convention|covenant|regulations?)\b))",
    re.I)

# Hedges and attributions, per language: a word, a phrase, or a stem ("*": any ending; a
# leading "*": any beginning, for Kazakh endings). What counts is that the text still says
# the claim is the source's (or a study's, or an organisation's), not the site's:
# - en: allegedly, reportedly, according to, claimed, said, and the verbs and nouns that
#   attribute a statement or a figure (stated, told, found, recorded, the study, the data).
# - ru: якобы, предположительно, по сообщениям, по данным, согласно, по словам, утверждается,
#   and the verbs of saying and recording (сообщают, заявили, отмечают, зафиксировало),
#   исследование, анкета, опрос.
# - kk: the reported-speech endings -мыш/-міш and -ыпты/-іпті, деп and делінген (reported
#   speech), болжам бойынша (supposedly), мәліметінше / мәліметтері бойынша, деректері
#   бойынша, деректерге қарағанда, айтуынша, сөзінше, пікірінше, хабарланған, мәлімдеді,
#   зерттеу, сауалнама, тіркеген, жинайды. Not бойынша alone: it also means "in"
#   («азаптау істері бойынша»).
HEDGES: dict[str, tuple[str, ...]] = {
    "en": ("alleged*", "allegation*", "reported*", "according to", "claim*", "said", "say",
           "says", "stated", "states that", "told", "account*", "found", "finds", "describe*",
           "believe*", "suggest*", "complain*", "finding*", "come from", "record*", "survey*",
           "stud*", "questionnaire*", "data", "counts", "counted", "apparently", "seem*", "accused",
           "opinion", "consider*"),
    "ru": ("якобы", "предположительно", "по сообщени*", "сообща*", "сообщил*", "по данным", "данны*",
           "согласно", "по словам", "со слов*", "утвержда*", "по информации", "по мнению",
           "по результатам", "по оценк*", "заяв*", "рассказ*", "пишут", "указыва*", "отмеча*",
           "жалова*", "показал*", "выявил*", "как сообщается", "считают", "считал*", "по их словам",
           "по-видимому", "видимо", "связыва*", "обвин*",
           "исследовани*", "анкет*", "опрос*", "зафиксирова*", "фиксир*"),
    "kk": ("болжам*", "*мыш", "*міш", "*ыпты", "*іпті", "*пты", "*пті", "деп", "делінген",
           "хабарлан*", "мәліметі*", "деректер*", "қарағанда", "айтуы*", "сөзі*", "пікірі*", "көрсетуі*",
           "айтады", "айтқан*", "мәлімде*", "хабарла*", "шағымдан*", "анықта*", "зерттеу*",
           "сауалнама*", "тіркеге*", "мәлімет*", "жина*", "сияқты", "секілді", "айып*",
           "санаған*", "санайды"),
}


@functools.lru_cache(maxsize=None)
def hedge_pattern(lang: str) -> re.Pattern[str]:
    """One pattern for the hedges of ``lang`` (HEDGES)."""
    alternatives = []
    for hedge in HEDGES[lang]:
        words = []
        for word in hedge.split():
            core = re.escape(word.strip("*"))
            words.append((r"[\w-]*" if word.startswith("*") else "") + core
                         + (r"[\w-]*" if word.endswith("*") else ""))
        alternatives.append(r"\s+".join(words))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


_CITE_BODY = re.compile(r"\[@([^\]]+)\]")
_ANY_HEADING = re.compile(r"^(#{1,6})\s+(?P<title>.*?)\s*(?:\{[^}]*\})?\s*$")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:art|arts|para|paras|no|nos|p|pp|e\.g|i\.e|etc|vs|v|mr|ms|mrs|dr|cf|ст|ч|п|пп|т|г|гг|"
    r"см|им|т\.е|т\.б|т\.с\.с)\.$", re.I)
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]?|[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]?)\.$")  # Kh. K. Azhigulova
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)*_]*\s+(?=[\"'«“(*_]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")


def _cited_paras(text: str) -> list[int]:
    """The paragraphs of the submission that the citations in ``text`` name."""
    paras: list[int] = []
    for body in _CITE_BODY.findall(text):
        for item in body.split(";"):
            key, _, locator = item.strip().lstrip("@").partition(",")
            if key.strip() == SOURCE_KEY and locator.strip():
                try:
                    paras += parse_locator(locator)
                except ValueError:
                    pass  # the page check reports a bad locator
    return paras


def sentences(text: str) -> list[str]:
    """A block's sentences; citations stay with the sentence they end."""
    masked = _CITE_BODY.sub(lambda m: re.sub(r"[.!?]", "_", m[0]), text)
    out, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        before = masked[start:match.start() + 1]
        if _ABBREVIATION.search(before) or _INITIAL.search(before):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_STOP = frozenset("""this that with from were been have has had which their there they them than then
also only into over under after before about when where while such these those other some each
what whom would could should shall will does done being very more most same both every""".split())
_FIGURE = re.compile(r"\{\{\s*fig:([\w-]+)\s*\}\}")
_NUMBER_IN_TEXT = re.compile(r"\d+(?:[.,]\d+)?")
_HEDGE_STEMS = frozenset({"alleg", "repor", "appar", "accor", "belie", "opini"})


def _stems(text: str) -> set[str]:
    """Words of four letters or more as five-letter stems, without the hedges themselves
    (a sentence that drops "apparently" still says what the source says)."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP} - _HEDGE_STEMS


@functools.lru_cache(maxsize=None)
def hedged_source_sentences(paragraph: str) -> tuple[str, ...]:
    """The sentences of a paragraph of the submission that hedge (SOURCE_HEDGE)."""
    return tuple(s for s in sentences(" ".join(paragraph.split())) if SOURCE_HEDGE.search(s))


_CLAUSE = re.compile(r"(?<!\d)[,;:](?!\d)|\s[–—]\s")


@functools.lru_cache(maxsize=None)
def _hedged_clauses(source: str) -> str:
    """The clauses of a source sentence that a hedge governs: "according to X" the clause
    it begins and the next ("According to the study results, | in 41 percent of cases"),
    "allegedly", "apparently" and the like their own clause and the ones around it
    ("payments were made to the victims ..., | allegedly under the Law")."""
    clauses = _CLAUSE.split(source)
    governed = []
    for i, clause in enumerate(clauses):
        for match in SOURCE_HEDGE.finditer(clause):
            word = match[0].lower()
            if word.endswith("believed"):  # "an illness that he believed related to ..."
                governed.append(clause)
            elif word == "alleged" or word.startswith(("according", "in our")):  # what follows
                governed += clauses[i:i + 2]
            else:  # allegedly, reportedly, apparently: what is around
                governed += clauses[max(0, i - 1):i + 2]
    return " ".join(governed)


@functools.lru_cache(maxsize=None)
def _source_stems(source: str) -> frozenset[str]:
    return frozenset(_stems(_hedged_clauses(source)))


@functools.lru_cache(maxsize=None)
def _source_numbers(source: str) -> frozenset[str]:
    return frozenset(_NUMBER_IN_TEXT.findall(source.replace(",", "")))


def _corresponds(sentence: str, source: str, figures: dict[str, str]) -> bool:
    """Whether an English page sentence says what a hedging source sentence says: a figure
    of the sentence is a number of the source sentence, or half its words (four at least)
    are words of the clauses the hedge governs and make two fifths of those."""
    numbers = _source_numbers(source)
    if any(figures.get(key) in numbers for key in _FIGURE.findall(sentence)):
        return True
    own = _stems(_FIGURE.sub(" ", _CITE_BODY.sub(" ", sentence)))
    governed = _source_stems(source)
    shared = own & governed
    return len(shared) >= 4 and len(shared) >= 0.5 * len(own) and len(shared) >= 0.4 * len(governed)


def _hedge_blocks(markdown: str):
    """Blocks citing the submission as ``(key, line, block, context, cited)``: ``context``
    is the heading above the block ("The January 2022 study") and, for a list item, the
    paragraph before the list ("Main findings:"); ``cited`` the sentences that cite, each
    as ``(sentence, paras, the sentence before it)``; ``key`` is the same for a block and
    its translation (the section, the paragraphs the block cites, the how-manieth such
    block of the section)."""
    seen: dict[tuple, int] = {}
    heading, lead_in = "", ""
    raw = markdown.split("\n")
    for line, text, section, _admonition in _section_blocks(markdown):
        heading = next((h["title"] for h in (_ANY_HEADING.match(l) for l in reversed(raw[:line - 1])) if h), "")
        is_item = re.match(r"(?:[-*+]|\d+\.)\s", text) is not None
        if not is_item:
            lead_in = text  # the paragraph before a list introduces it
        parts = sentences(text)
        # A sentence with the one before it: "The data come from X. In 2022 it recorded N."
        cited = [(sentence, paras, parts[i - 1] if i else "") for i, sentence in enumerate(parts)
                 if (paras := _cited_paras(sentence))]
        if not cited:
            continue
        base = (section, tuple(sorted({n for _, paras, _ in cited for n in paras})))
        seen[base] = seen.get(base, 0) + 1
        context = " ".join([heading, lead_in if is_item else ""])
        yield (*base, seen[base]), line, text, context, cited


def _quote(text: str) -> str:
    """A sentence as a finding quotes it: without its citations, at most 100 characters."""
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(_CITE_BODY.sub("", text).split()))[:100]


def _needs_hedge(sentence: str, paras: list[int], paragraphs: dict[int, str], figures: dict[str, str]) -> bool:
    sources = [s for n in paras for s in hedged_source_sentences(paragraphs.get(n, ""))]
    return any(_corresponds(sentence, source, figures) for source in sources)


def find_dropped_hedges(markdown: str, lang: str, paragraphs: dict[int, str],
                        figures: dict[str, str] | None = None,
                        english: str | None = None) -> list[tuple[int, str]]:
    """Text that says what a hedging sentence of the submission says, without a hedge of
    its own language.

    ``paragraphs``: number -> text of the submission; ``figures``: figure key -> its value
    as the source writes it (a page's ``{{ fig:key }}``). An English sentence says what a
    hedging source sentence says when it shares a figure with it or most of the words of
    the clauses the hedge governs; it then needs a hedge itself, in the sentence before it,
    in the paragraph that introduces its list or in the heading above it. A Russian or
    Kazakh block needs one (in it, its list's introduction or its heading) when the block of
    ``english`` (the page's English version) with the same key does.
    """
    figures = figures or {}
    hedge = hedge_pattern(lang)
    needs: set[tuple] = set()
    if lang != "en" and english:
        needs = {key for key, _line, _text, _context, cited in _hedge_blocks(english)
                 if any(_needs_hedge(sentence, paras, paragraphs, figures) for sentence, paras, _ in cited)}
    findings = []
    for key, line, text, context, cited in _hedge_blocks(markdown):
        if hedge.search(context):
            continue
        if lang == "en":
            flagged = [(sentence, paras) for sentence, paras, before in cited
                       if not hedge.search(_CITE_BODY.sub(" ", f"{before} {sentence}"))
                       and _needs_hedge(sentence, paras, paragraphs, figures)]
        else:
            flagged = [cited[0][:2]] if key in needs and not hedge.search(_CITE_BODY.sub(" ", text)) else []
        for sentence, paras in flagged:
            words = sorted({m[0].lower() for n in paras for m in SOURCE_HEDGE.finditer(paragraphs.get(n, ""))})
            findings.append((line, f"para. {', '.join(map(str, paras))} says {' / '.join(map(repr, words))}, "
                                   f"this {'sentence' if lang == 'en' else 'block'} does not: "
                                   f"{_quote(sentence if lang == 'en' else text)!r}"))
    return findings


_PARAS_IN_NOTE = re.compile(r"\bparas?\.\s*(\d+(?:\s*[-–,]\s*\d+)*)")


def paras_named_in(text: str) -> list[int]:
    """The paragraphs a plain-text note names ("NGO submission, paras. 53, 57-58")."""
    paras: list[int] = []
    for match in _PARAS_IN_NOTE.finditer(text):
        try:
            paras += parse_locator(f"paras. {match[1]}")
        except ValueError:
            pass
    return paras


def find_dropped_hedges_in_records(records, paragraphs: dict[int, str],
                                   figures: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """``(record, language, message)`` for a data text (a case's summary, a glossary note)
    whose English says what a hedging sentence of its paragraphs says, when a language's
    text keeps no hedge. ``records``: ``(name, Text, paras)``."""
    figures = figures or {}
    findings = []
    for name, text, paras in records:
        english = text("en")
        needed = [s for s in sentences(english) if _needs_hedge(s, list(paras), paragraphs, figures)]
        if not needed:
            continue
        words = sorted({m[0].lower() for n in paras for m in SOURCE_HEDGE.finditer(paragraphs.get(n, ""))})
        for lang in LANGS:
            if not hedge_pattern(lang).search(text(lang)):
                findings.append((name, lang, f"para. {', '.join(map(str, paras))} says "
                                             f"{' / '.join(map(repr, words))}, this text does not: "
                                             f"{_quote(text(lang))!r}"))
    return findings


# Month names as the patterns below match them (kzrights/i18n.py's table): Russian as
# stems (январ-ь/-я/-е), so that every case matches.
_MONTH_NAMES = {"en": tuple(m.lower() for m in MONTHS["en"]),
                "ru": tuple(m.lower().rstrip("ьй") for m in MONTHS["ru"]),
                "kk": tuple(m.lower() for m in MONTHS["kk"])}
_RU_ENDINGS = r"(?:ь|я|е|ём|ем|а|й|)"
_MONTH_YEAR = {
    # "August 2022", "18 December 2022", "December 18, 2022", "the January events of 2022"
    "en": re.compile(r"(?<![\w-])(?P<month>" + "|".join(_MONTH_NAMES["en"]) + r")\s+(?:\d{1,2},?\s+"
                     r"|(?:[a-z]+\s+){1,2}of\s+)?(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    "ru": re.compile(r"(?<![\w-])(?P<month>" + "|".join(_MONTH_NAMES["ru"]) + r")" + _RU_ENDINGS
                     + r"\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    "kk": re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*(?:-?\s*жыл[\w-]*\s+)?(?:\d{1,2}\s+)?(?P<month>"
                     + "|".join(_MONTH_NAMES["kk"]) + r")[\w-]*", re.I),
}
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}\.(?P<month>\d{2})\.(?P<year>(?:19|20)\d\d)(?!\d)")


def _month_matches(text: str, lang: str):
    for match in _MONTH_YEAR[lang].finditer(text):
        name = match["month"].lower()
        month = next(i for i, stem in enumerate(_MONTH_NAMES[lang], 1)
                     if name == stem or (lang != "ru" and name.startswith(stem)))
        yield match, int(match["year"]), month


def month_years(text: str, lang: str) -> list[tuple[int, int]]:
    """``(year, month)`` of every month written with its year in ``text``."""
    found = [(year, month) for _match, year, month in _month_matches(text, lang)]
    if lang == "en":
        found += [(int(m["year"]), int(m["month"])) for m in _NUMERIC_DATE.finditer(text)
                  if 1 <= int(m["month"]) <= 12]
    return found


# A date that names a dated thing ("the January 2022 study", «исследование января 2022
# года», «2022 жылғы қаңтардағы зерттеу») must be the date the paragraph gives for it; a
# date that says when something happened ("what happened in January 2022", "the January
# 2022 detentions study", «о задержанных в январе 2022 года», «2022 жылғы қаңтарда
# ұсталғандар») only needs the paragraph to name the month and the year.
_THINGS = {
    "en": re.compile(r"\s+(?:study|studies|survey|report|list|decision|reply|opinion|visit|research|"
                     r"questionnaire|review)\b", re.I),
    "ru": re.compile(r"(?:исследовани|опрос|доклад|спис|решени|ответ|визит|анкет|обзор)[а-яё]*\s+$", re.I),
    "kk": re.compile(r"^(?:дағы|дегі|тағы|тегі)?\s+(?:зерттеу|сауалнама|баяндама|тізім|шешім|жауап|сапар)", re.I),
}


def _names_a_thing(match: re.Match[str], text: str, lang: str) -> bool:
    if lang == "en":
        return _THINGS["en"].match(text, match.end()) is not None
    if lang == "ru":  # the noun, then the month in the genitive: «исследование января 2022 года»
        month = re.match(r"[\w-]*", text[match.start("month"):])[0].lower()
        return month.endswith("я") and _THINGS["ru"].search(text[:match.start()]) is not None
    # kk: «2022 жылғы қаңтардағы зерттеу», «2022 жылғы қаңтар зерттеуі»
    ending = re.match(r"[\w-]*", text[match.start("month"):])[0][len(match["month"]):]
    return _THINGS["kk"].match(ending + text[match.end():]) is not None


def _loosely_given(year: int, month: int, paragraph: str) -> bool:
    """The paragraph names the month (in any year) and the year: "the January events"."""
    return (re.search(rf"\b{_MONTH_NAMES['en'][month - 1]}\b", paragraph, re.I) is not None
            and re.search(rf"(?<!\d){year}(?!\d)", paragraph) is not None)


def _month_year_name(year: int, month: int) -> str:
    return f"{_MONTH_NAMES['en'][month - 1].title()} {year}"


def unmatched_dates(label: str, lang: str, paras: list[int], paragraphs: dict[int, str]) -> list[str]:
    """The months and years of ``label`` that none of ``paras`` gives. A date that names a
    thing ("the January 2022 study") must be written with its year in a paragraph; another
    ("in January 2022", "the January 2022 detentions") may be given as a month and a year
    apart ("during the January events", "in August 2022"). None when ``paras`` is empty."""
    named = list(_month_matches(label, lang))
    if not paras or not named:
        return []
    texts = [paragraphs.get(n, "") for n in paras]
    given = {date for text in texts for date in month_years(text, "en")}
    missing = []
    for match, year, month in named:
        if (year, month) in given:
            continue
        if not _names_a_thing(match, label, lang) and any(_loosely_given(year, month, text) for text in texts):
            continue
        missing.append(_month_year_name(year, month))
    return list(dict.fromkeys(missing))


def find_misdated_headings(markdown: str, lang: str, paragraphs: dict[int, str]) -> list[tuple[int, str]]:
    """Headings whose month and year the paragraph cited where their section begins (the
    first sentence under the heading that cites the submission, or else its first block
    that does) does not give."""
    findings = []
    headings: list[tuple[int, str, list[int]]] = []  # line, title, paragraphs cited below it
    fenced = False
    for number, line in enumerate(prose_only_front(markdown).split("\n"), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        heading = None if fenced else _ANY_HEADING.match(line)
        if heading:
            headings.append((number, heading["title"], []))
        elif headings and not headings[-1][2]:  # the first sentence under it that cites
            headings[-1][2].extend(next((p for sentence in sentences(line) if (p := _cited_paras(sentence))), []))
    for line, title, paras in headings:
        for date in unmatched_dates(title, lang, paras, paragraphs):
            cited = ", ".join(map(str, sorted(set(paras))))
            findings.append((line, f"the heading names {date}, which para. {cited}, cited where its "
                                   f"section begins, does not give: {title!r}"))
    return findings


def prose_only_front(markdown: str) -> str:
    """The page without its front matter (line numbers kept)."""
    return _blank(markdown, _STRIP[0])


def find_misdated_labels(records, paragraphs: dict[int, str]) -> list[tuple[str, str, str]]:
    """``(record, language, message)`` for a case title or figure label whose month and year
    no paragraph of the record's ``paras`` gives. ``records``: ``(name, Text, paras)``."""
    findings = []
    for name, text, paras in records:
        for lang in LANGS:
            for date in unmatched_dates(text(lang), lang, list(paras), paragraphs):
                findings.append((name, lang, f"names {date}, which para. {', '.join(map(str, paras))} "
                                             f"does not give: {text(lang)!r}"))
    return findings


def figure_numbers(figures) -> dict[str, str]:
    """Figure key -> its value as a number in the source's text (``41``, ``34.6``, ``1414``)."""
    out = {}
    for key, figure in figures.items():
        value = float(figure.value)
        out[key] = str(int(value)) if value.is_integer() else str(value)
    return out
