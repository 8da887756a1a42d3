"""Escaping and small text helpers shared by the renderers."""

from __future__ import annotations

import html
import re

from ..i18n import format_figure_value
from ..load import SiteData
from ..models import FIGURE_REF, Figure, Person

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def esc(text: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def md_esc(text: str) -> str:
    """Escape plain text for a Markdown context (HTML-escaped, Markdown syntax inert)."""
    return _MD_SPECIAL.sub(r"\\\1", esc(text))


def slug(key: str) -> str:
    """A fragment-safe id from any key (``CCPR/C/KAZ/CO/2`` -> ``ccpr-c-kaz-co-2``)."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def join_names(names: list[str], data: SiteData, lang: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the page's language."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {data.label('and', lang)} {names[-1]}"


def person_names(people: list[Person], data: SiteData, lang: str) -> str:
    """Names in the page's script, each with its spelling variants: ``Esergepov (Yesergepov)``."""
    return join_names([f"{p(lang)} ({', '.join(p.aliases)})" if p.aliases else p(lang) for p in people],
                      data, lang)


def format_paras(paras: list[int], data: SiteData, lang: str) -> str:
    """``para. 5`` / ``paras. 5, 74`` with consecutive runs collapsed (``30–38``)."""
    runs: list[list[int]] = []
    for n in sorted(set(paras)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
    name = "para_one" if len(paras) == 1 else "para_many"
    return data.label(name, lang).format(n=text)


def fill_figures(text: str, data: SiteData, lang: str) -> str:
    """Put the figures a data text names as ``{{ fig:key }}`` into it (plain text)."""
    return FIGURE_REF.sub(lambda m: format_figure(data.figures[m["key"]], lang), text)


def text_with_figures(text: str, data: SiteData, lang: str) -> str:
    """Escape a data text and put in the figures it names as ``{{ fig:key }}``."""
    return FIGURE_REF.sub(lambda m: esc(format_figure(data.figures[m["key"]], lang)), esc(text))


def format_figure(figure: Figure, lang: str) -> str:
    """A figure's value with its unit and qualifier, as the page's language writes it."""
    return format_figure_value(figure.value, figure.unit, figure.qualifier, lang)
