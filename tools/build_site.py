"""Build the site into a temporary folder and put it in place only if every step passed.

    [SITE_URL=https://…/] python tools/build_site.py [--site-dir site] [--serve] [--no-offline] [--lang ru]

Steps: a strict MkDocs build; the Pagefind search index of that build (one index per
page language); a second strict build with use_directory_urls: false (pages as
``name.html``, so they work when opened from disk), zipped into the site as the
offline copy (``extra.offline_archive`` in mkdocs.yml); then ``.br`` and ``.gz`` copies
of the text files and the HTTP headers file ``_headers`` (kzrights/site/compress.py,
kzrights/site/headers.py), neither of them in the offline copy. A failed build (bad data, an
unknown citation, a warning under --strict) leaves the previous ``site/`` untouched.

The published address is one setting: ``SITE_URL`` (read by mkdocs.yml's
``site_url: !ENV SITE_URL``). With it, pages get canonical links, absolute hreflang
alternates and Open Graph tags, and the site a sitemap; robots.txt names the sitemap.
"""

from __future__ import annotations

import argparse
import errno
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kzrights.site import publish
from kzrights.site.compress import write_compressed
from kzrights.site.headers import HEADERS_FILE, headers_file
from kzrights.site.minify import minify_own_assets
from kzrights.site.serve import make_server

ROOT = Path(__file__).resolve().parent.parent

# The generators that build this site to identical output (tests/test_reproducible.py). The
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

# Errors that mean the output folder cannot be written: one line, not a traceback.
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a ZIP entry can hold

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


@functools.cache
def source_date_epoch() -> int:
    """The one date of everything a build writes (MkDocs' sitemap dates, archive entries),
    so that two builds of a commit are identical: $SOURCE_DATE_EPOCH, else the time of
    the last commit (or now, if that commit is dated later: kzrights/data/history.py),
    else 1980-01-01 (a copy without git history)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return min(int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout), int(time.time()))
    except (OSError, ValueError, subprocess.CalledProcessError):
        return ZIP_EPOCH


# Known, harmless notes that would otherwise repeat on every build (see README).
QUIET_NOTES = ("Note: Pagefind doesn't support stemming for the language kk",
               "Search will still work, but will not match across root words")


ONLY_LANG: dict[str, str] = {}  # {"KZ_LANGS": "ru"} for a one-language preview (kzrights/plugin.py)


def run(*cmd: str) -> None:
    """Run a build step, printing only its warnings and errors (all of it if it fails)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",  # Material's EOL notice: see README
               SOURCE_DATE_EPOCH=str(source_date_epoch()), **ONLY_LANG)
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                            preexec_fn=publish.die_with_parent)
    lines = (result.stdout + result.stderr).splitlines()
    if result.returncode:
        print("\n".join(lines), file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, cmd)
    for line in lines:
        if line.strip() and not line.startswith("INFO") and not line.strip().startswith(QUIET_NOTES):
            print(line, file=sys.stderr)


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
    entry_file = site / "pagefind" / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    # Pagefind lists the languages in a different order each run: sort them.
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                          encoding="utf-8")
    pages = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    print(f"Search index: {sum(pages.values())} pages ({', '.join(f'{k} {v}' for k, v in sorted(pages.items()))})"
          f" in {time.monotonic() - started:.1f} s")


def offline_files(offline: Path):
    for path in sorted(offline.rglob("*")):
        rel = path.relative_to(offline).as_posix()
        if (path.is_file() and rel not in OFFLINE_SKIP_FILES and not rel.endswith(".map")
                and not rel.startswith(OFFLINE_SKIP_DIRS)):
            yield path, rel


def generate(engine: str, site: Path, *options: str) -> tuple[int, int, int]:
    """One strict build of every language with the chosen generator, its own scripts and
    stylesheets minified: (files minified, bytes before, bytes after)."""
    run(sys.executable, *ENGINES[engine], "--strict", "--clean", *options, "--site-dir", str(site))
    return minify_own_assets(ROOT / "docs" / "assets", site)


def add_to_zip(zf: zipfile.ZipFile, name: str, content: bytes) -> None:
    """One entry with the build's date and a fixed mode: two builds give the same archive."""
    entry = zipfile.ZipInfo(name, date_time=time.gmtime(max(source_date_epoch(), ZIP_EPOCH))[:6])
    entry.external_attr = 0o644 << 16
    entry.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(entry, content, compresslevel=9)


