"""The built site, as editors see it: the translation-status page in three languages
agrees with the files; every page names its source file, where to send a correction,
and its last change; the open data states its licence."""

from __future__ import annotations

import re
from html import escape, unescape

import pytest

from kzrights.i18n import LANGS
from kzrights.render.editing import edit_url, render_page_footer
from kzrights.render.text import md_esc
from kzrights.data.translation import page_states, translation_status

from .conftest import ROOT, real_data, run_build
from .test_site import PAGES, html_path


def status_rows(html: str) -> dict[str, list[str]]:
    """First table of the page: page name -> the cells after it."""
    table = html[html.index('id="pages"'):]
    table = table[:table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_translation_status_page_matches_the_files(built_site, lang):
    html = html_path(built_site, lang, "translation-status.md").read_text(encoding="utf-8")
    rows = status_rows(html)
    expected: dict[str, list[str]] = {}
    for state in page_states(ROOT / "docs"):
        expected.setdefault(state.page, []).append(real_data().label("tr_" + state.state, lang))
    assert rows == expected
    assert sorted(rows) == PAGES
    status = translation_status(ROOT / "docs", real_data())
    for kind, ids in status.record_ids.items():  # every data record is listed
        assert f"data/{kind}.yaml" in html
        assert all(f"<code>{escape(i)}</code>" in html for i in ids), kind


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_its_source_and_where_to_send_corrections(built_site, lang):
    for page in PAGES:
        html = html_path(built_site, lang, page).read_text(encoding="utf-8")
        meta = html[html.index('class="kz-page-meta"'):]
        assert f"<code>docs/{lang}/{page}</code>" in meta, (lang, page)
        assert re.search(r'href="(?:\./|[./]*about/)#corrections"', meta), (lang, page)
        assert real_data().label("last_changed", lang).split(":")[0] in meta, (lang, page)  # git is present
        assert "/edit/main/" not in meta  # no repository address is configured


def test_a_repository_address_turns_the_file_name_into_an_edit_link():
    footer = render_page_footer(real_data(), "kk", "docs/kk/assembly.md", repository="https://example.org/kz/site/",
                                changed="2022-12-18")
    assert "(https://example.org/kz/site/edit/main/docs/kk/assembly.md)" in footer
    assert "about.md#corrections" not in footer
    assert md_esc("Соңғы өзгеріс: 2022\u00a0ж. 18 желтоқсан") in footer
    assert edit_url("https://example.org/r", "docs/ru/x.md") == "https://example.org/r/edit/main/docs/ru/x.md"
    generated = render_page_footer(real_data(), "en", "data/", repository="https://example.org/r")
    assert "(https://example.org/r/tree/main/data/)" in generated and "(docs:about.md#corrections)" in generated
    assert "`data/`" in render_page_footer(real_data(), "kk", "data/")
    without = render_page_footer(real_data(), "ru", "docs/ru/assembly.md")
    assert "`docs/ru/assembly.md`" in without and "(docs:about.md#corrections)" in without
    assert "Последнее изменение" not in without  # no history: no date rather than a wrong one


def test_open_data_states_its_licence(built_site):
    readme = (built_site / "data" / "README.txt").read_text(encoding="utf-8")
    assert readme.count("CC BY 4.0: https://creativecommons.org/licenses/by/4.0/") == 3
    for lang in LANGS:
        html = html_path(built_site, lang, "open-data.md").read_text(encoding="utf-8")
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
        assert 'id="schema-case"' in html  # the generated data formats


def test_outdated_translation_shows_a_notice_and_the_build_log_is_short(preview_site):
    """A copy of the project whose English glossary page changed, built for a preview."""
    log = (preview_site / "build.log").read_text(encoding="utf-8").strip().splitlines()
    assert len(log) <= 4 and not any(line.startswith("INFO") for line in log), log
    site = preview_site / "site"
    for lang in ("ru", "kk"):
        notice = real_data().label("translation_outdated", lang)
        assert notice in unescape(html_path(site, lang, "glossary.md").read_text(encoding="utf-8")), lang
        assert notice not in unescape(html_path(site, lang, "about.md").read_text(encoding="utf-8")), lang
        rows = status_rows(html_path(site, lang, "translation-status.md").read_text(encoding="utf-8"))
        assert rows["glossary.md"] == [real_data().label("tr_outdated", lang)] * 2
    assert "admonition warning" not in html_path(site, "en", "glossary.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_one_language_preview(tmp_path):
    site = tmp_path / "site"
    result = run_build("--lang", "kk", "--no-offline", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pages in kk in" in result.stdout
    assert '<html lang="kk"' in (site / "kk" / "assembly" / "index.html").read_text(encoding="utf-8")
    assert not (site / "ru").exists()  # English, the default language, is always built
