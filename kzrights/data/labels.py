"""Which interface labels the code asks for, and the ``{placeholders}`` it fills in each.

``data/labels.yaml`` is checked against this at load time, so a missing or misspelt label,
or a placeholder the code does not pass, stops the load with the file and line instead of
failing mid-build. A new label that takes placeholders is registered here.
"""

from __future__ import annotations

import difflib
import string

from kzrights.i18n import LANGS

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "para_one": frozenset({"n"}),
    "para_many": frozenset({"n"}),
    "article_of": frozenset({"law", "article"}),
    "view_title": frozenset({"authors"}),
    "chart_source": frozenset({"paras"}),
    "card_articles": frozenset({"articles"}),
    "source_file": frozenset({"path"}),
    "corrections_no_repo": frozenset({"path", "about"}),
    "corrections_generated": frozenset({"path", "about"}),
    "last_changed": frozenset({"date"}),
    "reader_intro": frozenset({"date"}),
    # The page of a View (kzrights/render/view_page.py) and "Cite this" (kzrights/render/cite.py).
    "articles_list": frozenset({"articles"}),
    "not_recorded_note": frozenset({"link"}),
    "read_in": frozenset({"symbol", "language"}),
    "joint_redirect": frozenset({"symbol"}),
    "cite_adopted_views": frozenset({"date"}),
    "cite_adopted_decision": frozenset({"date"}),
    "cite_page_changed": frozenset({"date"}),
    "case_canonical": frozenset({"page"}),
    # Filled in by docs/assets/register.js.
    "filter_count": frozenset({"shown", "total"}),
    "filter_article_option": frozenset({"n"}),
    "cited_at": frozenset({"n"}),
    # The register's count and findings, the View pages' readings, descriptions, "Cite this".
    "register_count": frozenset({"total", "views", "decisions", "unknown", "symbols", "listed",
                                 "elsewhere", "with_finding", "concluded"}),
    "filter_finding_article": frozenset({"n"}),
    "finding_violation_articles": frozenset({"articles"}),
    "register_according": frozenset({"sources"}),
    "status_of_list": frozenset({"status"}),
    "aliases_line": frozenset({"names"}),
    "according_to": frozenset({"source", "says"}),
    "desc_adopted": frozenset({"date"}),
    "cite_communications": frozenset({"numbers"}),
    "cite_unread_list": frozenset({"paras"}),
    "cite_accessed": frozenset({"date"}),
}

REQUIRED: frozenset[str] = frozenset({
    *PLACEHOLDERS, "sources", "source_short", "and", "cases_caption", "views_caption", "register_caption",
    "no_cases", "sort_hint", "glossary_caption",
    "col_date", "col_case", "col_people", "col_place", "col_source", "col_symbol",
    "col_authors", "col_type", "col_adopted", "col_subject", "col_areas", "col_status",
    "register_type_views", "register_type_decision", "register_after_submission",
    "register_not_in_submission", "case_permalink",
    *(f"filter_{name}" for name in ("legend", "area", "article", "year", "any", "clear")),
    "col_figure", "col_value", "col_period", "col_note", "col_dataset", "col_records", "col_files",
    *(f"col_term_{lang}" for lang in LANGS),
    "status_none", "status_no-action", "status_not-fully-implemented", "status_not-implemented",
    *(f"dataset_{name}" for name in ("cases", "views", "figures", "documents", "glossary",
                                     "paragraphs")),
    # the source reader (kzrights/render/source_reader.py) and its links
    "reader_title", "reader_sections", "reader_text", "reader_explained_on", "cited_on",
    "para_self_link", "reader_link",
    "col_page", "tr_up-to-date", "tr_outdated", "tr_missing", "tr_records_ok", "tr_records_note",
    "translation_outdated_title", "translation_outdated", "edit_page", "corrections_link",
    "data_licence", "data_licence_link", "data_readme", "schema_note",
    *(f"view_heading_{part}" for part in ("document", "subject", "implementation", "read")),
    "view_type_views", "view_type_decision", "view_lead_views", "view_lead_decision",
    "view_lead_unknown", "field_symbols", "field_symbols_joint", "field_type",
    "field_communications", "field_authors", "field_script_latin", "field_script_ru",
    "field_script_kk", "field_ngo_spelling", "field_adopted", "field_communicated",
    "field_session", "field_subject", "field_issues", "field_articles", "field_areas",
    "articles_invoked_note", "as_given", "not_recorded", "propose_correction",
    "after_submission", "implementation_said", "language_en", "language_ru",
    "cite_heading", "cite_copy", "cite_copied", "cite_download", "cite_committee",
    "col_finding", "filter_finding", "register_unread_list", "register_unread_secondary",
    "register_no_symbol", "register_not_listed",
    *(f"finding_{name}" for name in ("violation", "no-violation", "inadmissible", "partial",
                                     "not-read", "as_read", "none", "secondary")),
    *(f"view_heading_{part}" for part in ("finding", "remedy", "known_from")),
    "view_type_unknown", "view_lead_list", "view_lead_secondary", "not_in_list", "source_words",
    "caution", "remedy_none", "implementation_of_list", "implementation_two", "follow_up_intro",
    "field_read", "read_header", "read_list", "read_secondary", "field_represented",
    "field_procedural", "field_header_note", "field_secondary_note", "symbol_unknown",
    "read_no_symbol", "field_authors_named", "as_given_ru", "as_given_en_here", "gloss_ar",
    *(f"desc_kind_{kind}" for kind in ("views", "decision", "unknown")),
    "desc_unread_list", "desc_unread_secondary", "cite_unread_secondary",
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
