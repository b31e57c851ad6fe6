"""The paragraphs of the report in view (blocks): text, tables, kinds; inserted, deleted, moved; and the changes
accepted from a merge (an edited export, a part file) as one edit."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...domain.model import OVERRIDE_FIELDS, Part
from ...domain.tables import Table
from ...store import edits
from ...store.backup import make_backup
from ..document import Document
from ..edit import Change, Edit, EditRefused, Scope
from . import replacing


def _part_of(doc: Document, block_id: int) -> Change:
    """The paragraphs to read again after an edit of one block: its part, when the model knows it."""
    report = doc.report
    for key, blocks in (report.blocks.items() if report else ()):
        if any(b.id == block_id for b in blocks):
            return Change(Scope.BLOCKS, part=key)
    return Change(Scope.BLOCKS)


def set_block_text(doc: Document, block_id: int, text: str) -> Edit:
    return replacing(doc, "Sửa đoạn văn", edits.set_block_text, (block_id,), text, merge_key=f"block.{block_id}",
                     change=_part_of(doc, block_id))


def set_block_table(doc: Document, block_id: int, table: Table) -> Edit:
    """A table block's new content: every cell cleaned as typed text is (NFC, no control characters)."""
    clean = lambda grid: tuple(tuple(edits.clean_text(c) for c in row) for row in grid)
    table = dataclasses.replace(table, header=clean(table.header), rows=clean(table.rows))
    return replacing(doc, "Sửa bảng", edits.set_block_text, (block_id,), table.to_json(),
                     merge_key=f"table.{block_id}", change=_part_of(doc, block_id))


def set_block_kind(doc: Document, block_id: int, kind: str) -> Edit:
    return replacing(doc, "Đổi loại đoạn", edits.set_block_kind, (block_id,), kind, change=_part_of(doc, block_id))


def insert_block(doc: Document, part: str, sector: str | None, index: int, kind: str = "paragraph",
                 text: str = "") -> Edit:
    """One block; ``created["id"]`` holds its id (a redo puts it back with the same id)."""
    rid = doc.report_id
    edit = Edit("Thêm đoạn", lambda: None, lambda: edits.delete_block(doc.db, edit.created["id"]),
                Change(Scope.BLOCKS))

    def do() -> None:
        edit.created["id"] = edits.insert_block(doc.db, rid, part, sector, index, kind, text,
                                                block_id=edit.created.get("id"))

    edit.do = do
    return edit


def insert_blocks(doc: Document, part: str, sector: str | None, index: int, blocks,
                  label: str = "Nhập đoạn văn") -> Edit:
    """Many blocks at once (an import from a Word file): one transaction, one undo step removes them all.
    ``blocks``: ``domain.model.Block``s or (kind, text) pairs; ``created["ids"]`` holds their ids."""
    rid = doc.report_id
    rows = [(b.kind.value, b.text) if hasattr(b, "kind") else (str(b[0]), b[1]) for b in blocks]
    change = Change(Scope.BLOCKS, part=(Part(part), sector or ""))
    edit = Edit(label, lambda: None, lambda: edits.delete_blocks(doc.db, edit.created["ids"]), change)

    def do() -> None:
        edit.created["ids"] = edits.insert_blocks(doc.db, rid, part, sector, index, rows,
                                                  block_ids=edit.created.get("ids"))

    edit.do = do
    return edit


def apply_changes(doc: Document, changes, label: str = "Nhận lại tệp Word đã sửa") -> Edit:
    """Accepted ``importers.merge.ExportChange``s (an edited export) as one edit, the workbook backed up first:
    texts and figures changed, blocks added after (or before) their neighbour, blocks deleted; one undo puts
    everything back, a redo reuses the added blocks' ids."""
    from ...importers.merge import ChangeKind

    rid = doc.report_id
    order = {ChangeKind.FIGURE: 0, ChangeKind.CHANGED: 1, ChangeKind.ADDED: 2, ChangeKind.DELETED: 3}
    todo = sorted((c for c in changes if c.kind != ChangeKind.ADDED or c.part is not None),
                  key=lambda c: order[c.kind])
    edit = Edit(label, lambda: None, lambda: None)
    db = lambda: doc.db

    def position(block_id: int) -> int:
        return edits.block_position(db(), block_id)

    def do() -> None:
        # a merge may change much of the report at once: a copy of the workbook first, kept apart from the
        # rolling backups taken when it is opened
        if make_backup(doc.db, doc.path, "nhan-word") is None:
            raise EditRefused("Không tạo được bản lưu trước khi nhận các thay đổi; chưa ghi gì.", "backup failed")
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
                        index = len(doc.report.part(c.part, c.sector)) if doc.report else 0
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


def delete_block(doc: Document, block_id: int) -> Edit:
    snapshot: dict[str, Any] = {}
    return Edit("Xóa đoạn", lambda: snapshot.update(edits.delete_block(doc.db, block_id)),
                lambda: edits.insert_block(doc.db, **snapshot), Change(Scope.BLOCKS))


def move_block(doc: Document, block_id: int, index: int) -> Edit:
    old: dict[str, int] = {}
    return Edit("Chuyển đoạn", lambda: old.setdefault("i", edits.move_block(doc.db, block_id, index)),
                lambda: edits.move_block(doc.db, block_id, old["i"]), Change(Scope.BLOCKS))


__all__ = ["apply_changes", "delete_block", "insert_block", "insert_blocks", "move_block", "set_block_kind",
           "set_block_table", "set_block_text"]
