"""Serving the built site: precompressed .br/.gz copies of its text files (not in the
offline copy), ``--serve`` sending them with the right headers and the site's 404 page,
the ``_headers`` file for static hosts, and the GitHub Pages workflow."""

from __future__ import annotations

import gzip
import http.client
import re
import threading
import zipfile
from pathlib import Path

import brotli
import pytest
import yaml

from kzrights.site.compress import write_compressed
from kzrights.site.headers import EVERY_RESPONSE, IMMUTABLE, SECURITY
from kzrights.site.serve import make_server

from .conftest import ROOT

TEXT = {".html", ".css", ".js", ".json", ".csv", ".txt", ".xml", ".svg"}
PAGEFIND = {".pf_meta", ".pf_index", ".pf_fragment", ".pagefind"}


def site_files(site: Path) -> list[str]:
    """The files a build wrote itself (not its .br/.gz copies), as paths from the root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                  and not (p.suffix in (".br", ".gz") and p.with_suffix("").is_file()))


def test_every_text_file_has_br_and_gz_copies_of_the_same_bytes(built_site):
    checked = set()
    for rel in site_files(built_site):
        path = built_site / rel
        if path.suffix not in TEXT:
            continue
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz").read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, rel
        assert gzip.decompress(gz) == data, rel
        assert gz[3] == 0 and gz[4:8] == b"\0\0\0\0", f"{rel}.gz: a file name or a date in the header"
        checked.add(path.suffix)
    assert {".html", ".css", ".js", ".json", ".csv", ".txt"} <= checked


def test_pagefind_files_are_sent_as_pagefind_compressed_them(built_site):
    files = [built_site / r for r in site_files(built_site) if Path(r).suffix in PAGEFIND]
    assert {p.suffix for p in files} == PAGEFIND
    for path in files:
        assert path.read_bytes()[:2] == b"\x1f\x8b", path  # already gzip
        assert not path.with_name(path.name + ".br").exists()
        assert not path.with_name(path.name + ".gz").exists()


def test_offline_copy_has_no_server_files(built_site):
    (archive,) = (built_site / "download").glob("*.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert any(n.endswith("/index.html") for n in names)
    assert [n for n in names if n.endswith((".br", ".gz", "/_headers"))] == []


def test_own_scripts_and_stylesheets_are_minified_online_and_offline(built_site):
    """Comments and spaces out (kzrights/site/minify.py); the browser tests run the result."""
    archive = next((built_site / "download").glob("*.zip"))
    with zipfile.ZipFile(archive) as zf:
        offline = {Path(name).name: zf.read(name) for name in zf.namelist() if "/assets/" in name}
    sources = sorted(p for p in (ROOT / "docs" / "assets").iterdir() if p.suffix in (".js", ".css"))
    assert len(sources) >= 5
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert "/*" in text or "//" in text  # the source has comments
        for built in ((built_site / "assets" / source.name).read_bytes(), offline[source.name]):
            assert len(built) < 0.85 * len(text.encode()), source.name
            assert b"\n  " not in built and not re.search(rb"/\*(?!!)", built), source.name


def test_compression_is_reproducible(tmp_path):
    for run in ("one", "two"):
        (tmp_path / run).mkdir()
        (tmp_path / run / "page.html").write_text("<p>Жиналыс бостандығы</p>\n" * 50, encoding="utf-8")
        assert write_compressed(tmp_path / run) == 1
    for suffix in (".br", ".gz"):
        one, two = ((tmp_path / run / f"page.html{suffix}").read_bytes() for run in ("one", "two"))
        assert one == two


@pytest.fixture(scope="module")
def server(built_site):
    httpd = make_server(built_site, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def fetch(port: int, path: str, accept: str | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, headers={"Accept-Encoding": accept} if accept is not None else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


DECODE = {None: lambda b: b, "br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("accept, coding", [
    ("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip"), ("br;q=0, gzip", "gzip"),
    ("identity", None), (None, None), ("*", "br"), ("gzip;q=0", None)])
def test_content_encoding_follows_accept_encoding(built_site, server, accept, coding):
    for path, file in (("/ru/assembly/", "ru/assembly/index.html"),
                       ("/kk/", "kk/index.html"), ("/assets/site.css", "assets/site.css")):
        response, body = fetch(server, path, accept)
        assert response.status == 200
        assert response.getheader("Content-Encoding") == coding, path
        assert response.getheader("Vary") == "Accept-Encoding"
        assert int(response.getheader("Content-Length")) == len(body)
        assert DECODE[coding](body) == (built_site / file).read_bytes()


@pytest.mark.parametrize("path, kind", [
    ("/", "text/html; charset=utf-8"), ("/assets/site.css", "text/css; charset=utf-8"),
    ("/assets/site.js", "text/javascript; charset=utf-8"),
    ("/data/cases.json", "application/json; charset=utf-8"), ("/data/cases.csv", "text/csv; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"), ("/assets/images/favicon.png", "image/png")])
def test_content_type(server, path, kind):
    response, _ = fetch(server, path, "br, gzip")
    assert response.status == 200
    assert response.getheader("Content-Type") == kind


def test_pagefind_files_are_sent_without_content_encoding(built_site, server):
    (index,) = list((built_site / "pagefind" / "index").glob("kk_*.pf_index"))[:1]
    response, body = fetch(server, "/pagefind/index/" + index.name, "br, gzip")
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Content-Type") == "application/octet-stream"
    assert body == index.read_bytes()


def test_fingerprinted_assets_are_cached_for_a_year_pages_are_revalidated(built_site, server):
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    (style,) = (built_site / "assets" / "stylesheets").glob("main.*.min.css")
    fragment = next((built_site / "pagefind" / "fragment").iterdir())
    for path in (bundle, style, fragment):
        response, _ = fetch(server, "/" + path.relative_to(built_site).as_posix(), "br")
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
    for path in ("/", "/ru/assembly/", "/kk/covenant/", "/assets/site.js", "/pagefind/pagefind.js",
                 "/missing/"):
        response, _ = fetch(server, path, "br")
        cache = response.getheader("Cache-Control")
        assert "immutable" not in cache and re.search(r"max-age=0\b", cache), (path, cache)


@pytest.mark.parametrize("path", ["/no-such-page/", "/kk/no-such-page/", "/ru/assembly/missing.css"])
def test_missing_address_gets_the_sites_404_page(built_site, server, path):
    response, body = fetch(server, path, "gzip")
    assert response.status == 404
    page = gzip.decompress(body).decode("utf-8")
    assert page == (built_site / "404.html").read_text(encoding="utf-8")
    for lang in ("kk", "ru", "en"):  # site.js shows the reader's language (tests/browser)
        assert f'<section lang="{lang}" data-kz-lang="{lang}"' in page


def test_folder_without_slash_is_redirected(server):
    response, _ = fetch(server, "/ru/assembly?q=x")
    assert response.status == 301
    assert response.getheader("Location") == "/ru/assembly/?q=x"


@pytest.mark.parametrize("path", ["/", "/kk/assembly/", "/no-such-page/"])
def test_every_page_has_the_documents_security_headers(server, path):
    for method in ("GET", "HEAD"):
        response, _ = fetch(server, path, "br", method)
        assert response.getheader("Content-Type").startswith("text/html")
        for name, value in SECURITY.items():
            assert response.getheader(name) == value, (path, name)
        policy = dict(d.strip().split(" ", 1) for d in response.getheader("Content-Security-Policy").split(";"))
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "*" not in response.getheader("Content-Security-Policy")  # no other host
        assert response.getheader("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("path", ["/assets/site.js", "/assets/site.css", "/ru/assembly",
                                  "/pagefind/pagefind-worker.js", "/data/cases.json"])
def test_other_responses_have_the_headers_for_every_response_only(server, path):
    """A script, stylesheet, data file or redirect is no document: no page policy on it."""
    assert set(EVERY_RESPONSE) < set(SECURITY)
    for method in ("GET", "HEAD"):
        response, _ = fetch(server, path, "br", method)
        assert response.status in (200, 301), path
        sent = {name for name in SECURITY if response.getheader(name) is not None}
        assert sent == set(EVERY_RESPONSE), (path, sent)
        assert all(response.getheader(name) == value for name, value in EVERY_RESPONSE.items())


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """``_headers`` (Netlify/Cloudflare format): ``{path pattern: {header: value}}``."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            assert line not in rules, f"{line}: twice"
            current = rules[line] = {}
        else:
            name, _, value = line.strip().partition(":")
            assert current is not None and name not in current
            current[name] = value.strip()
    return rules


