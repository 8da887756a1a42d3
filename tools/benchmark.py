"""Measure build speed and output size against a baseline run in the same invocation.

    python tools/benchmark.py [--runs 3]

Machines here are noisy, so every figure is printed next to a baseline measured in the
same process, and as a ratio:

- build: the full site build (``mkdocs build``) against the same build without the data
  hook (directives stay inert HTML comments);
- data load: loading and validating ``data/`` against ``json.loads`` of the same records;
- size: bytes of HTML per language and of the open data, against the Markdown sources.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from kzrights.i18n import LANGS
from kzrights.load import load_site

ROOT = Path(__file__).resolve().parent.parent


def timed(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def mkdocs_build(config: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def folder_bytes(folder: Path, pattern: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        plain = ROOT / "mkdocs-benchmark-baseline.yml"
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        config["hooks"] = [h for h in config.get("hooks", []) if not h.endswith("data.py")]
        config["strict"] = False  # without the hook, links to the open data do not resolve
        plain.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        try:
            site = tmp_path / "site"
            full = timed(lambda: mkdocs_build(ROOT / "mkdocs.yml", site), runs)
            base = timed(lambda: mkdocs_build(plain, tmp_path / "plain"), runs)
        finally:
            plain.unlink()

        records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data").glob("*.yaml")}
        as_json = json.dumps(records, default=str)
        load = timed(lambda: load_site(ROOT / "data"), runs * 3)
        parse = timed(lambda: json.loads(as_json), runs * 3)

        print(f"{'measure':34} {'value':>12} {'baseline':>12} {'ratio':>7}")
        print(f"{'build, seconds (baseline: no hook)':34} {full:12.2f} {base:12.2f} {full / base:7.2f}")
        print(f"{'data load, ms (baseline: json)':34} {load * 1000:12.1f} {parse * 1000:12.2f} {load / parse:7.1f}")
        for lang in LANGS:
            out = site if lang == "en" else site / lang
            html = sum(p.stat().st_size for p in out.glob("**/index.html")
                       if lang != "en" or not p.relative_to(site).parts[0] in LANGS)
            source = folder_bytes(ROOT / "docs" / lang, "*.md")
            print(f"{'HTML ' + lang + ', KB (baseline: Markdown)':34} {html / 1024:12.1f} {source / 1024:12.1f} {html / source:7.1f}")
        data_out = folder_bytes(site / "data", "*")
        data_in = folder_bytes(ROOT / "data", "*.yaml")
        print(f"{'open data, KB (baseline: YAML)':34} {data_out / 1024:12.1f} {data_in / 1024:12.1f} {data_out / data_in:7.1f}")
        total = folder_bytes(site, "*")
        print(f"{'whole site, KB':34} {total / 1024:12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
