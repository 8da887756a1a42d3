"""Shared fixtures: a minimal valid data directory, and one real build of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def site_pages() -> list[str]:
    """Every page of the site, as paths under ``docs/<lang>/``: the written pages, then the
    generated ones (kzrights/pages/generated.py), which have the same paths in every language."""
    from kzrights.data.load import load_site
    from kzrights.pages.generated import generated_pages

    written = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
    return written + sorted(page.path for page in generated_pages(load_site(ROOT / "data"), "en"))

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once per test session, with --strict, and return its folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
