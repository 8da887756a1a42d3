"""Tables made from data: cases of an area, the Views register, figure series, glossary."""

from __future__ import annotations

from ..i18n import LANGS, UN_DOC_LANG, format_period
from ..labels import series_label
from ..load import SiteData
from ..models import Case, View
from ..symbols import undocs_url
from .citations import view_title
from .text import esc, format_figure, format_paras, md_esc, person_names, text_with_figures


def _table(caption: str, headers: list[str], rows: list[str], *, sortable: bool = False) -> str:
    """A captioned table in a focusable, horizontally scrollable region (no blank lines)."""
    classes = "data-table sortable" if sortable else "data-table"
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (f'<div class="table-wrap" role="region" aria-label="{esc(caption)}" tabindex="0">\n'
            f'<table class="{classes}">\n<caption>{esc(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
            + "\n</tbody>\n</table>\n</div>")


Cell = str | tuple[str, dict[str, str]]


def _row(row_id: str, headers: list[str], cells: list[Cell]) -> str:
    """A table row whose every cell names its column (``data-label``): on phones the CSS
    shows each row as a card with these labels and leaves out empty cells.

    A cell is its HTML, or its HTML and further attributes (``{"data-sort": "2020"}``).
    """
    tds = []
    for header, cell in zip(headers, cells, strict=True):
        html, attrs = cell if isinstance(cell, tuple) else (cell, {})
        extra = "".join(f' {name}="{esc(value)}"' for name, value in attrs.items())
        tds.append(f'<td data-label="{esc(header)}"{extra}>{html}</td>')
    return f'<tr id="{row_id}">{"".join(tds)}</tr>'


def _date_key(case: Case) -> str:
    return case.date or "9999"


def _case_row(case: Case, data: SiteData, lang: str, headers: list[str]) -> str:
    when = esc(format_period(case.date, case.date_end, lang))
    place = esc(case.place(lang)) if case.place else ""
    return _row(case.anchor, headers, [
        (when, {"data-sort": case.date or ""}),
        f"<strong>{text_with_figures(case.title(lang), data, lang)}</strong><br>"
        f"{text_with_figures(case.summary(lang), data, lang)}",
        esc(person_names(case.people, data, lang)), place,
        esc(format_paras(case.paras, data, lang))])


def render_case_table(data: SiteData, lang: str, area: str, *, with_views: bool = True) -> str:
    """The cases and Views that the source ties to one area, in the page's language.

    ``with_views=False`` leaves the Views out, for a page that shows the whole register.
    """
    cases = sorted((c for c in data.cases if area in c.areas), key=_date_key)
    views = [v for v in data.views if area in v.areas] if with_views else []
    parts = []
    if cases:
        headers = [data.label(k, lang) for k in
                   ("col_date", "col_case", "col_people", "col_place", "col_source")]
        parts.append(_table(data.label("cases_caption", lang), headers,
                            [_case_row(c, data, lang, headers) for c in cases]))
    if views:
        parts.append(render_views_table(data, lang, views, data.label("views_caption", lang)))
    if not parts:
        parts.append(f'<p class="no-cases">{esc(data.label("no_cases", lang))}</p>')
    return "\n\n".join(parts)


def _status(view: View, data: SiteData, lang: str) -> str:
    if not view.status:
        return esc(data.label("status_none", lang))
    return (f"{esc(data.label('status_' + view.status, lang))} "
            f"({esc(format_paras(view.status_paras, data, lang))})")


def _view_row(view: View, data: SiteData, lang: str, headers: list[str]) -> str:
    link = (f'<a href="{esc(undocs_url(view.symbol, lang))}" hreflang="{UN_DOC_LANG[lang]}">'
            f"{esc(view.symbol)}</a>")
    return _row(view.anchor, headers, [
        (link, {"data-sort": f"{view.year:04d}{view.session:04d}{view.number:05d}"}),
        esc(view_title(view, data, lang)),
        (f"{view.number}/{view.year}", {"data-sort": f"{view.number:05d}"}),
        (str(view.session), {"data-sort": f"{view.session:04d}"}),
        (str(view.year), {"data-sort": str(view.year)}),
        _status(view, data, lang)])


def render_views_table(data: SiteData, lang: str, views: list[View] | None = None,
                       caption: str | None = None) -> str:
    """The Views register (all Views unless given a selection), sortable by column."""
    views = data.views if views is None else views
    caption = caption or data.label("register_caption", lang)
    headers = [data.label(k, lang) for k in ("col_symbol", "col_authors", "col_communication",
                                             "col_session", "col_year", "col_status")]
    hint = f'<p class="sort-hint" hidden>{esc(data.label("sort_hint", lang))}</p>\n'
    return hint + _table(caption, headers, [_view_row(v, data, lang, headers) for v in views], sortable=True)


def render_figure_table(data: SiteData, lang: str, series: str) -> str:
    """Every figure of a series with what it counts, its period and its source."""
    figures = [f for f in data.figures.values() if f.series == series]
    if not figures:
        raise ValueError(f"no figures in series {series!r} (data/figures.yaml)")
    headers = [data.label(k, lang) for k in ("col_figure", "col_value", "col_period", "col_source")]
    rows = [_row(f"fig-{f.key}", headers, [
                esc(f.label(lang)), esc(format_figure(f, lang)),
                esc(format_period(f.period, None, lang)), esc(format_paras(f.paras, data, lang))])
            for f in figures]
    return _table(data.label(series_label(series), lang), headers, rows)


def render_glossary(data: SiteData, lang: str) -> str:
    """The site's terminology in the three languages, one row per term."""
    headers = [data.label(f"col_term_{code}", lang) for code in LANGS] + [data.label("col_note", lang)]
    rows = [_row(f"term-{term.id}", headers,
                 [(esc(term(code)), {"lang": code}) for code in LANGS]
                 + [esc(term.note(lang)) if term.note else ""])
            for term in data.glossary]
    return _table(data.label("glossary_caption", lang), headers, rows)


def render_area_cards(data: SiteData, lang: str) -> str:
    """Markdown grid cards linking every area page (links resolved and checked by MkDocs)."""
    cards = []
    for area in data.areas.values():
        articles = ", ".join(area.articles)
        meta = data.label("card_articles", lang).format(articles=articles) if articles else ""
        cards.append(f"-   [{md_esc(area.title(lang))}]({area.page})\n\n    {md_esc(meta)}\n")
    return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>"
