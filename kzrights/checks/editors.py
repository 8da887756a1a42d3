"""The editors' check (``tools/check.py``): every data file through the build's own loader,
every page in every language, every translation, in seconds, each problem as
``file:line: field: what is wrong; fix: how to fix it``. Pages and data texts are also read
against the paragraphs of the submission they cite: qualifiers kept, months and years that
the paragraphs give (kzrights/checks/prose.py)."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

from kzrights.checks.prose import (figure_numbers, find_dropped_hedges, find_dropped_hedges_in_records,
                                   find_forbidden_terms, find_forbidden_terms_in_data, find_misdated_headings,
                                   find_misdated_labels, find_typed_numbers, find_uncited_blocks,
                                   find_unmarked_guidance, find_wrong_language, forbidden_patterns,
                                   paras_named_in, prose_only)
from kzrights.data.load import RECORD_FILES, DataError, Problem, SiteData, load_site
from kzrights.data.schema import SCHEMA_FILES, refresh_schema_section
from kzrights.data.translation import FIELD, Page, page_states, stamp, stamp_line, version
from kzrights.data.page_source import check_page as check_page_source
from kzrights.i18n import DEFAULT_LANG, LANGS
from kzrights.pages.cited_on import HEADING
from kzrights.pages.directives import render_page

_QUOTED = re.compile(r"'([^']*)'")


def heading_ids(markdown: str) -> list[str]:
    """The ids of a page's headings, in order."""
    return [m["id"] for line in markdown.splitlines() if (m := HEADING.match(line))]


def _did_you_mean(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=3, cutoff=0.6)
    return f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""


def _quoted(message: str) -> str:
    match = _QUOTED.search(message)
    return match[1] if match else ""


def data_hint(problem: Problem, data_keys: dict[str, list[str]]) -> str:
    """How to fix a problem the loader reports (its message says what is wrong)."""
    message, leaf = problem.message, re.split(r"[.\[\]]+", problem.field.strip("]"))[-1]
    if message == "required field is missing":
        if leaf in LANGS:
            return f"add the {leaf} text: every text needs en, ru and kk (terms: data/glossary.yaml)"
        return f"add `{leaf}:` to this record (formats: CONTRIBUTING.md, Data files)"
    if message == "unknown field":
        kind = problem.field.split("[")[0]
        model = RECORD_FILES.get(kind)
        allowed = ", ".join(model.model_fields) if model and problem.field.count(".") == 1 else ""
        return (f"{_did_you_mean(leaf, list(model.model_fields) if model else [])}remove it or "
                f"correct its spelling" + (f"; fields: {allowed}" if allowed else ""))
    if message.startswith("invalid date"):
        return ("write the date as the source gives it: YYYY-MM-DD, or YYYY-MM or YYYY when "
                "the source gives no day or month; check the day exists in that month")
    if message.startswith("unknown area"):
        return f"{_did_you_mean(_quoted(message), data_keys['areas'])}use an id from data/areas.yaml"
    if message.startswith(("unknown document", "unknown law")):
        return (f"{_did_you_mean(_quoted(message), data_keys['citable'])}use a key from "
                "data/documents.yaml or data/views.yaml, or add the document there")
    if message.startswith("unknown figure"):
        return f"{_did_you_mean(_quoted(message), data_keys['figures'])}use a key from data/figures.yaml"
    if message.startswith("duplicate key"):
        return "keep one of the two lines"
    if message.startswith("duplicate"):
        return "give this record its own id; if it is the same case, merge the two records"
    if "does not exist: the source has" in message:
        return "check the paragraph number in sources/ngo-submission-iccpr-kazakhstan-2022.txt"
    if message.startswith("malformed YAML"):
        return "check indentation, colons and quotes on this line and the line before"
    if message.startswith("Input should be"):
        return "use one of the values listed"
    if "should match pattern" in message:
        return "use lower-case Latin letters, digits and hyphens (assembly, cc-405)"
    return "see the format of this field in CONTRIBUTING.md, Data files"


