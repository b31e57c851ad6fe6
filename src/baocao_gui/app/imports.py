"""A Word import that also makes new indicators: the numbers the clerk accepted as new indicators of the sector
are created (name, unit, the number as their actual figure), cited in the text, and the blocks inserted — one
transaction, one undo step that removes the blocks and the indicators together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..domain.model import Block
from ..importers.figures import FoundFigure, NewFigure, cite
from ..store import edits
from .document import Change, Document, Edit, Scope


def import_edit(doc: Document, part: str, sector: str, index: int, blocks: Sequence[Block],
                cited: Sequence[FoundFigure], new: Sequence[NewFigure], label: str) -> Edit:
    """``blocks`` as read at ``index`` of the sector's part: the accepted figures ``cited``, and an indicator made
    for each of ``new`` and cited where its number stood."""
    if not new:
        return doc.insert_blocks(part, sector, index, cite(blocks, cited), label)
    rid, db = doc.report_id, doc.db
    state: dict[str, Any] = {}

    def do() -> None:
        with db.atomic():
            if "snapshots" in state:  # redo: the same indicators, figures and blocks again
                for snapshot in state["snapshots"]:
                    edits.restore_indicator(db, snapshot)
                rows = state["rows"]
            else:
                out = list(blocks)
                codes = []
                for f in new:
                    code = edits.add_indicator(db, sector, f.name, f.unit)
                    edits.set_value(db, rid, code, "actual", f.value)
                    codes.append(code)
                places = [(f, f.token) for f in cited] + [(f, "{{" + c + "}}") for f, c in zip(new, codes, strict=True)]
                for f, token in sorted(places, key=lambda x: x[0].start, reverse=True):
                    text = out[f.block].text
                    if text[f.start:f.end] == f.written:  # the text it was found in
                        out[f.block] = replace(out[f.block], text=text[:f.start] + token + text[f.end:])
                state["codes"] = codes
                rows = state["rows"] = [(b.kind.value, b.text) for b in out]
            state["ids"] = edits.insert_blocks(db, rid, part, sector, index, rows, block_ids=state.get("ids"))

    def undo() -> None:
        with db.atomic():
            edits.delete_blocks(db, state["ids"])
            state["snapshots"] = [edits.delete_indicator(db, code) for code in reversed(state["codes"])][::-1]

    edit = Edit(label, do, undo, Change(Scope.ALL))
    edit.created = state
    return edit


__all__ = ["import_edit"]
