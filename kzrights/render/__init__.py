"""Pure renderers: (validated data, language) -> HTML or Markdown fragments.

- :mod:`.tables`: case tables, the Views register (its count, finding column and filter
  choices), figure tables, glossary, area cards
- :mod:`.citations`: inline citations and the numbered sources list of a page
- :mod:`.charts`: SVG bar charts of a figure series
- :mod:`.view_page`: the page of one View or decision (its findings as read, with their
  sources; its description and citation tags), and its joint symbols' redirects
- :mod:`.findings`: what the register and the pages say of a finding, and how a sentence
  names and links a source
- :mod:`.cite_block`: the "Cite this" section (kzrights/render/cite.py makes the references,
  with the page's full address; docs/assets/cite.js adds the browser's address and the date
  accessed where the build has no site address)
- :mod:`.text`: escaping, dates in ``<time>``, and the small text helpers the others share
"""
