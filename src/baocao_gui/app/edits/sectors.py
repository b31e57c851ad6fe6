"""The workbook's structure: indicators and sectors added, deleted, renamed, moved; a sector left out of the
report in view or brought back; a sector of the catalogue the workbook does not have."""

from __future__ import annotations

from typing import Any

from ...errors import UserError
from ...store import edits
from ...store.workbook import read_meta
from ..document import Document
from ..edit import Edit
from . import replacing


def add_indicator(doc: Document, sector: str, name: str, unit: str = "", parent: str | None = None) -> Edit:
    """``created["code"]`` holds the new indicator's code."""
    edit = Edit("Thêm chỉ tiêu", lambda: None, lambda: None)

    def do() -> None:
        if "snapshot" in edit.created:
            edits.restore_indicator(doc.db, edit.created["snapshot"])
        else:
            edit.created["code"] = edits.add_indicator(doc.db, sector, name, unit, parent)

    def undo() -> None:
        edit.created["snapshot"] = edits.delete_indicator(doc.db, edit.created["code"])

    edit.do, edit.undo = do, undo
    return edit


def delete_indicator(doc: Document, code: str) -> Edit:
    snapshot: dict[str, Any] = {}
    return Edit("Xóa chỉ tiêu", lambda: snapshot.update(edits.delete_indicator(doc.db, code)),
                lambda: edits.restore_indicator(doc.db, snapshot))


def set_indicator_field(doc: Document, code: str, field: str, value: Any) -> Edit:
    return replacing(doc, "Sửa chỉ tiêu", edits.set_indicator_field, (code, field), value)


def set_indicator_properties(doc: Document, code: str, fields: dict[str, Any]) -> Edit:
    """Name, unit, precision, parts that add up, a reduction plan, default sentence: one undo step."""
    return replacing(doc, "Sửa thuộc tính chỉ tiêu", edits.set_indicator_fields, (code,), fields)


def move_indicator(doc: Document, code: str, index: int) -> Edit:
    old: dict[str, int] = {}
    return Edit("Chuyển chỉ tiêu", lambda: old.setdefault("i", edits.move_indicator(doc.db, code, index)),
                lambda: edits.move_indicator(doc.db, code, old["i"]))


def add_sector(doc: Document, title: str) -> Edit:
    """``created["code"]`` holds the new sector's code."""
    edit = Edit("Thêm lĩnh vực", lambda: None, lambda: None)

    def do() -> None:
        if "snapshot" in edit.created:
            edits.restore_sector(doc.db, edit.created["snapshot"])
        else:
            edit.created["code"] = edits.add_sector(doc.db, title)

    def undo() -> None:
        edit.created["snapshot"] = edits.delete_sector(doc.db, edit.created["code"])

    edit.do, edit.undo = do, undo
    return edit


def set_sector_field(doc: Document, code: str, field: str, value: str) -> Edit:
    return replacing(doc, "Sửa tên lĩnh vực", edits.set_sector_field, (code, field), value,
                     merge_key=f"sector.{code}.{field}")


def set_sector_off(doc: Document, code: str, off: bool = True) -> Edit:
    """Leave a sector out of the report in view (not reported this period), or bring it back; its figures and
    paragraphs stay in the workbook, and the other reports keep it."""
    sector = next((s for s in doc.workbook.sectors if s.code == code), None)
    name = sector.title if sector else code
    return replacing(doc, f"{'Bỏ' if off else 'Đưa lại'} lĩnh vực “{name}”", edits.set_sector_off,
                     (doc.report_id, code), off)


def catalogue_id(doc: Document) -> str:
    """The catalogue the workbook was made from."""
    return read_meta(doc.db).get("catalogue_id", "")


def catalogue_sectors_missing(doc: Document) -> list[tuple[str, str]]:
    """(code, title) of the catalogue's sectors the workbook does not have (removed, or new in it)."""
    from ...store.seed import load_catalogue

    try:
        catalogue = load_catalogue(catalogue_id(doc))
    except UserError:  # a workbook whose catalogue is not installed here
        return []
    have = {s.code for s in doc.workbook.sectors}
    return [(s.code, s.title) for s in catalogue.sectors if s.code not in have]


def add_catalogue_sector(doc: Document, catalogue_id: str, code: str) -> Edit:
    """A sector of the workbook's catalogue that is not in the workbook (removed long ago, or new in the
    catalogue), with its indicators, titles and suggested sentences; ``created["code"]`` holds its code."""
    edit = Edit("Thêm lĩnh vực từ danh mục", lambda: None, lambda: None)

    def do() -> None:
        if "snapshot" in edit.created:
            edits.restore_sector(doc.db, edit.created["snapshot"])
        else:
            edit.created["code"] = edits.add_catalogue_sector(doc.db, catalogue_id, code)

    def undo() -> None:
        edit.created["snapshot"] = edits.delete_sector(doc.db, edit.created["code"])

    edit.do, edit.undo = do, undo
    return edit


__all__ = ["add_catalogue_sector", "add_indicator", "add_sector", "catalogue_id", "catalogue_sectors_missing",
           "delete_indicator", "move_indicator", "set_indicator_field", "set_indicator_properties",
           "set_sector_field", "set_sector_off"]


def set_dhis2_target(doc: Document, data_set: str, org_unit: str) -> Edit:
    """Tệp › Thiết lập DHIS2…: the data set and the agency's organisation unit the DHIS2 export names (issue 23)."""
    return replacing(doc, "Thiết lập DHIS2", edits.set_dhis2_target, (), (data_set, org_unit))
