"""Browser tests: the built site (tests/conftest.py `built_site`) served on 127.0.0.1,
opened in the system Chromium through Playwright (never a downloaded browser).

Without Chromium, Java or the Nu checker these tests skip with the reason, unless CI is
set: then they fail, so a CI run cannot pass without them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
import weakref
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kzrights.data.symbols import symbol_slug

from ..conftest import ROOT, site_pages

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
# Nothing the pages ask for leaves the machine: every request but those to the served site
# (127.0.0.1) goes to a proxy that is not there, and fails. Watch (below) reports each one.
NO_OTHER_HOSTS = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
DESKTOP = {"width": 1280, "height": 900}  # every test's screen, unless it asks for another

LANGS = ("en", "ru", "kk")
# Written pages and generated ones but the View pages: of those, one of each kind (below).
PAGES = [page.removesuffix(".md") for page in site_pages() if not page.startswith("views/")]


def page_url(lang: str, page: str) -> str:
    """Site path of a page: /assembly/, /ru/assembly/, /kk/ …"""
    prefix = "/" if lang == "en" else f"/{lang}/"
    return prefix if page == "index" else f"{prefix}{page.removesuffix('/index')}/"


# Generated record pages (kzrights/pages/generated.py). The Nu checker reads every one of them (it
# checks the whole built folder); the tests in a browser open one of each kind per language:
# a Decision, a joint document, a View adopted after the submission, a View with an area, a
# View with findings read, a document whose UN text was not read, one known only from
# secondary sources (no symbol).
VIEW_PAGES = [f"views/{symbol_slug(s)}" for s in (
    "CCPR/C/133/D/2726/2016", "CCPR/C/126/D/2542/2015", "CCPR/C/137/D/2538/2015",
    "CCPR/C/116/D/2129/2012", "CCPR/C/132/D/2509/2014", "CCPR/C/128/D/2686/2015")] + [
    "views/communication-2548-2015"]

ALL_PAGES = ([page_url(lang, page) for lang in LANGS for page in PAGES + VIEW_PAGES]
             + ["/404.html"])


def missing(reason: str):
    """Skip locally, fail in CI (CI=true or any non-empty value but 0/false)."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if not java:
        missing("java not found (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing(f"{VNU_JAR} not found (npm install)")
    # The client compiler only (C1): the same report for about half the processor time of a
    # run this short. Its deeper stack frames need a larger stack than the default.
    return [java, "-XX:TieredStopAtLevel=1", "-Xss8m", "-jar", str(VNU_JAR)]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium):
    """pytest-playwright's launch arguments: the system Chromium, no network extras."""
    return {**browser_type_launch_args, "executable_path": str(chromium), "args": CHROMIUM_ARGS,
            "proxy": NO_OTHER_HOSTS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP,
            "service_workers": "block"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser drops connections it no longer needs (a tab going to the next page): not
    an error worth a traceback. Anything else still prints one."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path):
    """``folder`` on http://127.0.0.1:<free port> until the generator is closed."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    """The built site on http://127.0.0.1:<free port> for the whole session."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def preview_url(preview_site: Path) -> str:
    """The editor's preview without a site address (tests/conftest.py), served likewise."""
    yield from serve(preview_site / "site")


@pytest.fixture(scope="session")
def offline_copy(built_site: Path, tmp_path_factory) -> Path:
    """The offline archive, unzipped; returns the folder that holds index.html."""
    archives = sorted((built_site / "download").glob("*.zip"))
    assert len(archives) == 1, f"expected one offline archive in download/, found {archives}"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archives[0]) as zf:
        zf.extractall(target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return folder


# Content-Security-Policy violations, recorded in the page (Chromium also logs them).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


def _favicon_cancelled(request) -> bool:
    """Chromium's own fetch of the tab icon, cancelled because the test went on to the next
    page (a missing icon fails with ERR_FILE_NOT_FOUND or a 404, which still count)."""
    return request.failure == "net::ERR_ABORTED" and request.url.endswith("/assets/images/favicon.png")


class Watch:
    """Everything a page does that it should not: requests to other hosts (which fail: see
    NO_OTHER_HOSTS), console errors, uncaught exceptions, HTTP errors,
    Content-Security-Policy violations. It listens to the context (every page, every
    worker) without holding any request up, until ``stop``: then the tab can go on to the
    next page under a new Watch."""

    def __init__(self, context, page, allowed_hosts=("127.0.0.1",)):
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.allowed = allowed_hosts
        self.page, self.context = page, context
        if page not in _RECORDING_CSP:  # once per tab: each document of it records afresh
            page.add_init_script(RECORD_CSP_VIOLATIONS)
            _RECORDING_CSP.add(page)
        self._page_listeners = {
            "websocket": lambda w: self._note_host(w.url),
            "console": lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"),
            "pageerror": lambda e: self.errors.append(f"exception: {e}"),
            "response": lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"),
            "requestfailed": lambda r: r.url not in self.foreign and not _favicon_cancelled(r)
            and self.errors.append(f"failed: {r.url} {r.failure}"),
        }
        context.on("request", self._note_request)
        for event, listener in self._page_listeners.items():
            page.on(event, listener)

    def _note_request(self, request) -> None:
        self._note_host(request.url)

    def stop(self) -> None:
        """Stop listening to the context and the tab (which other visits go on using)."""
        self.context.remove_listener("request", self._note_request)
        for event, listener in self._page_listeners.items():
            self.page.remove_listener(event, listener)

    def _note_host(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in self.allowed:
            self.foreign.append(url)

    def check(self, where: str):
        assert not self.foreign, f"{where}: request to another host: {self.foreign[0]}"
        assert not self.errors, f"{where}: {self.errors}"
        csp = self.page.evaluate("window.__cspViolations")
        assert csp == [], f"{where}: Content-Security-Policy violations: {csp}"


_RECORDING_CSP: weakref.WeakSet = weakref.WeakSet()  # tabs with RECORD_CSP_VIOLATIONS added


@pytest.fixture
def watch(context, page) -> Watch:
    watch = Watch(context, page)
    yield watch
    watch.stop()


def pytest_configure(config):
    # pytest-playwright's base-url plugin; not ours to fix.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


# Tables at a phone width (issue 19, item 9): neither the page nor any table scrolls sideways;
# a table fails when it reaches past the screen, when it or a box around it scrolls or clips
# sideways (Material puts Markdown tables in a scrolling box), or when a cell reaches past it.
TABLES_FIT = """() => {
  const W = document.scrollingElement.clientWidth, problems = [];
  if (document.scrollingElement.scrollWidth > W)
    problems.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth} px wide`);
  document.querySelectorAll("article table").forEach((table, i) => {
    const head = [...table.querySelectorAll("th")].map(th => th.textContent.trim()).join(" | ").slice(0, 60);
    const name = `table ${i + 1} (${head})`;
    const r = table.getBoundingClientRect();
    if (r.left < -0.5 || r.right > W + 0.5)
      problems.push(`${name} reaches from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
    for (let box = table; box && box.tagName !== "ARTICLE"; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible" && box.scrollWidth > box.clientWidth + 1) {
        problems.push(`${name} scrolls sideways in <${box.tagName.toLowerCase()} class="${box.className}">: ` +
                      `${box.scrollWidth} px in ${box.clientWidth} px`);
        break;
      }
    }
    for (const cell of table.querySelectorAll("td, tbody th")) {
      const c = cell.getBoundingClientRect();
      if (c.width && (c.left < -0.5 || c.right > W + 0.5)) {
        problems.push(`${name}: a cell reaches to ${Math.round(c.right)} px: ${cell.textContent.trim().slice(0, 40)}`);
        break;
      }
    }
  });
  return {problems, tables: document.querySelectorAll("article table").length};
}"""
