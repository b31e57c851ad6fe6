"""The edits a clerk makes, by what they change: one module each. Every builder is a plain function that takes
the open ``Document`` first and returns an ``Edit`` (``set_value(doc, code, field, value)``); it may refuse at
once with ``EditRefused``. The window pushes one with ``session.edit(builder, *args)``, the command line and the
tests apply one with ``doc.apply(builder(doc, *args))``.

- ``figures``      a report's figures, hand-written derived figures, its percentages' decimals
- ``paragraphs``   blocks: text, tables, kinds; inserted, deleted, moved; the accepted changes of a merge
- ``sectors``      sectors and indicators of the workbook; a sector left out of a report, or taken from the catalogue
- ``report_fields`` one report's own fields: header, agency, recipients, annex, signature pictures
- ``reports``      the reports themselves: created, deleted, re-dated; marked signed and sent, unlocked

What every builder may share is here: ``replacing`` (an edit through a store setter) and ``own_step``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ..document import Document
from ..edit import EVERYTHING, Change, Edit


def replacing(doc: Document, label: str, setter: Callable[..., Any], args: tuple, value: Any,
              merge_key: str | None = None, change: Change = EVERYTHING) -> Edit:
    """An edit through a store setter that returns the value it replaced: that value is the undo."""
    replaced: dict[str, Any] = {}
    return Edit(label, lambda: replaced.setdefault("old", setter(doc.db, *args, value)),
                lambda: setter(doc.db, *args, replaced["old"]), change, merge_key)


def own_step(build: Callable[..., Edit], label: str) -> Callable[..., Edit]:
    """The edit ``build`` makes, under another label and never merged with the typing just before it."""

    def build_own(doc: Document, *args: Any, **kwargs: Any) -> Edit:
        return dataclasses.replace(build(doc, *args, **kwargs), label=label, merge_key=None)

    return build_own


__all__ = ["own_step", "replacing"]
