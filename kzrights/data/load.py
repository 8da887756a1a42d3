"""The one loader of ``data/*.yaml``: parse with line marks, validate, cross-check.

Every problem is reported at once as ``file:line: field: message``; any problem stops the
load with :class:`DataError`.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError

from kzrights.data.labels import REQUIRED, missing_label_hint, placeholder_problem
from kzrights.data.models import (FIGURE_REF, Area, Case, Document, Figure, GlossaryTerm, Text, View,
                     ViewAreaRule, article_number)
from kzrights.data.plainyaml import Parsed as _Parsed
from kzrights.data.plainyaml import Path_, parse_plain_yaml
from kzrights.data.symbols import slug, symbol_slug
from kzrights.data.source_text import SOURCE_FILE, SourceText, SourceTextError, load_source_cached

SOURCE_KEY = "ngo-2022"

RECORD_FILES: dict[str, type[BaseModel]] = {
    "areas": Area,
    "documents": Document,
    "views": View,
    "cases": Case,
    "figures": Figure,
    "glossary": GlossaryTerm,
    "view-areas": ViewAreaRule,
}
ID_FIELDS = {"areas": "id", "documents": "key", "views": "symbol", "cases": "id",
             "figures": "key", "glossary": "id", "view-areas": "area"}

class Problem(NamedTuple):
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataError(Exception):
    """One or more problems in the data files."""

    def __init__(self, problems: list[Problem], data: SiteData | None = None):
        self.problems = problems
        self.data = data  # the records that passed, so pages can still be checked against them
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one load, one object
class SiteData:
    """All validated records, indexed for the renderers."""

    areas: dict[str, Area]
    documents: dict[str, Document]
    views: list[View]
    cases: list[Case]
    figures: dict[str, Figure]
    glossary: list[GlossaryTerm]
    labels: dict[str, Text]
    view_area_rules: list[ViewAreaRule]  # data/view-areas.yaml, already applied to `views`
    source: SourceText  # the submission's text (sources/), checked against its record
    root: Path  # the project folder: data/, sources/, docs/
    views_by_symbol: dict[str, View] = field(init=False)
    generation: int = field(init=False)
    """this load's number in the process: results remembered for the data name it, so a
    new load is a new key and an old load is not kept alive by a cache"""

    def __post_init__(self) -> None:
        object.__setattr__(self, "views_by_symbol",
                           {symbol: v for v in self.views for symbol in v.symbols})
        object.__setattr__(self, "generation", next(_GENERATIONS))

    def label(self, name: str, lang: str) -> str:
        """An interface word from ``data/labels.yaml``."""
        try:
            return self.labels[name](lang)
        except KeyError:
            raise LookupError(f"data/labels.yaml: no label {name!r}") from None

    def records(self, kind: str) -> list[BaseModel]:
        """The records of one data file (a key of RECORD_FILES), in file order."""
        held = getattr(self, "view_area_rules" if kind == "view-areas" else kind)
        return list(held.values()) if isinstance(held, dict) else list(held)

    def is_citable(self, key: str) -> bool:
        return key in self.documents or key in self.views_by_symbol


def _field_name(kind: str, path: Path_) -> str:
    out = kind
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _line_of(lines: dict[Path_, int], path: Path_) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


# Characters that Python, Markdown or YAML read as the end of a line, besides "\n" and "\r"
# ("\x85" NEL, "\u2028", "\u2029" …): inside a value they would break a generated page
# far from the data file, so the loader refuses them at their line.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _parse(path: Path, rel: str, problems: list[Problem]) -> _Parsed | None:
    """Parse one data file (see :mod:`kzrights.data.plainyaml`), remembering the line of every node."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(rel, 1, "(syntax)", f"not UTF-8 text: {err}"))
        return None
    kind = Path(rel).stem
    if LINE_BREAKS.search(text):
        # Lines counted by "\n" alone (YAML would count these too); the field from a parse
        # with each one read as a space.
        parsed, _ = parse_plain_yaml(LINE_BREAKS.sub(" ", text))
        by_line = {line: path_ for path_, line in (parsed.lines.items() if parsed else ())}
        for match in LINE_BREAKS.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            where = by_line.get(line)
            problems.append(Problem(rel, line, _field_name(kind, where) if where else "(text)",
                                    f"U+{ord(match[0]):04X} (a line or paragraph separator) is not "
                                    "allowed in a value: delete it, or write a space"))
        return None
    parsed, found = parse_plain_yaml(text)
    problems.extend(Problem(rel, p.line, _field_name(kind, p.path) if p.path else "(syntax)",
                            p.message) for p in found)
    return parsed


def _friendly(error: dict[str, Any]) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    return msg.removeprefix("Value error, ")