def page_hint(message: str, data: SiteData) -> tuple[str, str]:
    """(field, fix) for a problem the page renderer reports."""
    if "citation" in message or "locator" in message or "paragraphs;" in message:
        key = _quoted(message)
        known = [*data.documents, *data.views_by_symbol]
        return "citation", (f"{_did_you_mean(key, known)}cite a key from data/documents.yaml or "
                            "data/views.yaml as [@key, para. 34], or add the document there")
    if "figure" in message or "placeholder" in message:
        return "figure", (f"{_did_you_mean(_quoted(message), list(data.figures))}write "
                          "{{ fig:key }} with a key from data/figures.yaml")
    if "unknown area" in message:
        return "directive", f"{_did_you_mean(_quoted(message), list(data.areas))}use an id from data/areas.yaml"
    if "heading" in message:
        return "heading", "end the heading with { #id }, the same id as on the English page"
    if "directive" in message or "of=" in message:
        return "directive", "see the table of directives in CONTRIBUTING.md"
    return "page", "see CONTRIBUTING.md, Writing a page"


def _render_problems(err: Exception) -> list[tuple[int, str]]:
    """(line, message) of every problem a render error carries (a list, or one)."""
    if problems := getattr(err, "problems", None):
        return [tuple(p) if isinstance(p, tuple) else (p.line, p.message) for p in problems]
    return [(getattr(err, "line", 1), getattr(err, "message", str(err)))]


HEDGE_FIX = ("keep the source's qualifier in this sentence, in the page's language (allegedly, "
             "reportedly, according to ...: the list is HEDGES in kzrights/checks/prose.py)")
DATE_FIX = ("name it so that the date cannot be misread: the date the paragraph gives, or say "
            "what the month and year are of (\"the study of the January 2022 detentions\")")


def source_findings(path: Path, lang: str, data: SiteData, docs: Path, text: str) -> list[tuple[int, str, str]]:
    """The page against the paragraphs of the submission it cites: qualifiers kept, dated
    headings that match (kzrights/checks/prose.py)."""
    if data.source is None:
        return []
    paragraphs = {p.number: p.text for p in data.source.paragraphs}
    english_path = docs / DEFAULT_LANG / path.relative_to(docs / lang)
    english = (english_path.read_text(encoding="utf-8")
               if lang != DEFAULT_LANG and english_path.is_file() else None)
    found = [(line, "hedge", f"{message}; fix: {HEDGE_FIX}") for line, message in
             find_dropped_hedges(text, lang, paragraphs, figure_numbers(data.figures), english)]
    found += [(line, "date", f"{message}; fix: {DATE_FIX}")
              for line, message in find_misdated_headings(text, lang, paragraphs)]
    return found


def check_page(path: Path, lang: str, data: SiteData, docs: Path) -> list[str]:
    rel = path.relative_to(docs.parent).as_posix()
    text = path.read_text(encoding="utf-8")
    _, refused = check_page_source(text)  # limits and front matter first, as the build does
    if refused:
        return [f"{rel}:{line}: page: {message}" for line, message in refused]
    page = Page.parse(text)
    problems = []
    for line, token in find_typed_numbers(text):
        problems.append((line, "number", f"number typed into prose: {token!r}; fix: add it to "
                         "data/figures.yaml and write {{ fig:key }}"))
    for line, snippet in find_wrong_language(text, lang):
        problems.append((line, "language", f"not in the page's language: {snippet!r}; fix: "
                         "translate it (write names of organisations in Cyrillic)"))
    if path.relative_to(docs / lang).as_posix() in {area.page for area in data.areas.values()}:
        problems += [(line, "citation", f"factual paragraph without a citation: {snippet!r}; fix: "
                      "end it with [@key, para. N], or mark advice as guidance")
                     for line, snippet in find_uncited_blocks(text)]
    if "guidance_title" in data.labels:
        problems += [(line, "guidance", f"{message}; fix: put general advice in the guidance box "
                      f"(!!! note \"{data.label('guidance_title', lang)}\")")
                     for line, message in find_unmarked_guidance(text, data.label("guidance_title", lang))]
    problems += [(line, "terminology", f"{message}; fix: use the term from data/glossary.yaml")
                 for line, message in find_forbidden_terms(prose_only(text),
                                                            forbidden_patterns(data.glossary, lang))]
    problems += source_findings(path, lang, data, docs, text)
    try:
        render_page(page.body, lang, data, first_line=page.body_line, docs_dir=docs)
    except (ValueError, LookupError) as err:
        for line, message in _render_problems(err):
            field, fix = page_hint(message, data)
            problems.append((line, field, f"{message}; fix: {fix}"))
    return [f"{rel}:{line}: {field}: {message}" for line, field, message in sorted(set(problems))]


