"""Which interface labels the code asks for, and the ``{placeholders}`` it fills in each.

``data/labels.yaml`` is checked against this at load time, so a missing or misspelt label,
or a placeholder the code does not pass, stops the load with the file and line instead of
failing mid-build. A new label that takes placeholders is registered here.
"""

from __future__ import annotations

import difflib
import string

from .i18n import LANGS

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "para_one": frozenset({"n"}),
    "para_many": frozenset({"n"}),
    "article_of": frozenset({"law", "article"}),
    "view_title": frozenset({"authors"}),
    "chart_source": frozenset({"paras"}),
    "card_articles": frozenset({"articles"}),
    "cited_at": frozenset({"n"}),
}

REQUIRED: frozenset[str] = frozenset({
    *PLACEHOLDERS, "sources", "and", "cases_caption", "views_caption", "register_caption",
    "no_cases", "sort_hint", "glossary_caption",
    "col_date", "col_case", "col_people", "col_place", "col_source", "col_symbol",
    "col_authors", "col_communication", "col_session", "col_year", "col_status",
    "col_figure", "col_value", "col_period", "col_note", "col_dataset", "col_records", "col_files",
    *(f"col_term_{lang}" for lang in LANGS),
    "status_none", "status_no-action", "status_not-fully-implemented", "status_not-implemented",
    *(f"dataset_{name}" for name in ("cases", "views", "figures", "documents", "glossary")),
})




def series_label(series: str) -> str:
    """The label naming a figure series: the title of its table and chart (needed only
    for a series a page shows; the page's directive checks it)."""
    return f"series_{series}"


def placeholder_problem(name: str, text: str) -> str | None:
    """Why a label's text cannot be filled in by the code, or None if it can."""
    allowed = PLACEHOLDERS.get(name, frozenset())
    if "{{" in text or "}}" in text:
        return "double braces are not allowed in a label"
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as err:
        return f"broken {{placeholder}}: {err}"
    for _, field, spec, conversion in fields:
        if field is None:
            continue
        if field not in allowed or spec or conversion:
            known = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
            return f"unknown placeholder {{{field}}} (this label takes: {known})"
    return None


def missing_label_hint(name: str, unknown: list[str]) -> str | None:
    """The unknown label name an editor probably meant as ``name``."""
    close = difflib.get_close_matches(name, unknown, n=1, cutoff=0.75)
    return close[0] if close else None
