"""Tables made from data: cases of an area, the Views register, figure series, glossary."""

from __future__ import annotations

import json

from kzrights.i18n import LANGS
from kzrights.data.labels import series_label
from kzrights.render.links import docs_link
from kzrights.data.load import SiteData
from kzrights.data.models import Case, View, article_number
from kzrights.render.findings import after_submission, finding_label, finding_tokens, source_name, source_url
from kzrights.render.text import (esc, esc_format, format_figure, join_names, link_paras, md_esc, period_html, person_names,
                                   text_with_figures, time_html, view_title)


def _attributes(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{esc(value)}"' for name, value in attrs.items())


def _table(caption: str, headers: list[str], rows: list[str], *, sortable: bool = False,
           classes: str = "", attrs: dict[str, str] | None = None) -> str:
    """A captioned table in a focusable, horizontally scrollable region (no blank lines)."""
    classes = " ".join(filter(None, ("data-table", "sortable" if sortable else "", classes)))
    extra = _attributes(attrs or {})
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (f'<div class="table-wrap" role="region" aria-label="{esc(caption)}" tabindex="0">\n'
            f'<table class="{classes}"{extra}>\n<caption>{esc(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
            + "\n</tbody>\n</table>\n</div>")


Cell = str | tuple[str, dict[str, str]]


def _row(row_id: str, headers: list[str], cells: list[Cell],
         attrs: dict[str, str] | None = None) -> str:
    """A table row whose every cell names its column (``data-label``): on phones the CSS
    shows each row as a card with these labels and leaves out empty cells.

    A cell is its HTML, or its HTML and further attributes (``{"data-sort": "2020"}``);
    ``attrs`` are the row's own (the register's filters read them).
    """
    tds = []
    for header, cell in zip(headers, cells, strict=True):
        html, cell_attrs = cell if isinstance(cell, tuple) else (cell, {})
        tds.append(f'<td data-label="{esc(header)}"{_attributes(cell_attrs)}>{html}</td>')
    return f'<tr id="{row_id}"{_attributes(attrs or {})}>{"".join(tds)}</tr>'


def _date_key(case: Case) -> str:
    return case.date or "9999"


def _case_permalink(case: Case, data: SiteData, lang: str, area: str) -> str:
    """The link a reader copies to cite a case. A case has one canonical place, the page of
    its first area; on its other areas' pages the link leads there."""
    home = data.areas[case.areas[0]]
    if home.id == area:
        label = data.label("case_permalink", lang)
        return (f'<a class="kz-permalink" href="#{case.anchor}" title="{esc(label)}" '
                f'aria-label="{esc(label)}">#</a>')
    text = data.label("case_canonical", lang).format(page=home.title(lang))
    return f'<a class="kz-canonical" href="{esc(docs_link(home.page, case.anchor))}">{esc(text)}</a>'


def _case_row(case: Case, data: SiteData, lang: str, area: str, headers: list[str]) -> str:
    place = esc(case.place(lang)) if case.place else ""
    return _row(case.anchor, headers, [
        (period_html(case.date, case.date_end, lang), {"data-sort": case.date or ""}),
        f"<strong>{text_with_figures(case.title(lang), data, lang)}</strong> "
        f"{_case_permalink(case, data, lang, area)}<br>"
        f"{text_with_figures(case.summary(lang), data, lang)}",
        esc(person_names(case.people, data, lang)), place,
        link_paras(case.paras, data, lang)])


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
                            [_case_row(c, data, lang, area, headers) for c in cases]))
    if views:
        parts.append(render_views_table(data, lang, views, data.label("views_caption", lang)))
    if not parts:
        parts.append(f'<p class="no-cases">{esc(data.label("no_cases", lang))}</p>')
    return "\n\n".join(parts)


def _status(view: View, data: SiteData, lang: str) -> str:
    """What the submission says of implementation, each statement with its paragraphs; a
    statement made of the list the document is in is shown as that."""
    if not view.in_submission:
        return esc(data.label("register_not_in_submission", lang))
    if not view.implementation:
        return esc(data.label("status_none", lang))
    parts = []
    for said in view.implementation:
        status = data.label("status_" + said.status, lang)
        text = data.label("status_of_list", lang).format(status=status) if said.of_list else status
        parts.append(f"{esc(text)} ({link_paras(said.paras, data, lang)})")
    return "<br>".join(parts)


def _finding(view: View, data: SiteData, lang: str) -> str:
    """What the Committee found, as read, and where it was read (the sources linked)."""
    text = f'<span class="kz-finding kz-finding--{view.finding_key}">{esc(finding_label(view, data, lang))}</span>'
    if view.finding is None:
        return text
    keys = list(dict.fromkeys(r.source for r in view.finding.read))
    links = []
    for key in keys:
        name, url = esc(source_name(key, data, lang)), source_url(key, lang, data)
        links.append(f'<a href="{esc(url)}">{name}</a>' if url else name)
    sources = join_names(links, data, lang)
    return f"{text}<br><span class='kz-note'>{esc_format(data.label('register_according', lang), sources=sources)}</span>"


_REGISTER_COLUMNS = ("col_symbol", "col_authors", "col_type", "col_adopted", "col_subject",
                     "col_finding", "col_areas", "col_status")


