"""Data, validation and rendering for the Kazakhstan civil-rights site.

The package knows nothing about MkDocs: `hooks/` adapts it. Data flows one way:
``data/*.yaml`` -> :mod:`kzrights.load` (validated models) -> :mod:`kzrights.render`
(model + language -> HTML) -> :mod:`kzrights.directives` (placed into a page).
"""
