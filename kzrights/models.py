"""One pydantic model per kind of record in ``data/``.

Field-level rules live here (types, dates, links, plain text); rules that need more
than one record (unknown area, duplicate id) live in :mod:`kzrights.load`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError,
                      model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .symbols import communication_numbers, normalise_symbol, parse_view_symbol, symbol_slug

_RAW_HTML = re.compile(r"<[A-Za-z!/?]")
FIGURE_REF = re.compile(r"\{\{\s*fig:(?P<key>[a-z0-9-]+)\s*\}\}")  # a figure named in a text
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _plain_text(value: str) -> str:
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
    match = _ISO_DATE.match(value)
    if not match:
        raise ValueError(f"invalid date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(p) if p else 1 for p in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(f"invalid date {value!r}: {err}") from None
    return value


_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _link_problem(value: str) -> str | None:
    decoded = _PERCENT_ESCAPE.sub(lambda m: chr(int(m[0][1:], 16)), value)
    if not value or any(c.isspace() or not c.isprintable() for c in decoded):
        return "it is empty or holds spaces or control characters"
    if "\\" in decoded:
        return "it holds a backslash"
    parts = urlsplit(value)
    if parts.scheme:
        if not value.startswith("https://"):
            return "the scheme is not https: (in lower case)"
        if not parts.hostname or "@" in parts.netloc:
            return "an https: link needs a host and no user name"
        return None
    first = decoded.split("/")[0].split("?")[0].split("#")[0]
    if decoded.startswith("//") or ":" in first:
        return "a relative link must stay on this site"
    return None


def check_link(value: str) -> str:
    """The one rule for links from data: ``https://host/…`` or a path on this site.

    Checked after normalising the way a browser would (percent-escapes, backslashes), so
    ``/\\evil.example``, ``//evil.example``, ``java%73cript:`` and hidden whitespace
    cannot reach another host or run code.
    """
    if problem := _link_problem(value):
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

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Record):
    """The same text in the three languages."""

    en: PlainText
    ru: PlainText
    kk: PlainText

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


class Person(Text):
    """A name in Latin, Russian Cyrillic and Kazakh Cyrillic spelling, with variants."""

    aliases: list[PlainText] = []


class Area(Record):
    id: Slug
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    source_sections: list[PlainText] = []
    articles: list[Article] = []
    paras: list[Para] = []
    title: Text


class Document(Record):
    key: Annotated[PlainText, AfterValidator(normalise_symbol)]
    kind: Literal["un", "source", "law", "article", "other"]
    title: Text
    date: IsoDate | None = None
    url: Link | None = None
    paragraphs: Annotated[int, Field(ge=1, le=MAX_PARA, strict=True)] | None = None
    law: str | None = None
    article: PlainText | None = None

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
    also: list[ViewSymbolStr] = []
    printed_symbol: PlainText | None = None  # a combined symbol, as printed on a joint document
    in_submission: bool = True  # False: adopted after the December 2022 submission
    type: Literal["views", "decision"] | None = None
    adopted: IsoDate | None = None
    communicated: IsoDate | None = None
    also_communicated: list[IsoDate] = []  # the communication dates of `also`, in order
    authors: Annotated[list[Person], Field(min_length=1)]
    subject: Text | None = None
    issues: Text | None = None
    areas: list[Slug] = []
    status: Literal["no-action", "not-fully-implemented", "not-implemented"] | None = None
    status_paras: list[Para] = []
    paras: list[Para] = []
    articles_invoked: list[Article] = []
    articles_invoked_text: PlainText | None = None  # as the document prints it (English)
    articles_violated: list[Article] = []

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
    (``data/view-areas.yaml``, applied by :func:`kzrights.load.view_areas`)."""

    area: Slug
    articles: list[Article] = []  # a View invoking one of these articles belongs to the area
    subject: list[PlainText] = []  # ... or whose English subject matter or issues name one

    @model_validator(mode="after")
    def _says_something(self) -> ViewAreaRule:
        if not (self.articles or self.subject):
            raise ValueError("a rule needs `articles` or `subject` phrases")
        return self


class Case(Record):
    id: Slug
    kind: Literal[
        "deportation", "ban", "attack", "prosecution", "refusal",
        "death", "event", "statement", "sentence",
    ]
    date: IsoDate | None = None
    date_end: IsoDate | None = None
    place: Text | None = None
    people: list[Person] = []
    areas: Annotated[list[Slug], Field(min_length=1)]
    title: Text
    summary: Text
    paras: Annotated[list[Para], Field(min_length=1)]
    cites: list[str] = []

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
    value: Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=MAX_VALUE)]
    unit: Literal["count", "percent", "usd", "eur", "kzt"]
    qualifier: Literal["more-than", "up-to", "about", "average"] | None = None
    period: IsoDate | None = None
    series: Slug | None = None
    label: Text
    paras: Annotated[list[Para], Field(min_length=1)]

    @model_validator(mode="after")
    def _value_fits_unit(self) -> Figure:
        if self.unit == "percent" and self.value > 100:
            raise _field_error("Figure", "value", self.value, "a percentage is at most 100")
        if self.unit == "count" and self.value != self.value.to_integral_value():
            raise _field_error("Figure", "value", self.value, "a count is a whole number")
        return self


class GlossaryTerm(Text):
    id: Slug
    note: Text | None = None
    # Variants that must not appear in pages or data of that language (see kzrights.prose).
    avoid: dict[Literal["en", "ru", "kk"], list[PlainText]] = {}

