"""Build the site into a temporary folder and put it in place only if every step passed.

    [SITE_URL=https://…/] python tools/build_site.py [--site-dir site] [--serve]

Steps: a strict MkDocs build; the Pagefind search index of that build (one index per
page language); a second strict build with use_directory_urls: false (pages as
``name.html``, so they work when opened from disk), zipped into the site as the
offline copy (``extra.offline_archive`` in mkdocs.yml); then ``.br`` and ``.gz`` copies
of the text files and the HTTP headers file ``_headers`` (kzrights/compress.py,
kzrights/headers.py), neither of them in the offline copy. A failed build (bad data, an
unknown citation, a warning under --strict) leaves the previous ``site/`` untouched.

The published address is one setting: ``SITE_URL`` (read by mkdocs.yml's
``site_url: !ENV SITE_URL``). With it, pages get canonical links, absolute hreflang
alternates and Open Graph tags, and the site a sitemap; robots.txt names the sitemap.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kzrights.compress import write_compressed
from kzrights.headers import HEADERS_FILE, headers_file
from kzrights.serve import make_server

ROOT = Path(__file__).resolve().parent.parent

# The generators that build this site to identical output (tests/test_engines.py). The
# default is ProperDocs, the maintained fork of MkDocs 1.x: see README, "Build engine".
ENGINES = {
    "properdocs": ("-m", "properdocs", "build", "-f", "mkdocs.yml"),
    "mkdocs": ("-m", "mkdocs", "build"),
}
DEFAULT_ENGINE = "properdocs"

# Not in the offline copy: server-only files (404 page, sitemaps), Material's unused
# lunr search, and the bundle's source map.
OFFLINE_SKIP_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt"}
OFFLINE_SKIP_DIRS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")

OFFLINE_README = """\
Civil and political rights in Kazakhstan - offline copy
  Open index.html in a web browser (English).
  Search does not work offline: use your browser's find in page (Ctrl+F, or Cmd+F on a Mac).

Гражданские и политические права в Казахстане - офлайн-копия
  Откройте ru/index.html в браузере (русский).
  Поиск в офлайн-копии не работает: используйте поиск по странице (Ctrl+F, на Mac Cmd+F).

Қазақстандағы азаматтық және саяси құқықтар - офлайн көшірме
  kk/index.html файлын браузерде ашыңыз (қазақша).
  Офлайн көшірмеде іздеу жұмыс істемейді: бет бойынша іздеуді пайдаланыңыз (Ctrl+F, Mac-та Cmd+F).
"""


def run(*cmd: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # Material's EOL notice: see README
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def mkdocs_config() -> dict:
    """mkdocs.yml as plain data (any YAML tags in it are ignored)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def site_url() -> str | None:
    """The published address: a literal ``site_url`` in mkdocs.yml, else ``SITE_URL``."""
    literal = mkdocs_config().get("site_url")
    url = literal if isinstance(literal, str) and literal else os.environ.get("SITE_URL")
    return (url.rstrip("/") + "/") if url else None


def drop_sitemaps_without_site_url(site: Path) -> None:
    """A sitemap needs absolute URLs; without ``site_url`` MkDocs writes "None/…" into it."""
    if site_url():
        return
    for sitemap in site.rglob("sitemap.xml*"):
        sitemap.unlink()


def write_robots_txt(site: Path) -> None:
    """Everything may be crawled; the sitemap is named when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if url := site_url():
        lines.append(f"Sitemap: {url}sitemap.xml")
    (site / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def index_search(site: Path) -> None:
    """Pagefind: indexes data-pagefind-body (the article) of every page, per <html lang>."""
    started = time.monotonic()
    # Every page is an index.html; the glob leaves out 404.html. The headings' "¶"
    # permalinks are not content.
    run(sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
        "--glob", "**/index.html", "--exclude-selectors", ".headerlink")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    print(f"INFO    -  Pagefind: indexed {pages} in {time.monotonic() - started:.1f} s")


def offline_files(offline: Path):
    for path in sorted(offline.rglob("*")):
        rel = path.relative_to(offline).as_posix()
        if (path.is_file() and rel not in OFFLINE_SKIP_FILES and not rel.endswith(".map")
                and not rel.startswith(OFFLINE_SKIP_DIRS)):
            yield path, rel


def generate(engine: str, site: Path, *options: str) -> None:
    """One strict build of every language with the chosen generator."""
    run(sys.executable, *ENGINES[engine], "--strict", "--clean", *options, "--site-dir", str(site))


def make_offline_copy(work: Path, site: Path, engine: str) -> Path:
    """Build the site with use_directory_urls: false and zip it into ``site``."""
    offline = work / "offline"
    generate(engine, offline, "--no-directory-urls")
    archive = site / mkdocs_config()["extra"]["offline_archive"]
    archive.parent.mkdir(parents=True, exist_ok=True)
    folder = archive.stem
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(f"{folder}/README.txt", OFFLINE_README)
        for path, rel in offline_files(offline):
            zf.write(path, f"{folder}/{rel}")
    print(f"INFO    -  Offline copy: {archive.relative_to(site)} "
          f"({archive.stat().st_size / 1e6:.1f} MB)")
    return archive


def write_for_hosts(site: Path) -> None:
    """Precompressed copies and the headers file: what a static host needs beside the site."""
    count = write_compressed(site)
    base = urlsplit(site_url() or "/").path or "/"
    (site / HEADERS_FILE).write_text(headers_file(site, base), encoding="utf-8")
    print(f"INFO    -  Compressed {count} files (.br, .gz); HTTP headers in {HEADERS_FILE}")


def build(site_dir: Path, engine: str = DEFAULT_ENGINE) -> None:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent))
    try:
        fresh = work / "site"
        generate(engine, fresh)
        drop_sitemaps_without_site_url(fresh)
        write_robots_txt(fresh)
        index_search(fresh)
        make_offline_copy(work, fresh, engine)
        write_for_hosts(fresh)
        if site_dir.exists():
            site_dir.rename(work / "previous")
        fresh.rename(site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve(site_dir: Path, port: int) -> None:
    with make_server(site_dir, port) as server:
        print(f"Serving {site_dir} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--serve", action="store_true", help="serve the built site afterwards")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE,
                        help=f"the generator (default: {DEFAULT_ENGINE}; both give the same site)")
    args = parser.parse_args()
    try:
        build(args.site_dir, args.engine)
    except subprocess.CalledProcessError as err:
        print(f"build failed ({err.returncode}); the previous site was left as it was",
              file=sys.stderr)
        return 1
    if args.serve:
        serve(args.site_dir, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