def check_translations(docs: Path, only: set[Path] | None = None) -> list[str]:
    """Outdated, unstamped and missing translations; headings that differ from English."""
    out = []
    for state in page_states(docs):
        path = docs / state.lang / state.page
        if only is not None and path.resolve() not in only:
            continue
        rel, english = f"{docs.name}/{state.lang}/{state.page}", f"{docs.name}/{DEFAULT_LANG}/{state.page}"
        if state.state == "missing":
            out.append(f"{rel}:1: (file): missing translation of {english}; fix: translate it "
                       f"into this file, then run tools/check.py --stamp {rel}")
            continue
        text = path.read_text(encoding="utf-8")
        line = stamp_line(text)
        if state.stamped is None:
            out.append(f"{rel}:1: {FIELD}: the page does not say which English version it "
                       f"translates; fix: once it matches {english}, run tools/check.py --stamp {rel}")
        elif state.state == "outdated":
            out.append(f"{rel}:{line}: {FIELD}: {english} has changed since this translation "
                       f"(translated {state.stamped}, now {state.current}); fix: bring the "
                       f"changes across (git log -p {english}), then run tools/check.py --stamp {rel}")
        expected = heading_ids((docs / DEFAULT_LANG / state.page).read_text(encoding="utf-8"))
        found = heading_ids(text)
        if expected != found:
            gone = [i for i in expected if i not in found]
            extra = [i for i in found if i not in expected]
            detail = (f"missing {', '.join(gone) or '-'}; extra {', '.join(extra) or '-'}"
                      if gone or extra else "in a different order")
            out.append(f"{rel}:1: headings: heading ids differ from {english} ({detail}); fix: "
                       "use the same headings with the same { #id } in the same order")
    for lang in LANGS:
        for path in sorted((docs / lang).rglob("*.md")):
            if lang != DEFAULT_LANG and not (docs / DEFAULT_LANG / path.relative_to(docs / lang)).is_file():
                out.append(f"{docs.name}/{path.relative_to(docs).as_posix()}:1: (file): no English "
                           f"original; fix: write {docs.name}/{DEFAULT_LANG}/"
                           f"{path.relative_to(docs / lang).as_posix()} first, or remove this file")
    return out


def check(root: Path, pages: list[Path] | None = None) -> tuple[list[str], str]:
    """Every problem, and a one-line summary of what was checked."""
    docs = root / "docs"
    problems = []
    try:
        data = load_site(root / "data")
    except DataError as err:
        data = err.data  # the records that passed: pages are checked against them
        keys = {"areas": list(data.areas), "figures": list(data.figures),
                "citable": [*data.documents, *data.views_by_symbol]}
        problems += [f"{p}; fix: {data_hint(p, keys)}" for p in err.problems]
    targets = pages if pages is not None else [p for lang in LANGS for p in sorted((docs / lang).rglob("*.md"))]
    if not problems:  # terms the glossary forbids, in the data files
        problems += [f"data/{file}:{line}: terminology: {message}; fix: use the term from "
                     "data/glossary.yaml" for file, line, message in
                     find_forbidden_terms_in_data(root / "data", data.glossary)]
    for path in targets:
        lang = path.resolve().relative_to(docs.resolve()).parts[0]
        problems += check_page(path.resolve(), lang, data, docs.resolve())
    if not problems and data.source is not None:  # the data texts against their paragraphs
        problems += data_findings(root, data)
    problems += check_translations(docs, {p.resolve() for p in pages} if pages is not None else None)
    if pages is None:
        problems += schema_drift(root)
    records = sum(len(data.records(kind)) for kind in RECORD_FILES)
    return problems, f"{records} data records and {len(targets)} pages"


