"""Hostile input, second pass (issue 21): every byte the site publishes is checked, and the
policy trusts only what the project wrote. Unit tests first (fast), then the Kazakh query
expansion of site.js against the Python one in Node, then builds of a copy of the project
with a script planted in a title, a subtitle, a heading and a static file."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzrights.data.history import last_changed
from kzrights.data.load import DataError, load_site
from kzrights.data.page_source import check_page
from kzrights.render.cite import Reference, _bib, bibtex
from kzrights.site import search
from kzrights.site.csp import INLINE_SCRIPTS, fill_hashes, inline_script_allowed
from kzrights.site.html_policy import check_document, check_html
from kzrights.site.serve import content_type, make_server
from kzrights.site.static_files import static_file_problems, svg_problems, symlinks

from .conftest import ROOT, copy_project, examples

# --- 1. the policy trusts only the project's inline scripts ----------------------------------

PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' '
        '\'inline-script-hashes\'; style-src \'self\' \'inline-style-hashes\'">'
        "<title>{title}</title><script>" + INLINE_SCRIPTS[0].format(base="..") + "</script></head>"
        '<body><nav><a href="../about/">{title}</a></nav><main><p>Text</p></main></body></html>')


def page_with(title: str) -> str:
    return PAGE.replace("{title}", title)


def test_the_sites_own_inline_scripts_are_allowed_and_hashed():
    assert check_document(page_with("About")) == []
    assert "'sha256-" in fill_hashes(page_with("About"))
    for base in (".", "/", "..", "../../.."):
        assert inline_script_allowed(INLINE_SCRIPTS[0].format(base=base))
    assert not inline_script_allowed(INLINE_SCRIPTS[0].format(base='",alert(1),"'))
    assert not inline_script_allowed(INLINE_SCRIPTS[2] + ";alert(1)")


@pytest.mark.parametrize("title", [
    "About</title><script>alert(1)</script><title>x",
    "About<img src=x onerror=alert(1)>",
    "About<svg><script>alert(1)</script></svg>",
    "About<!--><meta http-equiv=refresh content='0;url=https://evil.example/'>-->",
    "About<a href='javascript:alert(1)'>x</a>",
])
def test_anything_else_in_a_finished_page_is_refused_and_never_hashed(title):
    page = page_with(title)
    assert check_document(page), title
    if "<script" in title:
        with pytest.raises(ValueError, match="not one of the site's own"):
            fill_hashes(page)


# --- 3. the allowlist reads HTML as a browser does --------------------------------------------

@pytest.mark.parametrize("html, message", [
    ("<!--><meta http-equiv=refresh content='0;url=https://evil.example/'>-->", "<meta>: element not allowed"),
    ("<!-- note -->", "HTML comments are not allowed"),
    ("<!--->--><script>x</script>", "<script>: element not allowed"),
    ("<p>a<?php x ?></p>", "HTML comments are not allowed"),  # a bogus comment, to a browser
    ("<p <script>x</script>", "<script>"),
    ("<svg><foreignObject><iframe></iframe></foreignObject></svg>", "<iframe>"),
    ("<math><mi><style>x</style></mi></math>", "<math>"),
    ("<body onload=alert(1)>", "<body>: element not allowed"),
    ("<textarea></textarea><img src=x onerror=alert(1)>", "event-handler"),
    ("<title></title><script>x</script>", "<script>"),
    ("<p title='a'b onclick=x>", "event-handler"),
    ("<img src=x ONERROR=alert(1)>", "event-handler"),
    ("<a href='jav&#x0A;ascript:alert(1)'>x</a>", "control characters"),
    ("<template><script>x</script></template>", "<template>"),
    ("<noscript><img src=x onerror=1></noscript>", "<noscript>"),
])
def test_the_allowlist_tokenizes_as_browsers_do(html, message):
    found = check_html(f"<p>before</p>\n{html}\n")
    assert any(message in v.what for v in found), found


# --- 2. front matter and page limits, checked first --------------------------------------------

@pytest.mark.parametrize("front, message", [
    ("title: 'About</title><script>alert(1)</script><title>x'", "front matter key 'title' is not allowed"),
    ("subtitle: '<script>alert(1)</script>'", "front matter key 'subtitle' is not allowed"),
    ("template: redirect.html", "front matter key 'template' is not allowed"),
    ("hide: [navigation]", "front matter key 'hide' is not allowed"),
    ("a: &a [1, 1]\nb: *a", "anchors and aliases"),
    ("description: !!python/name:os.system x", "tags"),
    ("description: [a, b]", "one line of text"),
])
def test_front_matter_is_limited_and_strictly_parsed(front, message):
    _, problems = check_page(f"---\n{front}\n---\n\n# Title {{ #title }}\n")
    assert problems and message in problems[0].message and problems[0].line == 2, problems


def test_multimarkdown_metadata_is_refused():
    _, problems = check_page("template: redirect.html\ntitle: x\n\n# Title\n")
    assert problems[0].line == 1 and "front matter" in problems[0].message


@pytest.mark.parametrize("text, line, message", [
    ("# T\n\n" + "- " * 1000 + "x\n", 3, "nested 1000 deep"),
    ("# T\n\n" + "  " * 1000 + "- x\n", 3, "nested"),
    ("# T\n\n" + "> " * 50 + "x\n", 3, "nested 50 deep"),
    ("# T\n\n" + "1 " * 20000 + "\n", 3, "line of 40,000 characters"),
    ("# T\n" + "x\n" * 150_000, 1, "bytes"),
])
def test_page_limits_come_first_with_their_line(text, line, message):
    started = time.monotonic()
    _, problems = check_page(text)
    assert time.monotonic() - started < 1
    assert problems[0].line == line and message in problems[0].message, problems


def test_pages_of_the_project_are_within_the_limits():
    for path in sorted((ROOT / "docs").rglob("*.md")):
        assert check_page(path.read_text(encoding="utf-8"))[1] == [], path


# --- 4. static files by type, no symlinks -----------------------------------------------------

def test_static_files_by_type(tmp_path):
    (tmp_path / "x.html").write_text("<script>alert(1)</script>")
    (tmp_path / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (tmp_path / "ok.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                     '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
                                     '<rect x="0" y="0" width="1" height="1"/></svg>')
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    (tmp_path / "x.xml").write_text("<x/>")
    assert "HTML only as pages" in static_file_problems(tmp_path / "x.html")[0]
    assert any("<script>" in p for p in static_file_problems(tmp_path / "x.svg"))
    assert static_file_problems(tmp_path / "ok.svg") == []
    assert static_file_problems(tmp_path / "x.png") == []
    assert static_file_problems(tmp_path / "x.xml")
    assert svg_problems('<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg>&x;</svg>')
    assert svg_problems('<svg><![CDATA[<script>]]></svg>')
    assert svg_problems('<svg xmlns:h="http://www.w3.org/1999/xhtml"><h:script>x</h:script></svg>')


def test_symlinks_anywhere_under_the_source_folders(tmp_path):
    for folder in ("docs/assets", "data", "sources", "overrides"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "docs/assets/env.txt").symlink_to("/proc/self/environ")
    (tmp_path / "data/x").symlink_to(tmp_path / "sources")
    assert symlinks(tmp_path) == ["data/x", "docs/assets/env.txt"]
    assert symlinks(ROOT) == []


# --- 4. the deploy workflow passes zizmor ------------------------------------------------------

def test_deploy_workflow_passes_zizmor():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (requirements-test.txt)")
    result = subprocess.run([zizmor, "--offline", "--no-progress", "--format", "plain",
                             str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "persist-credentials: false" in workflow
    assert all(re.search(r"@[0-9a-f]{40} # v", line) for line in workflow.splitlines() if "uses:" in line)


# --- 5. two implementations of one rule agree --------------------------------------------------

def _stemmer_source() -> str:
    js = (ROOT / "docs" / "assets" / "site.js").read_text(encoding="utf-8")
    start = js.index("  function kazakhStemmer(rules) {")
    end = js.index("\n  }\n", js.index("return { stem: stem", start)) + 4
    return js[start:end]


NODE_DRIVER = """
const readline = require("readline");
%s
const k = kazakhStemmer(%s);
const rl = readline.createInterface({input: process.stdin});
rl.on("line", (line) => {
  const query = JSON.parse(line);
  const started = process.hrtime.bigint();
  const out = k.queryVariants(query);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({out, ms}) + "\\n");
});
"""


@pytest.fixture(scope="module")
def node_stemmer():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed for the site.js property test")
        pytest.skip("node is not installed")
    driver = NODE_DRIVER % (_stemmer_source(), json.dumps(search.rules(), ensure_ascii=False))
    process = subprocess.Popen([node, "-e", driver], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8")

    def ask(query: str) -> tuple[list[str], float]:
        process.stdin.write(json.dumps(query) + "\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        return answer["out"], answer["ms"]

    yield ask
    process.stdin.close()
    process.wait(timeout=10)


KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_WORDS = ["халқы", "бостандығы", "жиналыстарға", "ерікті", "азабы", "құқықтарының", "іс", "ҮЕҰ-лардың"]
_query = st.lists(st.one_of(
    st.sampled_from(_WORDS),
    st.text(alphabet=KAZAKH + KAZAKH.upper() + "-«»\"'().,;:!?…abcXYZ019", min_size=1, max_size=14),
), max_size=40).flatmap(lambda words: st.lists(
    st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u3000"]),
    min_size=len(words), max_size=len(words)).map(lambda spaces: "".join(
        w + s for w, s in zip(words, spaces))))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_query)
def test_site_js_expands_kazakh_queries_as_python_does(node_stemmer, query):
    out, ms = node_stemmer(query)
    assert out == search.query_variants(query)
    assert ms < 2000, (query, ms)  # linear: milliseconds; every combination would take hours


def test_a_long_kazakh_query_is_linear_in_both(node_stemmer):
    query = " ".join(["халқы", "бостандығы", "азабы"] * 10)  # 30 words, 2-3 forms each: 3^30 combinations
    started = time.monotonic()
    assert len(search.query_variants(query)) == search.MAX_VARIANTS
    assert time.monotonic() - started < 5  # bounds a busy machine meets; 3^30 combinations never would
    out, ms = node_stemmer(query)
    assert out == search.query_variants(query) and ms < 2000
    out, ms = node_stemmer("халқы " * 10_000)
    assert ms < 5000 and out == search.query_variants("халқы " * 10_000)
    assert "MAX_QUERY = 200" in (ROOT / "docs/assets/site.js").read_text(encoding="utf-8")
    assert search.MAX_QUERY == 200


def _balanced(text: str) -> bool:
    """As BibTeX counts braces: every one, whatever stands before it."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_bibtex_survives_any_name(name):
    ref = Reference("key", {"type": "legal_case", "title": f"{name} v. Kazakhstan", "authority": name,
                            "number": name, "genre": name, "URL": "https://e.example/{x} y",
                            "language": "en"}, "", f"{name} v. Kazakhstan")
    entry = bibtex(ref)
    assert _balanced(entry), entry
    body = entry[entry.index(",") + 1:entry.rindex("}")]
    for line in body.strip().split(",\n  "):  # each field's value is balanced on its own
        assert _balanced(line.partition(" = ")[2]), line
    assert _balanced(_bib(name))


