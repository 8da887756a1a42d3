"""The Nu HTML Checker (vnu.jar on the system Java): no errors on any page of the site
or of the offline copy. Nothing is filtered."""

from __future__ import annotations

import subprocess


def nu_errors(vnu: list[str], folder) -> str:
    result = subprocess.run([*vnu, "--errors-only", "--skip-non-html", "--format", "gnu", str(folder)],
                            capture_output=True, text=True, timeout=600)
    return "" if result.returncode == 0 and not result.stderr.strip() else (
        f"exit {result.returncode}\n{result.stderr}{result.stdout}")


def test_nu_checker_site(vnu, built_site):
    report = nu_errors(vnu, built_site)
    assert not report, report[:6000]


def test_nu_checker_offline_copy(vnu, offline_copy):
    report = nu_errors(vnu, offline_copy)
    assert not report, report[:6000]
