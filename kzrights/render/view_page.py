"""The page of one View or decision (``views/<slug>.md``), and the redirect page of each
other symbol of a joint document. Markdown: citations, links and figures go through the
same rendering as a written page (kzrights/pages/directives.py).

What the Committee found and asked for is shown only as the sources read report it, each
reading as "According to <source>, …" with the source linked and its own words; a record
whose UN document was not read says so under its title, and gives no header facts.
"""

from __future__ import annotations

import json

from kzrights.i18n import DEFAULT_LANG, format_date
from kzrights.data.load import SOURCE_KEY, SiteData, alias_paras
from kzrights.data.models import Person, Reading, SeenIn, Text, View
from kzrights.data.symbols import undocs_url
from kzrights.render.findings import after_submission, finding_label, source_name, source_url
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


def description(view: View, data: SiteData, lang: str) -> str:
    """The page's own description for link previews: the parties, the date, the subject."""
    kind = data.label(f"desc_kind_{view.type or 'unknown'}", lang)
    symbol = view.printed_symbol or view.symbol
    first = f"{kind}: {view_title(view, data, lang)}"
    if symbol:
        first += f" ({symbol})"
    elif view.numbers:
        first += f" ({data.label('cite_communications', lang).format(numbers=', '.join(view.numbers))})"
    if view.adopted:
        first += ", " + data.label("desc_adopted", lang).format(date=format_date(view.adopted, lang))
    parts = [first.rstrip(".") + "."]
    if view.read == "list":
        parts.append(data.label("desc_unread_list", lang))
    elif view.read == "secondary":
        parts.append(data.label("desc_unread_secondary", lang))
    if view.subject:
        parts.append(view.subject(lang).rstrip(".") + ".")
    return " ".join(parts)


def highwire(view: View, data: SiteData, lang: str) -> list[tuple[str, str]]:
    """The ``citation_*`` tags that Zotero and Google Scholar read (Highwire Press): the
    page's address (``citation_public_url``) is added by overrides/main.html when the build
    has a site address."""
    tags = [("citation_title", view_title(view, data, lang)),
            ("citation_author", data.label("cite_committee", lang))]
    if view.adopted:
        tags.append(("citation_date", view.adopted.replace("-", "/")))
    if view.printed_symbol or view.symbol:
        tags.append(("citation_technical_report_number", view.printed_symbol or view.symbol))
    tags += [("citation_technical_report_institution", data.label("cite_committee", lang)),
             ("citation_language", lang)]
    return tags


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

    def as_printed(self, text: str) -> str:
        """Text the document prints, marked with its language and how it is given."""
        doc_lang = self.view.header_lang
        if doc_lang == "ar":
            return f'<span lang="en">{md_esc(text)}</span> ({md_esc(self.label("gloss_ar"))})'
        note = ("as_given_en_here" if doc_lang == self.lang
                else "as_given_ru" if doc_lang == "ru" else "as_given")
        return f'<span lang="{doc_lang}">{md_esc(text)}</span> ({md_esc(self.label(note))})'

    def text(self, value: Text | None) -> list[str]:
        """A header text in the page's language, and as the document prints it."""
        if value is None:
            return []
        printed = value.en if self.view.header_lang == "ar" else value(self.view.header_lang)
        out = [f"{md_esc(value(self.lang))} {self.header_cite()}"]
        if self.view.header_lang != self.lang or self.view.header_lang == "ar":
            out.append(self.as_printed(printed))
        return out

    def person(self, person: Person) -> str:
        names = "; ".join(f'{md_esc(self.label("field_script_" + ("latin" if s == "en" else s)))}: '
                          f'<span lang="{s}">{md_esc(person(s))}</span>' for s in SCRIPTS)
        if person.aliases:
            names += f"; {md_esc(self.label('field_ngo_spelling'))}: {self.aliases(person)}"
        return names

    def aliases(self, person: Person) -> str:
        """Each other spelling with the paragraphs of the submission that print it."""
        texts = {p.number: p.text for p in self.data.source.paragraphs}
        return ", ".join(f'<span lang="en">{md_esc(a)}</span> '
                         f"{_cite(SOURCE_KEY, alias_paras(a, self.view.paras, texts))}"
                         for a in person.aliases)

    def ngo_cite(self) -> str:
        return _cite(SOURCE_KEY, self.view.paras) if self.view.in_submission else ""

    def header_cite(self) -> str:
        """Header facts are cited by the document's own symbol (or its page's key)."""
        return _cite(self.view.key)

    def source_link(self, key: str, *, capital: bool = False) -> str:
        name = source_name(key, self.data, self.lang)
        name = md_esc(name[:1].upper() + name[1:] if capital else name)
        url = source_url(key, self.lang, self.data)
        return f"[{name}]({url})" if url else name

    def reading(self, reading: Reading | SeenIn) -> list[str]:
        """``According to <source>, <says>.`` with the source linked and cited, its own words
        in its language, and a caution."""
        says = reading.says(self.lang) if reading.says else ""
        if says:
            template = self.label("according_to")
            sentence = esc_format(template, md_esc, says=md_esc(says), source=self.source_link(
                reading.source, capital=template.startswith("{source}")))
        else:
            sentence = self.source_link(reading.source, capital=True) + "."
        out = [f"{sentence} {_cite(reading.source, reading.paras)}"]
        quotes = getattr(reading, "quotes", [])
        if quotes:
            words = "; ".join(f"“{md_esc(q)}”" for q in quotes)
            out.append(f'{md_esc(self.label("source_words"))} <span lang="{reading.quote_lang}">{words}</span>')
        caution = getattr(reading, "caution", None)
        if caution:
            out.append(f"*{md_esc(self.label('caution'))}* {md_esc(caution(self.lang))}")
        return out

    def readings(self, readings: list) -> None:
        for reading in readings:
            parts = self.reading(reading)
            self.lines.append(f"- {parts[0]}")
            for part in parts[1:]:
                self.lines += ["", f"    {part}"]
            self.lines.append("")


