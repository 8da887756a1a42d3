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


def _record_error(model: str, name: str, message: str) -> ValidationError:
    """A record-level error reported at one field, without quoting the value."""
    return ValidationError.from_exception_data(model, [InitErrorDetails(
        type=PydanticCustomError("value_error", message), loc=(name,), input=None)])


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


SECONDARY_KINDS = ("digest", "news", "ngo", "web")  # sources that are not the Committee's own text


class Document(Record):
    key: Annotated[PlainText, AfterValidator(normalise_symbol)]
    """what pages cite: `[@key]`; a UN document's key is its symbol"""
    kind: Literal["un", "source", "law", "article", "other", "digest", "news", "ngo", "web"]
    """what the document is; `digest`, `news`, `ngo` and `web` are secondary sources on the Committee's Views"""
    title: Text
    """the title, as the document gives it"""
    date: IsoDate | None = None
    """the document's date, as precise as known"""
    url: Link | None = None
    """a link; UN documents link to undocs.org without one"""
    named: Text | None = None
    """how a sentence names it: en after "According to", ru after "По данным" (genitive), kk before "бойынша"; required for secondary sources"""
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
        if self.kind in SECONDARY_KINDS and self.named is None:
            raise _record_error("Document", "named", "a secondary source needs `named`: how "
                                "\"According to …\" names it in each language")
        return self


ViewSymbolStr = Annotated[str, AfterValidator(normalise_symbol)]
Communication = Annotated[str, Field(pattern=r"^\d+(?:/\d{4})?$")]
DOCUMENT_LANGS = ("en", "ru", "ar")  # languages of the copies of UN documents read


class Reading(Record):
    """What one source read for this site reports: a finding, a remedy, something about
    implementation. Shown as "According to <source>, <says>", with the source's own words."""

    source: PlainText
    """the key of the source in data/documents.yaml"""
    paras: list[Para] = []
    """its paragraphs, where the source is numbered"""
    says: Text
    """what the source reports, in the site's words: the clause after "According to <source>, …" """
    quotes: list[PlainText] = []
    """the source's own words as read ("…" where the source was cut)"""
    quote_lang: Literal["en", "ru", "kk"] | None = None
    """the language of the quotes"""
    caution: Text | None = None
    """what a reader must know about this source here (matched by name, mixes two cases…)"""

    @model_validator(mode="after")
    def _quotes_have_a_language(self) -> Reading:
        if self.quotes and not self.quote_lang:
            raise _record_error("Reading", "quote_lang", "quotes need `quote_lang`")
        return self


class SeenIn(Record):
    """Where a document known only from secondary pages is named."""

    source: PlainText
    """the key of the source in data/documents.yaml"""
    paras: list[Para] = []
    """its paragraphs, where the source is numbered"""
    says: Text | None = None
    """what the source says of the document, in the site's words (after "According to <source>, …")"""


