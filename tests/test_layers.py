"""The package's layers import only downward, and only the plugin imports MkDocs: the
import-linter contracts of pyproject.toml, run on the code as it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    """import-linter on the package found first from ``cwd`` (a copy is put first on the path)."""
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(exe), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(cwd)})


def test_layer_contracts_are_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract can fail: a renderer that imports the page layer is refused."""
    shutil.copytree(ROOT / "kzrights", tmp_path / "kzrights")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = (tmp_path / "kzrights" / "render" / "charts.py").read_text(encoding="utf-8")
    (tmp_path / "kzrights" / "render" / "charts.py").write_text(
        text + "\nfrom kzrights.pages import directives  # noqa\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "kzrights.render.charts -> kzrights.pages.directives" in result.stdout


def test_ruff_finds_nothing():
    """The small rule set of pyproject.toml ([tool.ruff]): no undefined or unused names."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "kzrights", "tools", "tests"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
