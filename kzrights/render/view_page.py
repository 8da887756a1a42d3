"""The page of one View or decision (``views/<slug>.md``), and the redirect page of each
other symbol of a joint document. Markdown: citations, links and figures go through the
same rendering as a written page (kzrights/pages/directives.py)."""

from __future__ import annotations

from kzrights.i18n import DEFAULT_LANG
from kzrights.data.load import SOURCE_KEY, SiteData
from kzrights.data.models import Person, Text, View
from kzrights.data.symbols import undocs_url
from kzrights.render.text import esc, esc_format, md_esc, time_html, view_title

ABOUT_CORRECTIONS = "about.md#corrections"  # where to propose a correction
SCRIPTS = ("en", "ru", "kk")  # a name in Latin, Russian Cyrillic and Kazakh Cyrillic


def view_page_path(symbol_slug: str) -> str:
    """The page's path under docs/<lang>/, the same in every language."""
    return f"views/{symbol_slug}.md"


def _cite(key: str, paras: list[int] | None = None) -> str:
    if not paras:
        return f"[@{key}]"
    numbers = ", ".join(map(str, sorted(set(paras))))
    return f"[@{key}, {'para.' if len(set(paras)) == 1 else 'paras.'} {numbers}]"


class _Page:
    """Builds one page: a definition list per section, "not recorded" where a field is empty."""

    def __init__(self, view: View, data: SiteData, lang: str):
        self.view, self.data, self.lang = view, data, lang
        self.lines: list[str] = []

    def label(self, name: str) -> str:
        return self.data.label(name, self.lang)

    def not_recorded(self) -> str:
        return (f"*{md_esc(self.label('not_recorded'))}* "
                f"([{md_esc(self.label('propose_correction'))}](../{ABOUT_CORRECTIONS}))")

    def field(self, name: str, values: list[str]) -> None:
        """A term and its definitions (Markdown), or "not recorded"."""
        self.lines.append(md_esc(self.label(name)))
        for value in values or [self.not_recorded()]:
            self.lines.append(f":   {value}")
        self.lines.append("")

    def heading(self, label: str, anchor: str) -> None:
        self.lines += [f"## {md_esc(self.label(label))} {{ #{anchor} }}", ""]

    def in_english(self, text: str) -> str:
        """The English the document prints, marked as English, on a page in another language."""
        return f'<span lang="en">{md_esc(text)}</span> ({md_esc(self.label("as_given"))})'

    def text(self, value: Text | None) -> list[str]:
        if value is None:
            return []
        out = [f"{md_esc(value(self.lang))} {_cite(self.view.symbol)}"]
        if self.lang != "en":
            out.append(self.in_english(value.en))
        return out

    def person(self, person: Person) -> str:
        names = "; ".join(f'{md_esc(self.label("field_script_" + ("latin" if s == "en" else s)))}: '
                          f'<span lang="{s}">{md_esc(person(s))}</span>' for s in SCRIPTS)
        if person.aliases:
            aliases = ", ".join(f'<span lang="en">{md_esc(a)}</span>' for a in person.aliases)
            names += f"; {md_esc(self.label('field_ngo_spelling'))}: {aliases} {self.ngo_cite()}"
        return names

    def ngo_cite(self) -> str:
        return _cite(SOURCE_KEY, self.view.paras) if self.view.in_submission else ""

    def header_cite(self) -> str:
        """Header facts are cited by the document's own symbol."""
        return _cite(self.view.symbol)


