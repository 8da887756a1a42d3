"""Pure renderers: (validated data, language) -> HTML or Markdown fragments.

- :mod:`.tables`: case tables, the Views register, figure tables, glossary, area cards
- :mod:`.citations`: inline citations and the numbered sources list of a page
- :mod:`.charts`: SVG bar charts of a figure series
- :mod:`.view_page`: the page of one View or decision, and its joint symbols' redirects
- :mod:`.cite_block`: the "Cite this" section (kzrights/render/cite.py makes the references)
- :mod:`.text`: escaping, dates in ``<time>``, and the small text helpers the others share
"""