def _view_row(view: View, data: SiteData, lang: str, headers: list[str]) -> str:
    """One document of the register: its symbols link to its page (``views/<slug>/``);
    the row carries what the filters of docs/assets/register.js select on. A document whose
    UN text was not read says so in its row."""
    page = esc(docs_link(f"views/{view.slug}.md"))
    if view.symbol:
        symbols = f'<a href="{page}">{esc(view.symbol)}</a>'
        symbols += "".join(f"<br>{esc(other)}" for other in view.also)
    else:
        numbers = data.label("cite_communications", lang).format(numbers=", ".join(view.numbers))
        symbols = (f'<a href="{page}">{esc(numbers)}</a>'
                   f'<br><span class="kz-note">{esc(data.label("register_no_symbol", lang))}</span>')
    if view.read != "header":
        symbols += (f'<br><span class="kz-unread">'
                    f'{esc(data.label("register_unread_" + view.read, lang))}</span>')
    adopted = time_html(view.adopted, lang) if view.adopted else ""
    if after_submission(view):
        after = esc(data.label("register_after_submission", lang))
        adopted += f'<br><span class="kz-after">{after}</span>'
    title = esc(view_title(view, data, lang))
    spellings = [a for p in view.authors for a in p.aliases]
    if spellings:
        title += (f'<br><span class="kz-note">{esc(data.label("field_ngo_spelling", lang))}: '
                  f'<span lang="en">{esc(", ".join(spellings))}</span></span>')
    articles = sorted({article_number(a) for a in view.articles_invoked}, key=lambda a: (len(a), a))
    order = f"{view.session:04d}{view.number:05d}" if view.session else f"9999{view.number:05d}"
    return _row(view.anchor, headers, [
        (symbols, {"data-sort": order}),
        title,
        esc(data.label(f"register_type_{view.type}", lang)) if view.type else "",
        (adopted, {"data-sort": view.adopted or ""}),
        esc(view.subject(lang)) if view.subject else "",
        (_finding(view, data, lang), {"data-sort": view.finding_key}),
        esc("; ".join(data.areas[a].title(lang) for a in view.areas)),
        _status(view, data, lang),
    ], {"data-areas": " ".join(view.areas), "data-articles": " ".join(articles),
        "data-year": (view.adopted or "")[:4], "data-finding": " ".join(finding_tokens(view))})


_OUTCOMES = ("violation", "no-violation", "inadmissible", "partial", "not-read")


def _filter_labels(data: SiteData, lang: str, views: list[View]) -> dict[str, str]:
    """The words the register's filters (docs/assets/register.js) show, the names of the
    areas its rows name and the findings they hold, as ``data-*`` attributes of the table."""
    named = {a for v in views for a in v.areas}
    areas = [[area.id, area.title(lang)] for area in data.areas.values() if area.id in named]
    words = {name: data.label(f"filter_{name}", lang)
             for name in ("legend", "area", "article", "year", "any", "clear", "count",
                          "article_option", "finding")}
    held = {token for v in views for token in finding_tokens(v)}
    findings = []
    for outcome in _OUTCOMES:
        if outcome in held:
            findings.append([outcome, data.label(f"finding_{outcome}", lang)])
        if outcome == "violation":
            numbers = sorted({t.split("-", 1)[1] for t in held if t.startswith("violation-")},
                             key=lambda a: (len(a), a))
            findings += [[f"violation-{n}", data.label("filter_finding_article", lang).format(n=n)]
                         for n in numbers]
    return {**{f"data-filter-{name.replace('_', '-')}": text for name, text in words.items()},
            "data-filter-areas": json.dumps(areas, ensure_ascii=False),
            "data-filter-findings": json.dumps(findings, ensure_ascii=False)}


def register_counts(data: SiteData) -> dict[str, int]:
    """The register's numbers, counted from the data (the count sentence above the table)."""
    views = data.views
    listed = [v for v in views if v.in_submission]
    return {
        "total": len(views),
        "views": sum(v.type == "views" for v in views),
        "decisions": sum(v.type == "decision" for v in views),
        "unknown": sum(v.type is None for v in views),
        "symbols": sum(len(v.symbols) for v in listed),
        "listed": len(listed),
        "elsewhere": len(views) - len(listed),
        "with_finding": sum(v.finding is not None for v in views),
        "concluded": sum(v.finding is not None and v.finding.outcome != "partial" for v in views),
    }


def render_views_table(data: SiteData, lang: str, views: list[View] | None = None,
                       caption: str | None = None) -> str:
    """The Views register (all documents unless given a selection), sortable by column and,
    where JavaScript runs, filterable by area, article invoked, year of adoption and what
    the Committee found. The whole register opens with its count, made from the data.

    Its links to the View pages are relative to the language root: the pages that show
    it are at the top of the language tree (kzrights/plugin.py refuses a missing page).
    """
    whole = views is None
    views = data.views if views is None else views
    caption = caption or data.label("register_caption", lang)
    headers = [data.label(k, lang) for k in _REGISTER_COLUMNS]
    count = ""
    if whole:
        count = (f'<p class="kz-register-count">'
                 f'{esc(data.label("register_count", lang).format(**register_counts(data)))}</p>\n')
    hint = f'<p class="sort-hint" hidden>{esc(data.label("sort_hint", lang))}</p>\n'
    rows = [_view_row(v, data, lang, headers) for v in views]
    return count + hint + _table(caption, headers, rows, sortable=True, classes="kz-register",
                                 attrs=_filter_labels(data, lang, views))


def render_figure_table(data: SiteData, lang: str, series: str) -> str:
    """Every figure of a series with what it counts, its period and its source."""
    figures = [f for f in data.figures.values() if f.series == series]
    if not figures:
        raise ValueError(f"no figures in series {series!r} (data/figures.yaml)")
    headers = [data.label(k, lang) for k in ("col_figure", "col_value", "col_period", "col_source")]
    rows = [_row(f"fig-{f.key}", headers, [
                esc(f.label(lang)), esc(format_figure(f, lang)),
                period_html(f.period, None, lang), link_paras(f.paras, data, lang)])
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
