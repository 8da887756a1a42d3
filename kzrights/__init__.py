"""Data, validation and rendering for the Kazakhstan civil-rights site, in layers that
import only downward (the import-linter contract in pyproject.toml says so):

- :mod:`kzrights.plugin`: the one MkDocs/ProperDocs plugin (the only module that imports MkDocs)
- :mod:`kzrights.site` (built HTML, publishing, serving) · :mod:`kzrights.checks` (editors' checks)
- :mod:`kzrights.pages`: a Markdown page -> its rendered Markdown; generated record pages
- :mod:`kzrights.render`: pure renderers, model + language -> HTML fragments and files
- :mod:`kzrights.data`: YAML -> validated models; sources, symbols, labels, git dates
- :mod:`kzrights.i18n`: the three languages, number and date formats
"""