class Finding(Record):
    """What the Committee found, only as sources read for this site report it."""

    outcome: Literal["violation", "no-violation", "inadmissible", "partial"]
    """`violation` (the source says a violation was found), `no-violation`, `inadmissible`
    (the whole communication), `partial` (only admissibility or reasoning read)"""
    articles: list[Article] = []
    """the articles the source says were violated (empty when it names rights, not articles)"""
    read: Annotated[list[Reading], Field(min_length=1)]
    """where it was read: at least one source"""

    @model_validator(mode="before")
    @classmethod
    def _needs_a_source(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("read"):
            raise _record_error("Finding", "read", "a finding needs the source it was read in "
                                "(`read:` with `source` and `says`); none read: leave `finding` out")
        return data

    @model_validator(mode="after")
    def _articles_of_a_violation(self) -> Finding:
        if self.articles and self.outcome != "violation":
            raise _record_error("Finding", "articles", "articles found violated need `outcome: violation`")
        return self


class Implementation(Record):
    """What the submission says of a View's implementation."""

    status: Literal["no-action", "not-fully-implemented", "not-implemented"]
    """as the submission states it"""
    paras: Annotated[list[Para], Field(min_length=1)]
    """the paragraphs where it says so"""
    of_list: bool = False
    """said of a list the document is in, not of the document itself"""


# What only the document's own header can tell: a record whose header was not read has none.
HEADER_FIELDS = ("symbol", "also", "printed_symbol", "type", "adopted", "communicated",
                 "also_communicated", "represented", "subject", "issues", "procedural_issues",
                 "articles_invoked", "articles_invoked_text", "header_note")


class View(Record):
    """One document of the Human Rights Committee: Views or a decision on a communication.

    ``implementation`` and ``paras`` come from the NGO submission; ``type``, the dates,
    ``subject``, ``issues`` and the articles invoked from the document's own header (cited
    by its symbol); ``finding`` and ``remedy`` from secondary sources, each reading with its
    source. ``also`` holds the other symbols of a joint document.
    """

    symbol: ViewSymbolStr | None = None
    """the document's UN symbol; session, communication number and year are read from it (empty when not known)"""
    communications: list[Communication] = []
    """the communication numbers of a record without a symbol, as the source gives them (`2842/2016`)"""
    slug: Slug
    """the page's address (`/views/<slug>/`): made from the symbol; a record without one gives it, from its first communication (`communication-2842-2016`), and keeps it"""
    read: Literal["header", "list", "secondary"] = "header"
    """what was read: the UN document's header, only the NGO submission's list, or only secondary pages"""
    also: list[ViewSymbolStr] = []
    """the other symbols of a joint document (one page; their addresses redirect to it)"""
    printed_symbol: PlainText | None = None
    """a combined symbol, as printed on a joint document"""
    in_submission: bool = True
    """false for a document the NGO submission does not list"""
    type: Literal["views", "decision"] | None = None
    """views or decision, as the document's header says"""
    adopted: IsoDate | None = None
    """date of adoption (YYYY-MM-DD), from the document's header"""
    communicated: IsoDate | None = None
    """date of the communication, from the document's header"""
    also_communicated: list[IsoDate] = []
    """the communication dates of the `also` symbols, in the same order"""
    header_lang: Literal["en", "ru", "ar"] = "en"
    """the language of the copy whose header was read (`ar`: the texts are an English gloss)"""
    authors: Annotated[list[Person], Field(min_length=1)]
    """the authors of the communication"""
    represented: PlainText | None = None
    """who represented the authors, as the header prints it (in its language)"""
    subject: Text | None = None
    """subject matter, as the document's header gives it (in `header_lang`) with translations"""
    issues: Text | None = None
    """substantive issues, as the document's header gives them (in `header_lang`) with translations"""
    procedural_issues: Text | None = None
    """procedural issues, as the document's header gives them, with translations"""
    header_note: Text | None = None
    """what a reader must know about the copy read (cut, a misprint, no symbol shown)"""
    areas: list[Slug] = []
    """ids from data/areas.yaml, only where the source ties the View to an area"""
    implementation: list[Implementation] = []
    """what the submission says of implementation, each with its paragraphs"""
    paras: list[Para] = []
    """every paragraph of the NGO submission that names this document (required when in_submission)"""
    articles_invoked: list[Article] = []
    """Covenant articles the authors invoked, when a source gives them"""
    articles_invoked_text: PlainText | None = None
    """the articles invoked as the document prints them (in `header_lang`)"""
    finding: Finding | None = None
    """what the Committee found, as sources read report it; empty: nothing was read (never inferred from the articles invoked)"""
    remedy: list[Reading] = []
    """what the Committee asked the State to do, as sources read report it"""
    follow_up: list[Reading] = []
    """other readings about implementation (none is an assessment by the Committee)"""
    seen_in: list[SeenIn] = []
    """where a document known only from secondary pages is named (required with `read: secondary`)"""
    secondary_note: Text | None = None
    """what a reader must know about the secondary sources of this record"""

    @model_validator(mode="before")
    @classmethod
    def _slug_from_symbol(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("slug") and isinstance(data.get("symbol"), str):
            return {**data, "slug": symbol_slug(data["symbol"])}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> View:
        errors: list[InitErrorDetails] = []

        def error(name: str, message: str) -> None:
            errors.append(InitErrorDetails(type=PydanticCustomError("value_error", message),
                                           loc=(name,) if name else (), input=getattr(self, name, None)))

        if self.read != "header":
            kind = ("only the NGO submission's list names it" if self.read == "list"
                    else "it is known only from secondary pages, whose dates and numbers can be wrong")
            for name in HEADER_FIELDS:
                if name == "symbol" and self.read == "list":
                    continue  # the list gives the symbol
                if getattr(self, name) not in (None, [], "") or (name == "header_lang" and self.header_lang != "en"):
                    error(name, f"a record with `read: {self.read}` has no header facts ({kind}): "
                                f"remove `{name}`")
        elif not self.type:
            error("type", "a record whose header was read gives its `type` (views or decision)")
        if self.read == "secondary":
            if self.in_submission:
                error("in_submission", "a record known only from secondary pages is not in the "
                                       "submission's list: `in_submission: false`")
            if not self.seen_in:
                error("seen_in", "a record known only from secondary pages names them in `seen_in`")
        elif self.seen_in:
            error("seen_in", "`seen_in` is for records with `read: secondary`")
        if self.symbol:
            for symbol in (self.symbol, *self.also):
                parse_view_symbol(symbol)
            if self.communications:
                error("communications", "a record with a `symbol` has its numbers in it: remove `communications`")
        else:
            if not self.communications:
                error("communications", "a record without `symbol` needs `communications`")
            elif self.slug != communication_slug(self.communications[0]):
                error("slug", f"a record without `symbol` is at `{communication_slug(self.communications[0])}` "
                              "(its first communication); keep that address")
        if self.in_submission and not self.paras:
            error("", "`paras`: a View from the submission needs the paragraphs naming it")
        if not self.in_submission and (self.paras or self.implementation):
            error("", "a document the submission does not list has no `paras` or `implementation` from it")
        if self.also_communicated and len(self.also_communicated) != len(self.also):
            error("also_communicated", "`also_communicated` needs one date per symbol in `also`")
        if self.printed_symbol and self.symbol and not self.printed_symbol.startswith(self.symbol):
            error("printed_symbol", "`printed_symbol` must start with `symbol`")
        if self.symbol and (self.symbol in self.also or len(set(self.also)) != len(self.also)):
            error("also", "`also` repeats a symbol")
        if errors:
            raise ValidationError.from_exception_data("View", errors)
        return self

    @property
    def key(self) -> str:
        """What pages cite (`[@…]`): the symbol, or the page's slug when there is none."""
        return self.symbol or self.slug

    @property
    def symbols(self) -> list[str]:
        """Every symbol of the document, its own first (none when it is not known)."""
        return [self.symbol, *self.also] if self.symbol else []

    @property
    def session(self) -> int | None:
        return parse_view_symbol(self.symbol).session if self.symbol else None

    @property
    def number(self) -> int:
        if self.symbol:
            return parse_view_symbol(self.symbol).number
        return int(self.communications[0].split("/")[0])

    @property
    def numbers(self) -> list[str]:
        """Communication numbers of every symbol (``2542/2015``), ranges of a printed symbol
        expanded; those the source gives for a record without a symbol."""
        if not self.symbol:
            return list(self.communications)
        if self.printed_symbol:
            return communication_numbers(self.printed_symbol)
        return [f"{p.number}/{p.year}" for p in map(parse_view_symbol, self.symbols)]

    @property
    def year(self) -> int | None:
        """The year of the (first) communication's number."""
        if self.symbol:
            return parse_view_symbol(self.symbol).year
        first = self.communications[0]
        return int(first.split("/")[1]) if "/" in first else None

    @property
    def anchor(self) -> str:
        """The same fragment id on every page and in every language."""
        return f"view-{self.number}-{self.year}" if self.year else f"view-{self.number}"

    @property
    def document_read(self) -> bool:
        """Whether the UN document itself (its header) was read."""
        return self.read == "header"

    @property
    def finding_key(self) -> str:
        """The finding as the register's filter knows it: an outcome, or `not-read`."""
        return self.finding.outcome if self.finding else "not-read"


def communication_slug(number: str) -> str:
    """The address of a record without a symbol: ``2842/2016`` -> ``communication-2842-2016``."""
    return "communication-" + number.replace("/", "-")


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

