"""The HTML allowlist (kzrights/site/html_policy.py), the CSP hashes (kzrights/site/csp.py) and the
site swap (kzrights/site/publish.py), without a build."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest

from kzrights.site import publish
from kzrights.site.csp import INLINE_SCRIPTS, fill_hashes
from kzrights.site.html_policy import check_html

ORDINARY = [
    '<p id="para-74">Text <time datetime="2022-12-18">18 December 2022</time></p>',
    '<form role="search"><label for="q">Find</label><input id="q" type="search" name="q">'
    '<select name="area"><option value="">All</option><option value="assembly" selected>A</option></select>'
    '<input type="checkbox" name="open" checked><button type="button" data-copy="x">Copy</button></form>',
    '<details class="cite"><summary>Cite this</summary><pre><code>@misc{x}</code></pre>'
    '<a href="../data/views.json" download>JSON</a> <a href="cite.bib" download>BibTeX</a></details>',
    '<table class="cards"><thead><tr><th scope="col" aria-sort="ascending">A</th></tr></thead>'
    '<tbody><tr><td data-label="Symbol" style="text-align: right;">1</td></tr></tbody></table>',
    '<figure class="chart-figure"><svg class="chart" viewBox="0 0 10 10" role="img" '
    'xmlns="http://www.w3.org/2000/svg" aria-labelledby="t"><title id="t">T</title><desc>D</desc>'
    '<line class="axis" x1="0" y1="1" x2="2" y2="1"/><rect x="1" y="1" width="2" height="3"/>'
    '<text x="1" y="2">3</text></svg><figcaption>C</figcaption></figure>',
    '<div class="admonition tip"><p class="admonition-title">Guidance</p></div>',
    '<a href="https://undocs.org/en/CCPR/C/KAZ/CO/2">CCPR/C/KAZ/CO/2</a> <a href="#x">§</a> '
    '<a href="../assembly/#picketing">a</a> <a href="mailto:info@example.org">mail</a>',
    '<img src="../assets/figure.png" alt="A figure">',
]

FORBIDDEN = [
    ("<script>alert(1)</script>", "<script>: element not allowed"),
    ('<iframe src="https://e.example/"></iframe>', "<iframe>: element not allowed"),
    ("<style>p{}</style>", "<style>: element not allowed"),
    ('<link rel="stylesheet" href="https://e.example/x.css">', "<link>: element not allowed"),
    ('<embed src="x.swf">', "<embed>: element not allowed"),
    ('<base href="https://e.example/">', "<base>: element not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://e.example/">', "<meta>: element not allowed"),
    ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "javascript: links"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<animate>: element"),
    ('<svg><use href="https://e.example/s.svg#x"/></svg>', "<use>: element not allowed"),
    ('<svg><foreignObject></foreignObject></svg>', "<foreignobject>: element not allowed"),
    ('<img src="x.png" onerror="alert(1)">', "event-handler attributes are not allowed"),
    ('<div ONMOUSEOVER="x">a</div>', "event-handler attributes are not allowed"),
    ('<a href="JavaScript:alert(1)">x</a>', "javascript: links are not allowed"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "control characters"),
    ('<a href=" javascript:alert(1)">x</a>', "control characters"),
    ('<a href="data:text/html,x">x</a>', "data: links are not allowed"),
    ('<a href="http://example.org/">x</a>', "http: links are not allowed"),
    ('<a href="//evil.example/">x</a>', "links without a scheme"),
    ('<a href="/\\evil.example/">x</a>', "backslashes"),
    ('<img src="https://tracker.example/p.png">', "https: resources are not allowed"),
    ('<img src="//tracker.example/p.png">', "resources from other hosts"),
    ('<img src="data:image/png;base64,AA==">', "data: resources are not allowed"),
    ('<form action="https://e.example/">', "<form action="),
    ('<button formaction="https://e.example/">x</button>', "attribute not allowed"),
    ('<input type="image" src="x.png">', "value 'image' not allowed"),
    ('<input type="file">', "value 'file' not allowed"),
    ('<div style="background:url(https://e.example/x.png)">x</div>', "only text-align"),
    ('<div class="mermaid">graph</div>', "class 'mermaid' not allowed"),
    ('<a href="x" target="_blank">x</a>', "attribute not allowed"),
]


@pytest.mark.parametrize("html", ORDINARY)
def test_ordinary_content_is_allowed(html):
    assert check_html(html) == []


@pytest.mark.parametrize("html, message", FORBIDDEN)
def test_hostile_content_is_refused(html, message):
    found = check_html(f"<p>before</p>\n\n{html}\n")
    assert found and any(message in v.what for v in found), found
    assert found[0].line == 3


def test_every_violation_is_reported():
    found = check_html("<script>a</script><p onclick='x'><a href='javascript:x'>y</a></p>")
    assert len(found) == 3


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


SCOPE = INLINE_SCRIPTS[0].format(base="../..")  # Material's, with "&&" in the next one
TARGET = INLINE_SCRIPTS[2]


def test_csp_hashes_the_sites_own_inline_scripts_and_every_style():
    page = ('<head><meta http-equiv="Content-Security-Policy" content="script-src '
            "'self' 'inline-script-hashes'; style-src 'self' 'inline-style-hashes'\">"
            f'<script>{TARGET}</script><script type="application/json">{{}}</script>'
            '<script src="x.js"></script></head><body><table><tr><td style="text-align: right;">1</td>'
            '<td style="text-align: right;">2</td></tr></table></body>')
    filled = fill_hashes(page)
    assert "&&" in TARGET  # raw text: the browser hashes it undecoded
    assert f"script-src 'self' {sha(TARGET)};" in filled
    assert f"style-src 'self' {sha('text-align: right;')}\"" in filled
    with pytest.raises(ValueError):
        fill_hashes("<head><script>x</script></head>")


def test_remembered_checks_and_hashes_follow_the_page():
    # serve rebuilds unchanged pages: their results are remembered by the HTML's digest.
    clean = "<p>a</p>"
    assert check_html(clean) == []
    check_html(clean).append("changed by a caller")  # a caller's list is its own
    assert check_html(clean) == []
    assert [v.what for v in check_html(clean + "<script>x</script>")] == ["<script>: element not allowed"]
    head = ('<head><meta http-equiv="Content-Security-Policy" content="script-src '
            "'self' 'inline-script-hashes'; style-src 'self' 'inline-style-hashes'\">")
    first, second = fill_hashes(head + f"<script>{SCOPE}</script>"), fill_hashes(head + f"<script>{TARGET}</script>")
    assert sha(SCOPE) in first and sha(TARGET) in second and sha(SCOPE) not in second
    assert fill_hashes(head + f"<script>{SCOPE}</script>") == first


def test_swap_without_atomic_exchange(tmp_path):
    site, work = tmp_path / "site", tmp_path / ".build-site-00000000"
    (site / "old").mkdir(parents=True)
    (work / "site" / "new").mkdir(parents=True)
    publish.swap_in(work / "site", site, work, exchange=lambda a, b: False)
    assert (site / "new").is_dir() and (work / publish.BACKUP / "old").is_dir()


def test_swap_puts_the_old_site_back_when_the_second_rename_fails(tmp_path, monkeypatch):
    site, work = tmp_path / "site", tmp_path / ".build-site-00000000"
    (site / "old").mkdir(parents=True)
    (work / "site").mkdir(parents=True)
    rename = os.rename

    def failing(src, dst):
        if os.fspath(src).endswith("/site") and os.fspath(src) != os.fspath(site):
            raise OSError(5, "Input/output error")
        rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", failing)
    with pytest.raises(OSError):
        publish.swap_in(work / "site", site, work, exchange=lambda a, b: False)
    assert (site / "old").is_dir()


def test_atomic_exchange_swaps_two_folders(tmp_path):
    (tmp_path / "a" / "in-a").mkdir(parents=True)
    (tmp_path / "b" / "in-b").mkdir(parents=True)
    if not publish._exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system has no atomic exchange (the fallback is tested above)")
    assert (tmp_path / "a" / "in-b").is_dir() and (tmp_path / "b" / "in-a").is_dir()
