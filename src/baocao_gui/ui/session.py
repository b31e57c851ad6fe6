"""The open workbook as the window sees it: the application's ``Document`` on a ``QUndoStack``, with signals.

Every edit is an ``app.Edit`` (do, undo and what it changes), built by a function of ``app/edits/`` and pushed
by ``edit(builder, *args)``; QUndoStack runs ``do`` at once, so every edit is committed when it is made. After
each commit the document reloads what changed and ``changed`` is emitted; widgets and the preview redraw from
that model (one-way flow).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
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
        self.last_refusal: EditRefused | None = None  # why the last edit was refused (retryable or not)

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

    @property
    def locked(self) -> bool:
        """Nothing can be typed: the workbook is read-only, or the report in view was signed and sent."""
        return self.readonly or (self.report is not None and self.report.frozen)

    # --- writing -------------------------------------------------------------------------------------------
    def edit(self, build: Callable[..., Edit], *args: Any, **kwargs: Any) -> Edit | None:
        """Any edit the window offers: ``build(doc, *args, **kwargs)`` (a builder of ``app/edits/``, or one like
        it) makes it, and it is applied, committed and put on the undo stack now. The edit, done (its ``created``
        says what it made), or None when it was refused — at once (a period that exists, a report a year earlier
        missing) or by the workbook — in which case ``failed`` has said why."""
        try:
            edit = build(self.doc, *args, **kwargs)
        except EditRefused as exc:
            self.last_refusal = exc
            self.failed.emit(exc.message)
            return None
        return edit if self._push(edit) else None

    def _push(self, edit: Edit) -> bool:
        if self.readonly:
            self.last_refusal = EditRefused("Sổ báo cáo đang mở chỉ đọc; thay đổi không được lưu.", "read-only")
            self.failed.emit(self.last_refusal.message)
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
            self.last_refusal = exc
            self.failed.emit(exc.message)
            return
        self.saved.emit(f"Đã lưu lúc {time.strftime('%H:%M:%S')}")
        self.changed.emit()
