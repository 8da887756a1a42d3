"""The translation-status page: every page's translations and the data texts to review."""

from __future__ import annotations

from kzrights.data.load import SiteData
from kzrights.data.translation import TRANSLATED, TranslationStatus
from kzrights.render.text import md_esc


def render_page_status(status: TranslationStatus, data: SiteData, lang: str) -> str:
    """A Markdown table: every English page, and the state of each of its translations.

    Page links are Markdown, so MkDocs resolves and checks them; a missing page is not linked.
    """
    head = [data.label("col_page", lang), *(data.label(f"col_term_{t}", lang) for t in TRANSLATED)]
    lines = [f"| {' | '.join(head)} |", "| --- |" + " --- |" * len(TRANSLATED)]
    by_page: dict[str, dict[str, str]] = {}
    for state in status.pages:
        by_page.setdefault(state.page, {})[state.lang] = state.state
    for page, states in by_page.items():
        exists = lang not in states or states[lang] != "missing"
        link = f"[{md_esc(page)}]({page})" if exists else md_esc(page)
        cells = [md_esc(data.label("tr_" + states[t], lang)) for t in TRANSLATED]
        lines.append(f"| {link} | {' | '.join(cells)} |")
    return "\n".join(lines)


def render_record_status(status: TranslationStatus, data: SiteData, lang: str) -> str:
    """A Markdown table: every data file, with the records whose translation to review."""
    head = [data.label("col_dataset", lang), data.label("col_records", lang),
            *(data.label(f"col_term_{t}", lang) for t in TRANSLATED)]
    lines = [f"| {' | '.join(head)} |", "| --- | ---: |" + " --- |" * len(TRANSLATED)]
    for kind, count in status.record_counts.items():
        cells = []
        for target in TRANSLATED:
            gaps = [g for g in status.records if g.kind == kind and g.lang == target]
            cells.append("; ".join(f"`{g.record}`: {md_esc(', '.join(g.fields))}" for g in gaps)
                         or md_esc(data.label("tr_records_ok", lang)))
        lines.append(f"| `data/{kind}.yaml` | {count} | {' | '.join(cells)} |")
    lines += ["", md_esc(data.label("tr_records_note", lang))]
    for kind, ids in status.record_ids.items():  # every record, folded
        gaps = {g.record for g in status.records if g.kind == kind}
        done = ", ".join(f"`{i}`" for i in ids if i not in gaps) or "-"
        lines += ["", f'??? note "data/{kind}.yaml"',
                  f"    {md_esc(data.label('tr_records_ok', lang))}: {done}"]
        for gap in (g for g in status.records if g.kind == kind):
            lines.append(f"\n    `{gap.record}` ({gap.lang}): {md_esc(', '.join(gap.fields))}")
    return "\n".join(lines)
