"""The NGO submission's text (``sources/ngo-submission-iccpr-kazakhstan-2022.txt``), parsed.

The file is the submission as published: a title, its date, an unnumbered preamble, then
section headings each followed by numbered paragraphs (``73. …``); a paragraph goes on
over the lines that follow it (``– …`` items, ``1) …`` lists) up to the next numbered
paragraph or heading. A heading is a line followed by a numbered paragraph that is not a
list item. Lines starting with ``•`` are the web page's breadcrumbs, not the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kzrights.data.memo import Reads, Remembered
from kzrights.i18n import MONTHS

SOURCE_FILE = "sources/ngo-submission-iccpr-kazakhstan-2022.txt"  # relative to the project

_NUMBERED = re.compile(r"^(?P<n>\d+)\.\s+(?P<text>\S.*)$")
_LIST_ITEM = re.compile(r"^(?:\d+[.)]|[–•-])")
_DATE_LINE = re.compile(rf"^(?:(?P<d>\d{{2}})\.(?P<m>\d{{2}})\.(?P<y>\d{{4}})"
                        rf"|(?P<month>{'|'.join(MONTHS['en'])}) (?P<year>\d{{4}}))$")
_ID_WORDS = 5  # a section id: the first words of its heading


class SourceTextError(ValueError):
    """A problem in the source text, at a line of its file (1-based)."""

    def __init__(self, file: str, line: int, message: str):
        self.file, self.line, self.message = file, line, message
        super().__init__(f"{file}:{line}: {message}")


@dataclass(frozen=True)
class Section:
    """A heading of the submission, with an id that is the same on every language's page."""

    id: str
    title: str


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: its blocks of text (the first line, then any list items)."""

    number: int
    section: Section
    blocks: tuple[str, ...]
    line: int

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


@dataclass(frozen=True)
class SourceText:
    """The whole submission: what precedes the first heading, the sections, the paragraphs."""

    file: str
    title: str
    preamble: tuple[str, ...]  # lines before the first heading after the title (date, intro)
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    closing: tuple[str, ...]  # lines after the last paragraph that belong to no paragraph (date)

    def in_section(self, section: Section) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section == section]


def section_id(heading: str) -> str:
    """``Conditions of detention (art. 10)`` -> ``conditions-of-detention``."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\(.*?\)", "", heading).lower())
    return "-".join(words[:_ID_WORDS])


def date_of_line(line: str) -> str | None:
    """A line that is only a date (``18.12.2022``, ``December 2022``) -> ISO; else None."""
    match = _DATE_LINE.match(line)
    if not match:
        return None
    if match["y"]:
        return f"{match['y']}-{match['m']}-{match['d']}"
    return f"{match['year']}-{MONTHS['en'].index(match['month']) + 1:02d}"


def parse_source(text: str, file: str = SOURCE_FILE) -> SourceText:
    """Parse the submission; numbering that skips or repeats a number is an error."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.strip().startswith("•")]
    if not lines:
        raise SourceTextError(file, 1, "the source text is empty")
    title = lines[0][1]
    preamble: list[str] = []
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    current: tuple[int, int, list[str]] | None = None  # number, line, blocks
    trailing: list[str] = []  # date lines after the current paragraph

    def close() -> None:
        if current is not None:
            paragraphs.append(Paragraph(current[0], sections[-1], tuple(current[2]), current[1]))

    for index, (number, line) in enumerate(lines[1:], start=1):
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        numbered = _NUMBERED.match(line)
        if numbered and (current is not None or sections):
            close()
            expected = len(paragraphs) + 1
            if int(numbered["n"]) != expected:
                raise SourceTextError(file, number, f"paragraph {numbered['n']} where "
                                      f"paragraph {expected} was expected")
            if trailing:
                raise SourceTextError(file, number, f"{trailing[0]!r} inside the text")
            current = (expected, number, [numbered["text"]])
        elif _NUMBERED.match(following) and not _LIST_ITEM.match(line) and not date_of_line(line):
            close()
            current = None
            if trailing:
                raise SourceTextError(file, number, f"{trailing[0]!r} inside the text")
            section = Section(section_id(line), line)
            if not section.id or any(s.id == section.id for s in sections):
                raise SourceTextError(file, number, f"heading {line!r} gives no new section id")
            sections.append(section)
        elif current is None:
            if sections:
                raise SourceTextError(file, number, "text between a heading and its first paragraph")
            preamble.append(line)
        elif date_of_line(line):
            trailing.append(line)
        else:
            if trailing:
                raise SourceTextError(file, number, f"{trailing[0]!r} inside the text")
            current[2].append(line)
    close()
    if not paragraphs:
        raise SourceTextError(file, lines[-1][0], "no numbered paragraphs")
    return SourceText(file, title, tuple(preamble), tuple(sections), tuple(paragraphs), tuple(trailing))


def load_source_cached(root: Path) -> SourceText:
    """The parsed source text of the project at ``root``, reused while the file is unchanged."""
    path = (Path(root) / SOURCE_FILE).resolve()
    if not path.is_file():
        raise SourceTextError(SOURCE_FILE, 1, "file is missing")

    def parse(reads: Reads) -> SourceText:
        reads.add(lambda: (path.stat().st_mtime_ns, path.stat().st_size))
        return parse_source(path.read_text(encoding="utf-8-sig"))

    return _PARSED.get(path, parse)


_PARSED: Remembered[SourceText] = Remembered(maxsize=4)  # path -> parsed text
