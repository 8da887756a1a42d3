"""Shared fixtures: a minimal valid data directory, the real data, and the builds the tests
read (each made once per test run, whatever the number of pytest-xdist workers).

Builds (README, "Tests"):

- ``built_site``: the real site, built once with a site address (``ADDRESS`` as SITE_URL)
  and ``--strict``; every test that only reads a built site uses it. ``tools/test.sh``
  builds it before pytest (timed, as the yardstick of the suite's time) and passes its
  folder in ``KZ_BUILT_SITE``; without that variable the first test that asks builds it.
- ``preview_site``: a copy of the project whose English glossary page changed, built as an
  editor's preview (``--no-offline``) without a site address.
- ``project_copy()``: a copy of the project with a small stand-in ``site/`` (the "previous
  site" that a failing build must leave as it was), for tests that break and build it.

Markers (pyproject.toml): tests under tests/browser/ are ``browser``; tests that build, or
use a build, are ``slow``. The quick tier for the edit loop: ``-m "not browser and not slow"``.
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "https://rights.example.org/"  # the shared build's site address (SITE_URL)
# Links that name a page of the site without loading it (a page's address and its languages'):
# the only absolute links to the site's own address in its HTML.
ADDRESS_LINKS = re.compile(r'<link rel="(?:canonical|alternate)" href="' + re.escape(ADDRESS) + r'[^"]*"'
                           r'(?: hreflang="[\w-]+")?>')
PROJECT = ("mkdocs.yml", "docs", "data", "sources", "overrides", "tools")

# Hypothesis: quick by default (the edit loop), thorough in CI (tools/test.sh sets
# HYPOTHESIS_PROFILE=thorough). A test asks for its examples with examples(n): n in the
# thorough profile, a tenth of it (at least 10) in the quick one.
settings.register_profile("thorough", max_examples=100)
settings.register_profile("quick", max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def examples(thorough: int) -> int:
    """``max_examples`` for a test that runs ``thorough`` examples in the thorough profile."""
    return max(10, thorough * settings().max_examples // 100)


@functools.cache
def real_data():
    """The project's data, loaded once per test process (not at import: on first use)."""
    from kzrights.data.load import load_site

    return load_site(ROOT / "data")


@functools.cache
def site_pages() -> list[str]:
    """Every page of the site, as paths under ``docs/<lang>/``: the written pages, then the
    generated ones (kzrights/pages/generated.py), which have the same paths in every language.
    Cheap enough for collection: the generated pages' paths come from the data without
    rendering them (tests/test_site.py checks that they are what generated_pages() makes)."""
    from kzrights.data.symbols import symbol_slug
    from kzrights.render.links import READER_PAGE
    from kzrights.render.view_page import view_page_path

    written = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
    generated = [READER_PAGE]
    for view in real_data().views:
        generated += [view_page_path(view.slug), *(view_page_path(symbol_slug(s)) for s in view.also)]
    return written + sorted(generated)


def pytest_collection_modifyitems(config, items):
    """``browser``: every test under tests/browser/; ``slow``: every test that builds or reads
    a build (and every browser test), so that the quick tier never waits for a build.

    Then the order: modules with slow tests that are not browser tests (the builds) and the
    Nu checker's (one long run over the whole site) first, browser tests next, the quick
    tests last, each module's tests together and in their order. The longest tests start at
    once on the workers, and the short ones fill the end of the run instead of one worker
    finishing a build while the other waits."""
    browser_dir = ROOT / "tests" / "browser"
    # The shared builds, and the copies of the project that test modules build ("project").
    builds = {"built_site", "preview_site", "offline_copy", "site_url", "project"}
    group: dict[Path, int] = {}
    for item in items:
        module = Path(item.fspath)
        if browser_dir in module.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            group[module] = 0 if "vnu" in getattr(item, "fixturenames", ()) else group.get(module, 1)
        elif builds & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)
            group[module] = 0
        else:
            group.setdefault(module, 2)
    items.sort(key=lambda item: group[Path(item.fspath)])


