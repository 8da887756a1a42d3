"""The "Cite this" section of a page: the formatted citation, a copy button, downloads."""

from __future__ import annotations

import json

from kzrights.i18n import format_date
from kzrights.render.cite import CITE_FILES, Reference, bibtex, csl_json
from kzrights.data.load import SiteData
from kzrights.render.text import esc, md_esc

CITE_HEADING_ID = "cite-this"
_UNSEARCHED = 'data-pagefind-ignore="all"'


def render_cite_block(ref: Reference, files_dir: str, data: SiteData, lang: str) -> str:
    """Markdown for the end of a page; ``files_dir`` is the folder of the downloads,
    relative to the page's Markdown file (MkDocs resolves and checks the links).

    The copy button stays hidden until docs/assets/cite.js (no inline script) shows it.
    Search leaves the section out, as it does the editors' footer: it repeats the title.
    The block carries what cite.js needs to give the citation and the downloads the page's
    full address and the date it was accessed: the language's way of writing a date (one
    template per month) and the downloads' text.
    """
    labels = {k: esc(data.label(k, lang)) for k in ("cite_copy", "cite_copied")}
    downloads = " · ".join(
        f"[{name}]({files_dir}/{file}){{ download=\"{ref.key}.{file.rsplit('.', 1)[1]}\" "
        f"type=\"{mime}\" }}"
        for name, file, mime in zip(("CSL-JSON", "BibTeX"), CITE_FILES,
                                    ("application/vnd.citationstyles.csl+json", "application/x-bibtex")))
    return "\n".join([
        f"## {md_esc(data.label('cite_heading', lang))} {{ #{CITE_HEADING_ID} {_UNSEARCHED} }}",
        "",
        f'<div class="cite-this" {_UNSEARCHED} data-months="{esc(json.dumps(_month_templates(lang), ensure_ascii=False))}"'
        f' data-csl="{esc(csl_json(ref))}" data-bib="{esc(bibtex(ref))}">',
        f'<p class="cite-text" id="cite-text">{ref.html}</p>',
        f'<p class="cite-actions"><button type="button" class="md-button cite-copy" '
        f'data-copy="cite-text" data-copied="{labels["cite_copied"]}" hidden>{labels["cite_copy"]}'
        '</button> <span class="cite-status" role="status"></span></p>',
        "</div>",
        "",
        f"{md_esc(data.label('cite_download', lang))} {downloads}",
        f"{{: {_UNSEARCHED} }}",
        "",
    ])


def _month_templates(lang: str) -> list[str]:
    """How the language writes a full date, per month, with ``{d}`` and ``{y}`` to fill."""
    return [format_date(f"2000-{month:02d}-15", lang).replace("15", "{d}").replace("2000", "{y}")
            for month in range(1, 13)]