def make_offline_copy(work: Path, site: Path, engine: str) -> Path:
    """Build the site with use_directory_urls: false and zip it into ``site``."""
    offline = work / "offline"
    generate(engine, offline, "--no-directory-urls")
    archive = site / mkdocs_config()["extra"]["offline_archive"]
    archive.parent.mkdir(parents=True, exist_ok=True)
    folder = archive.stem
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        add_to_zip(zf, f"{folder}/README.txt", OFFLINE_README.encode("utf-8"))
        for path, rel in offline_files(offline):
            add_to_zip(zf, f"{folder}/{rel}", path.read_bytes())
    print(f"Offline copy: {archive.relative_to(site)} ({archive.stat().st_size / 1e6:.1f} MB)")
    return archive


def write_for_hosts(site: Path) -> None:
    """Precompressed copies and the headers file: what a static host needs beside the site."""
    count = write_compressed(site)
    base = urlsplit(site_url() or "/").path or "/"
    (site / HEADERS_FILE).write_text(headers_file(site, base), encoding="utf-8")
    print(f"For hosts: {count} files compressed (.br, .gz); HTTP headers in {HEADERS_FILE}")


def build_into(work: Path, engine: str = DEFAULT_ENGINE, offline: bool = True) -> Path:
    """Every step of the build, inside ``work``; returns the finished site folder."""
    started = time.monotonic()
    fresh = work / "site"
    files, before, after = generate(engine, fresh)
    pages = len(list(fresh.rglob("index.html")))
    langs = ONLY_LANG.get("KZ_LANGS", "English, Russian and Kazakh")
    print(f"Site: {pages} pages in {langs} in {time.monotonic() - started:.1f} s; "
          f"{files} scripts and stylesheets minified ({before / 1024:.0f} -> {after / 1024:.0f} KB)")
    drop_sitemaps_without_site_url(fresh)
    write_robots_txt(fresh)
    index_search(fresh)
    if offline:  # a preview (--no-offline) is not published: no copies for hosts either
        make_offline_copy(work, fresh, engine)
        write_for_hosts(fresh)
    return fresh


def build(site_dir: Path, engine: str = DEFAULT_ENGINE, offline: bool = True) -> None:
    """Build in a work folder beside ``site_dir`` and swap it in (kzrights/site/publish.py):
    the previous site survives any failure or kill; the next build cleans up."""
    started = time.monotonic()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with publish.build_lock(site_dir):
        publish.recover(site_dir)
        work = publish.new_work_folder(site_dir)
        try:
            publish.swap_in(build_into(work, engine, offline), site_dir, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Built {site_dir} in {time.monotonic() - started:.1f} s")


# What an editor changes: a save under any of these rebuilds the preview (--serve).
WATCHED = ("docs", "data", "sources", "overrides", "mkdocs.yml")


def sources_stamp() -> tuple:
    """Every watched file's path, modification time and size."""
    out = []
    for name in WATCHED:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
            except FileNotFoundError:  # removed while we looked
                continue
            out.append((file.relative_to(ROOT).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def serve(site_dir: Path, port: int, rebuild=None, interval: float = 0.5) -> None:
    """Serve ``site_dir``; with ``rebuild``, call it after every change under WATCHED (the
    server keeps answering from the previous site until the new one is swapped in)."""
    with make_server(site_dir, port) as server:
        print(f"Serving {site_dir} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        if rebuild is None:
            server.serve_forever()
            return
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        print(f"Watching {', '.join(WATCHED)}: a save rebuilds the site", flush=True)
        seen = sources_stamp()
        try:
            while True:
                time.sleep(interval)
                now = sources_stamp()
                if now == seen:
                    continue
                time.sleep(interval)  # let an editor's save (or a git checkout) finish
                seen = sources_stamp()
                rebuild()
        finally:
            server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--serve", action="store_true", help="serve the built site afterwards")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-offline", action="store_true",
                        help="skip the offline copy (ZIP): a preview in about half the time")
    parser.add_argument("--lang", choices=("en", "ru", "kk"),
                        help="preview one language (and English, the default) only: quicker")
    parser.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE,
                        help=f"the generator (default: {DEFAULT_ENGINE}; both give the same site)")
    args = parser.parse_args()
    if args.lang:
        ONLY_LANG["KZ_LANGS"] = args.lang

    def build_once() -> int:
        try:
            build(args.site_dir, args.engine, offline=not args.no_offline)
        except subprocess.CalledProcessError as err:
            print(f"build failed ({err.returncode}); the previous site was left as it was",
                  file=sys.stderr, flush=True)
            return 1
        except OSError as err:
            if err.errno not in UNWRITABLE:
                raise
            print(f"cannot write the site: {err.filename or args.site_dir}: {err.strerror}; make that "
                  "folder writable or choose another with --site-dir", file=sys.stderr)
            return 1
        return 0

    if build_once():
        return 1
    if args.serve:
        try:
            serve(args.site_dir, args.port, rebuild=build_once)
        except OSError as err:
            print(f"cannot serve on port {args.port} ({err.strerror}): the site is built; "
                  f"try another port, e.g. --port {args.port + 1}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
