"""When each file last changed, from git history: one ``git log`` for the whole tree."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "docs") -> dict[str, str]:
    """``{"docs/ru/assembly.md": "2026-12-01", …}``: the date of each file's latest commit.

    Empty when git or the history is unavailable (a downloaded copy, a tarball): pages then
    show no date rather than a wrong one.
    """
    try:
        out = subprocess.run(["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for entry in out.split("\0")[1:]:
        date, *names = entry.strip().split("\n")
        for name in names:
            if name.strip():
                dates.setdefault(name.strip(), date.strip())  # newest commit comes first
    return dates
