"""Translation status: which English version each Russian and Kazakh page translates, and
which data texts are still English.

A translated page names its English original's version in front matter
(``translation_of: <first 12 hex digits of the SHA-256 of the English page's Markdown
body>``). The hash leaves out front matter, so adding ``description:`` to every language
does not make translations outdated; any change to the English text does.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from kzrights.i18n import DEFAULT_LANG, LANGS
from kzrights.data.load import ID_FIELDS, RECORD_FILES, SiteData
from kzrights.data.memo import Remembered
from kzrights.data.models import Text
from kzrights.data.plainyaml import parse_plain_yaml

FIELD = "translation_of"
# A page's front matter: the one pattern every reader of pages uses.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.S)
_STAMP_LINE = re.compile(rf"^{FIELD}:.*$", re.M)

State = Literal["up-to-date", "outdated", "missing"]
TRANSLATED = tuple(lang for lang in LANGS if lang != DEFAULT_LANG)


@dataclass(frozen=True)
class Page:
    """A page's front matter, its Markdown body and the file line the body starts on."""

    meta: dict
    body: str
    body_line: int

    @classmethod
    def parse(cls, text: str) -> Page:
        match = FRONT_MATTER.match(text)
        if not match:
            return cls({}, text, 1)
        # The data files' strict YAML subset (no aliases: a few bytes cannot become
        # gigabytes); front matter it cannot read gives the page no stamp.
        parsed, _ = parse_plain_yaml(match["yaml"] or "")
        meta = parsed.value if parsed and parsed.value else {}
        return cls(meta if isinstance(meta, dict) else {}, text[match.end():],
                   match[0].count("\n") + 1)


@functools.lru_cache(maxsize=256)  # pages are asked for again by each language's build
def version(english_source: str) -> str:
    """The version stamp of an English page: a short hash of its Markdown body."""
    body = Page.parse(english_source).body.strip()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def stamp_line(text: str) -> int:
    """The file line of ``translation_of:`` (1 when the page has none)."""
    match = FRONT_MATTER.match(text)
    if match and (line := _STAMP_LINE.search(match[0])):
        return text[:line.start()].count("\n") + 1
    return 1


def stamp(text: str, english_source: str) -> str:
    """The page with ``translation_of:`` set to the English page's current version."""
    value = version(english_source)
    # Quoted when YAML could read it as a number (all digits, "12e3…"): the front matter
    # is read with the data files' strict subset, which refuses such numbers unquoted.
    line = f'{FIELD}: "{value}"' if set(value) <= set("0123456789e") else f"{FIELD}: {value}"
    match = FRONT_MATTER.match(text)
    if not match:
        return f"---\n{line}\n---\n\n{text}"
    front = match[0]
    if _STAMP_LINE.search(front):
        front = _STAMP_LINE.sub(line, front, count=1)
    else:
        front = front[:front.rindex("---")] + line + "\n---" + front[front.rindex("---") + 3:]
    return front + text[match.end():]


@dataclass(frozen=True)
class PageState:
    page: str        # path under docs/<lang>/, e.g. "assembly.md"
    lang: str
    state: State
    stamped: str | None   # the version the translation names
    current: str          # the English page's version now


@functools.lru_cache(maxsize=256)
def _stamped_version(translation_source: str) -> str | None:
    """The English version a translation names (``translation_of:``), if any."""
    stamped = Page.parse(translation_source).meta.get(FIELD)
    return None if stamped is None else str(stamped)


def page_states(docs: Path) -> list[PageState]:
    """The state of every Russian and Kazakh translation of every English page."""
    base = docs / DEFAULT_LANG
    states = []
    for english in sorted(base.rglob("*.md")):
        page = english.relative_to(base).as_posix()
        current = version(english.read_text(encoding="utf-8"))
        for lang in TRANSLATED:
            path = docs / lang / page
            if not path.is_file():
                states.append(PageState(page, lang, "missing", None, current))
                continue
            stamped = _stamped_version(path.read_text(encoding="utf-8"))
            states.append(PageState(page, lang, "up-to-date" if stamped == current else "outdated",
                                    stamped, current))
    return states


@dataclass(frozen=True)
class RecordGap:
    """Text fields of one data record whose translation equals the English text."""

    kind: str        # data file stem: "cases"
    record: str      # the record's id
    lang: str
    fields: tuple[str, ...]


def _texts(value: object, path: str):
    """Every :class:`Text` inside a record, with its dotted field path."""
    if isinstance(value, Text):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def record_gaps(data: SiteData) -> tuple[RecordGap, ...]:
    """Data records with a Russian or Kazakh text identical to the English one (once per
    loaded data: it reads every text of every record).

    A missing translation cannot reach this point: the loader refuses it. Identical text
    is often right (a symbol, a Latin name), so this is a list to review, not an error.
    """
    return _GAPS.get(data.generation, lambda reads: _record_gaps(data))


_GAPS: Remembered[tuple[RecordGap, ...]] = Remembered(maxsize=2)  # data generation -> gaps


def _record_gaps(data: SiteData) -> tuple[RecordGap, ...]:
    gaps = []
    for kind in RECORD_FILES:
        for record in data.records(kind):
            texts = list(_texts(record, ""))
            for lang in TRANSLATED:
                same = tuple(path or "text" for path, text in texts
                             if text(lang) == text.en and re.search(r"[A-Za-z]{2}", text.en))
                if same:
                    gaps.append(RecordGap(kind, str(getattr(record, ID_FIELDS[kind])), lang, same))
    return tuple(gaps)


@dataclass(frozen=True)
class TranslationStatus:
    pages: list[PageState]
    records: tuple[RecordGap, ...]
    record_ids: dict[str, list[str]]  # data file stem -> every record's id, in file order

    @property
    def record_counts(self) -> dict[str, int]:
        return {kind: len(ids) for kind, ids in self.record_ids.items()}


def _ids(data: SiteData, kind: str) -> list[str]:
    return [str(getattr(r, ID_FIELDS[kind])) for r in data.records(kind)]


def translation_status(docs: Path, data: SiteData) -> TranslationStatus:
    ids = {kind: _ids(data, kind) for kind in RECORD_FILES}
    return TranslationStatus(page_states(Path(docs)), record_gaps(data), ids)
