"""Build the site at 1x, 10x and 100x of today's data and print what it costs.

    python tools/benchmark_scale.py [--sizes 1,10,100] [--pairs 3] [--engine properdocs]

For each size, synthetic copies of the Views, cases and figures are added to a copy of
the project (each View brings its record pages, in three languages) and the site is built
once with the generator alone (no search index, no offline copy). Printed per size:
pages, build seconds, seconds per page, peak memory of the build, Pagefind index time
and size, and the bytes a browser loads for the first search query (Chromium, when
present). Then, in the same run:

- the edit loop: seconds from saving one page to the rebuilt page under ``serve``, for
  the full site, for the one-language preview (``KZ_LANGS``, README) and for that preview
  with ``serve --dirty`` (only the saved page and the generated ones are rebuilt);
- rendering overhead: the full build against a baseline of the same pages pre-rendered to
  plain Markdown (no extension, the plugin with ``render: false``; "Cite this" is added in both),
  builds alternating, the median of ``--pairs`` pairs, at the smallest and the largest size.

Machines here are noisy: compare ratios from one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import copy
import functools
import http.server
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from build_site import DEFAULT_ENGINE, ENGINES  # noqa: E402

from kzrights.pages.directives import render_page  # noqa: E402
from kzrights.i18n import LANGS  # noqa: E402
from kzrights.data.load import load_site  # noqa: E402
from kzrights.render.opendata import OPEN_DATA_DIR, build_open_data  # noqa: E402
from kzrights.pages.generated import generated_pages  # noqa: E402
from kzrights.data.translation import FRONT_MATTER  # noqa: E402

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "sources")
_SYMBOL = re.compile(r"^(CCPR/C/\d+/D/)(\d+)(/\d{4})$")
# Runs a command and reports its peak resident memory (the largest process it waited for)
# and the CPU seconds it used: on a shared machine, CPU time varies less than wall time.
_PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
         "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print('PEAK_KB', u.ru_maxrss, 'CPU_S', u.ru_utime + u.ru_stime, file=sys.stderr); "
         "sys.exit(r.returncode)")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # editors' files have no anchors: neither do these
        return True


def _renumber(symbol: str, copy_no: int) -> str:
    match = _SYMBOL.match(symbol)
    if not match:
        raise ValueError(f"cannot make a synthetic copy of symbol {symbol!r}")
    return f"{match[1]}{int(match[2]) + 10000 * copy_no}{match[3]}"


def scale_data(data_dir: Path, factor: int) -> None:
    """Add ``factor - 1`` synthetic copies of every View, case and figure."""
    def rewrite(name: str, copy_record) -> None:
        path = data_dir / f"{name}.yaml"
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        records += [copy_record(copy.deepcopy(r), n) for n in range(1, factor) for r in records]
        path.write_text(yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    def view(record: dict, n: int) -> dict:
        symbol = record["symbol"]
        record["symbol"] = _renumber(symbol, n)
        if record.get("also"):
            record["also"] = [_renumber(s, n) for s in record["also"]]
        if record.get("printed_symbol"):  # starts with the symbol: renumber that part
            old = record["printed_symbol"]
            record["printed_symbol"] = _renumber(old[:len(symbol)], n) + old[len(symbol):]
        return record

    def case(record: dict, n: int) -> dict:
        record["id"] = f"{record['id']}-x{n}"
        return record

    def figure(record: dict, n: int) -> dict:
        record["key"] = f"{record['key']}-x{n}"
        record.pop("series", None)  # a copy joins no chart
        return record

    rewrite("views", view)
    rewrite("cases", case)
    rewrite("figures", figure)


def make_project(work: Path, factor: int) -> Path:
    project = work / f"x{factor}"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    scale_data(project / "data", factor)
    return project


def make_prerendered(project: Path) -> Path:
    """The baseline: every page (written and generated) already rendered to plain Markdown
    and the open data already written, built without the rendering extension and with the plugin's
    ``render: false``: the same site, with nothing left to render."""
    base = project.parent / f"{project.name}-prerendered"
    shutil.copytree(project, base)
    data = load_site(project / "data")
    for lang in LANGS:
        for path in sorted((project / "docs" / lang).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            front = FRONT_MATTER.match(text)
            head, body = (front[0], text[front.end():]) if front else ("", text)
            rendered = render_page(body, lang, data, docs_dir=project / "docs")
            (base / path.relative_to(project)).write_text(head + rendered, encoding="utf-8")
        for page in generated_pages(data, lang):
            target = base / "docs" / lang / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_page(page.markdown, lang, data), encoding="utf-8")
    (base / "docs" / OPEN_DATA_DIR).mkdir()
    for name, content in build_open_data(data).items():
        (base / "docs" / OPEN_DATA_DIR / name).write_text(content, encoding="utf-8")
    config = (base / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  - kzrights\.pages\.mdext.*\n", "", config)
    # The plugin without what renders: links between pages, Cite this, the policy remain.
    config = re.sub(r"(?m)^  - kzrights$", "  - kzrights:\n      render: false", config)
    (base / "mkdocs.yml").write_text(config, encoding="utf-8")
    return base


def generator_build(project: Path, site: Path, engine: str) -> tuple[float, float, int]:
    """Seconds, CPU seconds and peak memory (KB) of one build of ``project`` into ``site``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-c", _PEAK, sys.executable, *ENGINES[engine], "-q", "--clean",
               "--site-dir", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build of {project.name} failed:\n{result.stderr[-3000:]}")
    usage = re.search(r"PEAK_KB (\d+) CPU_S ([\d.]+)", result.stderr)
    return seconds, float(usage[2]), int(usage[1])


