"""SVG bar charts drawn at build time: readable without JavaScript, with a data table."""

from __future__ import annotations

from kzrights.i18n import format_period
from kzrights.data.labels import series_label
from kzrights.data.load import SiteData
from kzrights.render.tables import render_figure_table
from kzrights.render.text import esc, format_figure, format_paras, link_paras

WIDTH, HEIGHT = 640, 320
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_X = 28, 36, 12


def render_bar_chart(data: SiteData, lang: str, series: str) -> str:
    """A bar chart of a figure series (one bar per period) followed by its data table."""
    figures = sorted((f for f in data.figures.values() if f.series == series),
                     key=lambda f: f.period or "")
    if not figures:
        raise ValueError(f"no figures in series {series!r} (data/figures.yaml)")
    title = data.label(series_label(series), lang)
    summary = "; ".join(f"{format_period(f.period, None, lang)}: {format_figure(f, lang)}" for f in figures)
    paras = sorted({p for f in figures for p in f.paras})
    source = data.label("chart_source", lang).format(paras=format_paras(paras, data, lang))
    before, _, after = data.label("chart_source", lang).partition("{paras}")
    linked_source = f"{esc(before)}{link_paras(paras, data, lang)}{esc(after)}"
    top = max(float(f.value) for f in figures) or 1.0
    slot = (WIDTH - 2 * MARGIN_X) / len(figures)
    plot = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    bars = []
    for i, fig in enumerate(figures):
        h = plot * float(fig.value) / top
        x = MARGIN_X + i * slot + slot * 0.15
        y = MARGIN_TOP + plot - h
        cx = x + slot * 0.35
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}"/>'
            f'<text class="value" x="{cx:.1f}" y="{y - 6:.1f}">{esc(format_figure(fig, lang))}</text>'
            f'<text class="period" x="{cx:.1f}" y="{HEIGHT - 12}">{esc(format_period(fig.period, None, lang))}</text>')
    ident = f"chart-{series}"
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="{ident}-title">{esc(title)}</title>'
           f'<desc id="{ident}-desc">{esc(summary)}. {esc(source)}</desc>'
           f'<line class="axis" x1="{MARGIN_X}" y1="{MARGIN_TOP + plot}" '
           f'x2="{WIDTH - MARGIN_X}" y2="{MARGIN_TOP + plot}"/>' + "".join(bars) + "</svg>")
    return (f'<figure class="chart-figure" id="{ident}">\n{svg}\n'
            f"<figcaption>{esc(title)}. {linked_source}</figcaption>\n</figure>\n\n"
            + render_figure_table(data, lang, series))
