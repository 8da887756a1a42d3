"""Pages: a page's Markdown -> its rendered Markdown, using the renderers.

- :mod:`.directives`: finds directives, citations and figures in a page and renders them
- :mod:`.mdext`: the same as a Python-Markdown extension (any generator running Python-Markdown)
- :mod:`.generated`: pages made from data and sources (a View's page, the source reader)
- :mod:`.cited_on`: which pages cite each paragraph of the submission
"""