class _Partial:
    """The fields of a record that failed validation which are valid on their own: the
    cross-checks still look at them (its id, areas, paragraphs), so one run reports all."""

    def __init__(self, model: type[BaseModel], item: Any, errors: list[dict[str, Any]]):
        bad = {error["loc"][0] for error in errors if error["loc"]}
        self.__dict__["_model"], self.__dict__["_fields"] = model, {}
        for name, value in (item.items() if isinstance(item, dict) else ()):
            info = model.model_fields.get(name) if isinstance(name, str) else None
            if info is None or name in bad:
                continue
            try:
                kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
                self._fields[name] = TypeAdapter(kind).validate_python(value)
            except ValidationError:
                pass
        for name, info in model.model_fields.items():
            if name not in self._fields and not info.is_required():
                self._fields[name] = info.get_default(call_default_factory=True)

    def __getattr__(self, name: str) -> Any:
        if name in self._fields:
            return self._fields[name]
        derived = getattr(self._model, name, None)
        if isinstance(derived, property):  # ``symbols``, ``anchor``: from the fields it has
            try:
                return derived.fget(self)
            except (AttributeError, KeyError, ValueError) as err:
                raise AttributeError(name) from err
        raise AttributeError(name)


def _validate_records(kind: str, parsed: _Parsed, rel: str, problems: list[Problem]) -> list[Any]:
    model = RECORD_FILES[kind]
    if not isinstance(parsed.value, list):
        problems.append(Problem(rel, 1, kind, "the file must be a YAML list of records"))
        return []
    records = []
    for index, item in enumerate(parsed.value):
        try:
            records.append(model.model_validate(item))
        except ValidationError as err:
            for error in err.errors():
                path = (index, *error["loc"])
                problems.append(Problem(rel, _line_of(parsed.lines, path),
                                        _field_name(kind, path), _friendly(error)))
            records.append(_Partial(model, item, err.errors()))
    return records


def _validate_labels(parsed: _Parsed, rel: str, problems: list[Problem]) -> dict[str, Text]:
    if not isinstance(parsed.value, dict):
        problems.append(Problem(rel, 1, "labels", "the file must be a mapping of label names"))
        return {}
    labels = {}
    for name, item in parsed.value.items():
        try:
            labels[name] = Text.model_validate(item)
        except ValidationError as err:
            for error in err.errors():
                path = (name, *error["loc"])
                problems.append(Problem(rel, _line_of(parsed.lines, path),
                                        _field_name("labels", path), _friendly(error)))
            continue
        for lang, text in labels[name].model_dump().items():
            if message := placeholder_problem(name, text):
                problems.append(Problem(rel, _line_of(parsed.lines, (name, lang)),
                                        _field_name("labels", (name, lang)), message))
    return labels


def _check_required_labels(parsed: _Parsed, rel: str,
                           problems: list[Problem]) -> None:
    """Every label the renderers ask for exists; a near miss is named as the likely typo."""
    unknown = [name for name in parsed.value if name not in REQUIRED]
    for name in sorted(REQUIRED - set(parsed.value)):
        hint = missing_label_hint(name, unknown)
        if hint:
            problems.append(Problem(rel, _line_of(parsed.lines, (hint,)), f"labels.{hint}",
                                    f"unknown label; did you mean {name!r}? (the site needs "
                                    f"{name!r})"))
        else:
            problems.append(Problem(rel, 1, f"labels.{name}", "required label is missing: add "
                                    f"`{name}: {{en: …, ru: …, kk: …}}`"))


