"""tools/check.py: every kind of editor mistake reported at once with file, line, field and
a fix; translation stamps; the data formats in CONTRIBUTING never drift from the models.

The checker runs in this process (its ``main(argv)`` on a copy of the repository), but for
the real repository's check, run as editors run it."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kzrights.data.load import load_site
from kzrights.render.status import render_page_status
from kzrights.render.text import md_esc
from kzrights.data.schema import SCHEMA_FILES, START, refresh_schema_section
from kzrights.data.translation import page_states, translation_status

from .conftest import ROOT


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of what an editor edits, with the checker in it."""
    for folder in ("data", "docs", "sources", "tools"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in SCHEMA_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _load_checker():
    spec = importlib.util.spec_from_file_location("kz_tools_check", ROOT / "tools" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECKER = _load_checker()


def run_check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """``python tools/check.py ARGS`` in ``repo``, run in this process: tools/check.py's
    ``main`` with its ``ROOT`` set to ``repo``."""
    out, err, cwd, root = io.StringIO(), io.StringIO(), os.getcwd(), CHECKER.ROOT
    try:
        os.chdir(repo)
        CHECKER.ROOT = repo
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = CHECKER.main(list(args))
    finally:
        CHECKER.ROOT = root
        os.chdir(cwd)
    return subprocess.CompletedProcess(["tools/check.py", *args], code, out.getvalue(), err.getvalue())


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace the first ``count`` occurrences; return the line of the first one."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def test_the_real_repository_passes_with_an_ok_line():
    """As editors run it: a command line of its own."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "check.py")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"OK: \d+ data records and \d+ pages checked in [\d.]+ s; no problems\.\n",
                        result.stdout)


def test_every_kind_of_mistake_is_reported_at_once_with_a_fix(repo):
    cases = repo / "data" / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)", text, re.M)
    # Each mistake in its own record: a record that fails its own checks is not cross-checked.
    date_line = edit(cases, 'date: "2017-03-10"', 'date: "2017-02-30"')          # record 0
    area_line = edit(cases, "areas: [discrimination]", "areas: [discrimnation]")  # record 2
    dup_line = edit(cases, f"- id: {ids[3]}", f"- id: {ids[1]}")                 # record 3
    artmob = ids.index("refusal-artmob-guidepark-almaty-2020")
    kk_line = edit(cases, '    kk: "Алматы әкімдігінің артмоб пен гайд-паркке рұқсат бермеуі"\n', "") - 2  # line of the title mapping
    cite_line = edit(repo / "docs" / "ru" / "assembly.md", "@ngo-2022, para. 72]", "@ngo-2202, para. 72]")
    english = repo / "docs" / "en" / "about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new English paragraph.\n", encoding="utf-8")

    result = run_check(repo)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    expected = [
        rf"data/cases.yaml:{date_line}: cases\[0\]\.date: invalid date '2017-02-30'.*; fix: .*YYYY-MM-DD",
        rf"data/cases.yaml:{area_line}: cases\[2\]\.areas\[0\]: unknown area 'discrimnation'; fix: did you mean 'discrimination'\?",
        rf"data/cases.yaml:{dup_line}: cases\[3\]\.id: duplicate id '{ids[1]}'.*; fix: give this record its own id",
        rf"data/cases.yaml:{kk_line}: cases\[{artmob}\]\.title\.kk: required field is missing; fix: add the kk text",
        rf"docs/ru/assembly.md:{cite_line}: citation: unknown citation key 'ngo-2202'.*; fix: did you mean 'ngo-2022'\?",
        r"docs/ru/about.md:2: translation_of: docs/en/about.md has changed since this translation .*; "
        r"fix: .*tools/check.py --stamp docs/ru/about.md",
        r"docs/kk/about.md:2: translation_of: docs/en/about.md has changed",
    ]
    for pattern in expected:
        assert re.search(pattern, out), f"{pattern}\nnot in:\n{out}"
    assert all("; fix: " in line for line in out.splitlines()[:-1]), out
    assert out.splitlines()[-1].startswith(f"{len(out.splitlines()) - 1} problem(s) found")


def test_stamping_an_updated_translation_clears_it(repo):
    english = repo / "docs" / "en" / "glossary.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    assert {s.lang for s in page_states(repo / "docs") if s.state == "outdated"} == {"ru", "kk"}
    assert run_check(repo, "docs/ru/glossary.md").returncode == 1
    stamped = run_check(repo, "--stamp", "docs/ru/glossary.md", "docs/kk/glossary.md")
    assert stamped.returncode == 0, stamped.stderr
    assert run_check(repo).returncode == 0
    # Front matter is not part of the version: adding a description changes nothing.
    edit(english, "# ", "---\ndescription: Terms\n---\n\n# ")
    assert all(s.state == "up-to-date" for s in page_states(repo / "docs"))


def test_status_table_marks_outdated_and_missing_pages(repo):
    (repo / "docs" / "kk" / "religion.md").unlink()
    english = repo / "docs" / "en" / "torture.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    data = load_site(repo / "data")
    table = render_page_status(translation_status(repo / "docs", data), data, "en")
    outdated = md_esc("Outdated: the English page has changed")
    assert f"| [{md_esc('torture.md')}](torture.md) | {outdated} | {outdated} |" in table
    assert f"| [{md_esc('religion.md')}](religion.md) | {md_esc('Up to date')} | {md_esc('Missing')} |" in table
    kk = render_page_status(translation_status(repo / "docs", data), data, "kk")
    assert f"| {md_esc('religion.md')} | {md_esc('Өзекті')} | {md_esc('Аудармасы жоқ')} |" in kk  # not linked where it is missing


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_contributing_data_formats_match_the_models(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert START in text, f"{name}: no generated data formats section"
    assert refresh_schema_section(text) == text, f"{name} is stale: run tools/check.py --write-schema"


def test_schema_drift_is_reported(repo):
    path = repo / "CONTRIBUTING.md"
    edit(path, "| `kind` |", "| `sort` |")
    result = run_check(repo)
    assert "CONTRIBUTING.md:1: schema: " in result.stdout and result.returncode == 1
    assert run_check(repo, "--write-schema").returncode == 0
    assert run_check(repo).returncode == 0
