"""Hostile or unlucky builds of a copy of the project: page HTML outside the allowlist,
an unwritable output folder, builds killed at any moment, a swap interrupted between
its two renames. Each keeps the previous site/ byte-identical, leaves no build folder
behind (after the next build at the latest) and ends in bounded time. The builds make
English only (``--lang en``), or English and Kazakh where a Kazakh page is planted in:
publishing a site is the same for every set of languages."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import copy_project
from .test_build_errors import line_of

pytestmark = pytest.mark.slow

LIMIT = 180  # seconds for any one build of the copy


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with a digest of its content."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "dir" for p in sorted(folder.rglob("*"))}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.is_dir() and p.name.startswith(".build-"))


def command(project: Path) -> list[str]:
    return [sys.executable, "tools/build_site.py"]


def build(project: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([*command(project), *options], cwd=project, env=env, capture_output=True,
                          text=True, timeout=LIMIT)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a stand-in previous site/ (tests/conftest.py)."""
    return copy_project(tmp_path_factory.mktemp("hostile"), stand_in_site=True)


@pytest.fixture
def edit(project):
    """Insert text after a file's first line (after its front matter, if it has one:
    front matter is parsed strictly); restore the file afterwards."""
    saved = {}

    def apply(name: str, text: str) -> None:
        path = project / name
        saved.setdefault(path, path.read_text(encoding="utf-8"))
        original = saved[path]
        if original.startswith("---\n"):
            end = original.index("\n---\n", 4) + 5
            head, rest = original[:end - 1], original[end:]
        else:
            head, _, rest = original.partition("\n")
        path.write_text(f"{head}\n\n{text}\n{rest}", encoding="utf-8")

    yield apply
    for path, text in saved.items():
        path.write_text(text, encoding="utf-8")


def assert_failed_and_kept(project: Path, before: dict, result, started: float) -> None:
    assert result.returncode != 0, result.stdout[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert tree(project / "site") == before, "site/ changed"
    assert leftovers(project) == []
    assert time.monotonic() - started < LIMIT


HOSTILE_EN = """\
<script>alert(1)</script>

<iframe src="https://evil.example/frame"></iframe>

<p onclick="steal()">Click</p>

A [script link](javascript:alert(1)) and a [plain link](http://example.org/).

![pixel](https://tracker.example/p.png)

<a href="/\\evil.example/x">slashes</a>

<svg><image href="https://evil.example/i.svg"/></svg>

<div style="background: url(https://evil.example/bg.png)">styled</div>

<object data="https://evil.example/x.swf"></object>

<div class="mermaid">graph TD; A-->B</div>

A reader's [UN document](https://undocs.org/CCPR/C/KAZ/CO/2) stays allowed.
"""

EXPECTED_EN = [
    ("<script", "<script>: element not allowed"),
    ("<iframe", "<iframe>: element not allowed"),
    ("onclick", "<p onclick='steal()'>: event-handler attributes are not allowed"),
    ("javascript:", "javascript: links are not allowed"),
    ("http://example.org", "http: links are not allowed"),
    ("tracker.example", "https: resources are not allowed"),
    ("/\\evil.example", "backslashes are not allowed"),
    ("<image", "<image>: element not allowed"),
    ("background", "only text-align is allowed in style"),
    ("<object", "<object>: element not allowed"),
    ("mermaid", "class 'mermaid' not allowed"),
]


def test_page_html_outside_the_allowlist(project, edit):
    """Every violation of every page and language, each with its page and line."""
    before = tree(project / "site")
    edit("docs/en/assembly.md", HOSTILE_EN)
    edit("docs/kk/torture.md", '<img src="//evil.example/x.png" alt="">')
    started = time.monotonic()
    result = build(project, "--lang", "kk")
    assert_failed_and_kept(project, before, result, started)
    for needle, message in EXPECTED_EN:
        line = line_of(project, "docs/en/assembly.md", needle)
        assert any(f"docs/en/assembly.md:{line}: " in err and message in err
                   for err in result.stderr.splitlines()), (needle, result.stderr[-3000:])
    line = line_of(project, "docs/kk/torture.md", "//evil.example")
    assert f"docs/kk/torture.md:{line}: <img src='//evil.example/x.png'>: resources from other hosts" \
        in result.stderr
    assert "undocs.org" not in result.stderr


def read_only(folder: Path):
    """Make ``folder`` unwritable, also for root (immutable flag); returns the undo."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    if not shutil.which("chattr"):
        pytest.skip("root without chattr: cannot make a folder read-only")
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_unwritable_output_folder(project, tmp_path):
    parent = tmp_path / "out"
    parent.mkdir()
    undo = read_only(parent)
    try:
        result = subprocess.run([*command(project), "--site-dir", str(parent / "site")], cwd=project,
                                capture_output=True, text=True, timeout=LIMIT)
    finally:
        undo()
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cannot write the site: {parent}"), result.stderr
    assert "--site-dir" in lines[0]


# What a build has done so far, by what its work folder holds: kill it right then.
MOMENTS = {
    "work folder made": lambda work: True,
    "MkDocs writing": lambda work: (work / "site" / "assets").exists(),
    "search index written": lambda work: (work / "site" / "pagefind" / "pagefind-entry.json").exists(),
    "offline build writing": lambda work: (work / "offline" / "assets").exists(),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_killed_build_keeps_the_site(project, moment):
    before = tree(project / "site")
    stale = set(leftovers(project))  # an earlier kill's, until this build's clean-up
    process = subprocess.Popen([*command(project), "--lang", "en"], cwd=project, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    deadline = time.monotonic() + LIMIT
    try:
        while time.monotonic() < deadline and process.poll() is None:
            works = [project / name for name in leftovers(project) if name not in stale]
            if works and MOMENTS[moment](works[0]):
                break
            time.sleep(0.01)
        assert process.poll() is None, f"the build ended before {moment}"
        process.send_signal(signal.SIGKILL)  # the build only: its subprocesses die with it
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert tree(project / "site") == before
    time.sleep(0.5)  # a subprocess still running would write into the work folder now
    works = [name for name in leftovers(project) if name not in stale]
    assert works, "nothing to clean up: the kill came too late"


def test_next_build_cleans_up_after_killed_builds(project):
    """After the kills above (or a left-over folder made here), the next build cleans up and
    swaps its site in (a preview: the swap and the clean-up are the same for every build)."""
    before = tree(project / "site")
    (project / ".build-site-0123abcd" / "site").mkdir(parents=True, exist_ok=True)
    (project / ".build-other-0123abcd").mkdir(exist_ok=True)  # another site's: not ours
    result = build(project, "--no-offline", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == [".build-other-0123abcd"]
    (project / ".build-other-0123abcd").rmdir()
    after = tree(project / "site")
    assert after != before and "assembly/index.html" in after and "marker.txt" not in after


def test_swap_interrupted_between_its_renames(project, edit):
    """The fallback swap (no atomic exchange) killed after moving site/ aside: the next
    build, even a failing one, puts the old site back."""
    before = tree(project / "site")
    work = project / ".build-site-89abcdef"
    work.mkdir()
    (project / "site").rename(work / "previous")
    edit("docs/en/assembly.md", "<script>alert(1)</script>")
    started = time.monotonic()
    result = build(project, "--lang", "en")
    assert_failed_and_kept(project, before, result, started)
    assert "Restored" in result.stderr
