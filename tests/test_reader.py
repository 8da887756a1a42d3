"""The source reader (/sources/ngo-2022/ in every language) and the links to its paragraphs:
every citation link of the built site and of the offline copy leads to the paragraph it cites,
each paragraph lists the pages citing it, and those links lead back."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kzrights.pages.cited_on import paragraph_citations
from kzrights.i18n import LANGS
from kzrights.render.links import resolve_docs_links
from kzrights.render.citations import PageCitations
from kzrights.render.text import link_paras
from kzrights.data.source_text import SourceTextError, parse_source

from .conftest import ROOT, real_data

DATA = real_data()  # loaded once per test process
SOURCE_FILE = ROOT / "sources" / "ngo-submission-iccpr-kazakhstan-2022.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def first_lines() -> dict[int, str]:
    """Paragraph number -> the first line of its text, read from the source file directly
    (not through the parser under test)."""
    found: dict[int, str] = {}
    for line in SOURCE_FILE.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"(\d+)\.\s+(\S.*)$", line.strip()):
            found.setdefault(int(match[1]), match[2])
    return found


SOURCE_PARAS = first_lines()


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


class Html(HTMLParser):
    """Per element id: its text, split by the language an element inside ``<body>`` marks it
    in ("" where only ``<html lang>`` applies); every link with its text and the ids of the
    elements around it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.texts: dict[str, list[tuple[str, str]]] = {}  # id -> [(lang, text)]
        self.links: list[dict] = []  # {href, text, inside: [ids]}
        self._stack: list[tuple[str, str | None, str]] = []  # (tag, id, lang)
        self._link: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        inherited = self._stack[-1][2] if self._stack else ""
        lang = inherited if tag == "html" else a.get("lang", inherited)
        if a.get("id"):
            self.texts[a["id"]] = []
        if tag == "a" and a.get("href") is not None:
            self._link = {"href": a["href"], "text": "", "hreflang": a.get("hreflang"),
                          "inside": [i for _, i, _ in self._stack if i] + ([a["id"]] if a.get("id") else [])}
            self.links.append(self._link)
        if tag not in VOID:
            self._stack.append((tag, a.get("id"), lang))

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        for depth in range(len(self._stack) - 1, -1, -1):  # close up to the matching tag
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break

    def handle_data(self, data):
        lang = self._stack[-1][2] if self._stack else ""
        for _, ident, _ in self._stack:
            if ident:
                self.texts[ident].append((lang, data))
        if self._link is not None:
            self._link["text"] += data

    def text(self, ident: str, lang: str | None = None) -> str:
        return norm("".join(t for l, t in self.texts[ident] if lang is None or l == lang))


def page_lang(root: Path, file: Path) -> str:
    first = file.relative_to(root).parts[0]
    return first if first in ("ru", "kk") else "en"


def reader_file(root: Path, lang: str, offline: bool) -> Path:
    base = root if lang == "en" else root / lang
    return base / "sources" / ("ngo-2022.html" if offline else "ngo-2022/index.html")


def resolve(source: Path, href: str) -> tuple[Path, str]:
    """The file and fragment an href leads to, as a static server or a file:// browser opens it."""
    parts = urlsplit(href)
    if not parts.path:
        return source, unquote(parts.fragment)
    target = (source.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def html_files(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*.html"))
            if not p.relative_to(root).as_posix().startswith(("pagefind/", "download/"))]


class Site:
    """A built site (or the unzipped offline copy), parsed once."""

    def __init__(self, root: Path, offline: bool):
        self.root, self.offline = root.resolve(), offline
        self.pages = {p.resolve(): Html(p.read_text(encoding="utf-8")) for p in html_files(root)}

    def reader(self, lang: str) -> tuple[Path, Html]:
        path = reader_file(self.root, lang, self.offline).resolve()
        return path, self.pages[path]

    def citation_links(self):
        """(page, its language, link) for every link into the reader from another page
        (but the language switcher's)."""
        for path, parsed in self.pages.items():
            for link in parsed.links:
                if "sources/ngo-2022" in link["href"] and not link["hreflang"]:
                    yield path, page_lang(self.root, path), link


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site, offline=False)


@pytest.fixture(scope="module")
def offline(built_site, tmp_path_factory) -> Site:
    (archive,) = (built_site / "download").glob("*.zip")
    target = tmp_path_factory.mktemp("offline-reader")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return Site(folder, offline=True)


