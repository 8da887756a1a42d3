"""Serve a built site as a good static host does (``tools/build_site.py --serve``): the
``.br`` or ``.gz`` copy of a file (kzrights/site/compress.py) when the browser accepts it, the
right Content-Type, the headers of kzrights/site/headers.py (the document's security headers with pages only), and the site's own 404 page.

Hostile requests get plain answers: a ``.br``/``.gz`` copy asked for by name is sent as
the compressed file it is (never as ``text/html``), an over-long path is ``414``, and a
connection that sends nothing for ``TIMEOUT`` seconds is closed."""

from __future__ import annotations

import errno
import functools
import http.server
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from kzrights.site.compress import ENCODINGS, compressible
from kzrights.site.headers import cache_control, security_headers

TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json",
         ".webmanifest": "application/manifest+json", ".wasm": "application/wasm"}
# A file whose name ends in a content coding (x.html.br) is that coding's bytes.
CODED = {"br": "application/x-brotli", "gzip": "application/gzip", "bzip2": "application/x-bzip2",
         "xz": "application/x-xz", "compress": "application/x-compress"}
MAX_PATH = 2048   # characters of a request's path; longer is 414
TIMEOUT = 30      # seconds a connection may stay silent
_TEXT = ("text/", "application/json", "application/xml", "application/manifest+json",
         "image/svg+xml")


def content_type(path: Path) -> str:
    guessed, coding = mimetypes.guess_type(path.name)
    if coding:  # x.html.br: compressed bytes, not a page
        return CODED.get(coding, "application/octet-stream")
    kind = TYPES.get(path.suffix) or guessed or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(_TEXT) else kind


def accepted(header: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (``q=0`` refuses one)."""
    weights: dict[str, float] = {}
    for part in header.split(","):
        name, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name:
            weights[name.lower()] = weight
    star = weights.get("*", 0.0)
    return {c for c in ENCODINGS if weights.get(c, star) > 0}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of ``directory``; ``encodings`` empty sends every file as it is."""

    encodings = ENCODINGS
    quiet = False
    timeout = TIMEOUT  # socket timeout: a silent connection is closed, not kept forever

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self):
        if len(self.path) > MAX_PATH:
            self.send_error(414)
            return None
        try:
            return self._send_head()
        except OSError as err:  # a name too long for the file system, a file vanished…
            self.send_error(414 if err.errno == errno.ENAMETOOLONG else 404)
            return None

    def _send_head(self):
        url = urlsplit(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.path.endswith("/"):  # /assembly -> /assembly/, as hosts do
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self._common_headers("", "")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
            if not path.is_file():
                self.send_error(404)
                return None
        variants = compressible(path)
        accepts = accepted(self.headers.get("Accept-Encoding", "")) if variants else set()
        coding = next((c for c in self.encodings
                       if c in accepts and path.with_name(path.name + ENCODINGS[c]).is_file()), None)
        body = path.with_name(path.name + ENCODINGS[coding]) if coding else path
        file = body.open("rb")
        self.send_response(status)
        kind = content_type(path)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(body.stat().st_size))
        if coding:
            self.send_header("Content-Encoding", coding)
        if variants:
            self.send_header("Vary", "Accept-Encoding")
        self._common_headers(path.relative_to(self.directory).as_posix(), kind)
        self.end_headers()
        return file

    def _common_headers(self, name: str, kind: str) -> None:
        self.send_header("Cache-Control", cache_control(name))
        for header, value in security_headers(kind).items():
            self.send_header(header, value)


def make_server(site: Path, port: int = 0, *, quiet: bool = False,
                compress: bool = True) -> http.server.ThreadingHTTPServer:
    """A server of ``site`` on 127.0.0.1 (``port`` 0: a free one), not yet running.
    ``compress=False`` sends every file uncompressed (a baseline for measurements)."""
    handler = type("Handler", (SiteHandler,), {"quiet": quiet,
                                               "encodings": ENCODINGS if compress else {}})
    return http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                           functools.partial(handler, directory=str(site)))
