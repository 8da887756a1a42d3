"""The site's data published for reuse: every dataset as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, get_args

from pydantic import BaseModel

from kzrights.i18n import LANGS
from kzrights.data.load import RECORD_FILES, SiteData
from kzrights.data.memo import Remembered
from kzrights.data.models import Text, View
from kzrights.render.text import fill_figures, md_esc
from kzrights.data.symbols import undocs_url

OPEN_DATA_DIR = "data"  # published at the site root: /data/cases.csv
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
README = "README.txt"
DATASETS = ("cases", "views", "figures", "documents", "glossary", "paragraphs")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _records(data: SiteData, name: str) -> list[dict[str, Any]]:
    if name == "cases":
        return [{**c.model_dump(mode="json"),
                 **{field: {lang: fill_figures(getattr(c, field)(lang), data, lang) for lang in LANGS}
                    for field in ("title", "summary")}} for c in data.cases]
    if name == "views":
        return [_view_record(v) for v in data.views]
    if name == "figures":
        return [{**f.model_dump(mode="json"), "value": int(f.value) if f.value == int(f.value)
                 else float(f.value)} for f in data.figures.values()]
    if name == "documents":
        return [{**d.model_dump(mode="json"),
                 "url": d.url or (undocs_url(d.key, "en") if d.kind == "un" else None)}
                for d in data.documents.values()]
    if name == "glossary":
        return [g.model_dump(mode="json", exclude={"avoid"}) for g in data.glossary]
    if name == "paragraphs":  # the submission's numbered paragraphs, as on the source reader
        return [{"number": p.number, "section": p.section.title, "section_id": p.section.id,
                 "text": p.text} for p in data.source.paragraphs]
    raise ValueError(f"unknown dataset {name!r}")


def _readings(readings: list[Any], lang: str) -> str:
    return " | ".join(r.says(lang) for r in readings if r.says)


def _view_record(view: View) -> dict[str, Any]:
    """A View with its nested readings (finding, remedy, follow-up, where it is known from),
    and flat columns for spreadsheets: the finding's outcome, articles and sources, the
    remedy's sources, the implementation as the submission states it."""
    finding = view.finding
    flat = {
        "finding_outcome": finding.outcome if finding else "not-read",
        "finding_articles": list(finding.articles) if finding else [],
        "finding_sources": [r.source for r in finding.read] if finding else [],
        **{f"finding_{lang}": _readings(finding.read, lang) if finding else "" for lang in LANGS},
        "remedy_sources": [r.source for r in view.remedy],
        **{f"remedy_{lang}": _readings(view.remedy, lang) for lang in LANGS},
        "implementation_said": [f"{s.status} (paras. {', '.join(map(str, s.paras))})"
                                + (" [said of the list]" if s.of_list else "") for s in view.implementation],
    }
    return {**view.model_dump(mode="json"), "key": view.key, "page": f"/views/{view.slug}/",
            "session": view.session, "number": view.number, "year": view.year,
            "communications": view.numbers, **flat,
            **{f"url_{lang}": undocs_url(view.symbol, lang) if view.symbol else None
               for lang in ("en", "ru")}}


def _text_fields(model: type[BaseModel]) -> set[str]:
    """Fields holding one text per language: they get a CSV column per language."""
    return {name for name, field in model.model_fields.items()
            if Text in (field.annotation, *get_args(field.annotation))}


def _flatten(record: dict[str, Any], text_fields: set[str]) -> dict[str, str]:
    """One CSV row: texts become ``field_en``/``field_ru``/``field_kk``, lists join with ``; ``."""
    row: dict[str, str] = {}
    for key, value in record.items():
        if key in text_fields:
            for lang in LANGS:
                row[f"{key}_{lang}"] = value[lang] if value else ""
        elif isinstance(value, dict) or (isinstance(value, list) and any(
                isinstance(item, dict) and "en" not in item for item in value)):
            row[key] = json.dumps(value, ensure_ascii=False) if value else ""  # nested: JSON in a cell
        elif isinstance(value, list):
            row[key] = "; ".join(
                " / ".join(item[lang] for lang in LANGS) if isinstance(item, dict) else str(item)
                for item in value)
        else:
            row[key] = "" if value is None else str(value)
    return row


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell never starts with = + - @."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(records: list[dict[str, Any]], text_fields: set[str]) -> str:
    rows = [_flatten(r, text_fields) for r in records]
    fields = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k, "")) for k in fields})
    return out.getvalue()


def build_open_data(data: SiteData) -> dict[str, str]:
    """File name -> content for every dataset, in JSON and in CSV (made once per load)."""
    return _OPEN_DATA.get(data.generation, lambda reads: _build_open_data(data))


_OPEN_DATA: Remembered[dict[str, str]] = Remembered(maxsize=2)  # data generation -> files


def _build_open_data(data: SiteData) -> dict[str, str]:
    files: dict[str, str] = {}
    for name in DATASETS:
        records = _records(data, name)
        files[f"{name}.json"] = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        files[f"{name}.csv"] = to_csv(records, _text_fields(RECORD_FILES[name])
                                      if name in RECORD_FILES else set())
    files[README] = _readme(data)
    return files


def _count(data: SiteData, name: str) -> int:
    return len(data.source.paragraphs if name == "paragraphs" else getattr(data, name))


def _readme(data: SiteData) -> str:
    """The files' licence, source and formats, in the three languages."""
    source = data.documents["ngo-2022"]
    parts = []
    for lang in LANGS:
        parts.append("\n".join([
            data.label("data_readme", lang),
            f"  {data.label('data_licence', lang)}",
            f"  {LICENCE}: {LICENCE_URL}",
            f"  {data.label('col_source', lang)}: {source.title(lang)} ({source.date}).",
            f"  {data.label('col_files', lang)}: " + ", ".join(f"{n}.csv, {n}.json" for n in DATASETS),
        ]))
    return "\n\n".join(parts) + "\n"


def render_downloads(data: SiteData, lang: str) -> str:
    """A Markdown table linking each dataset file (MkDocs resolves and checks the links).

    Links are relative to a page in ``docs/<lang>/``; the files sit in ``/data/``.
    """
    head = [md_esc(data.label(k, lang)) for k in ("col_dataset", "col_records", "col_files")]
    lines = [f"| {' | '.join(head)} |", "| --- | ---: | --- |"]
    for name in DATASETS:
        links = ", ".join(f"[{name}.{ext}](../{OPEN_DATA_DIR}/{name}.{ext})" for ext in ("csv", "json"))
        lines.append(f"| {md_esc(data.label('dataset_' + name, lang))} | {_count(data, name)} | {links} |")
    lines += ["", f"{md_esc(data.label('data_licence', lang))} "
              f"[{md_esc(data.label('data_licence_link', lang))}]({LICENCE_URL}){{ hreflang=en }}. "
              f"[{md_esc(data.label('data_readme', lang))}](../{OPEN_DATA_DIR}/{README})."]
    return "\n".join(lines)