def follow_every_citation_link(site: Site) -> dict[str, set[Path]]:
    """Check each citation link; return, per language, the pages that link to the reader."""
    problems, linking = [], {lang: set() for lang in LANGS}
    for path, lang, link in site.citation_links():
        where = f"{path.relative_to(site.root)}: {link['href']}"
        target, fragment = resolve(path, link["href"])
        if target != site.reader(lang)[0]:
            problems.append(f"{where}: leads to {target}, not the {lang} reader")
            continue
        linking[lang].add(path)
        if not fragment:
            continue  # the sources list's link to the whole text
        match = re.fullmatch(r"para-(\d+)", fragment)
        reader = site.reader(lang)[1]
        if not match or fragment not in reader.texts:
            problems.append(f"{where}: no element #{fragment} on the reader")
            continue
        number = int(match[1])
        if norm(SOURCE_PARAS[number]) not in reader.text(fragment, "en"):
            problems.append(f"{where}: #{fragment} does not hold paragraph {number} of the source")
        if "para-ref" in link["href"] or link["text"].strip()[:1].isdigit():
            if re.split(r"[–-]", link["text"].strip())[0] != str(number):
                problems.append(f"{where}: the link says {link['text']!r}")
    assert not problems, f"{len(problems)} bad citation links:\n" + "\n".join(problems[:40])
    return linking


def test_every_citation_link_leads_to_its_paragraph(site):
    linking = follow_every_citation_link(site)
    for lang in LANGS:
        base = site.root if lang == "en" else site.root / lang
        for area in DATA.areas.values():
            page = (base / area.page.removesuffix(".md") / "index.html").resolve()
            assert page in linking[lang], f"{lang}/{area.page} links to no paragraph of the reader"


def test_every_citation_link_of_the_offline_copy_leads_to_its_paragraph(offline):
    linking = follow_every_citation_link(offline)
    for lang in LANGS:
        base = offline.root if lang == "en" else offline.root / lang
        for area in DATA.areas.values():
            assert (base / area.page.replace(".md", ".html")).resolve() in linking[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_reader_has_every_paragraph_in_english_with_a_self_link(site, lang):
    path, reader = site.reader(lang)
    assert reader.lang == lang
    count = DATA.documents["ngo-2022"].paragraphs
    assert sorted(SOURCE_PARAS) == list(range(1, count + 1))
    for number, first_line in SOURCE_PARAS.items():
        ident = f"para-{number}"
        assert ident in reader.texts, f"{lang}: no #{ident}"
        assert norm(first_line) in reader.text(ident, "en"), \
            f"{lang}: #{ident} does not hold the source text, marked lang=en"
        self_links = [l for l in reader.links if l["href"] == f"#{ident}" and ident in l["inside"]]
        assert self_links and norm(self_links[0]["text"]) == f"¶ {number}", f"{lang}: #{ident} has no self-link"


@pytest.mark.parametrize("lang", LANGS)
def test_cited_on_lists_exactly_the_pages_that_cite_a_paragraph(site, lang):
    path, reader = site.reader(lang)
    label = DATA.label("cited_on", lang)
    linked_to: dict[int, set[Path]] = {}  # paragraph -> pages linking to it
    for page, page_language, link in site.citation_links():
        target, fragment = resolve(page, link["href"])
        if page_language == lang and fragment.startswith("para-"):
            first = int(fragment[5:])
            last = re.fullmatch(rf"{first}–(\d+)", norm(link["text"]))  # a range links its first
            for number in range(first, int(last[1]) + 1 if last else first + 1):
                linked_to.setdefault(number, set()).add(page)
    for number in SOURCE_PARAS:
        ident = f"para-{number}"
        back = [l for l in reader.links if ident in l["inside"] and l["href"] != f"#{ident}"]
        listed = set()
        for link in back:
            target, fragment = resolve(path, link["href"])
            assert target in site.pages, f"{lang} #{ident}: {link['href']} leads to no page"
            assert page_lang(site.root, target) == lang, f"{lang} #{ident}: {link['href']} leaves the language"
            assert not fragment or fragment in site.pages[target].texts, \
                f"{lang} #{ident}: {link['href']} has no #{fragment}"
            assert norm(link["text"]), f"{lang} #{ident}: a back-link without a title"
            listed.add(target)
        if back:  # in the page's language, not in the English of the text
            assert label in reader.text(ident, ""), f"{lang} #{ident}: no {label!r} in the page's language"
        assert listed == linked_to.get(number, set()), (
            f"{lang} #{ident}: cited on {sorted(p.relative_to(site.root).as_posix() for p in listed)}, "
            f"linked from {sorted(p.relative_to(site.root).as_posix() for p in linked_to.get(number, set()))}")


def test_reader_sections_and_navigation(site):
    source = DATA.source
    for lang in LANGS:
        path, reader = site.reader(lang)
        for section in source.sections:
            assert section.id in reader.texts
            assert norm(section.title) in reader.text(section.id, "en")
            assert any(l["href"] == f"#{section.id}" for l in reader.links), f"{lang}: {section.id} not in the list"
        assert DATA.label("reader_sections", lang) in reader.text("sections", "")


def test_sources_list_links_to_the_reader(site):
    for lang in LANGS:
        base = site.root if lang == "en" else site.root / lang
        page = site.pages[(base / "assembly" / "index.html").resolve()]
        entry = [l for l in page.links if "src-ngo-2022" in l["inside"]
                 and not l["href"].startswith("#")]  # not the links back to the citations
        assert [resolve(base / "assembly" / "index.html", l["href"])[0] for l in entry] == [site.reader(lang)[0]]


def test_paragraphs_open_data(built_site):
    import csv
    import io
    import json
    records = json.loads((built_site / "data" / "paragraphs.json").read_text(encoding="utf-8"))
    assert [r["number"] for r in records] == sorted(SOURCE_PARAS)
    for record in records:
        assert record["text"].startswith(SOURCE_PARAS[record["number"]].strip())
        assert record["section"]
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "paragraphs.csv").read_text(encoding="utf-8"))))
    assert [(int(r["number"]), r["text"]) for r in rows] == [(r["number"], r["text"]) for r in records]


