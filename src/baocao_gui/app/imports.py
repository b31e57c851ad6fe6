"""A Word import that also makes new indicators: the numbers the clerk accepted as new indicators of the sector
are created (name, unit, the number as their actual figure), cited in the text, and the blocks inserted — one
transaction, one undo step that removes the blocks and the indicators together."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..domain.model import PLAN_DIRECTIONS, Block, Report, Workbook
from ..importers.figures import FoundFigure, NewFigure, cite, find_figures, find_new_figures
from ..importers.word import Cancelled, WordContent, WordFileError, read_word
from ..store import edits
from .document import Document
from .edit import Change, Edit, Scope
from .edits.paragraphs import insert_blocks
from .edits.texts import report_style_block

log = logging.getLogger(__name__)
__all__ = ["FoundFigure", "NewFigure", "WordContent", "figures_offered", "import_edit", "not_read", "read_word_file"]


def import_edit(doc: Document, part: str, sector: str, index: int, blocks: Sequence[Block],
                cited: Sequence[FoundFigure], new: Sequence[NewFigure], label: str) -> Edit:
    """``blocks`` as read at ``index`` of the sector's part: the accepted figures ``cited``, and an indicator made
    for each of ``new`` and cited where its number stood; in the report's tone-mark style once it has one."""
    directions = {f.token.strip("{}").split(".")[0]: f.direction for f in cited if f.direction}
    blocks = [replace(b, text=report_style_block(doc.report, b.kind, b.text)) for b in blocks]
    if not new:
        return _with_directions(doc, insert_blocks(doc, part, sector, index, cite(blocks, cited), label), directions)
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
    return _with_directions(doc, edit, directions)


def _with_directions(doc: Document, edit: Edit, directions: dict[str, str]) -> Edit:
    """``edit`` and, in the same undo step, the plans' directions the imported text stated ("dưới 3%": "below")
    set on their indicators."""
    if not directions:
        return edit
    replaced: dict[str, dict[str, Any]] = {}

    def do() -> None:
        with doc.db.atomic():
            edit.do()
            for code, name in directions.items():
                meaning, direction = PLAN_DIRECTIONS[name]
                replaced[code] = edits.set_indicator_fields(doc.db, code, {"plan_meaning": meaning.value,
                                                                           "plan_direction": direction.value})

    def undo() -> None:
        with doc.db.atomic():
            for code, fields in replaced.items():
                edits.set_indicator_fields(doc.db, code, fields)
            edit.undo()

    combined = Edit(edit.label, do, undo, Change(Scope.ALL), edit.merge_key)
    combined.created = edit.created
    return combined


__all__ = ["import_edit"]


# --- reading a Word file for the window (ui/ reaches importers only through here) ----------------------------------

def read_word_file(path: Path, stop: threading.Event,
                   progress: Callable[[tuple[int, int]], None] | None = None) -> WordContent | str | None:
    """Read an office's Word file (on a worker thread): its content, one Vietnamese sentence saying why it cannot
    be read, or None when ``stop`` was set (the clerk pressed Dừng). ``progress((done, total))`` is told as it
    reads. Never writes."""

    def moved(done: int, total: int) -> None:
        if stop.is_set():
            raise Cancelled
        if progress is not None:
            progress((done, total))

    try:
        return read_word(path, moved)
    except WordFileError as exc:
        log.warning("word import refused: %s", exc.gloss)
        return exc.message
    except Cancelled:
        return None
    except Exception:  # never the preview's sentence for a file that could not be read
        log.exception("word import failed")
        return not_read(path)


def not_read(path: Path) -> str:
    """The sentence for a Word file that could not be read for a reason nobody foresaw (the log has it)."""
    return (f"Không đọc được tệp “{Path(path).name}”; chi tiết đã được ghi vào tệp nhật ký. "
            "Chưa có gì được ghi vào sổ báo cáo.")


def figures_offered(content: WordContent, workbook: Workbook, report: Report,
                    sector: str | None) -> tuple[list[FoundFigure], list[NewFigure]]:
    """The numbers of ``content`` that equal a figure of the sector (offered as citations), and those that match
    none (offered as new indicators)."""
    found = find_figures(content.blocks, workbook, report, sector)
    return found, find_new_figures(content.blocks, workbook, report, sector, found)
