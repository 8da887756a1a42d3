"""The site as ``tools/build_site.py --serve`` serves it (kzrights/site/serve.py): compressed,
with its security headers. Nothing on a page breaks the Content-Security-Policy header
(on top of each page's own policy, where it has one), search works, and a missing
address gets the 404 page in the reader's language."""

from __future__ import annotations

import threading

import pytest

from kzrights.site.serve import make_server

from .conftest import Watch
from .test_not_found import shown
from .test_search_ui import search

# Every Content-Security-Policy violation of the page, kept where the test can read it.
RECORD_VIOLATIONS = """window.kzViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.kzViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def served(built_site):
    httpd = make_server(built_site, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("start, query, expected", [
    ("/", "torture", "/torture/"), ("/ru/assembly/", "пыткам", "/ru/torture/"),
    ("/kk/", "жиналыстарға", "/kk/assembly/")])
def test_pages_and_search_keep_to_the_policy(page, context, served, start, query, expected):
    watch = Watch(context, page)
    page.add_init_script(RECORD_VIOLATIONS)
    encodings = {}
    page.on("response", lambda r: encodings.setdefault(r.url, r.headers.get("content-encoding")))
    response = page.goto(served + start, wait_until="networkidle")
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert encodings[served + start] in ("br", "gzip")
    assert search(page, query)[0] == expected
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.kzViolations") == []
    watch.check(start)


@pytest.mark.browser_context_args(locale="de-DE")
def test_missing_address_gets_the_404_page_in_its_language(page, served):
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(served + "/ru/no-such-page/", wait_until="networkidle")
    assert response.status == 404
    assert shown(page) == {"kk": False, "ru": True, "en": False}
    assert page.title() == "Страница не найдена"
    assert page.evaluate("window.kzViolations") == []