def render_view_page(view: View, data: SiteData, lang: str) -> str:
    """The Markdown of a View's page in one language."""
    page = _Page(view, data, lang)
    lines = page.lines
    title = view_title(view, data, lang)
    lines += [f"# {md_esc(title)} {{ #{view.slug} }}", ""]
    kind = view.type or "unknown"
    type_label = f"**{md_esc(page.label('view_type_' + view.type))}.** " if view.type else ""
    lines += [f'<p class="record-type record-type--{kind}" markdown="1">{type_label}'
              f"{md_esc(page.label('view_lead_' + kind))}</p>", ""]
    if not view.in_submission:
        lines += [f'<p class="record-later">{esc(page.label("after_submission"))}</p>', ""]

    page.heading("view_heading_document", "document")
    page.field("field_symbols_joint" if view.also or view.printed_symbol else "field_symbols",
               [f"{md_esc(s)} {page.ngo_cite()}".rstrip()
                for s in ([view.printed_symbol] if view.printed_symbol else view.symbols)])
    page.field("field_type", [f"**{md_esc(page.label('view_type_' + view.type))}** {page.header_cite()}"]
               if view.type else [])
    page.field("field_communications", [md_esc(", ".join(view.numbers))])
    page.field("field_authors", [page.person(p) for p in view.authors])
    page.field("field_adopted", [f"{time_html(view.adopted, lang)} {page.header_cite()}"]
               if view.adopted else [])
    dates = [view.communicated] + view.also_communicated if view.communicated else []
    numbers = [f"{p}" for p in view.numbers]
    page.field("field_communicated", [
        f"{time_html(d, lang)}" + (f" ({md_esc(n)})" if len(dates) > 1 else "") + f" {page.header_cite()}"
        for d, n in zip(dates, numbers)])
    page.field("field_session", [str(view.session)])
    page.field("field_areas", [f"[{md_esc(data.areas[a].title(lang))}](../{data.areas[a].page})"
                               for a in view.areas])

    page.heading("view_heading_subject", "subject")
    page.field("field_subject", page.text(view.subject))
    page.field("field_issues", page.text(view.issues))
    articles = []
    if view.articles_invoked:
        listed = page.label("articles_list").format(articles=", ".join(view.articles_invoked))
        articles.append(f"{md_esc(listed)} {page.header_cite()}")
    if view.articles_invoked_text:
        articles.append(page.in_english(view.articles_invoked_text) if lang != "en"
                        else f"{md_esc(view.articles_invoked_text)} ({md_esc(page.label('as_given'))})")
    if articles:
        articles.append(f"*{md_esc(page.label('articles_invoked_note'))}*")
    page.field("field_articles", articles)

    page.heading("view_heading_implementation", "implementation")
    if not view.in_submission:
        lines += [md_esc(page.label("after_submission")), ""]
    elif view.status:
        lines += [f"{md_esc(page.label('implementation_said'))} "
                  f"**{md_esc(page.label('status_' + view.status))}** "
                  f"{_cite(SOURCE_KEY, view.status_paras)}", ""]
    else:
        lines += [page.not_recorded(), ""]

    page.heading("view_heading_read", "read")
    for symbol in view.symbols:
        for doc_lang in ("en", "ru"):
            text = page.label("read_in").format(symbol=symbol, language=page.label(f"language_{doc_lang}"))
            lines.append(f"- [{md_esc(text)}]({undocs_url(symbol, doc_lang)}){{ hreflang=\"{doc_lang}\" }}")
    link = f"[{md_esc(page.label('propose_correction'))}](../{ABOUT_CORRECTIONS})"
    lines += ["", esc_format(page.label("not_recorded_note"), md_esc, link=link), ""]
    return "\n".join(lines)


def render_view_redirect(view: View, symbol_slug: str, symbol: str, data: SiteData, lang: str) -> str:
    """The page of another symbol of a joint document: it sends the reader to the joint page.

    ``overrides/redirect.html`` reads ``redirect_to`` and writes the refresh and the
    canonical link into <head> (no script).
    """
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    title = view_title(view, data, lang)
    return "\n".join([
        "---",
        "template: redirect.html",
        f"redirect_to: {prefix}views/{view.slug}",
        "---",
        "",
        f"# {md_esc(symbol)} {{ #{symbol_slug} }}",
        "",
        f"{md_esc(data.label('joint_redirect', lang).format(symbol=symbol))} "
        f"[{md_esc(title)} ({md_esc(view.symbol)})]({view.slug}.md)",
        "",
    ])