class _Checker:
    """Cross-record checks, each reporting the line of the offending field."""

    def __init__(self, records: dict[str, list[Any]], parsed: dict[str, _Parsed],
                 rels: dict[str, str], problems: list[Problem]):
        self.records, self.parsed, self.rels, self.problems = records, parsed, rels, problems

    def report(self, kind: str, path: Path_, message: str) -> None:
        lines = self.parsed[kind].lines if kind in self.parsed else {}
        self.problems.append(Problem(self.rels[kind], _line_of(lines, path),
                                     _field_name(kind, path), message))

    def each(self, kind: str, *fields: str):
        """The records of a file, with their index; a record that failed validation only
        when it has valid ``fields`` (what the check reads)."""
        for index, record in enumerate(self.records.get(kind, [])):
            if not isinstance(record, _Partial) or all(hasattr(record, f) for f in fields):
                yield index, record

    def unique_ids(self) -> None:
        for kind, id_field in ID_FIELDS.items():
            seen: dict[str, int] = {}
            for index, record in self.each(kind, id_field):
                value = getattr(record, id_field)
                if value in seen:
                    self.report(kind, (index, id_field),
                                f"duplicate {id_field} {value!r} (first at line "
                                f"{_line_of(self.parsed[kind].lines, (seen[value],))})")
                else:
                    seen[value] = index
        self._unique_anchors()
        self.view_slugs()
        symbols = {s for _, v in self.each("views", "symbol") for s in v.symbols}
        for index, doc in self.each("documents", "key"):
            if doc.key in symbols:
                self.report("documents", (index, "key"),
                            f"{doc.key!r} is a View in data/views.yaml; cite it from there")

    def _unique_anchors(self) -> None:
        """Keys that become element ids on a page must give different ids."""
        ids: dict[str, tuple[str, str]] = {}  # the sources list: src-<slug>; the register: view-…
        for kind, id_field, make in (("documents", "key", lambda r: "src-" + slug(r.key)),
                                     ("views", "symbol", lambda r: "src-" + slug(r.symbol)),
                                     ("views", "symbol", lambda r: r.anchor)):
            for index, record in self.each(kind, id_field):
                key, anchor = getattr(record, id_field), make(record)
                if anchor == "src-":
                    self.report(kind, (index, id_field), f"{key!r} needs a letter or a digit")
                elif anchor in ids and ids[anchor][0] != key:
                    self.report(kind, (index, id_field), f"{key!r} gives the same id on a page "
                                f"({anchor!r}) as {ids[anchor][0]!r} in {ids[anchor][1]}: "
                                "keys must differ in more than case or punctuation")
                else:
                    ids.setdefault(anchor, (key, self.rels[kind]))

    def view_slugs(self) -> None:
        """Every symbol (own or joint) names one page: no two may share a slug."""
        seen: dict[str, int] = {}
        own = set()  # a record's own symbol twice is reported by unique_ids
        for index, view in self.each("views", "symbol"):
            for n, symbol in enumerate(view.symbols):
                path: Path_ = (index, "symbol") if n == 0 else (index, "also", n - 1)
                slug = symbol_slug(symbol)
                if slug in seen and not (n == 0 and symbol in own):
                    self.report("views", path, f"slug {slug!r} of {symbol!r} is already used (line "
                                f"{_line_of(self.parsed['views'].lines, (seen[slug],))})")
                elif slug not in seen:
                    seen[slug] = index
            own.add(view.symbol)

    def references(self) -> None:
        areas = {a.id for _, a in self.each("areas", "id")}
        docs = {d.key: d for _, d in self.each("documents", "key")}
        citable = set(docs) | {s for _, v in self.each("views", "symbol") for s in v.symbols}
        for kind in ("cases", "views"):
            for index, record in self.each(kind, "areas"):
                for n, area in enumerate(record.areas):
                    if area not in areas:
                        self.report(kind, (index, "areas", n), f"unknown area {area!r}")
        for index, rule in self.each("view-areas", "area"):
            if rule.area not in areas:
                self.report("view-areas", (index, "area"), f"unknown area {rule.area!r}")
        for index, case in self.each("cases"):
            for n, key in enumerate(case.cites):
                if key not in citable:
                    self.report("cases", (index, "cites", n), f"unknown document {key!r}")
            if case.date and case.date_end and case.date_end < case.date:
                self.report("cases", (index, "date_end"), "ends before it starts")
        for index, doc in self.each("documents", "kind", "law"):
            if doc.kind == "article" and (doc.law not in docs or docs[doc.law].kind != "law"):
                self.report("documents", (index, "law"), f"unknown law {doc.law!r}")

    def figures_in_texts(self) -> None:
        """``{{ fig:key }}`` in a case's title or summary must name a figure."""
        figures = {f.key for _, f in self.each("figures", "key")}
        for index, case in self.each("cases"):
            for name in ("title", "summary"):
                if not hasattr(case, name):
                    continue
                for lang, text in getattr(case, name).model_dump().items():
                    for key in FIGURE_REF.findall(text):
                        if key not in figures:
                            self.report("cases", (index, name, lang), f"unknown figure {key!r}")
                    if "{{" in FIGURE_REF.sub("", text) or "}}" in FIGURE_REF.sub("", text):
                        self.report("cases", (index, name, lang),
                                    "unconverted {{ … }}: write {{ fig:key }}")

    def paragraphs(self) -> None:
        source = next((d for _, d in self.each("documents", "key") if d.key == SOURCE_KEY), None)
        if source is None or source.paragraphs is None:
            if "documents" in self.parsed:
                self.report("documents", (), f"the source record {SOURCE_KEY!r} with "
                            "`paragraphs` is missing")
            return
        for kind in ("areas", "views", "cases", "figures"):
            for index, record in self.each(kind):
                for name in ("paras", "status_paras"):
                    for n, para in enumerate(getattr(record, name, [])):
                        if para > source.paragraphs:
                            self.report(kind, (index, name, n), f"paragraph {para} does not "
                                        f"exist: the source has {source.paragraphs}")

    def source_text(self, root: Path) -> SourceText | None:
        """The submission's text: as many numbered paragraphs as its record says."""
        try:
            source = load_source_cached(root)
        except SourceTextError as err:
            self.problems.append(Problem(err.file, err.line, SOURCE_KEY, err.message))
            return None
        for index, doc in self.each("documents", "key"):
            if doc.key == SOURCE_KEY and doc.paragraphs not in (None, len(source.paragraphs)):
                last = source.paragraphs[-1]
                self.report("documents", (index, "paragraphs"),
                            f"{doc.paragraphs} paragraphs, but {source.file}:{last.line} "
                            f"ends the text at paragraph {last.number}")
        return source