def covered(pattern: str, path: str) -> bool:
    """The hosts' matching: a ``*`` matches anything, slashes included."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def test_headers_file_gives_what_the_server_sends(built_site, server):
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    assert rules.pop("/*") == SECURITY
    assert rules and all(headers == {"Cache-Control": IMMUTABLE} for headers in rules.values())
    immutable = 0
    for rel in site_files(built_site):
        if rel == "_headers":
            continue
        response, _ = fetch(server, "/" + rel, "identity", "HEAD")
        assert response.status == 200, rel
        in_file = any(covered(pattern, "/" + rel) for pattern in rules)
        assert in_file == (response.getheader("Cache-Control") == IMMUTABLE), rel
        assert not (in_file and rel.endswith(".html")), rel
        immutable += in_file
    assert immutable > 50  # Material's bundle and stylesheet, Pagefind's index and fragments


def readme_build_command() -> str:
    """The README's first command, without ``--serve``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.+?)\n```", readme).group(1)
    assert command.endswith(" --serve")
    return command.removesuffix(" --serve")


def test_pages_workflow_builds_as_the_readme_says_and_deploys_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}  # each job has its own, the least it needs (issue 21)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    steps = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    (build_step,) = [s for s in build["steps"] if "tools/build_site.py" in s.get("run", "")]
    assert build_step["run"].strip() == readme_build_command()
    assert "SITE_URL" in build_step["env"]
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
