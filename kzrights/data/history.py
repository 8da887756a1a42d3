"""When each file last changed, from git history: one ``git log`` for the whole tree."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def last_changed(root: Path, folder: str = "docs", now: float | None = None) -> dict[str, str]:
    """``{"docs/ru/assembly.md": "2026-12-01", …}``: the date of each file's latest commit.

    A commit's date is whatever its author's clock or hand wrote: a date after the build's
    own time (``now``) cannot be when the file changed, so such a file shows the build's
    date instead (the change is there, so it was made by then); pages and citations never
    show a date in the future. Empty when git or the history is unavailable (a downloaded
    copy, a tarball): pages then show no date rather than a wrong one.
    """
    now = time.time() if now is None else now
    today = time.strftime("%Y-%m-%d", time.gmtime(now))
    try:
        out = subprocess.run(["git", "-c", "core.quotePath=false", "log", "--format=%x00%ct %cs", "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for entry in out.split("\0")[1:]:
        stamp, *names = entry.strip().split("\n")
        seconds, _, date = stamp.strip().partition(" ")
        date = today if int(seconds) > now else date  # a commit dated after the build
        for name in names:
            if name.strip():
                dates.setdefault(name.strip(), date)  # newest commit comes first
    return dates
