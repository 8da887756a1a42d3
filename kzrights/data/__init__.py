"""The facts: ``data/*.yaml`` and ``sources/`` read, validated and cross-checked once.

- :mod:`.plainyaml`: the YAML subset data files may use, with the line of every value
- :mod:`.models`: one pydantic model per record kind
- :mod:`.load`: the one loader (``file:line: field: message`` for every problem) -> ``SiteData``
- :mod:`.source_text`: the submission's sections and numbered paragraphs
- :mod:`.symbols`: UN document symbols (normalise, parse, link)
- :mod:`.labels`: which interface labels the code uses, with their ``{placeholders}``
- :mod:`.schema`: the data formats documented from the models
- :mod:`.page_source`: a page's source checked first: size, line and nesting limits, front matter
- :mod:`.translation`: which English version each translation names; translation states
- :mod:`.history`: each file's last change, from one ``git log``
"""