def copy_project(target: Path, stand_in_site: bool = False) -> Path:
    """A copy of what a build reads, in ``target``; with ``stand_in_site``, a small fake
    previous ``site/`` that a failing build must leave byte-identical."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    if stand_in_site:
        site = target / "site"
        (site / "assets").mkdir(parents=True)
        (site / "index.html").write_text("<!doctype html><title>The previous site</title>\n", encoding="utf-8")
        (site / "assets" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
        (site / "marker.txt").write_text("the good site", encoding="utf-8")
    return target


def run_build(*args: str, cwd: Path = ROOT, site_url: str | None = None,
              **kwargs) -> subprocess.CompletedProcess:
    """``tools/build_site.py`` of the project in ``cwd``, output captured; with a site address
    only when ``site_url`` is given (a SITE_URL of the environment is not passed on)."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", **({"SITE_URL": site_url} if site_url else {}))
    return subprocess.run([sys.executable, "tools/build_site.py", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, **kwargs)


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(folder)`` once per test run: under pytest-xdist the first worker that asks makes
    it in the run's shared temporary folder (under a file lock); the others wait and reuse
    it, or fail with its error."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    run_dir = tmp_path_factory.getbasetemp().parent  # one per run, shared by its workers
    folder, done = run_dir / name, run_dir / f"{name}.done"
    with open(run_dir / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            try:
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                make(folder)
            except BaseException as err:
                done.write_text(f"{type(err).__name__}: {err}"[-5000:], encoding="utf-8")
                raise
            done.write_text("", encoding="utf-8")
    if error := done.read_text(encoding="utf-8"):
        pytest.fail(f"{name}: failed in another worker: {error}", pytrace=False)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with --strict and the site address ``ADDRESS``
    (or the folder that tools/test.sh built so and named in KZ_BUILT_SITE). Read only."""
    if given := os.environ.get("KZ_BUILT_SITE"):
        return Path(given)

    def make(folder: Path) -> None:
        result = run_build("--site-dir", str(folder / "site"), site_url=ADDRESS)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared(tmp_path_factory, "built-site", make) / "site"


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An editor's preview without a site address (``tools/build_site.py --no-offline``) of
    a copy of the project whose English glossary page has a new paragraph; returns the copy,
    with the build's log in ``build.log``. Read only."""
    def make(folder: Path) -> None:
        copy_project(folder)
        english = folder / "docs" / "en" / "glossary.md"
        english.write_text(english.read_text(encoding="utf-8") + "\nA new English paragraph.\n", encoding="utf-8")
        result = run_build("--no-offline", cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
        (folder / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")

    return shared(tmp_path_factory, "preview-site", make)


MINIMAL = {
    "areas.yaml": """\
- id: assembly
  page: assembly.md
  articles: ["21"]
  paras: [74]
  title: {en: Assembly, ru: Собрания, kk: Жиналыстар}
""",
    "documents.yaml": """\
- key: ngo-2022
  kind: source
  title: {en: NGO submission, ru: Доклад НПО, kk: ҮЕҰ баяндамасы}
  date: "2022-12-18"
  paragraphs: 96
- key: CCPR/C/KAZ/CO/2
  kind: un
  title: {en: Concluding observations, ru: Заключительные замечания, kk: Қорытынды ескертпелер}
- key: criminal-code
  kind: law
  title: {en: Criminal Code, ru: Уголовный кодекс, kk: Қылмыстық кодекс}
- key: cc-405
  kind: article
  law: criminal-code
  article: "405"
  title: {en: "Criminal Code, article 405", ru: "Уголовный кодекс, статья 405", kk: "Қылмыстық кодекс, 405-бап"}
""",
    "views.yaml": """\
- symbol: CCPR/C/120/D/2158/2012
  authors:
    - {en: Sviridov, ru: Свиридов, kk: Свиридов}
  areas: [assembly]
  implementation: [{status: not-fully-implemented, paras: [74]}]
  paras: [5, 74]
  read: list
""",
    "cases.yaml": """\
- id: refusal-artmob-2020
  kind: refusal
  date: "2020-10-01"
  place: {en: Almaty, ru: Алматы, kk: Алматы}
  areas: [assembly]
  title: {en: Artmob refused, ru: Отказ в артмобе, kk: Артмобқа бас тарту}
  summary: {en: The akimat refused., ru: Акимат отказал., kk: Әкімдік бас тартты.}
  paras: [73]
""",
    "figures.yaml": """\
- key: hrd-threats-2020
  value: 1414
  unit: count
  period: "2020"
  series: hrd-threats
  label: {en: threats, ru: угрозы, kk: қоқан-лоқылар}
  paras: [95]
- key: hrd-threats-2021
  value: 1586
  unit: count
  period: "2021"
  series: hrd-threats
  label: {en: threats, ru: угрозы, kk: қоқан-лоқылар}
  paras: [95]
- key: women-share-2022
  value: 34.6
  unit: percent
  label: {en: share of threats against women, ru: доля угроз женщинам, kk: әйелдерге қоқан-лоқы үлесі}
  paras: [95]
""",
    "view-areas.yaml": """\
- area: assembly
  articles: ["21"]
  subject: [peaceful assembly]
""",
    "glossary.yaml": """\
- id: picket
  en: picket
  ru: пикет
  kk: пикет
""",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A minimal valid data directory; labels and source texts are the project's own."""
    target = tmp_path / "data"
    target.mkdir()
    for name, text in MINIMAL.items():
        (target / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "data" / "labels.yaml", target / "labels.yaml")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")  # the submission's text
    return target
