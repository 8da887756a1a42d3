"""Material's JavaScript bundle loads two scripts from a CDN: a ResizeObserver polyfill
(browsers without ResizeObserver) and Mermaid (pages with class="mermaid"). Both loads
are pointed at files of this site: the polyfill is served from
``overrides/assets/javascripts/``; Mermaid is not shipped (kzrights/site/html_policy.py
refuses class="mermaid"), so that load could only fail on this site, never reach a CDN.
"""

from __future__ import annotations

from pathlib import Path

# CDN address in the bundle -> the same file on this site, relative to the site root
# (the bundle resolves it against __md_scope, the site root set by base.html).
LOCAL_SCRIPTS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/javascripts/resize-observer-polyfill.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/javascripts/mermaid.min.js",
}


def _local(path: str) -> str:
    return f'new URL("{path}",__md_scope).href'


def localise_bundle(site: Path) -> None:
    """Rewrite the CDN addresses in Material's bundle (idempotent: each language build
    copies the theme again). Fails if the bundle no longer holds them: an upgraded
    Material must be looked at again."""
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ValueError(f"expected one Material bundle in {site}/assets/javascripts, found {len(bundles)}")
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for cdn, path in LOCAL_SCRIPTS.items():
        quoted = f'"{cdn}"'
        if quoted in text:
            text = text.replace(quoted, _local(path))
        elif _local(path) not in text:
            raise ValueError(f"{bundle.name}: {cdn} not found; check how this Material loads it")
    bundle.write_text(text, encoding="utf-8")
