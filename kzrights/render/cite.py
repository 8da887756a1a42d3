"""How to cite a View or a page: the formatted citation, CSL-JSON and BibTeX.

Pure functions of the loaded data and a language. A View is cited in the UN's footnote
form (``Toregozhina v. Kazakhstan (CCPR/C/131/D/2688/2015), Views adopted on 25 March
2021``) and is a CSL ``legal_case``; a page of this site is a CSL ``webpage``. Dates are
only those the data gives (a View's adoption) or that the caller knows (a page's last
change); none is made up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from kzrights.i18n import format_date
from kzrights.data.load import SiteData
from kzrights.data.models import View
from kzrights.render.text import esc, esc_format, time_html, view_title
from kzrights.data.symbols import undocs_url

CITE_FILES = ("cite.json", "cite.bib")  # written next to the page: views/<slug>/cite.json
_QUOTES = {"en": ("“", "”"), "ru": ("«", "»"), "kk": ("«", "»")}
# BibTeX counts braces whatever stands before them ("\{" too): a brace in a name is written
# as a command whose own braces are balanced, so no text can end a field or the entry.
_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_WRITTEN = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Reference:
    """One citable thing in one language."""

    key: str               # CSL id and BibTeX key
    csl: dict[str, Any]    # one CSL-JSON item
    html: str              # the formatted citation, dates in <time> elements
    text: str              # the same citation as plain text (BibTeX note)


def _date_parts(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(p) for p in iso.split("-")]]}


def _end(sentence: str) -> str:
    """A full stop, unless the sentence already ends with one (``2021 г.``)."""
    return sentence if sentence.endswith((".", ".</time>")) else sentence + "."


def view_reference(view: View, data: SiteData, lang: str) -> Reference:
    """A View or decision, in the UN footnote form, as a CSL ``legal_case``."""
    name = view_title(view, data, lang)
    symbol = view.printed_symbol or view.symbol
    html, text = f"{esc(name)} ({esc(symbol)})", f"{name} ({symbol})"
    if view.adopted and view.type:
        clause = data.label(f"cite_adopted_{view.type}", lang)
        html += ", " + esc_format(clause, date=time_html(view.adopted, lang))
        text += ", " + clause.format(date=format_date(view.adopted, lang))
    csl: dict[str, Any] = {
        "id": view.slug, "type": "legal_case", "title": name,
        "authority": data.label("cite_committee", lang), "number": symbol,
        "URL": undocs_url(view.symbol, lang), "language": lang,
    }
    if view.type:
        csl["genre"] = data.label(f"view_type_{view.type}", lang)
    if view.adopted:
        csl["issued"] = _date_parts(view.adopted)
    return Reference(view.slug, csl, _end(html), _end(text))


def page_reference(key: str, title: str, site_name: str, url_path: str, changed: str | None,
                   data: SiteData, lang: str) -> Reference:
    """A page of this site as a CSL ``webpage``; ``changed`` is its last change, if known."""
    left, right = _QUOTES[lang]
    html = f"{esc(site_name)}, {left}{esc(title)}{right}, {esc(url_path)}"
    text = f"{site_name}, {left}{title}{right}, {url_path}"
    csl: dict[str, Any] = {"id": key, "type": "webpage", "title": title,
                           "container-title": site_name, "URL": url_path, "language": lang}
    if changed:
        clause = data.label("cite_page_changed", lang)
        html += ", " + esc_format(clause, date=time_html(changed, lang))
        text += ", " + clause.format(date=format_date(changed, lang))
        csl["issued"] = _date_parts(changed)
    return Reference(key, csl, _end(html), _end(text))


def csl_json(ref: Reference) -> str:
    """The CSL-JSON file: a list holding the one item."""
    return json.dumps([ref.csl], ensure_ascii=False, indent=1) + "\n"


def _bib(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WRITTEN.get(m[0], "\\" + m[0]), value)


def _bib_url(url: str) -> str:
    """A URL with the characters BibTeX would read (braces, backslash, space) percent-encoded."""
    return "".join(f"%{ord(c):02X}" if c in "{}\\ " else c for c in url)


def bibtex(ref: Reference) -> str:
    """The BibTeX entry (``@misc``; biblatex reads ``date`` and ``langid`` too)."""
    csl = ref.csl
    fields: list[tuple[str, str]] = [("title", "{" + _bib(csl["title"]) + "}")]
    if csl["type"] == "legal_case":
        fields += [("author", "{" + _bib(csl["authority"]) + "}"), ("number", _bib(csl["number"]))]
        if "genre" in csl:
            fields.append(("type", _bib(csl["genre"])))
    else:
        fields.append(("organization", _bib(csl["container-title"])))
    if "issued" in csl:
        parts = csl["issued"]["date-parts"][0]
        fields += [("year", str(parts[0])), ("date", "-".join(f"{p:02d}" for p in parts))]
    fields += [("url", _bib_url(csl["URL"])), ("note", _bib(ref.text)), ("langid", _bib(csl["language"]))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def cite_files(ref: Reference) -> dict[str, str]:
    """File name -> content of the downloads for one reference."""
    return dict(zip(CITE_FILES, (csl_json(ref), bibtex(ref))))