# --- 6, 7. serving ---------------------------------------------------------------------------

@pytest.fixture
def tiny_site(tmp_path):
    import brotli
    (tmp_path / "x.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "x.html.br").write_bytes(brotli.compress(b"<p>x</p>"))
    (tmp_path / "404.html").write_text("<p>not found</p>", encoding="utf-8")
    server = make_server(tmp_path, 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _get(port: int, path: str, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_compressed_copy_asked_for_by_name_is_not_a_page(tiny_site):
    assert content_type(Path("x.html.br")) == "application/x-brotli"
    assert content_type(Path("x.html.gz")) == "application/gzip"
    head = _get(tiny_site, "/x.html.br").split(b"\r\n\r\n")[0].decode().lower()
    assert "content-type: application/x-brotli" in head and "text/html" not in head


def test_an_overlong_path_gets_an_answer_not_a_traceback(tiny_site):
    for path in ("/" + "a" * 5000, "/" + "a" * 300 + "/x", "/" + "%2e" * 600):
        answer = _get(tiny_site, path)
        assert answer.startswith(b"HTTP/1.") and b" 414 " in answer.split(b"\r\n")[0] \
            or b" 404 " in answer.split(b"\r\n")[0], answer[:200]


def test_a_silent_connection_is_closed(tiny_site, monkeypatch):
    from kzrights.site import serve
    assert serve.SiteHandler.timeout == serve.TIMEOUT <= 60
    monkeypatch.setattr(serve.SiteHandler, "timeout", 1)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", tiny_site), timeout=10) as conn:
        conn.sendall(b"GET /x.html HTTP/1.1\r\n")  # and then nothing
        while conn.recv(65536):
            pass
    assert time.monotonic() - started < 5


# --- 7. data values, commit dates -------------------------------------------------------------

@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029", "\x0b"])
def test_a_line_separator_in_a_data_value_is_refused_at_its_line(data_dir, separator):
    path = data_dir / "cases.yaml"
    text = path.read_text(encoding="utf-8")
    key = "  summary:"
    at = text.index(key)
    end = text.index("\n", at)
    path.write_text(text[:end - 1] + separator + "x" + text[end - 1:], encoding="utf-8")  # in a value
    line = text[:at].count("\n") + 1
    with pytest.raises(DataError) as info:
        load_site(data_dir)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == ("data/cases.yaml", line), info.value
    assert "summary" in problem.field and f"U+{ord(separator):04X}" in problem.message


def test_a_commit_dated_in_the_future_gives_the_build_date(tmp_path):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@e")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = "2099-01-01T00:00:00+00:00"
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    now = time.mktime((2030, 6, 1, 12, 0, 0, 0, 0, 0))
    assert last_changed(tmp_path, now=now) == {"docs/a.md": time.strftime("%Y-%m-%d", time.gmtime(now))}
    assert last_changed(tmp_path, now=time.mktime((2100, 1, 1, 0, 0, 0, 0, 0, 0))) == {"docs/a.md": "2099-01-01"}


# --- builds of a copy: a script planted in a title, a subtitle, a heading, a static file -------

LIMIT = 240


def _build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "tools/build_site.py", "--no-offline", "--lang", "en"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=LIMIT)


def _tree(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): hash(p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a stand-in previous site/ (tests/conftest.py)."""
    return copy_project(tmp_path_factory.mktemp("hostile2"), stand_in_site=True)


@pytest.fixture
def planted(project):
    """Write files into the copy; everything is put back afterwards."""
    saved: dict[Path, str | None] = {}

    def plant(name: str, text: str | None = None, *, prepend: str = "", link: str = "") -> None:
        path = project / name
        saved.setdefault(path, path.read_text(encoding="utf-8") if path.is_file() and not path.is_symlink() else None)
        if link:
            path.symlink_to(link)
        else:
            path.write_text(prepend + (text if text is not None else saved[path] or ""), encoding="utf-8")

    yield plant
    for path, text in saved.items():
        if path.is_symlink() or text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")


def _fails_naming(project: Path, before: dict, *expected: str) -> str:
    result = _build(project)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    for text in expected:
        assert text in result.stderr, (text, result.stderr[-3000:])
    assert _tree(project / "site") == before, "site/ changed"
    return result.stderr


def test_scripts_planted_in_a_title_a_subtitle_and_a_heading_fail_naming_the_file(project, planted):
    before = _tree(project / "site")
    planted("docs/en/about.md", prepend="---\ntitle: 'About</title><script>alert(1)</script><title>x'\n---\n")
    planted("docs/en/glossary.md", prepend="---\nsubtitle: '<img src=x onerror=alert(1)>'\n---\n")
    planted("docs/ru/about.md", (project / "docs/ru/about.md").read_text(encoding="utf-8").replace(
        "translation_of:", "template: main.html\ntranslation_of:", 1))
    text = (project / "docs/en/torture.md").read_text(encoding="utf-8")
    planted("docs/en/torture.md", re.sub(r"^# ([^{\n]*)", r"# \1<script>alert(1)</script> ", text, count=1, flags=re.M))
    planted("docs/en/movement.md", (project / "docs/en/movement.md").read_text(encoding="utf-8")
            + "\n<!--><meta http-equiv=refresh content='0;url=https://evil.example/'>-->\n")
    stderr = _fails_naming(project, before, "docs/en/about.md:2: front matter key 'title' is not allowed",
                           "docs/en/glossary.md:2: front matter key 'subtitle' is not allowed",
                           "docs/ru/about.md:2: front matter key 'template' is not allowed",
                           "docs/en/movement.md:", "HTML comments are not allowed")
    # The heading's script is refused by the pages' allowlist once the front matter is fixed.
    planted("docs/en/about.md", None)
    planted("docs/en/glossary.md", None)
    planted("docs/ru/about.md", None)
    planted("docs/en/movement.md", None)
    line = next(i for i, t in enumerate((project / "docs/en/torture.md").read_text().split("\n"), 1) if "<script>" in t)
    _fails_naming(project, before, f"docs/en/torture.md:{line}: <script>: element not allowed")
    assert "Traceback" not in stderr


def test_an_escaped_script_in_a_heading_stays_text_in_every_page(project, planted):
    text = (project / "docs/en/about.md").read_text(encoding="utf-8")
    planted("docs/en/about.md", re.sub(r"^# ([^{\n]*)", r"# \1 &lt;img src=x onerror=alert(1)&gt; ", text, count=1, flags=re.M))
    result = _build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page  # text wherever the title is printed
        assert check_document(html) == [], page


def test_a_static_file_with_a_script_fails_naming_it(project, planted):
    before = _tree(project / "site")
    planted("docs/assets/x.html", "<script>alert(1)</script>")
    _fails_naming(project, before, "docs/assets/x.html: HTML only as pages")
    planted("docs/assets/x.html", None)
    (project / "docs/assets/x.html").unlink()
    planted("docs/assets/x.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    _fails_naming(project, before, "docs/assets/x.svg: <script>: element not allowed")


def test_a_symlink_is_never_followed(project, planted):
    before = _tree(project / "site")
    planted("docs/assets/env.txt", link="/proc/self/environ")
    _fails_naming(project, before, "docs/assets/env.txt: a symbolic link")


def test_the_theme_scope_script_may_name_the_sites_path_only():
    """The 404 page's scope script names the site's path when the site lives under one
    (SITE_URL=https://host/kz/); nothing that could end its string is accepted."""
    from kzrights.site.csp import INLINE_SCRIPTS, inline_script_allowed
    for base in (".", "/", "..", "../..", "/kz/", "/org/rights-kz/"):
        assert inline_script_allowed(INLINE_SCRIPTS[0].format(base=base)), base
    for base in ('"+alert(1)+"', "/kz", "/k z/", "https://evil.example/", "/kz/\\"):
        assert not inline_script_allowed(INLINE_SCRIPTS[0].format(base=base)), base


def test_links_to_the_sites_own_address_are_links_to_this_site():
    """Under ``serve`` MkDocs gives the site the address http://127.0.0.1:8000/: the
    canonical and language links to it are the site's own, other http: links are not."""
    from kzrights.site.html_policy import check_document
    page = ('<!doctype html><html lang="en"><head><title>x</title>'
            '<link rel="canonical" href="http://127.0.0.1:8000/about/"></head><body><p>x</p></body></html>')
    assert not check_document(page, "http://127.0.0.1:8000/")
    assert any("http: links are not allowed" in v.what for v in check_document(page))
    assert any("http: links are not allowed" in v.what
               for v in check_document(page.replace("127.0.0.1:8000", "evil.example"), "http://127.0.0.1:8000/"))
