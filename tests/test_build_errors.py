"""A broken input stops the real build with file, line and field, and keeps the good site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with one good build in its site/."""
    copy = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "docs", "data", "hooks", "overrides", "tools"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    build(copy, check=True)
    (copy / "site" / "marker.txt").write_text("the good site", encoding="utf-8")
    return copy


def build(project: Path, check: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "tools/build_site.py"], cwd=project, env=env,
                            capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def broken(project):
    """Apply an edit to one file, restore it afterwards."""
    saved = {}

    def apply(name: str, old: str, new: str) -> subprocess.CompletedProcess:
        path = project / name
        saved.setdefault(path, path.read_text(encoding="utf-8"))
        text = saved[path]
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return build(project)

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
