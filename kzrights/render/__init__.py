"""Pure renderers: (validated data, language) -> HTML or Markdown fragments.

- :mod:`.tables`: case tables, the Views register, figure tables, glossary, area cards
- :mod:`.citations`: inline citations and the numbered sources list of a page
- :mod:`.charts`: SVG bar charts of a figure series
- :mod:`.text`: escaping and the small text helpers the others share
"""
