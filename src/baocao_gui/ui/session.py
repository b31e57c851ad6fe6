"""The open workbook as the window sees it: every edit goes through here, onto the undo stack, into the file.

An edit is a pair of functions (do, undo) over store.edits; QUndoStack runs ``do`` at once, so every
edit is committed when it is made. After each commit the workbook model is reloaded and ``changed``
is emitted; widgets and the preview redraw from that model (one-way flow).
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

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
from ..store.lock import WorkbookLock
from ..store.workbook import BusyWorkbook, busy, code_maps, load_blocks, load_value, load_values

log = logging.getLogger(__name__)
MERGE_SECONDS = 3.0  # typing in the same field within this time undoes as one step
# A file held by antivirus or OneDrive: the window waits this long per attempt (the text binding retries
# with pauses, so the window never freezes for SQLite's three seconds).
BUSY_MS = 250


class _Edit(QUndoCommand):
    def __init__(self, session: WorkbookSession, text: str, do: Callable[[], Any], undo: Callable[[], Any],
                 merge_key: str | None = None, scope: str = "all"):
        super().__init__(text)
        self.session, self._do, self._undo, self.merge_key, self.scope = session, do, undo, merge_key, scope
        self.at = time.monotonic()

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, _Edit) or other.isObsolete() or other.merge_key != self.merge_key
                or other.at - self.at > MERGE_SECONDS):
            return False
        self._do, self.at = other._do, other.at  # keep our undo (the state before the whole burst)
        return True

    def redo(self) -> None:
        self.session._run(self, self._do)

    def undo(self) -> None:
        self.session._run(self, self._undo)


class WorkbookSession(QObject):
    changed = Signal()  # the workbook model was reloaded after a commit
    saved = Signal(str)  # "Đã lưu lúc 10:21:03"
    failed = Signal(str)  # a Vietnamese sentence for the clerk

    def __init__(self, path: str | Path, parent: QObject | None = None, readonly: bool | None = None,
                 take_over: bool = False):
        super().__init__(parent)
        self.path = Path(path)
        self.readonly = (not writable(self.path)) if readonly is None and self.path.is_file() else bool(readonly)
        self.lock = WorkbookLock(self.path)
        self.db = None
        if not self.readonly:
            self.lock.acquire(take_over)  # LockedError (a UserError) names who holds it
        try:
            try:
                self.db = open_workbook(self.path, readonly=self.readonly, busy_ms=BUSY_MS)
            except UnreadableRows as exc:  # nothing was written: read what can be read, change nothing
                log.warning("%s opens read-only: %s", self.path, exc.gloss)
                self.lock.release()
                self.readonly = True
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
        if not self.readonly:  # only a workbook that was checked and read whole is backed up
            make_backup(self.db, self.path, "mo")
        self.undo_stack = QUndoStack(self)

    # --- reading -------------------------------------------------------------------------------------------
    @property
    def report(self) -> Report | None:
        return next((r for r in self.workbook.reports if r.id == self.report_id), None)

    def choose_report(self, report_id: int) -> None:
        self.report_id = report_id
        self.reload()

    def reload(self, scope: str = "all") -> None:
        """After a commit: ``values`` or ``blocks`` re-read only that part of the report in view."""
        report = self.report
        if scope.startswith("value:") and report is not None:
            code = scope.removeprefix("value:")
            values = {k: v for k, v in report.values.items() if k != code}
            one = load_value(self.db, report.id, code)
            if one is not None:
                values[code] = one
            report = dataclasses.replace(report, values=values)
            self.workbook = dataclasses.replace(
                self.workbook, reports=tuple(report if r.id == report.id else r for r in self.workbook.reports))
            self.changed.emit()
            return
        if scope in ("values", "blocks") and report is not None:
            sectors, indicators = code_maps(self.db)
            if scope == "values":
                report = dataclasses.replace(report, values=load_values(self.db, report.id, indicators))
            else:
                report = dataclasses.replace(report, blocks=load_blocks(self.db, report.id, sectors))
            reports = tuple(report if r.id == report.id else r for r in self.workbook.reports)
            self.workbook = dataclasses.replace(self.workbook, reports=reports)
            self.changed.emit()
            return
        self.workbook = load_workbook(self.db, only=self.report_id)
        if self.report is None and self.workbook.reports:
            self.report_id = self.workbook.report_for().id
            self.workbook = load_workbook(self.db, only=self.report_id)
        self.changed.emit()

    def close(self) -> None:
        if self.db is None:
            return
        self.undo_stack.clear()
        if self.readonly:
            self.db.close()
        else:
            close_workbook(self.db)
        self.db = None
        self.lock.release()

    def save_copy(self, target: Path) -> Path:
        return save_copy(self.db, target)

    def backups(self):
        return list_backups(self.path)

    def restore(self, backup: Path) -> None:
        """Replace the workbook's content with a backup's (the current state is backed up first)."""
        if self.readonly:
            raise UserError("Sổ báo cáo đang mở chỉ đọc; không khôi phục được.", "restore in read-only mode")
        restore_backup(self.db, self.path, backup)
        self.undo_stack.clear()  # the history described the content that was replaced
        self.reload()

    # --- writing -------------------------------------------------------------------------------------------
    def edit(self, text: str, do: Callable[[], Any], undo: Callable[[], Any], merge_key: str | None = None,
             scope: str = "all") -> bool:
        """Apply and commit an edit now, and put it on the undo stack; False if the workbook refused it.
        ``scope`` says what to re-read afterwards: "values", "blocks" of the report in view, or "all"."""
        if self.readonly:
            self.failed.emit("Sổ báo cáo đang mở chỉ đọc; thay đổi không được lưu.")
            return False
        self._failed = False
        self.undo_stack.push(_Edit(self, text, do, undo, merge_key, scope))  # runs ``do`` now
        return not self._failed

    def _run(self, command: _Edit, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except (UserError, edits.EditError) as exc:
            self._fail(command, str(getattr(exc, "message", exc)), exc)
            return
        except sqlite3.Error as exc:
            self._fail(command, "Không ghi được vào sổ báo cáo (tệp chỉ đọc, đang bị khóa hoặc ổ đĩa đầy); "
                       "thay đổi vừa rồi chưa được lưu.", exc)
            return
        self.saved.emit(f"Đã lưu lúc {time.strftime('%H:%M:%S')}")
        self.reload(command.scope)

    def _fail(self, command: _Edit, message: str, exc: Exception) -> None:
        log.warning("edit refused: %r", exc)
        command.setObsolete(True)  # QUndoStack drops a command made obsolete by its own redo
        self._failed = True
        self.failed.emit(message)

    # --- the edits the window offers --------------------------------------------------------------------------
    def _set(self, text: str, setter: Callable[..., Any], args: tuple, value: Any, merge_key: str | None = None,
             scope: str = "all") -> bool:
        """An edit through a store setter that returns the value it replaced: that value is the undo."""
        replaced: dict[str, Any] = {}
        return self.edit(text, lambda: replaced.setdefault("old", setter(self.db, *args, value)),
                         lambda: setter(self.db, *args, replaced["old"]), merge_key, scope)

    def set_value(self, code: str, field: str, value: float | None) -> bool:
        name = self.workbook.indicator(code).name
        return self._set(f"Sửa số liệu “{name}”", edits.set_value, (self.report_id, code, field), value,
                         scope=f"value:{code}")

    def set_override(self, code: str, field: str, value: float | None) -> bool:
        return self._set("Sửa số ghi tay", edits.set_override, (self.report_id, code, field), value,
                         scope=f"value:{code}")

    def set_report_field(self, field: str, value: Any) -> bool:
        return self._set("Sửa thông tin chung", edits.set_report_field, (self.report_id, field), value,
                         merge_key=f"report.{field}")

    def set_agency_field(self, field: str, value: str) -> bool:
        return self._set("Sửa thông tin cơ quan", edits.set_agency_field, (field,), value, merge_key=f"agency.{field}")

    def set_recipients(self, lines: list[str]) -> bool:
        return self._set("Sửa nơi nhận", edits.set_recipients, (self.report_id,), lines, merge_key="recipients")

    def set_block_text(self, block_id: int, text: str) -> bool:
        return self._set("Sửa đoạn văn", edits.set_block_text, (block_id,), text, merge_key=f"block.{block_id}",
                         scope="blocks")

    def set_block_kind(self, block_id: int, kind: str) -> bool:
        return self._set("Đổi loại đoạn", edits.set_block_kind, (block_id,), kind, scope="blocks")

    def insert_block(self, part: str, sector: str | None, index: int, kind: str = "paragraph",
                     text: str = "") -> int | None:
        rid, created = self.report_id, {}

        def do() -> None:
            created["id"] = edits.insert_block(self.db, rid, part, sector, index, kind, text,
                                               block_id=created.get("id"))

        ok = self.edit("Thêm đoạn", do, lambda: edits.delete_block(self.db, created["id"]), scope="blocks")
        return created.get("id") if ok else None

    def delete_block(self, block_id: int) -> bool:
        snapshot: dict[str, Any] = {}
        return self.edit("Xóa đoạn", lambda: snapshot.update(edits.delete_block(self.db, block_id)),
                         lambda: edits.insert_block(self.db, **snapshot), scope="blocks")

    def move_block(self, block_id: int, index: int) -> bool:
        old: dict[str, int] = {}
        return self.edit("Chuyển đoạn", lambda: old.setdefault("i", edits.move_block(self.db, block_id, index)),
                         lambda: edits.move_block(self.db, block_id, old["i"]), scope="blocks")

    def add_indicator(self, sector: str, name: str, unit: str = "", parent: str | None = None) -> str | None:
        created: dict[str, Any] = {}

        def do() -> None:
            if "snapshot" in created:
                edits.restore_indicator(self.db, created["snapshot"])
            else:
                created["code"] = edits.add_indicator(self.db, sector, name, unit, parent)

        def undo() -> None:
            created["snapshot"] = edits.delete_indicator(self.db, created["code"])

        return created.get("code") if self.edit("Thêm chỉ tiêu", do, undo) else None

    def delete_indicator(self, code: str) -> bool:
        snapshot: dict[str, Any] = {}
        return self.edit("Xóa chỉ tiêu", lambda: snapshot.update(edits.delete_indicator(self.db, code)),
                         lambda: edits.restore_indicator(self.db, snapshot))

    def set_indicator_field(self, code: str, field: str, value: Any) -> bool:
        return self._set("Sửa chỉ tiêu", edits.set_indicator_field, (code, field), value)

    def move_indicator(self, code: str, index: int) -> bool:
        old: dict[str, int] = {}
        return self.edit("Chuyển chỉ tiêu", lambda: old.setdefault("i", edits.move_indicator(self.db, code, index)),
                         lambda: edits.move_indicator(self.db, code, old["i"]))

    def add_sector(self, title: str) -> str | None:
        created: dict[str, Any] = {}

        def do() -> None:
            if "snapshot" in created:
                edits.restore_sector(self.db, created["snapshot"])
            else:
                created["code"] = edits.add_sector(self.db, title)

        def undo() -> None:
            created["snapshot"] = edits.delete_sector(self.db, created["code"])

        return created.get("code") if self.edit("Thêm lĩnh vực", do, undo) else None

    def set_sector_field(self, code: str, field: str, value: str) -> bool:
        return self._set("Sửa tên lĩnh vực", edits.set_sector_field, (code, field), value,
                         merge_key=f"sector.{code}.{field}")

    def create_next_report(self, kind: str | None = None, year: int | None = None) -> int | None:
        source, created = self.report_id, {}

        def do() -> None:
            created["id"] = edits.create_next_report(self.db, source, kind, year)
            self.report_id = created["id"]

        def undo() -> None:
            edits.delete_report(self.db, created["id"])
            self.report_id = source

        return created.get("id") if self.edit("Tạo báo cáo kỳ tiếp theo", do, undo) else None
