"""An open workbook, as the window and the command line use it: no Qt here.

``Document`` opens, locks, checks and backs up a workbook, keeps its model (the report in view and the others'
labels), and applies edits: ``run`` applies an ``Edit``'s ``do`` or ``undo`` (committed at once), then reloads only
what the change touched. The edits themselves are built in ``app/edits/``, a module for each kind of change; the
window's ``WorkbookSession`` puts them on a ``QUndoStack``.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.model import Report, Workbook
from ..errors import UserError
from ..store import (
    DamagedWorkbook,
    UnreadableRows,
    close_workbook,
    edits,
    load_workbook,
    open_workbook,
    writable,
)
from ..store.backup import list_backups, make_backup, restore_backup, save_copy
from ..store.lock import WorkbookLock, holder_sentence
from ..store.workbook import BusyWorkbook, busy, code_maps, load_blocks, load_value
from .edit import EVERYTHING, Change, Edit, EditRefused, Scope, refusal

log = logging.getLogger(__name__)
# A file held by antivirus or OneDrive: an edit waits this long (the window's text binding retries with
# pauses, so the window never freezes for SQLite's three seconds).
BUSY_MS = 250


class Document:
    """One open workbook: its file, lock and model, the report in view, and the edits applied to it."""

    def __init__(self, path: str | Path, readonly: bool | None = None, take_over: bool = False):
        self.path = Path(path)
        self.readonly = (not writable(self.path)) if readonly is None and self.path.is_file() else bool(readonly)
        # why it is read-only, for what the window tells the clerk: "place" (a file or folder that cannot be
        # written), "chosen" (opened to view), "locked" (to view, while another window edits it: ``held_by`` says
        # whose), "problems" (unreadable rows)
        self.readonly_because = None if not self.readonly else "chosen" if readonly else "place"
        self.lock = WorkbookLock(self.path)
        self.held_by = ""  # "Sổ báo cáo đang được mở bởi … trên máy …" when another window holds it
        if self.readonly_because == "chosen":
            holder = self.lock.holder()
            if holder and not self.lock.stale(holder):  # opened to view because another window edits it
                self.readonly_because = "locked"
                self.held_by = holder_sentence(holder, holder.get("host") == self.lock.me["host"])
        self.db = None
        if not self.readonly:
            self.lock.acquire(take_over)  # LockedError (a UserError) names who holds it
        try:
            try:
                self.db = open_workbook(self.path, readonly=self.readonly, busy_ms=BUSY_MS)
            except UnreadableRows as exc:  # nothing was written: read what can be read, change nothing
                log.warning("%s opens read-only: %s", self.path, exc.gloss)
                self.lock.release()
                self.readonly, self.readonly_because = True, "problems"
                self.db = open_workbook(self.path, readonly=True)
            self.workbook: Workbook = load_workbook(self.db, only=-1)
            self.report_id: int | None = self.workbook.report_for().id if self.workbook.reports else None
            self.workbook = load_workbook(self.db, only=self.report_id)
        except BaseException as exc:
            if self.db is not None:
                self.db.close()
            self.lock.release()
            if isinstance(exc, sqlite3.DatabaseError) and busy(exc):
                raise BusyWorkbook(self.path) from exc
            if isinstance(exc, sqlite3.DatabaseError):
                raise DamagedWorkbook(f"Tệp “{self.path.name}” bị hỏng, không đọc được; tệp chưa bị thay đổi.",
                                      f"{self.path}: {exc}") from exc
            raise
        self.problems: tuple[str, ...] = self.workbook.problems
        self._sectors: dict[int, str] | None = None  # sector id → code, while the sectors stay as they are
        if not self.readonly:  # only a workbook that was checked and read whole is backed up
            make_backup(self.db, self.path, "mo")

    # --- reading -------------------------------------------------------------------------------------------
    @property
    def report(self) -> Report | None:
        return next((r for r in self.workbook.reports if r.id == self.report_id), None)

    def choose_report(self, report_id: int) -> None:
        self.report_id = report_id
        self.reload()

    def reload(self, change: Change = EVERYTHING) -> None:
        """After a commit: read again only what ``change`` touched, in the report in view."""
        report = self.report
        if change.scope == Scope.FIGURE and report is not None and change.code:
            values = {k: v for k, v in report.values.items() if k != change.code}
            one = load_value(self.db, report.id, change.code)
            if one is not None:
                values[change.code] = one
            self._replace(dataclasses.replace(report, values=values))
            return
        if change.scope == Scope.BLOCKS and report is not None:
            if self._sectors is None:
                self._sectors = code_maps(self.db)[0]
            if change.part is None:
                blocks = load_blocks(self.db, report.id, self._sectors)
            else:  # just the part whose paragraph changed
                blocks = {k: v for k, v in report.blocks.items() if k != change.part}
                blocks.update(load_blocks(self.db, report.id, self._sectors, only=change.part))
            self._replace(dataclasses.replace(report, blocks=blocks))
            return
        self._sectors = None
        self.workbook = load_workbook(self.db, only=self.report_id)
        if self.report is None and self.workbook.reports:
            self.report_id = self.workbook.report_for().id
            self.workbook = load_workbook(self.db, only=self.report_id)

    def _replace(self, report: Report) -> None:
        reports = tuple(report if r.id == report.id else r for r in self.workbook.reports)
        self.workbook = dataclasses.replace(self.workbook, reports=reports)

    def close(self) -> None:
        if self.db is None:
            return
        if self.readonly:
            self.db.close()
        else:
            close_workbook(self.db)
        self.db = None
        self.lock.release()

    # --- whole-file operations -----------------------------------------------------------------------------
    def save_copy(self, target: Path) -> Path:
        return save_copy(self.db, target)

    def backups(self):
        return list_backups(self.path)

    def restore(self, backup: Path) -> None:
        """Replace the workbook's content with a backup's (the current state is backed up first)."""
        if self.readonly:
            raise UserError("Sổ báo cáo đang mở chỉ đọc; không khôi phục được.", "restore in read-only mode")
        restore_backup(self.db, self.path, backup)
        self.reload()

    # --- applying an edit ----------------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], change: Change) -> None:
        """Apply an edit's ``do`` or ``undo`` (it commits), then reload what it changed; ``EditRefused`` when
        the workbook refuses it, in which case nothing was changed."""
        if self.readonly:
            raise EditRefused("Sổ báo cáo đang mở chỉ đọc; thay đổi không được lưu.", "read-only")
        if self.report is not None and self.report.frozen and not getattr(fn, "on_frozen", False):
            raise EditRefused(f"Báo cáo {self.report.period.label} đã ký, đã gửi nên không sửa được; "
                              "muốn sửa, chọn “Mở khóa để sửa”.", "frozen report")
        try:
            fn()
        except edits.EditError as exc:
            raise EditRefused(str(exc), repr(exc)) from exc
        except EditRefused:
            raise
        except UserError as exc:
            raise EditRefused(exc.message, exc.gloss) from exc
        except sqlite3.Error as exc:
            raise refusal(exc) from exc
        self.reload(change)

    def apply(self, edit: Edit) -> None:
        """Run an edit's ``do`` outside any undo history (the command line, scripts, tests)."""
        self.run(edit.do, edit.change)


__all__ = ["BUSY_MS", "Document"]