# --- units: no build ------------------------------------------------------------

def test_a_range_links_its_first_paragraph_and_a_list_each_number():
    html = link_paras([30, 31, 32, 33, 5], DATA, "ru")
    assert html == ('пп. <a class="para-ref" href="docs:sources/ngo-2022.md#para-5">5</a>, '
                    '<a class="para-ref" href="docs:sources/ngo-2022.md#para-30">30–33</a>')
    assert link_paras([73], DATA, "kk") == \
        '<a class="para-ref" href="docs:sources/ngo-2022.md#para-73">73</a>-тармақ'


def test_un_document_paragraphs_are_not_linked():
    cited = PageCitations(DATA, "en").cite("@CCPR/C/KAZ/CO/2, para. 3")
    assert "docs:" not in cited and "para. 3" in cited


def test_docs_links_resolve_with_their_fragment():
    html = '<a href="docs:sources/ngo-2022.md#para-7">7</a> <a href="docs:assembly.md">x</a>'
    out = resolve_docs_links(html, lambda path: {"sources/ngo-2022.md": "../sources/ngo-2022/",
                                                 "assembly.md": "../assembly/"}[path])
    assert out == '<a href="../sources/ngo-2022/#para-7">7</a> <a href="../assembly/">x</a>'


def test_cited_on_index_from_prose_and_table_rows():
    cases = [c for c in DATA.cases if "assembly" in c.areas]
    pages = {"assembly.md": "# Title { #t }\n\n## Part { #part }\n\nText [@ngo-2022, paras. 1-3].\n\n"
                            "<!-- cases area=assembly -->\n",
             "other.md": "# Other { #o }\n\n`[@ngo-2022, para. 9]` [@CCPR/C/KAZ/CO/2, para. 9]\n",
             "broken.md": "# Broken { #b }\n\n[@ngo-2022, para. 9] [@nothing]\n"}
    index = paragraph_citations(DATA, "ru", pages)
    assert [(c.path, c.fragment, c.title) for c in index[2]] == [("assembly.md", "part", "Title")]
    for para in {p for c in cases for p in c.paras} - {1, 2, 3}:
        assert [c.path for c in index[para]] == ["assembly.md"]
        assert index[para][0].fragment.startswith(("case-", "view-"))
    assert 9 not in index  # in code, another document's paragraph, a page that fails to render


SMALL = """• Home
Title of the submission

18.12.2022

Preamble.

First section (art. 2)

1. One.

2. Two.

– an item;

Second section

3. Three.

December 2022
"""


def test_source_parser_reads_sections_paragraphs_and_dates():
    source = parse_source(SMALL, "s.txt")
    assert source.title == "Title of the submission"
    assert source.preamble == ("18.12.2022", "Preamble.")
    assert [s.id for s in source.sections] == ["first-section", "second-section"]
    assert [(p.number, p.section.id, p.blocks) for p in source.paragraphs] == [
        (1, "first-section", ("One.",)), (2, "first-section", ("Two.", "– an item;")),
        (3, "second-section", ("Three.",))]
    assert source.closing == ("December 2022",)


@pytest.mark.parametrize("old, new, message", [
    ("2. Two.", "4. Two.", "paragraph 4 where paragraph 2 was expected"),
    ("Second section", "First section", "gives no new section id"),
])
def test_source_parser_errors_name_the_line(old, new, message):
    line = SMALL.splitlines().index(old) + 1
    with pytest.raises(SourceTextError) as info:
        parse_source(SMALL.replace(old, new), "s.txt")
    assert str(info.value).startswith(f"s.txt:{line}: ") and message in str(info.value)