def pagefind(site: Path) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
                    "--glob", "**/index.html", "--exclude-selectors", ".headerlink"],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return seconds, size


@functools.cache
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_query_bytes(site: Path, path: str = "/ru/", query: str = "собрания") -> int | None:
    """Bytes the browser loads for the first search query on ``path`` (None without Chromium)."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    loaded: list[int] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}{path}")
            page.wait_for_load_state("networkidle")
            page.on("response", lambda response: loaded.append(len(response.body())))
            box = page.locator(".md-search__input")
            box.click()
            box.fill(query)
            box.press("End")
            page.wait_for_function("(q) => window.kzSearch.lastShown === q", arg=query)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(loaded)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def overhead(project: Path, engine: str, pairs: int) -> tuple[float, float, float, float, float, float]:
    """Medians of the full build and of the pre-rendered baseline, built alternating, and of
    each pair's overhead (a pair's two builds run minutes apart, under much the same load):
    (full s, baseline s, full CPU s, baseline CPU s, overhead %, CPU overhead %)."""
    base = make_prerendered(project)
    full, plain = [], []
    for pair in range(1, pairs + 1):
        full.append(generator_build(project, project.parent / "o-full", engine)[:2])
        plain.append(generator_build(base, project.parent / "o-plain", engine)[:2])
        (s, c), (bs, bc) = full[-1], plain[-1]
        print(f"  {project.name} pair {pair}: full {s:.2f} s ({c:.2f} CPU s), pre-rendered "
              f"{bs:.2f} s ({bc:.2f} CPU s): {100 * (s / bs - 1):.1f} % wall, "
              f"{100 * (c / bc - 1):.1f} % CPU")
    return (statistics.median(s for s, _ in full), statistics.median(s for s, _ in plain),
            statistics.median(c for _, c in full), statistics.median(c for _, c in plain),
            statistics.median(100 * (s / bs - 1) for (s, _), (bs, _) in zip(full, plain)),
            statistics.median(100 * (c / bc - 1) for (_, c), (_, bc) in zip(full, plain)))


def edit_loop(project: Path, engine: str, langs: str | None, dirty: bool = False) -> float:
    """Seconds from saving docs/en/about.md to the served page showing the change.
    ``dirty``: ``serve --dirty`` rebuilds only the saved page (not strict: MkDocs warns)."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if langs:
        env["KZ_LANGS"] = langs
    command = [sys.executable, *ENGINES[engine], "--dirty" if dirty else "--strict", "-q"]
    command[command.index("build")] = "serve"
    server = subprocess.Popen([*command, "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/about/"
    try:
        _wait_for(url, lambda body: True, 600)
        page = project / "docs" / "en" / "about.md"
        marker = f"edit-{time.time_ns()}"
        text = page.read_text(encoding="utf-8")
        start = time.perf_counter()
        page.write_text(text + f"\n{marker}\n", encoding="utf-8")
        _wait_for(url, lambda body: marker in body, 120)
        seconds = time.perf_counter() - start
        page.write_text(text, encoding="utf-8")
        return seconds
    finally:
        server.terminate()
        server.wait()


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer as expected within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="data multiples (default 1,10,100)")
    parser.add_argument("--pairs", type=int, default=3, help="overhead pairs (at least 3)")
    parser.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE)
    parser.add_argument("--overhead-only", action="store_true",
                        help="only the rendering overhead of the smallest and largest size")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    sys.stdout.reconfigure(line_buffering=True)  # each line as it is measured: a 100x run is long
    print(f"# {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, engine {args.engine}, "
          f"Python {sys.version.split()[0]}\n")
    if args.overhead_only:
        with tempfile.TemporaryDirectory(prefix="kz-bench-") as tmp:
            print_overhead({f: make_project(Path(tmp), f) for f in {sizes[0], sizes[-1]}},
                           args.engine, args.pairs)
        return 0
    print(f"{'size':>5} {'views':>6} {'cases':>6} {'figs':>6} {'pages':>6} {'build s':>8} "
          f"{'s/page':>8} {'cpu s':>7} {'cpu/page':>8} {'peak MB':>8} {'index s':>8} "
          f"{'index MB':>9} {'query KB':>9}")
    with tempfile.TemporaryDirectory(prefix="kz-bench-") as tmp:
        work = Path(tmp)
        projects, per_page, cpu_per_page = {}, {}, {}
        for factor in sizes:
            project = projects[factor] = make_project(work, factor)
            data = load_site(project / "data")
            site = work / f"site-x{factor}"
            seconds, cpu, peak = generator_build(project, site, args.engine)
            pages = sum(1 for _ in site.rglob("index.html"))
            index_s, index_bytes = pagefind(site)
            query = first_query_bytes(site)
            per_page[factor], cpu_per_page[factor] = seconds / pages, cpu / pages
            q_text = f"{query / 1024:9.1f}" if query is not None else f"{'n/a':>9}"
            print(f"{factor:>4}x {len(data.views):6} {len(data.cases):6} {len(data.figures):6} "
                  f"{pages:6} {seconds:8.1f} {seconds / pages:8.4f} {cpu:7.1f} {cpu / pages:8.4f} "
                  f"{peak / 1024:8.0f} "
                  f"{index_s:8.1f} {index_bytes / 1e6:9.2f} {q_text}")
        print(f"\ns/page at {sizes[-1]}x / at {sizes[0]}x: "
              f"{per_page[sizes[-1]] / per_page[sizes[0]]:.2f} wall, "
              f"{cpu_per_page[sizes[-1]] / cpu_per_page[sizes[0]]:.2f} CPU (target <= 2)")

        print("\nedit loop under serve, 1x (save docs/en/about.md -> page served with the change)")
        small = projects[sizes[0]]
        for label, langs, dirty in (("all languages", None, False),
                                    ("one language (KZ_LANGS=en)", "en", False),
                                    ("one language, serve --dirty", "en", True)):
            print(f"  {label:32} {edit_loop(small, args.engine, langs, dirty):6.2f} s")

        print_overhead({f: projects[f] for f in {sizes[0], sizes[-1]}}, args.engine, args.pairs)
    return 0


def print_overhead(projects: dict[int, Path], engine: str, pairs: int) -> None:
    """The rendering overhead table: each pair as it ends, then the medians per size."""
    print(f"\nrendering overhead (medians of {pairs} alternating pairs; overhead: the median pair's)")
    rows = []
    for factor in sorted(projects):
        full, plain, full_cpu, plain_cpu, wall_pct, cpu_pct = overhead(projects[factor], engine, pairs)
        rows.append(f"{factor:>4}x {full:8.2f} {plain:15.2f} {wall_pct:8.1f}% "
                    f"{full_cpu:9.2f} {plain_cpu:10.2f} {cpu_pct:12.1f}%")
    print(f"{'size':>5} {'full s':>8} {'pre-rendered s':>15} {'overhead':>9} "
          f"{'full cpu':>9} {'pre-r. cpu':>10} {'cpu overhead':>13}")
    print("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
