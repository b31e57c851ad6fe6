"""An open workbook, as the window and the command line use it: no Qt here.

``Document`` opens, locks, checks and backs up a workbook, keeps its model, and builds every edit the
window offers as an ``Edit``: a pair of functions (do, undo) over ``store.edits`` and the ``Change`` it
makes. ``run`` applies one of them (committed at once), then reloads only what the change touched. The
window's ``WorkbookSession`` puts the edits on a ``QUndoStack``; nothing else is needed to edit a workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..domain.model import AnnexChoice, Part, Period, PeriodKind, Report, SignImages, Workbook
from ..domain.periods import carried_summary, carry, next_period, plan_sources
from ..domain.tables import Table
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
from ..store.workbook import BusyWorkbook, busy, code_maps, load_blocks, load_value, load_values, read_meta

log = logging.getLogger(__name__)
# A file held by antivirus or OneDrive: an edit waits this long (the window's text binding retries with
# pauses, so the window never freezes for SQLite's three seconds).
BUSY_MS = 250


class Scope(Enum):
    FIGURE = "figure"  # one indicator's figures in the report in view
    BLOCKS = "blocks"  # the paragraphs of the report in view
    ALL = "all"  # anything else: the whole model is read again


@dataclass(frozen=True)
class Change:
    """What an edit touched, so that only that is read again."""

    scope: Scope = Scope.ALL
    code: str | None = None  # the indicator, for Scope.FIGURE
    part: tuple[Part, str] | None = None  # (part, sector code or "") of the paragraphs, for Scope.BLOCKS


EVERYTHING = Change()


@dataclass
class Edit:
    """One change a clerk makes: ``do`` and ``undo`` each commit; ``created`` holds what ``do`` made."""

    label: str  # "Sửa số liệu “…”", shown by the undo menu
    do: Callable[[], Any]
    undo: Callable[[], Any]
    change: Change = EVERYTHING
    merge_key: str | None = None  # typing in one field merges into one undo step
    created: dict[str, Any] = field(default_factory=dict)


class EditRefused(UserError):
    """The workbook refused an edit; ``message`` is the sentence for the clerk. Nothing was changed."""


def _refusal(exc: sqlite3.Error) -> EditRefused:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if busy(exc):
        reason = "tệp đang bị chương trình khác giữ (phần mềm diệt virus, OneDrive…)"
    elif code == sqlite3.SQLITE_FULL:
        reason = "ổ đĩa đã đầy"
    elif code == sqlite3.SQLITE_READONLY:
        reason = "tệp chỉ đọc"
    else:
        reason = "tệp chỉ đọc, đang bị khóa hoặc ổ đĩa đầy"
    return EditRefused(f"Không ghi được vào sổ báo cáo ({reason}); thay đổi vừa rồi chưa được lưu.", repr(exc))


class Document:
    def __init__(self, path: str | Path, readonly: bool | None = None, take_over: bool = False):
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
            raise _refusal(exc) from exc
        self.reload(change)

    def apply(self, edit: Edit) -> None:
        """Run an edit's ``do`` outside any undo history (the command line, scripts, tests)."""
        self.run(edit.do, edit.change)

    # --- the edits a clerk makes ---------------------------------------------------------------------------
    def _set(self, label: str, setter: Callable[..., Any], args: tuple, value: Any, merge_key: str | None = None,
             change: Change = EVERYTHING) -> Edit:
        """An edit through a store setter that returns the value it replaced: that value is the undo."""
        replaced: dict[str, Any] = {}
        return Edit(label, lambda: replaced.setdefault("old", setter(self.db, *args, value)),
                    lambda: setter(self.db, *args, replaced["old"]), change, merge_key)

    def set_value(self, code: str, field: str, value: float | tuple[float, float] | None) -> Edit:
        """One figure; a plan or target may be a range ``(low, high)``."""
        indicator = self.workbook.indicator(code)
        name = indicator.name if indicator else code
        return self._set(f"Sửa số liệu “{name}”", edits.set_value, (self.report_id, code, field), value,
                         change=Change(Scope.FIGURE, code))

    def set_override(self, code: str, field: str, value: float | None) -> Edit:
        return self._set("Sửa số ghi tay", edits.set_override, (self.report_id, code, field), value,
                         change=Change(Scope.FIGURE, code))

    def set_report_precision(self, precision: int | None) -> Edit:
        """The decimals of this report's percentages (None: two)."""
        return self._set("Sửa số chữ số thập phân", edits.set_report_precision, (self.report_id,), precision)

    def set_report_field(self, field: str, value: Any) -> Edit:
        return self._set("Sửa thông tin chung", edits.set_report_field, (self.report_id, field), value,
                         merge_key=f"report.{field}")

    def set_agency_field(self, field: str, value: str) -> Edit:
        """One field of this report's header (a typo); a renamed agency is ``rename_agency_from``."""
        return self._set("Sửa thông tin cơ quan", edits.set_agency_field, (self.report_id, field), value,
                         merge_key=f"agency.{field}")

    def rename_agency_from(self, fields: dict[str, str]) -> Edit:
        """The agency renamed from the report in view on: this report and later ones, never earlier ones."""
        rid, old = self.report_id, {}
        return Edit("Đổi tên cơ quan từ kỳ này", lambda: old.update(edits.rename_agency_from(self.db, rid, fields)),
                    lambda: edits.restore_agency(self.db, old))

    def set_recipients(self, lines: list[str]) -> Edit:
        return self._set("Sửa nơi nhận", edits.set_recipients, (self.report_id,), lines, merge_key="recipients")

    def set_annex(self, choice: AnnexChoice | None) -> Edit:
        """The report's figures annex: which sectors and columns, or None for no annex."""
        return self._set("Sửa phụ lục số liệu", edits.set_annex, (self.report_id,), choice)

    def set_sign_images(self, images: SignImages) -> Edit:
        """The signer's signature and the agency's seal pictures, and whether the export prints them."""
        return self._set("Sửa ảnh chữ ký, con dấu", edits.set_sign_images, (self.report_id,), images)

    def _part_of(self, block_id: int) -> Change:
        """The paragraphs to read again after an edit of one block: its part, when the model knows it."""
        report = self.report
        for key, blocks in (report.blocks.items() if report else ()):
            if any(b.id == block_id for b in blocks):
                return Change(Scope.BLOCKS, part=key)
        return Change(Scope.BLOCKS)

    def set_block_text(self, block_id: int, text: str) -> Edit:
        return self._set("Sửa đoạn văn", edits.set_block_text, (block_id,), text, merge_key=f"block.{block_id}",
                         change=self._part_of(block_id))

    def set_block_table(self, block_id: int, table: Table) -> Edit:
        """A table block's new content: every cell cleaned as typed text is (NFC, no control characters)."""
        clean = lambda grid: tuple(tuple(edits.clean_text(c) for c in row) for row in grid)
        table = dataclasses.replace(table, header=clean(table.header), rows=clean(table.rows))
        return self._set("Sửa bảng", edits.set_block_text, (block_id,), table.to_json(),
                         merge_key=f"table.{block_id}", change=self._part_of(block_id))

    def set_block_kind(self, block_id: int, kind: str) -> Edit:
        return self._set("Đổi loại đoạn", edits.set_block_kind, (block_id,), kind, change=self._part_of(block_id))

    def insert_block(self, part: str, sector: str | None, index: int, kind: str = "paragraph", text: str = "") -> Edit:
        rid = self.report_id
        edit = Edit("Thêm đoạn", lambda: None, lambda: edits.delete_block(self.db, edit.created["id"]),
                    Change(Scope.BLOCKS))

        def do() -> None:
            edit.created["id"] = edits.insert_block(self.db, rid, part, sector, index, kind, text,
                                                    block_id=edit.created.get("id"))

        edit.do = do
        return edit

    def insert_blocks(self, part: str, sector: str | None, index: int, blocks, label: str = "Nhập đoạn văn") -> Edit:
        """Many blocks at once (an import from a Word file): one transaction, one undo step removes them all.
        ``blocks``: ``domain.model.Block``s or (kind, text) pairs; ``created["ids"]`` holds their ids."""
        rid = self.report_id
        rows = [(b.kind.value, b.text) if hasattr(b, "kind") else (str(b[0]), b[1]) for b in blocks]
        change = Change(Scope.BLOCKS, part=(Part(part), sector or ""))
        edit = Edit(label, lambda: None, lambda: edits.delete_blocks(self.db, edit.created["ids"]), change)

        def do() -> None:
            edit.created["ids"] = edits.insert_blocks(self.db, rid, part, sector, index, rows,
                                                      block_ids=edit.created.get("ids"))

        edit.do = do
        return edit

    def apply_changes(self, changes, label: str = "Nhận lại tệp Word đã sửa") -> Edit:
        """Accepted ``importers.merge.BlockChange``s (an edited export, a part file) as one edit: texts and figures
        changed, blocks added after (or before) their neighbour, blocks deleted; one undo puts everything back, a
        redo reuses the added blocks' ids."""
        from ..domain.model import OVERRIDE_FIELDS
        from ..importers.merge import ChangeKind

        rid = self.report_id
        order = {ChangeKind.FIGURE: 0, ChangeKind.CHANGED: 1, ChangeKind.ADDED: 2, ChangeKind.DELETED: 3}
        todo = sorted((c for c in changes if c.kind != ChangeKind.ADDED or c.part is not None),
                      key=lambda c: order[c.kind])
        edit = Edit(label, lambda: None, lambda: None)
        db = lambda: self.db

        def position(block_id: int) -> int:
            return edits.block_position(db(), block_id)

        def do() -> None:
            steps: list = []
            ids = edit.created.setdefault("ids", {})
            last: dict = {}
            with db().atomic():
                for n, c in enumerate(todo):
                    if c.kind == ChangeKind.FIGURE:
                        if c.field in OVERRIDE_FIELDS:
                            old = edits.set_override(db(), rid, c.code, c.field, c.value)
                            steps.append(lambda c=c, old=old: edits.set_override(db(), rid, c.code, c.field, old))
                        else:
                            old = edits.set_value(db(), rid, c.code, c.field, c.value)
                            steps.append(lambda c=c, old=old: edits.set_value(db(), rid, c.code, c.field, old))
                    elif c.kind == ChangeKind.CHANGED:
                        old = edits.set_block_text(db(), c.block, c.text)
                        steps.append(lambda c=c, old=old: edits.set_block_text(db(), c.block, old))
                    elif c.kind == ChangeKind.ADDED:
                        key = ("after", c.after) if c.after is not None else ("before", c.before)
                        if key in last:
                            index = position(last[key]) + 1
                        elif c.after is not None:
                            index = position(c.after) + 1
                        elif c.before is not None:
                            index = position(c.before)
                        else:
                            index = len(self.report.part(c.part, c.sector)) if self.report else 0
                        new_id = edits.insert_block(db(), rid, c.part, c.sector or None, index, c.block_kind, c.text,
                                                    block_id=ids.get(n))
                        ids[n] = last[key] = new_id
                        steps.append(lambda new_id=new_id: edits.delete_block(db(), new_id))
                    elif c.kind == ChangeKind.DELETED:
                        snapshot = edits.delete_block(db(), c.block)
                        steps.append(lambda snapshot=snapshot: edits.insert_block(db(), **snapshot))
            edit.created["steps"] = steps

        def undo() -> None:
            with db().atomic():
                for step in reversed(edit.created["steps"]):
                    step()

        edit.do, edit.undo = do, undo
        return edit

    def delete_block(self, block_id: int) -> Edit:
        snapshot: dict[str, Any] = {}
        return Edit("Xóa đoạn", lambda: snapshot.update(edits.delete_block(self.db, block_id)),
                    lambda: edits.insert_block(self.db, **snapshot), Change(Scope.BLOCKS))

    def move_block(self, block_id: int, index: int) -> Edit:
        old: dict[str, int] = {}
        return Edit("Chuyển đoạn", lambda: old.setdefault("i", edits.move_block(self.db, block_id, index)),
                    lambda: edits.move_block(self.db, block_id, old["i"]), Change(Scope.BLOCKS))

    def add_indicator(self, sector: str, name: str, unit: str = "", parent: str | None = None) -> Edit:
        edit = Edit("Thêm chỉ tiêu", lambda: None, lambda: None)

        def do() -> None:
            if "snapshot" in edit.created:
                edits.restore_indicator(self.db, edit.created["snapshot"])
            else:
                edit.created["code"] = edits.add_indicator(self.db, sector, name, unit, parent)

        def undo() -> None:
            edit.created["snapshot"] = edits.delete_indicator(self.db, edit.created["code"])

        edit.do, edit.undo = do, undo
        return edit

    def delete_indicator(self, code: str) -> Edit:
        snapshot: dict[str, Any] = {}
        return Edit("Xóa chỉ tiêu", lambda: snapshot.update(edits.delete_indicator(self.db, code)),
                    lambda: edits.restore_indicator(self.db, snapshot))

    def set_indicator_field(self, code: str, field: str, value: Any) -> Edit:
        return self._set("Sửa chỉ tiêu", edits.set_indicator_field, (code, field), value)

    def set_indicator_properties(self, code: str, fields: dict[str, Any]) -> Edit:
        """Name, unit, precision, parts that add up, a reduction plan, default sentence: one undo step."""
        return self._set("Sửa thuộc tính chỉ tiêu", edits.set_indicator_fields, (code,), fields)

    def move_indicator(self, code: str, index: int) -> Edit:
        old: dict[str, int] = {}
        return Edit("Chuyển chỉ tiêu", lambda: old.setdefault("i", edits.move_indicator(self.db, code, index)),
                    lambda: edits.move_indicator(self.db, code, old["i"]))

    def add_sector(self, title: str) -> Edit:
        edit = Edit("Thêm lĩnh vực", lambda: None, lambda: None)

        def do() -> None:
            if "snapshot" in edit.created:
                edits.restore_sector(self.db, edit.created["snapshot"])
            else:
                edit.created["code"] = edits.add_sector(self.db, title)

        def undo() -> None:
            edit.created["snapshot"] = edits.delete_sector(self.db, edit.created["code"])

        edit.do, edit.undo = do, undo
        return edit

    def catalogue_id(self) -> str:
        return read_meta(self.db).get("catalogue_id", "")

    def catalogue_sectors_missing(self) -> list[tuple[str, str]]:
        """(code, title) of the catalogue's sectors the workbook does not have (removed, or new in it)."""
        from ..store.seed import load_catalogue

        try:
            catalogue = load_catalogue(self.catalogue_id())
        except UserError:  # a workbook whose catalogue is not installed here
            return []
        have = {s.code for s in self.workbook.sectors}
        return [(s.code, s.title) for s in catalogue.sectors if s.code not in have]

    def set_sector_off(self, code: str, off: bool = True) -> Edit:
        """Leave a sector out of the report in view (not reported this period), or bring it back; its figures and
        paragraphs stay in the workbook, and the other reports keep it."""
        sector = next((s for s in self.workbook.sectors if s.code == code), None)
        name = sector.title if sector else code
        return self._set(f"{'Bỏ' if off else 'Đưa lại'} lĩnh vực “{name}”", edits.set_sector_off,
                         (self.report_id, code), off)

    def add_catalogue_sector(self, catalogue_id: str, code: str) -> Edit:
        """A sector of the workbook's catalogue that is not in the workbook (removed long ago, or new in the
        catalogue), with its indicators, titles and suggested sentences."""
        edit = Edit("Thêm lĩnh vực từ danh mục", lambda: None, lambda: None)

        def do() -> None:
            if "snapshot" in edit.created:
                edits.restore_sector(self.db, edit.created["snapshot"])
            else:
                edit.created["code"] = edits.add_catalogue_sector(self.db, catalogue_id, code)

        def undo() -> None:
            edit.created["snapshot"] = edits.delete_sector(self.db, edit.created["code"])

        edit.do, edit.undo = do, undo
        return edit

    def set_sector_field(self, code: str, field: str, value: str) -> Edit:
        return self._set("Sửa tên lĩnh vực", edits.set_sector_field, (code, field), value,
                         merge_key=f"sector.{code}.{field}")

    # --- reports and periods -------------------------------------------------------------------------------
    def figures_of(self, periods) -> dict[Period, dict]:
        """The figures of the workbook's reports of those periods (the model holds only the one in view)."""
        ind_code = code_maps(self.db)[1]
        out = {}
        for r in self.workbook.reports:
            if r.period in periods:
                out[r.period] = r.values if r.id == self.report_id else load_values(self.db, r.id, ind_code)
        return out

    def create_report(self, period: Period, start: str = "previous") -> Edit:
        """A new report of ``period``. ``start``: "previous" (the header and paragraphs of the report before it
        in time), "year_before" (those of the same period a year earlier), or "empty" (the header of the report
        before it, no paragraph). Plans and last year's figures are carried by the reporting regime's rules
        (``domain.periods.carry``); ``created["carried"]`` says what came from where."""
        if self.workbook.find(period) is not None:
            raise EditRefused(f"Sổ báo cáo đã có báo cáo {period.label}.", f"{period} exists")
        earlier = [r for r in self.workbook.in_order() if r.period.order < period.order]
        before = earlier[-1] if earlier else (self.workbook.in_order()[0] if self.workbook.reports else None)
        source = self.workbook.find(Period(period.kind, period.year - 1)) if start == "year_before" else before
        if start == "year_before" and source is None:
            raise EditRefused(f"Sổ báo cáo chưa có báo cáo {Period(period.kind, period.year - 1).label} "
                              "để chép sang.", "no report a year earlier")
        carried = carry(period, self.figures_of({*plan_sources(period), Period(period.kind, period.year - 1)}))
        summary = carried_summary(source.summary, source.period, period) if source else \
            "Kết quả thực hiện nhiệm vụ {{period}} - Phương hướng, nhiệm vụ {{next_period}}"
        edit = Edit(f"Tạo báo cáo {period.label}", lambda: None, lambda: None)
        previous_id = self.report_id

        def do() -> None:
            if "snapshot" in edit.created:
                edits.restore_report(self.db, edit.created["snapshot"])
            else:
                edit.created["id"] = edits.create_report(self.db, source.id if source else None, period,
                                                         carried.values, summary, texts=start != "empty")
            edit.created.update(period=period, carried=carried, source=source.period if source else None)
            self.report_id = edit.created["id"]

        def undo() -> None:
            edit.created["snapshot"] = edits.delete_report(self.db, edit.created["id"])
            self.report_id = previous_id

        do.on_frozen = undo.on_frozen = True  # another report than the one in view
        edit.do, edit.undo = do, undo
        return edit

    def create_next_report(self, kind: PeriodKind | str | None = None, year: int | None = None) -> Edit:
        """The next period's report, from the report in view (by default the same kind a year later)."""
        source = self.report
        if source is None:
            raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
        return self.create_report(next_period(source.period, PeriodKind(kind) if kind else None, year))

    def delete_report(self, report_id: int) -> Edit:
        """Remove a report (backed up first; undo puts it back). The window then shows another report."""
        report = next((r for r in self.workbook.reports if r.id == report_id), None)
        if report is None:
            raise EditRefused("Không tìm thấy báo cáo cần xóa.", f"no report {report_id}")
        snapshot: dict = {}
        previous_id = self.report_id

        def do() -> None:
            if make_backup(self.db, self.path, "xoa-bao-cao") is None:
                raise EditRefused("Không tạo được bản lưu trước khi xóa báo cáo; chưa xóa gì.", "backup failed")
            snapshot.update(edits.delete_report(self.db, report_id))
            if self.report_id == report_id:
                rest = [r for r in self.workbook.in_order() if r.id != report_id]
                self.report_id = rest[-1].id if rest else None

        def undo() -> None:
            edits.restore_report(self.db, snapshot)
            self.report_id = previous_id

        do.on_frozen = True  # a sent report may be deleted (the backup keeps it)
        return Edit(f"Xóa báo cáo {report.period.label}", do, undo)

    def set_period(self, period: Period) -> Edit:
        """Change the period of the report in view, while nothing is typed in it; the plans and last year's
        figures it was made with are carried again for the new period (``created["carried"]`` says from where)."""
        report = self.report
        if report is None:
            raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
        figures = self.figures_of({*plan_sources(period), Period(period.kind, period.year - 1)})
        figures.pop(report.period, None)  # its own carried figures are not a source for its new period
        carried = carry(period, figures)
        rid, old = report.id, {}
        edit = Edit(f"Đổi kỳ báo cáo thành {period.label}", lambda: None,
                    lambda: edits.restore_period(self.db, rid, *old["before"]))
        edit.created["carried"] = carried
        edit.do = lambda: old.setdefault("before", edits.set_period(self.db, rid, period, carried.values))
        return edit

    # --- signed and sent ------------------------------------------------------------------------------------
    def mark_sent(self, sent_file: Path | None) -> Edit:
        """"Đánh dấu đã ký, đã gửi": when, the file sent and its SHA-256, and a snapshot of the report."""
        from .sent import file_sha256, snapshot

        report = self.report
        if report is None:
            raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
        text = snapshot(self.workbook, report)
        try:
            digest = file_sha256(sent_file) if sent_file is not None else ""
        except OSError as exc:
            raise EditRefused(f"Không đọc được tệp “{sent_file.name}” để ghi mã của nó (tệp đã bị chuyển, xóa hoặc "
                              "đang bị chương trình khác giữ); báo cáo chưa được đánh dấu đã gửi.",
                              f"sha256 of {sent_file}: {exc}") from exc
        rid, old = self.report_id, {}

        def do() -> None:
            old["row"] = edits.set_sent(self.db, rid, {
                "sent_at": dt.datetime.now().isoformat(timespec="seconds"),
                "sent_file": sent_file.name if sent_file else "", "sent_sha256": digest,
                "sent_snapshot": text, "sent_locked": 1})

        def undo() -> None:
            edits.set_sent(self.db, rid, old["row"])

        do.on_frozen = undo.on_frozen = True
        return Edit("Đánh dấu đã ký, đã gửi", do, undo)

    def unlock(self) -> Edit:
        """"Mở khóa để sửa": the report can be edited again; its snapshot is kept to show what changed."""
        rid, old = self.report_id, {}

        def do() -> None:
            old["row"] = edits.set_sent(self.db, rid, {"sent_locked": 0})

        def undo() -> None:
            edits.set_sent(self.db, rid, old["row"])

        do.on_frozen = undo.on_frozen = True
        return Edit("Mở khóa để sửa", do, undo)
