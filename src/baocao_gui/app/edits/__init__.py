"""The edits a clerk makes, by what they change: one module each. Every builder is a plain function that takes
the open ``Document`` first and returns an ``Edit`` (``set_value(doc, code, field, value)``); it may refuse at
once with ``EditRefused``. The window pushes one with ``session.edit(builder, *args)``, the command line and the
tests apply one with ``doc.apply(builder(doc, *args))``.

- ``figures``      a report's figures, hand-written derived figures, its percentages' decimals
- ``paragraphs``   blocks: text, tables, kinds; inserted, deleted, moved; the accepted changes of a merge
- ``sectors``      sectors and indicators of the workbook; a sector left out of a report, or taken from the catalogue
- ``report_fields`` one report's own fields: header, agency, recipients, annex, signature pictures
- ``reports``      the reports themselves: created, deleted, re-dated; marked signed and sent, unlocked
"""