def data_findings(root: Path, data: SiteData) -> list[str]:
    """Data texts against their paragraphs: case titles and figure labels whose month and
    year the paragraphs do not give; case summaries and glossary notes that drop a
    qualifier of the source (kzrights/checks/prose.py). Figure labels are not held to a
    hedge: they are short names of what was counted, read beside the sentence that says
    whose count it is (a first run flagged every label of the study's figures)."""
    paragraphs = {p.number: p.text for p in data.source.paragraphs}
    figures = figure_numbers(data.figures)
    labels = ([("cases", "id", c.id, "title", c.title, c.paras) for c in data.cases]
              + [("figures", "key", key, "label", f.label, f.paras) for key, f in data.figures.items()])
    texts = ([("cases", "id", c.id, "summary", c.summary, c.paras) for c in data.cases]
             + [("glossary", "id", t.id, "note", t.note, paras_named_in(t.note("en")))
                for t in data.glossary if t.note])
    out = []

    def line_of(kind: str, field: str, ident: str) -> int:
        lines = (root / "data" / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()
        pattern = re.compile(rf"-?\s*{field}:\s*['\"]?{re.escape(ident)}['\"]?\s*$")
        return next((i for i, line in enumerate(lines, 1) if pattern.match(line.strip())), 1)

    for kind, field, ident, name, text, paras in labels:
        for _, lang, message in find_misdated_labels([(ident, text, paras)], paragraphs):
            out.append(f"data/{kind}.yaml:{line_of(kind, field, ident)}: date: {ident}: {name} ({lang}) "
                       f"{message}; fix: {DATE_FIX}")
    for kind, field, ident, name, text, paras in texts:
        for _, lang, message in find_dropped_hedges_in_records([(ident, text, paras)], paragraphs, figures):
            out.append(f"data/{kind}.yaml:{line_of(kind, field, ident)}: hedge: {ident}: {name} ({lang}) "
                       f"{message}; fix: {HEDGE_FIX}")
    return out


def schema_drift(root: Path) -> list[str]:
    out = []
    for name in SCHEMA_FILES:
        path = root / name
        if path.is_file() and refresh_schema_section(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8"):
            out.append(f"{name}:1: schema: the data formats section differs from kzrights/data/models.py; "
                       "fix: run tools/check.py --write-schema")
    return out


def stamp_pages(root: Path, names: list[str]) -> int:
    """Set ``translation_of`` in the given Russian and Kazakh pages (or folders of pages)."""
    docs = (root / "docs").resolve()
    paths = []
    for name in names:
        path = Path(name).resolve()
        paths += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    for path in paths:
        lang, *rest = path.relative_to(docs).parts
        english = docs / DEFAULT_LANG / Path(*rest)
        if lang == DEFAULT_LANG or lang not in LANGS or not english.is_file():
            print(f"{path.relative_to(root.resolve())}: not a translation of an English page; "
                  "give pages under docs/ru/ or docs/kk/", file=sys.stderr)
            return 1
        source = english.read_text(encoding="utf-8")
        path.write_text(stamp(path.read_text(encoding="utf-8"), source), encoding="utf-8")
        print(f"{path.relative_to(root.resolve())}: translation_of: {version(source)}")
    return 0


def lint(root: Path) -> list[str]:
    """ruff's findings in the code (the rules in pyproject.toml), as ``file:line:col: code message``."""
    try:
        result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                                 "kzrights", "tools", "tests"], cwd=root, capture_output=True, text=True)
    except OSError as err:
        return [f"(lint): cannot run ruff: {err}"]
    if "No module named ruff" in result.stderr:
        return ["(lint): ruff is not installed; fix: pip install -r requirements-test.txt -c constraints.txt"]
    if result.returncode == 0:
        return []
    return [line for line in result.stdout.splitlines() if line and not line.startswith(("Found ", "[*]"))]
