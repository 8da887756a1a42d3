"""The Nu HTML Checker (vnu.jar on the system Java): no errors on any page of the site
or of the offline copy. Nothing is filtered. One run of the checker reads both."""

from __future__ import annotations

import subprocess

import pytest


@pytest.fixture(scope="module")
def nu_report(vnu, built_site, offline_copy) -> dict:
    """The checker's errors over both folders at once (one Java start): folder -> report."""
    result = subprocess.run([*vnu, "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(built_site), str(offline_copy)], capture_output=True, text=True, timeout=900)
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    reports = {folder: "\n".join(line for line in lines if line.startswith(f'"file:{folder}/'))
               for folder in (built_site, offline_copy)}
    placed = sum(len(report.splitlines()) for report in reports.values())
    if placed < len(lines) or (result.returncode != 0 and not placed):
        # Output about neither folder (the checker's own trouble): both fail with all of it.
        everything = f"exit {result.returncode}\n" + "\n".join(lines)
        reports = {folder: everything for folder in reports}
    return reports


def test_nu_checker_site(nu_report, built_site):
    report = nu_report[built_site]
    assert not report, report[:6000]


def test_nu_checker_offline_copy(nu_report, offline_copy):
    report = nu_report[offline_copy]
    assert not report, report[:6000]
