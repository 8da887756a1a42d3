"""What the register and the View pages say of a record's finding and its sources:
one phrase per finding, the tokens the register's filter selects on, how a sentence names
a source and where it links."""

from __future__ import annotations

from kzrights.data.load import SiteData
from kzrights.data.models import View, article_number
from kzrights.data.symbols import undocs_url

SUBMISSION_DATE = "2022-12-18"  # the NGO submission (data/documents.yaml, ngo-2022)


def after_submission(view: View) -> bool:
    """Adopted after the December 2022 submission (so it could not list it)."""
    return bool(view.adopted) and view.adopted > SUBMISSION_DATE


def finding_label(view: View, data: SiteData, lang: str) -> str:
    """What the register and the page say of the finding, in one phrase."""
    finding = view.finding
    if finding is None:
        return data.label("finding_not-read", lang)
    if finding.outcome == "violation" and finding.articles:
        articles = ", ".join(dict.fromkeys(finding.articles))
        return data.label("finding_violation_articles", lang).format(articles=articles)
    return data.label(f"finding_{finding.outcome}", lang)


def finding_tokens(view: View) -> list[str]:
    """What the register's finding filter selects on: the outcome, and ``violation-N`` per
    article found violated (``not-read`` when nothing was read)."""
    if view.finding is None:
        return ["not-read"]
    tokens = [view.finding.outcome]
    if view.finding.outcome == "violation":
        tokens += [f"violation-{a}" for a in dict.fromkeys(article_number(a) for a in view.finding.articles)]
    return tokens


def source_name(key: str, data: SiteData, lang: str) -> str:
    """How a sentence names a source (``the CCPR Centre's case digest``)."""
    doc = data.documents[key]
    if doc.named is not None:
        return doc.named(lang)
    return doc.key if doc.kind == "un" else doc.title(lang)


def source_url(key: str, lang: str, data: SiteData) -> str | None:
    doc = data.documents[key]
    if doc.url:
        return doc.url
    return undocs_url(doc.key, lang) if doc.kind == "un" else None
