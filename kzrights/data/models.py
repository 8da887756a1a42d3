"""One pydantic model per kind of record in ``data/``.

Field-level rules live here (types, dates, links, plain text); rules that need more
than one record (unknown area, duplicate id) live in :mod:`kzrights.data.load`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError,
                      model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from kzrights.data.urls import url_problem
from kzrights.data.symbols import communication_numbers, normalise_symbol, parse_view_symbol, symbol_slug

_RAW_HTML = re.compile(r"<[A-Za-z!/?]")
FIGURE_REF = re.compile(r"\{\{\s*fig:(?P<key>[a-z0-9-]+)\s*\}\}")  # a figure named in a text
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _plain_text(value: str) -> str:
    """plain text: no HTML, not empty"""
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if _RAW_HTML.search(value):
        raise ValueError("raw HTML is not allowed in text fields (write plain text; it is escaped)")
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise ValueError("control characters are not allowed")
    return value


def _iso_date(value: object) -> object:
    """An unquoted year reads as a number: take it as the year it is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_date(value: str) -> str:
    """a date: `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`, quoted"""
    match = _ISO_DATE.match(value)
    if not match:
        raise ValueError(f"invalid date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(p) if p else 1 for p in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(f"invalid date {value!r}: {err}") from None
    return value


def check_link(value: str) -> str:
    """a link: `https://…` or a path on this site.

    The one rule for links from data: ``https://host/…`` or a path on this site.

    Checked after normalising the way a browser would (percent-escapes, backslashes), so
    ``/\\evil.example``, ``//evil.example``, ``java%73cript:`` and hidden whitespace
    cannot reach another host or run code.
    """
    if problem := ("it is empty" if not value else url_problem(value)):
        raise ValueError(f"only https: and relative links are allowed, got {value!r}: {problem}")
    return value


PlainText = Annotated[str, AfterValidator(_plain_text)]
IsoDate = Annotated[str, BeforeValidator(_iso_date), AfterValidator(_check_date)]
Link = Annotated[str, AfterValidator(check_link)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
MAX_PARA = 9999  # no cited document has more numbered paragraphs
Para = Annotated[int, Field(ge=1, le=MAX_PARA, strict=True)]
Article = Annotated[str, Field(pattern=r"^\d+(?:-\d+)?(?:\.\d+)?$")]


def _field_error(model: str, name: str, value: object, message: str) -> ValidationError:
    """An error of a record-level check, reported at the field it concerns."""
    return ValidationError.from_exception_data(model, [InitErrorDetails(
        type=PydanticCustomError("value_error", f"{message}, got {{value}}", {"value": str(value)}),
        loc=(name,), input=value)])


def article_number(article: Article) -> str:
    """The article an article reference belongs to: ``14.3`` (paragraph 3) is article ``14``."""
    return article.split(".")[0]


class Record(BaseModel):
    """Base: unknown fields are errors, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Text(Record):
    """The same text in the three languages."""

    en: PlainText
    """English"""
    ru: PlainText
    """Russian"""
    kk: PlainText
    """Kazakh (terms: data/glossary.yaml)"""

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


class Person(Text):
    """A name in Latin, Russian Cyrillic and Kazakh Cyrillic spelling, with variants."""

    aliases: list[PlainText] = []
    """other spellings of the name in the sources"""


class Area(Record):
    id: Slug
    """lower-case slug, used in directives and URLs"""
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    """the area's page, a path under docs/LANG/"""
    source_sections: list[PlainText] = []
    """headings of the NGO submission this area covers, exactly as in sources/"""
    articles: list[Article] = []
    """ICCPR articles, as strings"""
    paras: list[Para] = []
    """paragraphs of the NGO submission this area draws on"""
    title: Text
    """the area's name"""


class Document(Record):
    key: Annotated[PlainText, AfterValidator(normalise_symbol)]
    """what pages cite: `[@key]`; a UN document's key is its symbol"""
    kind: Literal["un", "source", "law", "article", "other"]
    """what the document is"""
    title: Text
    """the title, as the document gives it"""
    date: IsoDate | None = None
    """the document's date, as precise as known"""
    url: Link | None = None
    """a link; UN documents link to undocs.org without one"""
    paragraphs: Annotated[int, Field(ge=1, le=MAX_PARA, strict=True)] | None = None
    """how many numbered paragraphs it has: citations beyond are errors"""
    law: str | None = None
    """for an article: the key of its law"""
    article: PlainText | None = None
    """for an article: its number"""

    @model_validator(mode="after")
    def _article_needs_law(self) -> Document:
        if self.kind == "article" and not (self.law and self.article):
            raise ValueError("an article needs both `law` and `article`")
        return self


ViewSymbolStr = Annotated[str, AfterValidator(normalise_symbol)]


class View(Record):
    """One document of the Human Rights Committee: Views or a decision on a communication.

    ``status``, ``status_paras`` and ``paras`` come from the NGO submission; ``type``,
    the dates, ``subject``, ``issues`` and the articles invoked from the document's own
    header (cited by its symbol). ``also`` holds the other symbols of a joint document.
    """

    symbol: ViewSymbolStr
    """the document's UN symbol; session, communication number and year are read from it"""
    also: list[ViewSymbolStr] = []
    """the other symbols of a joint document (one page; their addresses redirect to it)"""
    printed_symbol: PlainText | None = None
    """a combined symbol, as printed on a joint document"""
    in_submission: bool = True
    """false for a document adopted after the December 2022 submission"""
    type: Literal["views", "decision"] | None = None
    """views or decision, as the document's header says"""
    adopted: IsoDate | None = None
    """date of adoption (YYYY-MM-DD), from the document's header"""
    communicated: IsoDate | None = None
    """date of the communication, from the document's header"""
    also_communicated: list[IsoDate] = []
    """the communication dates of the `also` symbols, in the same order"""
    authors: Annotated[list[Person], Field(min_length=1)]
    """the authors of the communication"""
    subject: Text | None = None
    """subject matter, as the document's header gives it (English) with translations"""
    issues: Text | None = None
    """substantive issues, as the document's header gives them (English) with translations"""
    areas: list[Slug] = []
    """ids from data/areas.yaml, only where the source ties the View to an area"""
    status: Literal["no-action", "not-fully-implemented", "not-implemented"] | None = None
    """implementation status as the source states it; omit when it says nothing"""
    status_paras: list[Para] = []
    """paragraphs where the source states the status"""
    paras: list[Para] = []
    """every paragraph of the NGO submission that names this document (required when in_submission)"""
    articles_invoked: list[Article] = []
    """Covenant articles the authors invoked, when a source gives them"""
    articles_invoked_text: PlainText | None = None
    """the articles invoked as the document prints them (English)"""
    articles_violated: list[Article] = []
    """Covenant articles the Committee found violated, when a source gives them"""

    @model_validator(mode="after")
    def _symbol_parses(self) -> View:
        for symbol in (self.symbol, *self.also):
            parse_view_symbol(symbol)
        if self.status and not self.status_paras:
            raise ValueError("a status needs `status_paras`, where the source states it")
        if self.in_submission and not self.paras:
            raise ValueError("`paras`: a View from the submission needs the paragraphs naming it")
        if not self.in_submission and (self.paras or self.status):
            raise ValueError("a View adopted after the submission has no `paras` or `status` from it")
        if self.also_communicated and len(self.also_communicated) != len(self.also):
            raise ValueError("`also_communicated` needs one date per symbol in `also`")
        if self.printed_symbol and not self.printed_symbol.startswith(self.symbol):
            raise ValueError("`printed_symbol` must start with `symbol`")
        if self.symbol in self.also or len(set(self.also)) != len(self.also):
            raise ValueError("`also` repeats a symbol")
        return self

    @property
    def symbols(self) -> list[str]:
        """Every symbol of the document, its own first."""
        return [self.symbol, *self.also]

    @property
    def slug(self) -> str:
        """The page's path segment, the same in every language: ``ccpr-c-130-d-2661-2015``."""
        return symbol_slug(self.symbol)

    @property
    def session(self) -> int:
        return parse_view_symbol(self.symbol).session

    @property
    def number(self) -> int:
        return parse_view_symbol(self.symbol).number

    @property
    def numbers(self) -> list[str]:
        """Communication numbers of every symbol (``2542/2015``), ranges of a printed symbol expanded."""
        if self.printed_symbol:
            return communication_numbers(self.printed_symbol)
        return [f"{p.number}/{p.year}" for p in map(parse_view_symbol, self.symbols)]

    @property
    def year(self) -> int:
        return parse_view_symbol(self.symbol).year

    @property
    def anchor(self) -> str:
        """The same fragment id on every page and in every language."""
        return f"view-{self.number}-{self.year}"


class ViewAreaRule(Record):
    """One area of the written rule that gives the Committee's Views their areas
    (``data/view-areas.yaml``, applied by :func:`kzrights.data.load.view_areas`)."""

    area: Slug
    articles: list[Article] = []
    """a View invoking one of these articles belongs to the area"""
    subject: list[PlainText] = []
    """... or one whose English subject matter or substantive issues contain one of these phrases"""

    @model_validator(mode="after")
    def _says_something(self) -> ViewAreaRule:
        if not (self.articles or self.subject):
            raise ValueError("a rule needs `articles` or `subject` phrases")
        return self


class Case(Record):
    id: Slug
    """stable slug; also the anchor of the case on every page"""
    kind: Literal[
        "deportation", "ban", "attack", "prosecution", "refusal",
        "death", "event", "statement", "sentence",
    ]
    """what happened"""
    date: IsoDate | None = None
    """when, as precise as the source"""
    date_end: IsoDate | None = None
    """the end of a period"""
    place: Text | None = None
    """where, when the source says"""
    people: list[Person] = []
    """people named, with Russian and Kazakh Cyrillic spellings"""
    areas: Annotated[list[Slug], Field(min_length=1)]
    """ids from data/areas.yaml: the pages that list this case"""
    title: Text
    """one line"""
    summary: Text
    """one or two plain sentences, nothing beyond the source"""
    paras: Annotated[list[Para], Field(min_length=1)]
    """paragraphs of the NGO submission it comes from"""
    cites: list[str] = []
    """other documents it cites: keys from data/documents.yaml or View symbols"""

    @property
    def anchor(self) -> str:
        return f"case-{self.id}"


def _number(value: object) -> Decimal:
    """Numbers come from the loader as int or Decimal; a quoted "1e9" is text, not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError("must be a number written in plain digits (1586 or 34.6), not quoted")
    return Decimal(value)


MAX_VALUE = Decimal(10) ** 13  # above any count or amount in the sources


class Figure(Record):
    key: Slug
    """used in pages as {{ fig:key }}"""
    value: Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=MAX_VALUE)]
    """the number"""
    unit: Literal["count", "percent", "usd", "eur", "kzt"]
    """what the number counts in"""
    qualifier: Literal["more-than", "up-to", "about", "average"] | None = None
    """how exact the number is, as the source says"""
    period: IsoDate | None = None
    """the date or period it describes"""
    series: Slug | None = None
    """groups figures for charts and tables"""
    label: Text
    """what is counted, a short noun phrase"""
    paras: Annotated[list[Para], Field(min_length=1)]
    """paragraphs of the NGO submission it comes from"""

    @model_validator(mode="after")
    def _value_fits_unit(self) -> Figure:
        if self.unit == "percent" and self.value > 100:
            raise _field_error("Figure", "value", self.value, "a percentage is at most 100")
        if self.unit == "count" and self.value != self.value.to_integral_value():
            raise _field_error("Figure", "value", self.value, "a count is a whole number")
        return self


class GlossaryTerm(Text):
    id: Slug
    """lower-case slug"""
    note: Text | None = None
    """what the term means on this site"""
    avoid: dict[Literal["en", "ru", "kk"], list[PlainText]] = {}
    """variants that must not appear in pages or data of that language"""