def _lead(page: _Page) -> list[str]:
    view = page.view
    kind = view.type or "unknown"
    badge = page.label(f"view_type_{kind}")
    lead = {"header": f"view_lead_{kind}", "list": "view_lead_list",
            "secondary": "view_lead_secondary"}[view.read]
    lines = [f'<p class="record-type record-type--{kind if view.read == "header" else "unread"}" '
             f'markdown="1">**{md_esc(badge)}.** {md_esc(page.label(lead))}</p>', ""]
    spellings = [p for p in view.authors if p.aliases]
    if spellings:
        names = "; ".join(page.aliases(p) for p in spellings)
        lines += [f'<p class="record-aliases" markdown="1">'
                  f"{esc_format(page.label('aliases_line'), md_esc, names=names)}</p>", ""]
    if after_submission(view):
        lines += [f'<p class="record-later">{esc(page.label("after_submission"))}</p>', ""]
    elif not view.in_submission:
        lines += [f'<p class="record-later">{esc(page.label("not_in_list"))}</p>', ""]
    return lines


def _document(page: _Page, lang: str) -> None:
    view, data = page.view, page.data
    page.heading("view_heading_document", "document")
    if view.symbol:
        page.field("field_symbols_joint" if view.also or view.printed_symbol else "field_symbols",
                   [f"{md_esc(s)} {page.ngo_cite()}".rstrip()
                    for s in ([view.printed_symbol] if view.printed_symbol else view.symbols)])
    else:
        page.field("field_symbols", [f"*{md_esc(page.label('symbol_unknown'))}*"])
    page.field("field_read", [md_esc(page.label(f"read_{view.read}"))])
    page.field("field_type", [f"**{md_esc(page.label('view_type_' + view.type))}** {page.header_cite()}"]
               if view.type else [])
    page.field("field_communications", [md_esc(", ".join(view.numbers))])
    page.field("field_authors" if view.read == "header" else "field_authors_named",
               [page.person(p) for p in view.authors])
    if view.represented:
        page.field("field_represented", [page.as_printed(view.represented) + " " + page.header_cite()])
    page.field("field_adopted", [f"{time_html(view.adopted, lang)} {page.header_cite()}"]
               if view.adopted else [])
    dates = [view.communicated] + view.also_communicated if view.communicated else []
    page.field("field_communicated", [
        f"{time_html(d, lang)}" + (f" ({md_esc(n)})" if len(dates) > 1 else "") + f" {page.header_cite()}"
        for d, n in zip(dates, view.numbers)])
    page.field("field_session", [str(view.session)] if view.session else [])
    page.field("field_areas", [f"[{md_esc(data.areas[a].title(lang))}](../{data.areas[a].page})"
                               for a in view.areas])


