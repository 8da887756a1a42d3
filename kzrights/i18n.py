"""The site's three languages and how numbers are written in each."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

LANGS: tuple[str, ...] = ("en", "ru", "kk")
DEFAULT_LANG = "en"

NBSP = "\u00a0"

# CLDR conventions: group separator, decimal mark, percent pattern.
_GROUP = {"en": ",", "ru": NBSP, "kk": NBSP}
_DECIMAL = {"en": ".", "ru": ",", "kk": ","}
_PERCENT = {"en": "{n}%", "ru": "{n}" + NBSP + "%", "kk": "{n}%"}
_CURRENCY = {
    "usd": {"en": "${n}", "ru": "{n}" + NBSP + "долл. США", "kk": "{n}" + NBSP + "АҚШ доллары"},
    "eur": {"en": "€{n}", "ru": "{n}" + NBSP + "евро", "kk": "{n}" + NBSP + "еуро"},
    "kzt": {"en": "{n}" + NBSP + "tenge", "ru": "{n}" + NBSP + "тенге", "kk": "{n}" + NBSP + "теңге"},
}

# Documents on undocs.org exist in the six UN languages; Kazakh readers get Russian.
UN_DOC_LANG = {"en": "en", "ru": "ru", "kk": "ru"}


def check_lang(lang: str) -> str:
    """Return ``lang`` if the site has it, else raise ValueError."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def format_number(value: int | float | Decimal, lang: str) -> str:
    """Write a number with the language's group separator and decimal mark."""
    check_lang(lang)
    text = format(Decimal(str(value)).normalize(), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + _GROUP[lang].join(groups)
    return out + _DECIMAL[lang] + fraction if fraction else out


def format_quantity(value: int | float | Decimal, unit: str, lang: str) -> str:
    """Write a number with its unit: ``count``, ``percent``, ``usd``, ``eur`` or ``kzt``."""
    number = format_number(value, lang)
    if unit == "count":
        return number
    if unit == "percent":
        return _PERCENT[lang].format(n=number)
    if unit in _CURRENCY:
        return _CURRENCY[unit][lang].format(n=number)
    raise ValueError(f"unknown unit {unit!r}")


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"],
}
MONTHS_GENITIVE_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                       "августа", "сентября", "октября", "ноября", "декабря"]


def format_date(iso: str, lang: str) -> str:
    """Write ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` the way the language does (CLDR long form)."""
    check_lang(lang)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    year, month = parts[0], parts[1]
    name = MONTHS[lang][month - 1]
    if len(parts) == 2:
        return {"en": f"{name} {year}", "ru": f"{name} {year}{NBSP}г.",
                "kk": f"{year}{NBSP}ж. {name}"}[lang]
    day = parts[2]
    return {"en": f"{day} {name} {year}",
            "ru": f"{day} {MONTHS_GENITIVE_RU[month - 1]} {year}{NBSP}г.",
            "kk": f"{year}{NBSP}ж. {day} {name}"}[lang]


def format_period(start: str | None, end: str | None, lang: str,
                  date: Callable[[str, str], str] = format_date) -> str:
    """A date or a range of dates, each written by ``date``; empty when the source gives none."""
    if not start:
        return ""
    if not end or end == start:
        return date(start, lang)
    return f"{date(start, lang)} – {date(end, lang)}"


_QUALIFIERS = {
    "more-than": {"en": "more than {q}", "ru": "более {q}", "kk": "{q}{abl} астам"},
    "up-to": {"en": "up to {q}", "ru": "до {q}", "kk": "ең көбі {q}"},
    "about": {"en": "about {q}", "ru": "примерно {q}", "kk": "шамамен {q}"},
    "average": {"en": "on average {q}", "ru": "в среднем {q}", "kk": "орта есеппен {q}"},
}
_KK_UNITS = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
_KK_TENS = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
_KK_BACK_VOWELS = set("аоұыяу")
_KK_FRONT_VOWELS = set("әөүіеи")


def _kk_number_word(n: int) -> str:
    """The spoken Kazakh word a whole number ends with, which decides its suffix."""
    for size, word in ((10**6, "миллион"), (1000, "мың"), (100, "жүз")):
        if n and n % size == 0:
            return word
    if n % 10:
        return _KK_UNITS[n % 10]
    return _KK_TENS[(n % 100) // 10] if n % 100 else "нөл"


def kk_ablative(word: str) -> str:
    """The Kazakh ablative ending (дан/ден/тан/тен/нан/нен) that follows a word."""
    vowels = [c for c in word if c in _KK_BACK_VOWELS | _KK_FRONT_VOWELS]
    front = bool(vowels) and vowels[-1] in _KK_FRONT_VOWELS
    stem = "н" if word[-1] in "мнң" else "т" if word[-1] in "кқпстшфхцчщ" else "д"
    return f"{stem}{'е' if front else 'а'}н"


def _kk_ablative_suffix(value: Decimal, unit: str) -> str:
    """``-ден`` after digits and %, a plain ending after a unit word (долларынан)."""
    if unit == "usd":
        return "нан"  # доллары + н + ан: the possessive takes the pronominal н
    if unit in ("eur", "kzt"):
        return kk_ablative({"eur": "еуро", "kzt": "теңге"}[unit])
    if unit == "percent":
        return "-" + kk_ablative("пайыз")
    digits = str(value).replace(".", "")
    word = _kk_number_word(int(value)) if value == int(value) else _KK_UNITS[int(digits[-1])] or "нөл"
    return "-" + kk_ablative(word)


def format_figure_value(value: int | float | Decimal, unit: str, qualifier: str | None,
                        lang: str) -> str:
    """A quantity with its qualifier (``more than 800``, ``800-ден астам``)."""
    quantity = format_quantity(value, unit, lang)
    if not qualifier:
        return quantity
    abl = _kk_ablative_suffix(Decimal(str(value)), unit) if lang == "kk" else ""
    return _QUALIFIERS[qualifier][lang].format(q=quantity, abl=abl)
