"""A broken input stops the real build with file, line and field, and keeps the previous site
(a small stand-in: that a good build swaps in is tests/test_build_safety.py's and every
build test's)."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import copy_project, run_build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a stand-in previous site/ (its marker.txt says so)."""
    return copy_project(tmp_path_factory.mktemp("project"), stand_in_site=True)


def build(project: Path, *options: str) -> subprocess.CompletedProcess:
    return run_build(*options, cwd=project)


@pytest.fixture
def broken(project):
    """Apply an edit to one file and build, restore the file afterwards. A page's edit under
    docs/<lang>/ builds English and that language without the offline copy (``--lang <lang>
    --no-offline``: a page's problem stops the first render); a data file's, a full build."""
    saved = {}

    def apply(name: str, old: str, new: str) -> subprocess.CompletedProcess:
        path = project / name
        saved.setdefault(path, path.read_text(encoding="utf-8"))
        text = saved[path]
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        folder, lang, *_ = Path(name).parts
        return build(project, *(("--lang", lang, "--no-offline") if folder == "docs" else ()))

    yield apply
    for path, text in saved.items():
        path.write_text(text, encoding="utf-8")


def line_of(project: Path, name: str, needle: str) -> int:
    lines = (project / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def assert_failed_and_kept(project: Path, result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
    assert (project / "site" / "marker.txt").read_text(encoding="utf-8") == "the good site"


def test_bad_date_in_data(project, broken):
    result = broken("data/cases.yaml", 'date: "2022-11-16"', 'date: "2022-11-31"')
    line = line_of(project, "data/cases.yaml", '"2022-11-31"')
    assert_failed_and_kept(project, result, f"data/cases.yaml:{line}: cases[")
    assert ".date: invalid date '2022-11-31'" in result.stderr


def test_script_in_data(project, broken):
    result = broken("data/cases.yaml", "  title:\n    en: ", "  title:\n    en: <script>alert(1)</script>\n    x: ")
    line = line_of(project, "data/cases.yaml", "<script>")
    assert_failed_and_kept(project, result, f"data/cases.yaml:{line}: cases[0].title.en: raw HTML is not allowed")


def test_unknown_citation_in_page(project, broken):
    result = broken("docs/kk/assembly.md", "\n\n", "\n\nЖаңа сөйлем [@no-such-document].\n\n")
    line = line_of(project, "docs/kk/assembly.md", "[@no-such-document]")
    assert_failed_and_kept(project, result,
                           f"docs/kk/assembly.md:{line}: unknown citation key 'no-such-document'")


def test_unknown_directive_in_page(project, broken):
    result = broken("docs/ru/assembly.md", "\n\n", "\n\n<!-- casse area=assembly -->\n\n")
    assert_failed_and_kept(project, result, "unknown directive 'casse'")


def test_link_to_a_missing_section(project, broken):
    result = broken("docs/ru/assembly.md", "\n\n", "\n\nСм. [реестр](covenant.md#no-such-view).\n\n")
    assert_failed_and_kept(project, result, "does not contain an anchor '#no-such-view'")


# --- the register's findings (issue 18): a finding needs its source ------------------------

def test_finding_without_its_source_stops_the_build(project, broken):
    result = broken("data/views.yaml", "      - source: ccpr-centre-17235\n", "      - sourse: ccpr-centre-17235\n")
    line = line_of(project, "data/views.yaml", "sourse: ccpr-centre-17235")
    assert_failed_and_kept(project, result, f"data/views.yaml:{line}: views[0].finding.read[0].source: "
                                            "required field is missing")


def test_unknown_source_of_a_finding_stops_the_build(project, broken):
    result = broken("data/views.yaml", "      - source: ccpr-centre-17235\n", "      - source: ccpr-centre-99999\n")
    line = line_of(project, "data/views.yaml", "source: ccpr-centre-99999")
    assert_failed_and_kept(project, result, f"data/views.yaml:{line}: views[0].finding.read[0].source: "
                                            "unknown source 'ccpr-centre-99999'")


def test_header_facts_on_a_secondary_record_stop_the_build(project, broken):
    result = broken("data/views.yaml", "  slug: communication-2548-2015\n",
                    '  slug: communication-2548-2015\n  adopted: "2024-07-16"\n')
    line = line_of(project, "data/views.yaml", 'adopted: "2024-07-16"')
    assert_failed_and_kept(project, result, f"data/views.yaml:{line}: views[")
    assert "].adopted: a record with `read: secondary` has no header facts" in result.stderr


# --- hostile input (issue 9): fails fast with file:line: field, or is shown as text ----------

BUILD_SECONDS = 90  # a refused input stops the build before MkDocs renders anything


def timed_broken(broken, *edit) -> subprocess.CompletedProcess:
    start = time.monotonic()
    result = broken(*edit)
    assert time.monotonic() - start < BUILD_SECONDS
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


@pytest.mark.parametrize("name, old, new, needle, message", [
    ("data/figures.yaml", "  value: 1586\n", "  value: 1e+999999999\n", "1e+999999999",
     "value: '1e+999999999' is not a plain decimal number"),
    ("data/glossary.yaml", "- id: ", "- x: &a [x, x, x, x, x, x, x, x]\n  y: &b [*a, *a, *a, *a, *a, *a]\n  id: ",
     "&a [x", "YAML anchors and aliases (&name, *name) are not allowed"),
    ("data/figures.yaml", "  value: 1586\n", "  value: 4:58\n", "4:58", "is not a plain decimal number"),
    ("data/labels.yaml", "sources:", "sourcse:", "sourcse:", "labels.sourcse: unknown label; did you mean 'sources'?"),
    ("data/labels.yaml", '"paras. {n}"', '"paras. {n} {count}"', "{count}",
     "labels.para_many.en: unknown placeholder {count}"),
    ("data/documents.yaml", "- key: criminal-code\n", "- key: criminal-code\n  url: /\\evil.example/x\n",
     "evil.example", "only https: and relative links are allowed"),
])
def test_hostile_data_fails_fast_with_file_line_field(project, broken, name, old, new, needle, message):
    result = timed_broken(broken, name, old, new)
    line = line_of(project, name, needle)
    assert_failed_and_kept(project, result, f"{name}:{line}: ")
    assert message in result.stderr, result.stderr[-2000:]


def test_every_page_problem_of_every_language_in_one_run(project, broken):
    saved = {}
    edits = {"docs/en/assembly.md": "\n\n<!-- cases area = assembly -->\n\nText [@ngo-2022, paras. 74-740000000].\n\n",
             "docs/ru/religion.md": "\n\n<!-- Cases area=religion -->\n\n",
             "docs/kk/torture.md": "\n\nМәтін [ @ngo-2022, para. 3].\n\n"}
    for name, insert in edits.items():
        path = project / name
        saved[path] = path.read_text(encoding="utf-8")
        path.write_text(saved[path].replace("\n\n", insert, 1), encoding="utf-8")
    try:
        start = time.monotonic()
        result = build(project)
        assert time.monotonic() - start < BUILD_SECONDS
    finally:
        for path, text in saved.items():
            path.write_text(text, encoding="utf-8")
    for name, needle, message in [
            ("docs/en/assembly.md", "<!-- cases area = assembly -->", "malformed directive"),
            ("docs/en/assembly.md", "74-740000000", "para. 740000000 does not exist"),
            ("docs/ru/religion.md", "<!-- Cases", "malformed directive"),
            ("docs/kk/torture.md", "[ @ngo-2022", "'[ @' is not a citation or figure")]:
        path = project / name
        path.write_text(path.read_text(encoding="utf-8").replace("\n\n", edits[name], 1), encoding="utf-8")
        line = line_of(project, name, needle)
        path.write_text(saved[path], encoding="utf-8")
        assert_failed_and_kept(project, result, f"{name}:{line}: {message}")
    assert "Traceback" not in result.stderr


def test_markdown_in_labels_is_shown_as_text(project, tmp_path):
    labels = project / "data" / "labels.yaml"
    saved = labels.read_text(encoding="utf-8")
    hostile = (saved.replace('para_one: {en: "para. {n}"', 'para_one: {en: "[more](javascript:alert(1)) {n}"')
               .replace("sources: {en: Sources", "sources: {en: '![](https://tracker.example/p.png)'"))
    assert hostile != saved
    labels.write_text(hostile, encoding="utf-8")
    try:  # English labels, and the offline copy has the same pages: a preview of English suffices
        result = run_build("--no-offline", "--lang", "en", "--site-dir", str(tmp_path / "site"), cwd=project)
    finally:
        labels.write_text(saved, encoding="utf-8")
    assert result.returncode == 0, result.stderr[-2000:]
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert any("&#91;more&#93;(javascript:alert(1))" in page for page in pages)
    assert not any(re.search(r"(?:href|src)=[\"']?(?:javascript:|https://tracker)", page) for page in pages)


def test_citation_of_a_paragraph_the_source_lacks(project, broken):
    result = broken("docs/ru/assembly.md", "\n\n", "\n\nНовое предложение [@ngo-2022, para. 97].\n\n")
    line = line_of(project, "docs/ru/assembly.md", "[@ngo-2022, para. 97]")
    assert_failed_and_kept(project, result,
                           f"docs/ru/assembly.md:{line}: para. 97 does not exist: paragraphs run from 1 to 96")
