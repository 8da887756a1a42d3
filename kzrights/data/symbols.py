"""UN document symbols: normalise, parse Views symbols, link per language; fragment ids
made from citation keys."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote

from kzrights.i18n import UN_DOC_LANG, check_lang

_NUMBER = re.compile(r"(\d+)/(\d{4})(?:\s*-\s*(\d+)/(\d{4}))?")
_VIEW = re.compile(r"^CCPR/C/(?P<session>\d+)/D/(?P<number>\d+)/(?P<year>\d{4})$")
# A normalised symbol in running text: an upper-case body, then two or more /parts
# (CCPR/C/KAZ/CO/2, A/HRC/52/7); a sentence's full stop is not part of it.
SYMBOL_IN_TEXT = re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*){2,}")


class ViewSymbol(NamedTuple):
    """The parts of a Views symbol such as ``CCPR/C/120/D/2158/2012``."""

    session: int
    number: int
    year: int


def normalise_symbol(raw: str) -> str:
    """Remove the stray spaces the source puts inside symbols (``CCPR /C/119/…``)."""
    return re.sub(r"\s*/\s*", "/", raw.strip())


def parse_view_symbol(symbol: str) -> ViewSymbol:
    """Session, communication number and year of a Views symbol; ValueError if it is not one."""
    match = _VIEW.match(normalise_symbol(symbol))
    if not match:
        raise ValueError(f"not a Views symbol of the form CCPR/C/<session>/D/<number>/<year>: {symbol!r}")
    return ViewSymbol(*(int(match[k]) for k in ("session", "number", "year")))


def communication_numbers(printed: str) -> list[str]:
    """The communication numbers of a combined symbol, ranges expanded:
    ``CCPR/C/137/D/2538/2015-2539/2015, 2544/2015`` -> ``2538/2015``, ``2539/2015``, ``2544/2015``."""
    numbers: list[str] = []
    for first, year, last, last_year in _NUMBER.findall(printed.split("/D/", 1)[-1]):
        if last and last_year != year:
            raise ValueError(f"a range of communications across years: {printed!r}")
        numbers += [f"{n}/{year}" for n in range(int(first), int(last or first) + 1)]
    return numbers


def symbol_slug(symbol: str) -> str:
    """A stable URL segment from a symbol: ``CCPR/C/130/D/2661/2015`` -> ``ccpr-c-130-d-2661-2015``."""
    return re.sub(r"[^a-z0-9]+", "-", normalise_symbol(symbol).lower()).strip("-")


def undocs_url(symbol: str, lang: str) -> str:
    """The stable undocs.org link for a symbol, in the UN language closest to ``lang``."""
    check_lang(lang)
    return f"https://undocs.org/{UN_DOC_LANG[lang]}/{quote(normalise_symbol(symbol), safe='/.')}"


def slug(key: str) -> str:
    """A fragment-safe id from any key (``CCPR/C/KAZ/CO/2`` -> ``ccpr-c-kaz-co-2``).

    Not injective (case and punctuation are dropped): the loader refuses two citation keys
    with the same slug.
    """
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
