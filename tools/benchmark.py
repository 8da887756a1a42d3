"""Measure build speed, output size, page weight and Lighthouse scores.

    python tools/benchmark.py [--runs 3] [--no-web]

Machines here are noisy, so every figure is printed next to a baseline measured in the
same process, and as a ratio:

- build: the full site build (``mkdocs build``) against the same build without the data
  hook (directives stay inert HTML comments);
- data load: loading and validating ``data/`` against ``json.loads`` of the same records;
- size: bytes of HTML per language and of the open data, against the Markdown sources.

Then (unless --no-web), on the site built with its address (SITE_URL: the local server)
and served by ``--serve`` (kzrights/site/serve.py: the build's .br and .gz files, whichever
the browser accepts; every file uncompressed as the baseline):

- bytes transferred by a first visit to an area page and by the first search query
  typed there, with the heaviest files of each (targets: 80 KB and 150 KB);
- Lighthouse 12 (npm, package.json) in Debian's Chromium, its default mobile preset:
  performance, accessibility, best practices and SEO of the home page, an area page,
  the register and a View page (when the site has them) in each language.

Not a timed test: the figures vary with the machine (results/lighthouse.md).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kzrights.i18n import LANGS
from kzrights.data.load import load_site
from kzrights.site.serve import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from build_site import mkdocs_config  # noqa: E402
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# tests/browser/conftest.py's flags, headless.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Pages measured in each language; a View page too when the site has record pages.
WEB_PAGES = {"home": "", "area": "assembly/", "register": "covenant/"}
FIRST_QUERY = {"en": "assembly", "ru": "собрания", "kk": "жиналыс"}


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(site: Path, port: int, compress: bool) -> http.server.ThreadingHTTPServer:
    server = make_server(site, port, quiet=True, compress=compress)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_weight(base: str, lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes transferred (headers and body, as sent) by a first visit to an area page and
    by the first search query typed there: ``{url: bytes}`` each, empty cache."""
    from playwright.sync_api import sync_playwright
    prefix = "" if lang == "en" else f"{lang}/"
    weights: list[dict[str, int]] = [{}]

    def count(request):
        sizes = request.sizes()
        current = weights[-1]
        current[request.url] = (current.get(request.url, 0) + sizes["responseBodySize"]
                                + sizes["responseHeadersSize"])

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        page = browser.new_page()  # a wide screen: the search box is in the header
        page.on("requestfinished", count)
        page.goto(f"{base}{prefix}{WEB_PAGES['area']}", wait_until="networkidle")
        weights.append({})
        box = page.locator(".md-search__input")
        box.click()
        box.fill(FIRST_QUERY[lang])
        box.press("End")
        page.wait_for_function("q => window.kzSearch.lastShown === q", arg=FIRST_QUERY[lang])
        page.wait_for_load_state("networkidle")
        page.remove_listener("requestfinished", count)
        browser.close()
    return weights[0], weights[1]


def largest(weights: dict[str, int], n: int = 4) -> str:
    """The ``n`` heaviest files, by name, with their KB."""
    top = sorted(weights.items(), key=lambda item: -item[1])[:n]
    return ", ".join(f"{urlsplit(url).path.rstrip('/').rsplit('/', 1)[-1] or '/'} {size / 1024:.0f}"
                     for url, size in top)


def lighthouse(url: str, attempts: int = 2) -> dict[str, int]:
    """Lighthouse's default (mobile) preset on one URL: the four category scores, 0-100.
    A run that fails (Lighthouse sometimes loses Chromium here) is repeated once."""
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
            env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True)
        if result.returncode == 0:
            report = json.loads(result.stdout)
            return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
        print(f"  (Lighthouse failed on {url}, attempt {attempt}: {result.stderr.strip()[-300:]})")
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def web(work: Path) -> None:
    """Page weight and Lighthouse scores of the site built with its (local) address."""
    port = free_port()
    site = work / "published"
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    pages = dict(WEB_PAGES)
    views = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("views/*/index.html")
                   if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))  # not a redirect
    if views:
        pages["view"] = views[0] + "/"

    print(f"\n{'transferred, KB':34} {'served':>8} {'plain':>8}  heaviest (served, KB)")
    for lang in LANGS:
        measured = {}
        for compress in (True, False):
            server = serve(site, port, compress)
            try:
                measured[compress] = page_weight(base, lang)
            finally:
                server.shutdown()
                server.server_close()
        for i, what in enumerate(("area page, first visit", "first search query")):
            packed, plain = measured[True][i], measured[False][i]
            print(f"{f'{what} ({lang})':34} {sum(packed.values()) / 1024:8.1f} "
                  f"{sum(plain.values()) / 1024:8.1f}  {largest(packed)}")

    if not LIGHTHOUSE.exists():
        print("\nLighthouse: not installed (npm install)")
        return
    server = serve(site, port, compress=True)
    try:
        print(f"\n{'Lighthouse 12, mobile, --serve':34} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
        for lang in LANGS:
            prefix = "" if lang == "en" else f"{lang}/"
            for name, path in pages.items():
                scores = lighthouse(f"{base}{prefix}{path}")
                print(f"{f'{name} /{prefix}{path}':34} " + " ".join(f"{scores[c]:>13}" for c in CATEGORIES))
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-web", action="store_true", help="skip page weight and Lighthouse")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        plain = ROOT / "mkdocs-benchmark-baseline.yml"
        config = mkdocs_config()  # the baseline has no site address: site_url (!ENV) is dropped
        config.pop("site_url", None)
        # The baseline is plain MkDocs, Material and i18n on the same pages: without the
        # project's plugin and page extension (directives stay HTML comments).
        config["plugins"] = [p for p in config["plugins"] if p != "kzrights"]
        config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e != "kzrights.pages.mdext"]
        config["strict"] = False  # without the plugin, links to the open data do not resolve
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
                       if lang != "en" or p.relative_to(site).parts[0] not in LANGS)
            source = folder_bytes(ROOT / "docs" / lang, "*.md")
            print(f"{'HTML ' + lang + ', KB (baseline: Markdown)':34} {html / 1024:12.1f} {source / 1024:12.1f} {html / source:7.1f}")
        data_out = folder_bytes(site / "data", "*")
        data_in = folder_bytes(ROOT / "data", "*.yaml")
        print(f"{'open data, KB (baseline: YAML)':34} {data_out / 1024:12.1f} {data_in / 1024:12.1f} {data_out / data_in:7.1f}")
        total = folder_bytes(site, "*")
        print(f"{'whole site, KB':34} {total / 1024:12.1f}")
        if not args.no_web:
            web(tmp_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
