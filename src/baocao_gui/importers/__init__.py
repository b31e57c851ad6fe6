"""Files read into a workbook: a Word file from an office into a sector, last year's report as a new workbook
(``word``, ``report``; ``package`` checks a Word file before anything parses it). The contract every importer keeps:

- an importer reads a file and returns what it found as plain domain data (blocks, tables, figures found),
  with what it could not read as one Vietnamese line each — it never writes;
- the window shows that before anything lands, then applies it as ``app.Edit``s through ``app.Document``,
  so one undo removes a whole import and a refused edit changes nothing;
- no Qt here (the command line imports too).
"""
