"""The built site: what happens to the HTML and files a build produced.

- :mod:`.html_policy`: the one allowlist of elements, attributes, URL schemes and hosts, read as
  browsers read HTML (Lexbor); a page's content, then every finished page whole
- :mod:`.static_files`: no symbolic links in the sources; files besides pages published by type
- :mod:`.csp`, :mod:`.theme_assets`: Content-Security-Policy hashes of the fixed inline scripts; no CDN loads
- :mod:`.content_cache`: per-page results remembered by the HTML's digest
- :mod:`.headers`, :mod:`.compress`, :mod:`.minify`: HTTP headers, ``.br``/``.gz``, own assets minified
- :mod:`.publish`, :mod:`.serve`: the atomic swap into ``site/``; the preview/benchmark server
- :mod:`.search`: Kazakh query stemming (the same rules as ``docs/assets/site.js``)
- :mod:`.meta`: each page's description from its first paragraph
"""
