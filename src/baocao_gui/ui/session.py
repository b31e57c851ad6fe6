"""The open workbook as the window sees it: the application's ``Document`` on a ``QUndoStack``, with signals.

Every edit is an ``app.Edit`` (do, undo and what it changes); QUndoStack runs ``do`` at once, so every edit
is committed when it is made. After each commit the document reloads what changed and ``changed`` is
emitted; widgets and the preview redraw from that model (one-way flow).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..app import Document, Edit, EditRefused
from ..domain.model import Report, Workbook

log = logging.getLogger(__name__)
MERGE_SECONDS = 3.0  # typing in the same field within this time undoes as one step


class _Command(QUndoCommand):
    def __init__(self, session: WorkbookSession, edit: Edit):
        super().__init__(edit.label)
        self.session, self.edit = session, edit
        self.at = time.monotonic()

    def id(self) -> int:
        return 1 if self.edit.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, _Command) or other.isObsolete() or other.edit.merge_key != self.edit.merge_key
                or other.at - self.at > MERGE_SECONDS):
            return False
        self.edit.do, self.at = other.edit.do, other.at  # keep our undo (the state before the whole burst)
        return True

    def redo(self) -> None:
        self.session._run(self, self.edit.do)

    def undo(self) -> None:
        self.session._run(self, self.edit.undo)


class WorkbookSession(QObject):
    changed = Signal()  # the workbook model was reloaded after a commit
    saved = Signal(str)  # "Đã lưu lúc 10:21:03"
    failed = Signal(str)  # a Vietnamese sentence for the clerk

    def __init__(self, path: str | Path, parent: QObject | None = None, readonly: bool | None = None,
                 take_over: bool = False):
        super().__init__(parent)
        self.doc = Document(path, readonly=readonly, take_over=take_over)
        self.undo_stack = QUndoStack(self)
        self._failed = False

    # --- the document, read through ------------------------------------------------------------------------
    path = property(lambda self: self.doc.path)
    readonly = property(lambda self: self.doc.readonly)
    problems = property(lambda self: self.doc.problems)
    db = property(lambda self: self.doc.db)

    @property
    def workbook(self) -> Workbook:
        return self.doc.workbook

    @property
    def report_id(self) -> int | None:
        return self.doc.report_id

    @property
    def report(self) -> Report | None:
        return self.doc.report

    def choose_report(self, report_id: int) -> None:
        self.doc.choose_report(report_id)
        self.changed.emit()

    def reload(self) -> None:
        self.doc.reload()
        self.changed.emit()

    def close(self) -> None:
        if self.doc.db is None:
            return
        self.undo_stack.clear()
        self.doc.close()

    def save_copy(self, target: Path) -> Path:
        return self.doc.save_copy(target)

    def backups(self):
        return self.doc.backups()

    def restore(self, backup: Path) -> None:
        self.doc.restore(backup)
        self.undo_stack.clear()  # the history described the content that was replaced
        self.changed.emit()

    # --- writing -------------------------------------------------------------------------------------------
    def push(self, edit: Edit) -> bool:
        """Apply and commit an edit now, and put it on the undo stack; False if the workbook refused it."""
        if self.readonly:
            self.failed.emit("Sổ báo cáo đang mở chỉ đọc; thay đổi không được lưu.")
            return False
        self._failed = False
        self.undo_stack.push(_Command(self, edit))  # runs ``do`` now
        return not self._failed

    def _run(self, command: _Command, fn) -> None:
        try:
            self.doc.run(fn, command.edit.change)
        except EditRefused as exc:
            log.warning("edit refused: %s", exc.gloss)
            command.setObsolete(True)  # QUndoStack drops a command made obsolete by its own redo
            self._failed = True
            self.failed.emit(exc.message)
            return
        self.saved.emit(f"Đã lưu lúc {time.strftime('%H:%M:%S')}")
        self.changed.emit()

    def _push(self, edit: Edit, key: str) -> Any:
        return edit.created.get(key) if self.push(edit) else None

    # --- the edits the window offers (app.Document builds them) ----------------------------------------------
    def set_value(self, code: str, field: str, value: float | tuple[float, float] | None) -> bool:
        return self.push(self.doc.set_value(code, field, value))

    def set_override(self, code: str, field: str, value: float | None) -> bool:
        return self.push(self.doc.set_override(code, field, value))

    def set_report_precision(self, precision: int | None) -> bool:
        return self.push(self.doc.set_report_precision(precision))

    def set_report_field(self, field: str, value: Any) -> bool:
        return self.push(self.doc.set_report_field(field, value))

    def set_agency_field(self, field: str, value: str) -> bool:
        return self.push(self.doc.set_agency_field(field, value))

    def set_recipients(self, lines: list[str]) -> bool:
        return self.push(self.doc.set_recipients(lines))

    def set_annex(self, choice) -> bool:
        return self.push(self.doc.set_annex(choice))

    def set_sign_images(self, images) -> bool:
        return self.push(self.doc.set_sign_images(images))

    def set_block_text(self, block_id: int, text: str) -> bool:
        return self.push(self.doc.set_block_text(block_id, text))

    def set_block_table(self, block_id: int, table) -> bool:
        return self.push(self.doc.set_block_table(block_id, table))

    def set_block_kind(self, block_id: int, kind: str) -> bool:
        return self.push(self.doc.set_block_kind(block_id, kind))

    def insert_block(self, part: str, sector: str | None, index: int, kind: str = "paragraph",
                     text: str = "") -> int | None:
        return self._push(self.doc.insert_block(part, sector, index, kind, text), "id")

    def insert_blocks(self, part: str, sector: str | None, index: int, blocks, label: str) -> list[int] | None:
        """An import: all the blocks in one undo step; their ids, or None if refused."""
        return self._push(self.doc.insert_blocks(part, sector, index, blocks, label), "ids")

    def delete_block(self, block_id: int) -> bool:
        return self.push(self.doc.delete_block(block_id))

    def move_block(self, block_id: int, index: int) -> bool:
        return self.push(self.doc.move_block(block_id, index))

    def add_indicator(self, sector: str, name: str, unit: str = "", parent: str | None = None) -> str | None:
        return self._push(self.doc.add_indicator(sector, name, unit, parent), "code")

    def delete_indicator(self, code: str) -> bool:
        return self.push(self.doc.delete_indicator(code))

    def set_indicator_field(self, code: str, field: str, value: Any) -> bool:
        return self.push(self.doc.set_indicator_field(code, field, value))

    def set_indicator_properties(self, code: str, fields: dict[str, Any]) -> bool:
        return self.push(self.doc.set_indicator_properties(code, fields))

    def move_indicator(self, code: str, index: int) -> bool:
        return self.push(self.doc.move_indicator(code, index))

    def add_sector(self, title: str) -> str | None:
        return self._push(self.doc.add_sector(title), "code")

    def set_sector_field(self, code: str, field: str, value: str) -> bool:
        return self.push(self.doc.set_sector_field(code, field, value))

    def build_and_push(self, build, *args) -> Edit | None:
        """An edit the document may refuse to build (a period that exists, a report a year earlier missing): the
        refusal is said like a refused commit; the edit, done, or None."""
        try:
            edit = build(*args)
        except EditRefused as exc:
            self.failed.emit(exc.message)
            return None
        return edit if self.push(edit) else None

    @property
    def locked(self) -> bool:
        """Nothing can be typed: the workbook is read-only, or the report in view was signed and sent."""
        return self.readonly or (self.report is not None and self.report.frozen)

    def create_next_report(self, kind: str | None = None, year: int | None = None) -> Edit | None:
        """The new report's edit (its ``created`` says which period and whether figures were carried), or None."""
        try:
            edit = self.doc.create_next_report(kind, year)
        except EditRefused as exc:
            self.failed.emit(exc.message)
            return None
        return edit if self.push(edit) else None
