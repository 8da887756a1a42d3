"""Property-based hostile input: (a) random edits of the real data files load or fail with
the project's DataError at a file and line, quickly; (b) random Unicode, Markdown and HTML in
every text field and label never leaves the renderers unescaped (HTML after Markdown, SVG,
CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kzrights.pages.directives import render_page
from kzrights.data.load import DataError, SiteData, load_site
from kzrights.data.models import Person, Text
from kzrights.render.opendata import build_open_data
from kzrights.render.charts import render_bar_chart

from .conftest import ROOT, examples

DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.yaml"))
SECONDS = 5

# --- (a) mutations of the real data files ---------------------------------------------------

YAML_SPECIALS = ["&a ", "*a", "<<: ", "!!python/object:os.system ", "!x ", "{", "}", "[", "]",
                 ": ", "- ", "'", '"', "|", ">", "%", "@", "`", "#", "? ", "\t", "---\n", "\\",
                 "1e+999999", "010", ".nan", "4:58", "\ufeff", "~", "null", "yes", "\u2028"]


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(DATA_FILES))
    lines = (ROOT / "data" / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
        line = lines[n]
        if kind == "delete":
            del lines[n]
        elif kind == "duplicate":
            lines.insert(n, line)
        elif kind == "swap" and len(line) > 1:
            i = draw(st.integers(0, len(line) - 2))
            lines[n] = line[:i] + line[i + 1] + line[i] + line[i + 2:]
        elif kind == "insert":
            i = draw(st.integers(0, len(line)))
            lines[n] = line[:i] + draw(st.sampled_from(YAML_SPECIALS)) + line[i:]
        elif kind == "truncate":
            lines[n] = line[:draw(st.integers(0, len(line)))]
        if not lines:
            lines = [""]
    return name, "\n".join(lines)


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "sources", Path(folder) / "sources")  # the submission's text
        yield Path(folder)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_edited_data_loads_or_names_file_and_line(scratch, mutation):
    name, text = mutation
    data_dir = scratch / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(ROOT / "data", data_dir)
    (data_dir / name).write_text(text, encoding="utf-8")
    start = time.monotonic()
    try:
        load_site(data_dir)
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert re.fullmatch(r"data/[a-z-]+\.yaml", problem.file), problem
            assert problem.line >= 1 and problem.field and problem.message, problem
    assert time.monotonic() - start < SECONDS


# --- (b) hostile text in every text field ---------------------------------------------------

MARKUP = ["[x](javascript:alert(1))", "![](https://tracker.example/p.png)", "<https://evil.example>",
          "{: onclick=alert(1) }", "{ #id .c onmouseover=x }", "*em*", "__b__", "`code`", "| a |",
          "\n\n# h\n\n", "\n    code", "&lt;script&gt;", "&#60;img src=x&#62;", "=HYPERLINK(\"x\")",
          "+1", "-1", "@SUM(A1)", "\t=1", "[@ngo-2022]", "{{ fig:hrd-threats-2021 }}", "*[HTML]: x",
          "\\", "]]>", "<!--", "-->", "<", ">", "&", "\"", "'", "\u202e", "\u00a0", "қ", "ё"]


@st.composite
def hostile_texts(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=8)), min_size=1, max_size=6))
    text = "".join(parts)
    try:
        Text(en=text, ru=text, kk=text)
    except ValidationError:
        assume(False)
    return text.strip()


def _with_text(data: SiteData, text: str) -> SiteData:
    """Every text field of every record, and every label without placeholders, set to ``text``."""
    t = Text(en=text, ru=text, kk=text)
    person = Person(en=text, ru=text, kk=text, aliases=[text])
    cases = [c.model_copy(update={"title": t, "summary": t, "place": t, "people": [person]})
             for c in data.cases]
    views = [v.model_copy(update={"authors": [person, person]}) for v in data.views]
    figures = {k: f.model_copy(update={"label": t}) for k, f in data.figures.items()}
    documents = {k: d.model_copy(update={"title": t}) for k, d in data.documents.items()}
    glossary = [g.model_copy(update={"en": text, "ru": text, "kk": text, "note": t}) for g in data.glossary]
    areas = {k: a.model_copy(update={"title": t}) for k, a in data.areas.items()}
    plain = text.replace("{", "(").replace("}", ")")
    labels = {name: (Text(en=plain, ru=plain, kk=plain) if "{" not in label.en else
                     Text(**{lang: plain + " " + getattr(label, lang) for lang in ("en", "ru", "kk")}))
              for name, label in data.labels.items()}
    return SiteData(areas=areas, documents=documents, views=views, cases=cases, figures=figures,
                    glossary=glossary, labels=labels, view_area_rules=data.view_area_rules,
                    source=data.source, root=data.root)


PAGE = """# Title { #title }

Text [@ngo-2022, paras. 73-74; @cc-405; @CCPR/C/KAZ/CO/2] and {{ fig:women-share-2022 }}.

<!-- cases area=assembly -->

<!-- views -->

<!-- figures series=hrd-threats -->

<!-- chart series=hrd-threats -->

<!-- glossary -->

<!-- areas -->

<!-- downloads -->
"""
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]
TAGS = {"h1", "h2", "p", "span", "a", "div", "table", "caption", "thead", "tbody", "tr", "th",
        "td", "strong", "br", "ol", "ul", "li", "figure", "figcaption", "svg", "title", "desc",
        "line", "rect", "text", "time"}  # time: every date (render.text.time_html)
HREF = re.compile(r"#[a-z0-9-]+|https://undocs\.org/(?:en|ru)/[A-Z0-9/.]+|\.\./data/\w+\.(?:csv|json|txt)"
                  r"|https://creativecommons\.org/licenses/by/4\.0/"
                  r"|docs:[a-z0-9/-]+\.md(?:#[a-z0-9-]+)?"
                  r"|[a-z-]+\.md")  # docs:…: kzrights/render/links.py, resolved per page by the build


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.fixture(scope="module")
def real_data():
    return load_site(ROOT / "data")


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.filter_too_much])
@given(hostile_texts(), st.sampled_from(["en", "ru", "kk"]))
def test_hostile_text_is_inert_in_every_output(data_dir, text, lang):
    data = _with_text(load_site(data_dir), text)
    html = markdown.markdown(render_page(PAGE, lang, data), extensions=EXTENSIONS)
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in TAGS, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on") and name != "src", (tag, name)
            if name == "style":  # Markdown tables align a column
                assert re.fullmatch(r"text-align: (?:left|right|center);", value or ""), value
            if name == "href":
                assert HREF.fullmatch(value or ""), value
    svg = render_bar_chart(data, lang, "hrd-threats")
    ET.fromstring(svg[svg.index("<svg"):svg.index("</svg>") + 6])  # well-formed XML
    for name, content in build_open_data(data).items():
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(content)):
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
        elif name.endswith(".json") and name != "paragraphs.json":  # paragraphs: the source text
            assert text in _strings(json.loads(content)) or "{{" in text  # texts round-trip


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*map(_strings, items)) if items else set()