def load_site(data_dir: Path) -> SiteData:
    """Load and check every data file; raise :class:`DataError` listing all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    parsed: dict[str, _Parsed] = {}
    rels: dict[str, str] = {}
    for kind in (*RECORD_FILES, "labels"):
        path = data_dir / f"{kind}.yaml"
        rels[kind] = f"{data_dir.name}/{path.name}"
        if not path.is_file():
            problems.append(Problem(rels[kind], 1, kind, "file is missing"))
            continue
        result = _parse(path, rels[kind], problems)
        if result is not None:
            parsed[kind] = result
    records = {kind: _validate_records(kind, parsed[kind], rels[kind], problems)
               for kind in RECORD_FILES if kind in parsed}
    labels = {}
    if "labels" in parsed:
        labels = _validate_labels(parsed["labels"], rels["labels"], problems)
        if isinstance(parsed["labels"].value, dict):
            _check_required_labels(parsed["labels"], rels["labels"], problems)
    checker = _Checker(records, parsed, rels, problems)
    checker.unique_ids()
    checker.references()
    checker.figures_in_texts()
    checker.paragraphs()
    source = checker.source_text(data_dir.resolve().parent)
    if problems:
        raise DataError(problems, _site_data(records, labels, source, data_dir))
    return _site_data(records, labels, source, data_dir)


def _site_data(records: dict[str, list[Any]], labels: dict[str, Text], source: SourceText | None,
               data_dir: Path) -> SiteData:
    """The loaded data: every record that passed validation (all of them, for a build)."""
    records = {kind: [r for r in records.get(kind, []) if not isinstance(r, _Partial)] for kind in RECORD_FILES}
    return SiteData(
        areas={a.id: a for a in records["areas"]},
        documents={d.key: d for d in records["documents"]},
        views=[v.model_copy(update={"areas": view_areas(v, records["view-areas"])})
               for v in records["views"]],
        cases=records["cases"],
        figures={f.key: f for f in records["figures"]},
        glossary=records["glossary"],
        labels=labels,
        view_area_rules=records["view-areas"],
        source=source,
        root=data_dir.resolve().parent,
    )


def _names_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase.casefold())}\b", text) is not None


def view_areas(view: View, rules: list[ViewAreaRule]) -> list[str]:
    """The areas of a View: those the submission gives (``areas``), then, in the rule's
    order, each area whose articles the View invokes or whose subject phrases its English
    subject matter or substantive issues contain (whole words, any case)."""
    invoked = {article_number(a) for a in view.articles_invoked}
    text = " ".join(t.en for t in (view.subject, view.issues) if t).casefold()
    areas = list(view.areas)
    for rule in rules:
        if rule.area not in areas and (
                invoked & {article_number(a) for a in rule.articles}
                or any(_names_phrase(text, phrase) for phrase in rule.subject)):
            areas.append(rule.area)
    return areas


_GENERATIONS = itertools.count(1)
_LOADED: OrderedDict[Path, tuple[tuple, SiteData]] = OrderedDict()  # the last few data folders
_LOADED_MAX = 4


def _data_stamp(data_dir: Path) -> tuple:
    """Name, modification time and size of every data file and of the source text."""
    out = []
    for path in [*sorted(data_dir.glob("*.yaml")), data_dir.parent / SOURCE_FILE]:
        if path.exists():
            stat = path.stat()
            out.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def load_site_cached(data_dir: Path) -> SiteData:
    """:func:`load_site`, reused while no data file (or the source text) changes: one load
    per build, a new one (a new :attr:`SiteData.generation`) after any edit."""
    data_dir = Path(data_dir).resolve()
    stamp = _data_stamp(data_dir)
    hit = _LOADED.get(data_dir)
    if hit and hit[0] == stamp:
        _LOADED.move_to_end(data_dir)
        return hit[1]
    data = load_site(data_dir)
    _LOADED[data_dir] = (stamp, data)
    _LOADED.move_to_end(data_dir)
    while len(_LOADED) > _LOADED_MAX:
        _LOADED.popitem(last=False)
    return data
