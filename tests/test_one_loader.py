"""The build and the editors' check read the data with one loader: a typo reports itself,
and only itself, in the check too; a record with one bad field still has its other fields
cross-checked in the same run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzrights.checks.editors import check
from kzrights.data.load import DataError, load_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for part in ("data", "docs", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    for name in ("CONTRIBUTING.md", "CONTRIBUTING.ru.md", "CONTRIBUTING.kk.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _first_case_line(project: Path, prefix: str) -> tuple[str, int]:
    lines = (project / "data" / "cases.yaml").read_text(encoding="utf-8").split("\n")
    return next((line, n) for n, line in enumerate(lines, start=1) if line.startswith(prefix))


def _replace_line(project: Path, number: int, new: str) -> None:
    path = project / "data" / "cases.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_typo_in_a_kind_is_the_only_problem_the_check_reports(project):
    line, number = _first_case_line(project, "  kind: ")
    _replace_line(project, number, line + "x")
    problems, _ = check(project)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/cases.yaml:{number}: cases[0].kind: ")


def test_a_record_with_a_bad_field_still_has_its_other_fields_checked(project):
    kind, kind_line = _first_case_line(project, "  kind: ")
    _replace_line(project, kind_line, kind + "x")
    areas, areas_line = _first_case_line(project, "  areas: [")
    _replace_line(project, areas_line, areas.replace("[", "[no-such-area, ", 1))
    paras, paras_line = _first_case_line(project, "  paras: [")
    _replace_line(project, paras_line, paras.replace("[", "[999, ", 1))
    with pytest.raises(DataError) as err:
        load_site(project / "data")
    where = {(p.line, p.field.split(".", 1)[1].split("[")[0]) for p in err.value.problems}
    assert (kind_line, "kind") in where
    assert (areas_line, "areas") in where
    assert (paras_line, "paras") in where
    problems, _ = check(project)  # the check reports the same three, and nothing else
    assert len(problems) == 3, problems