def _subject(page: _Page, lang: str) -> None:
    view = page.view
    page.heading("view_heading_subject", "subject")
    page.field("field_subject", page.text(view.subject))
    page.field("field_issues", page.text(view.issues))
    if view.procedural_issues:
        page.field("field_procedural", page.text(view.procedural_issues))
    articles = []
    if view.articles_invoked:
        listed = page.label("articles_list").format(articles=", ".join(view.articles_invoked))
        articles.append(f"{md_esc(listed)} {page.header_cite()}")
    if view.articles_invoked_text:
        articles.append(page.as_printed(view.articles_invoked_text))
    if articles:
        articles.append(f"*{md_esc(page.label('articles_invoked_note'))}*")
    page.field("field_articles", articles)
    if view.header_note:
        page.field("field_header_note", [f"{md_esc(view.header_note(lang))} {page.header_cite()}"])


def _finding(page: _Page) -> None:
    view = page.view
    page.heading("view_heading_finding", "finding")
    if view.finding is None:
        page.lines += [f'<p class="finding finding--not-read">{esc(page.label("finding_none"))}</p>', ""]
    else:
        page.lines += [f'<p class="finding finding--{view.finding.outcome}"><strong>'
                       f'{esc(finding_label(view, page.data, page.lang))}</strong></p>', "",
                       md_esc(page.label("finding_as_read")), ""]
        page.readings(view.finding.read)
        page.lines += [f"*{md_esc(page.label('finding_secondary'))}*", ""]
    page.heading("view_heading_remedy", "remedy")
    if view.remedy:
        page.readings(view.remedy)
    else:
        page.lines += [md_esc(page.label("remedy_none")), ""]


def _implementation(page: _Page) -> None:
    view = page.view
    page.heading("view_heading_implementation", "implementation")
    if not view.in_submission:
        page.lines += [md_esc(page.label("not_in_list")), ""]
    elif view.implementation:
        if len(view.implementation) > 1:
            page.lines += [md_esc(page.label("implementation_two")), ""]
        for said in view.implementation:
            cite = _cite(SOURCE_KEY, said.paras)
            if said.of_list:
                text = f"{md_esc(page.label('implementation_of_list'))} {cite}"
            else:
                text = (f"{md_esc(page.label('implementation_said'))} "
                        f"**{md_esc(page.label('status_' + said.status))}** {cite}")
            page.lines.append(f"- {text}" if len(view.implementation) > 1 else text)
        page.lines.append("")
    else:
        page.lines += [page.not_recorded(), ""]
    if view.follow_up:
        page.lines += [md_esc(page.label("follow_up_intro")), ""]
        page.readings(view.follow_up)


def _known_from(page: _Page) -> None:
    view = page.view
    if not view.seen_in:
        return
    page.heading("view_heading_known_from", "known-from")
    page.readings(view.seen_in)
    if view.secondary_note:
        page.field("field_secondary_note", [md_esc(view.secondary_note(page.lang))])


def render_view_page(view: View, data: SiteData, lang: str) -> str:
    """The Markdown of a View's page in one language, with its description and the
    ``citation_*`` tags in the front matter (overrides/main.html writes them)."""
    page = _Page(view, data, lang)
    front = ["---", f"description: {json.dumps(description(view, data, lang), ensure_ascii=False)}",
             "highwire:"]
    front += [f"  - {json.dumps(list(tag), ensure_ascii=False)}" for tag in highwire(view, data, lang)]
    front += ["---", ""]
    lines = page.lines
    lines += [f"# {md_esc(view_title(view, data, lang))} {{ #{view.slug} }}", ""]
    lines += _lead(page)
    _document(page, lang)
    _subject(page, lang)
    _finding(page)
    _implementation(page)
    _known_from(page)
    page.heading("view_heading_read", "read")
    for symbol in view.symbols:
        for doc_lang in ("en", "ru"):
            text = page.label("read_in").format(symbol=symbol, language=page.label(f"language_{doc_lang}"))
            lines.append(f"- [{md_esc(text)}]({undocs_url(symbol, doc_lang)}){{ hreflang=\"{doc_lang}\" }}")
    if not view.symbols:
        lines.append(md_esc(page.label("read_no_symbol")))
    link = f"[{md_esc(page.label('propose_correction'))}](../{ABOUT_CORRECTIONS})"
    lines += ["", esc_format(page.label("not_recorded_note"), md_esc, link=link), ""]
    return "\n".join(front + lines)


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
        f"[{md_esc(title)} ({md_esc(view.key)})]({view.slug}.md)",
        "",
    ])
