"""Every change the window makes to a workbook, each in one transaction.

Each function returns what undo needs (the old value, or a snapshot of what it removed), so the
window's undo stack can put the workbook back exactly. Text is cleaned on the way in: Unicode NFC,
no control characters, one paragraph per block.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..domain.codes import code_from_name
from ..domain.dhis2 import MappingError, check_uid, mapping_from_json, mapping_json
from ..domain.model import (
    ANNEX_COLUMNS,
    MAX_PRECISION,
    OVERRIDE_FIELDS,
    RANGE_FIELDS,
    VALUE_FIELDS,
    AnnexChoice,
    BlockKind,
    FigureSource,
    Part,
    Period,
    PeriodKind,
    PlanDirection,
    PlanMeaning,
    SignImages,
    Values,
)
from ..domain.pictures import PictureError, png_size
from ..domain.text import drop_illegal
from ..domain.vnformat import NumberError, check_storable, to_decimal, typed_places
from .db import Db as Database
from .handover import handed_over_before
from .seed import AGENCY_COLUMNS, AGENCY_KEYS
from .workbook import load_sources, places_text, read_annex, read_places, read_sign_images

REPORT_FIELDS = ("number", "date", "type_name", "summary", "signer_authority", "signer_title", "signer_name",
                 "period_kind", "year")
AGENCY_FIELDS = AGENCY_KEYS
SECTOR_FIELDS = ("title", "task_title", "role")
INDICATOR_FIELDS = ("name", "unit", "parts_complete", "plan_meaning", "pad", "sentence", "precision",
                    "plan_direction", "rate_of", "dhis2")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class EditError(ValueError):
    """An edit the workbook refuses (unknown code, a report that already exists…); message in Vietnamese."""


def clean_text(text: str) -> str:
    """NFC, tabs and line breaks to spaces (a block is one paragraph), other control characters and
    noncharacters dropped."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\t\r\n\u2028\u2029]+", " ", text)
    return drop_illegal(_CONTROL.sub("", text))


HEADER_LINES = ("parent_name", "name")  # the header's names: a line break the clerk types there is where it breaks


def clean_lines(text: str) -> str:
    """``clean_text`` of each line, the line breaks kept as "\\n" (a header name broken by hand; the printed header
    drops empty lines, and the field keeps what was typed so far)."""
    return "\n".join(clean_text(line) for line in re.split(r"\r\n|[\r\n\u2028\u2029]", text))


def _agency_value(field: str, value: str) -> str:
    return clean_lines(value) if field in HEADER_LINES else clean_text(value)


def _one(db: Database, sql: str, params: list[Any]) -> dict[str, Any]:
    row = next(db.query(sql, params), None)
    if row is None:
        raise EditError("Không tìm thấy mục cần sửa trong sổ báo cáo.")
    return row


def _indicator_id(db: Database, code: str) -> int:
    return _one(db, "SELECT id FROM indicator WHERE code = ?", [code])["id"]


def _sector_id(db: Database, code: str) -> int:
    return _one(db, "SELECT id FROM sector WHERE code = ?", [code])["id"]


# --- figures ---------------------------------------------------------------------------------------------

def _number(value: float | None) -> float | None:
    """The last guard before a figure is stored: what the window's reader refuses never reaches the file."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EditError("Số liệu không phải là số; chưa được lưu.")
    try:
        check_storable(to_decimal(value))
    except NumberError as exc:
        raise EditError(exc.message) from None
    except ValueError:  # infinity, not a number
        raise EditError("Số liệu không phải là số hữu hạn; chưa được lưu.") from None
    return value


# a single figure, or a range (low, high) for a plan or target; a Decimal keeps the decimals it was typed with
Figure = float | Decimal | tuple[float | Decimal, float | Decimal] | None


def _typed(value: float | Decimal | None) -> tuple[float | None, int]:
    """The figure to store and the decimals it was typed with beyond what the stored number shows ("1,0": 1)."""
    if isinstance(value, Decimal):
        number = _number(float(value)) if value.is_finite() else _number(value)  # type: ignore[arg-type]
        places = typed_places(value)
        shown = typed_places(to_decimal(number).normalize()) if number is not None else 0
        return number, places if places > shown else 0
    return _number(value), 0


def _as_typed(number: float | None, places: int | None) -> float | Decimal | None:
    """A stored figure back as it was typed (what undo passes back): a Decimal when its decimals were kept."""
    if number is None or not places:
        return number
    return to_decimal(number).quantize(Decimal(1).scaleb(-places))


def set_value(db: Database, report_id: int, code: str, field: str, value: Figure) -> Figure:
    """Store one figure; a plan or target may be a range ``(low, high)``; a Decimal keeps the decimals it was typed
    with ("1,0" prints "1,0"). Returns the figure it replaced, in the same shape (a range as a tuple), which is what
    undo passes back."""
    if field not in VALUE_FIELDS:
        raise KeyError(field)
    high_field = RANGE_FIELDS.get(field)
    high = None
    places = {field: 0, **({high_field: 0} if high_field else {})}
    if isinstance(value, tuple):
        if high_field is None:
            raise EditError("Chỉ kế hoạch và chỉ tiêu kỳ sau mới ghi được một khoảng (ví dụ 1–1,5).")
        if len(value) != 2 or None in value:
            raise EditError("Một khoảng cần đủ hai số, ví dụ 1–1,5.")
        (value, low_places), (high, high_places) = sorted((_typed(value[0]), _typed(value[1])),
                                                          key=lambda pair: pair[0])
        places = {field: low_places, high_field: high_places}
        if value == high:
            high = None
            places[high_field] = 0
    else:
        value, places[field] = _typed(value)
    iid = _indicator_id(db, code)
    with db.atomic():
        row = next(db.query("SELECT * FROM value WHERE report_id = ? AND indicator_id = ?", [report_id, iid]), None)
        kept = read_places(row.get("places")) if row else {}
        old = _as_typed(row[field], kept.get(field)) if row else None
        old_high = _as_typed(row[high_field], kept.get(high_field)) if row and high_field else None
        had = bool(kept)
        kept.update(places)
        changes = {field: value, **({high_field: high} if high_field else {})}
        if had or places_text(kept):  # (only then: a workbook of an older schema, in a test, has no such column)
            changes["places"] = places_text(kept)
        if row is None:
            db["value"].insert({"report_id": report_id, "indicator_id": iid, **changes})
        else:
            db.execute(f"UPDATE value SET {', '.join(f'{k} = ?' for k in changes)} "
                       "WHERE report_id = ? AND indicator_id = ?", [*changes.values(), report_id, iid])
    return (old, old_high) if old is not None and old_high is not None else old


def set_values(db: Database, report_id: int, figures: list[tuple[str, str, Figure]]) -> list[Figure]:
    """Many figures at once (a whole sheet brought in), each as ``set_value`` stores it, in one transaction: the
    figures they replaced, in order (what undo passes back)."""
    if len(figures) < 50:
        with db.atomic():
            return [set_value(db, report_id, code, field, value) for code, field, value in figures]
    ids = {r["code"]: r["id"] for r in db.query("SELECT id, code FROM indicator")}
    rows = {r["indicator_id"]: r for r in db.query("SELECT * FROM value WHERE report_id = ?", [report_id])}
    old: list[Figure] = []
    with db.atomic():
        for code, field, value in figures:
            if field not in VALUE_FIELDS:
                raise KeyError(field)
            if code not in ids:
                raise EditError("Không tìm thấy mục cần sửa trong sổ báo cáo.")
            if isinstance(value, tuple) or field in RANGE_FIELDS and rows.get(ids[code]) is None:
                old.append(set_value(db, report_id, code, field, value))  # ranges and new rows the careful way
                rows.pop(ids[code], None)
                continue
            iid = ids[code]
            row = rows.get(iid)
            if row is None:
                row = next(db.query("SELECT * FROM value WHERE report_id = ? AND indicator_id = ?", [report_id, iid]),
                           None)
            if row is None:
                old.append(set_value(db, report_id, code, field, value))
                continue
            high_field = RANGE_FIELDS.get(field)
            was, was_high = row[field], (row[high_field] if high_field else None)
            changes = {field: _number(value), **({high_field: None} if high_field else {})}
            db.execute(f"UPDATE value SET {', '.join(f'{k} = ?' for k in changes)} "
                       "WHERE report_id = ? AND indicator_id = ?", [*changes.values(), report_id, iid])
            rows[iid] = {**row, **changes}
            old.append((was, was_high) if was is not None and was_high is not None else was)
    return old


def set_report_precision(db: Database, report_id: int, precision: int | None) -> int | None:
    """The report's default decimals for percentages (None: two); returns the one it replaced."""
    if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int)
                                  or not 0 <= precision <= MAX_PRECISION):
        raise EditError(f"Số chữ số thập phân phải từ 0 đến {MAX_PRECISION}.")
    with db.atomic():
        _one(db, "SELECT id FROM report WHERE id = ?", [report_id])
        row = db.execute("SELECT pct_precision FROM report_format WHERE report_id = ?", [report_id]).fetchone()
        db.execute("DELETE FROM report_format WHERE report_id = ?", [report_id])
        if precision is not None:
            db.execute("INSERT INTO report_format (report_id, pct_precision) VALUES (?, ?)", [report_id, precision])
    return row[0] if row else None


def set_override(db: Database, report_id: int, code: str, field: str, value: float | None) -> float | None:
    """A figure typed over the computed one (None removes it, so the computed figure shows again)."""
    if field not in OVERRIDE_FIELDS:
        raise KeyError(field)
    value = _number(value)
    iid = _indicator_id(db, code)
    with db.atomic():
        row = next(db.query("SELECT value FROM override WHERE report_id = ? AND indicator_id = ? AND field = ?",
                            [report_id, iid, field]), None)
        db.execute("DELETE FROM override WHERE report_id = ? AND indicator_id = ? AND field = ?",
                   [report_id, iid, field])
        if value is not None:
            db["override"].insert({"report_id": report_id, "indicator_id": iid, "field": field, "value": value})
    return row["value"] if row else None


# --- report, agency, labels --------------------------------------------------------------------------------

def set_report_field(db: Database, report_id: int, field: str, value: Any) -> Any:
    if field not in REPORT_FIELDS:
        raise KeyError(field)
    if isinstance(value, str):
        value = clean_text(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    with db.atomic():
        old = _one(db, "SELECT * FROM report WHERE id = ?", [report_id])[field]
        db.execute(f"UPDATE report SET {field} = ? WHERE id = ?", [value, report_id])
    return old


def set_agency_field(db: Database, report_id: int, field: str, value: str) -> str:
    """One field of the header this report prints (cơ quan chủ quản, cơ quan ban hành, viết tắt, địa danh)."""
    if field not in AGENCY_FIELDS:
        raise KeyError(field)
    column = AGENCY_COLUMNS[field]
    with db.atomic():
        old = _one(db, "SELECT * FROM report WHERE id = ?", [report_id])[column]
        db.execute(f"UPDATE report SET {column} = ? WHERE id = ?", [_agency_value(field, value), report_id])
    return old


def _later_reports(db: Database, report_id: int) -> list[int]:
    """This report and those of later periods, never earlier ones."""
    rows = list(db.query("SELECT id, period_kind, year FROM report"))
    order = {r["id"]: Period(PeriodKind(r["period_kind"]), r["year"]).order for r in rows}
    if report_id not in order:
        raise EditError("Không tìm thấy báo cáo trong sổ.")
    return [rid for rid, o in order.items() if o >= order[report_id]]


def rename_agency_from(db: Database, report_id: int, fields: dict[str, str]) -> dict[int, dict[str, str]]:
    """The agency renamed from this report on (a merger, a new name): this report and every later one take
    ``fields``; earlier reports, signed as they were, keep theirs. Returns each changed report's old header."""
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise KeyError(sorted(unknown))
    old: dict[int, dict[str, str]] = {}
    with db.atomic():
        for rid in _later_reports(db, report_id):
            row = _one(db, "SELECT * FROM report WHERE id = ?", [rid])
            old[rid] = {f: row[AGENCY_COLUMNS[f]] for f in fields}
            for f, value in fields.items():
                db.execute(f"UPDATE report SET {AGENCY_COLUMNS[f]} = ? WHERE id = ?", [_agency_value(f, value), rid])
    return old


def restore_agency(db: Database, old: dict[int, dict[str, str]]) -> None:
    with db.atomic():
        for rid, fields in old.items():
            for f, value in fields.items():
                db.execute(f"UPDATE report SET {AGENCY_COLUMNS[f]} = ? WHERE id = ?", [value, rid])


TONE_STYLES = ("", "old", "new")


def set_tone_style(db: Database, report_id: int, style: str) -> str:
    """The tone-mark style the report is written in (domain.tone: "old", "new", "" none chosen); returns the one
    it replaced."""
    if style not in TONE_STYLES:
        raise EditError(f"Kiểu đặt dấu thanh “{style}” không có; chỉ có kiểu cũ (old) và kiểu mới (new).")
    with db.atomic():
        old = _one(db, "SELECT tone_style FROM report WHERE id = ?", [report_id])["tone_style"]
        db.execute("UPDATE report SET tone_style = ? WHERE id = ?", [style, report_id])
    return old


def set_recipients(db: Database, report_id: int, lines: list[str]) -> list[str]:
    with db.atomic():
        old = [r["text"] for r in db.query(
            "SELECT text FROM recipient WHERE report_id = ? ORDER BY position, id", [report_id])]
        db.execute("DELETE FROM recipient WHERE report_id = ?", [report_id])
        db["recipient"].insert_all({"report_id": report_id, "position": i, "text": clean_text(t)}
                                   for i, t in enumerate(x for x in lines if x.strip()))
    return old


def annex_row(choice: AnnexChoice) -> dict[str, Any]:
    columns = [c for c in choice.columns if c in ANNEX_COLUMNS]
    if not columns:
        raise EditError("Phụ lục số liệu phải có ít nhất một cột.")
    sectors = None if choice.sectors is None else json.dumps(list(choice.sectors), ensure_ascii=False)
    return {"sectors": sectors, "columns": json.dumps(columns)}


def set_annex(db: Database, report_id: int, choice: AnnexChoice | None) -> AnnexChoice | None:
    """The report's figures annex (None: no annex); returns the choice it replaced."""
    with db.atomic():
        _one(db, "SELECT id FROM report WHERE id = ?", [report_id])
        row = next(db.query("SELECT sectors, columns FROM annex WHERE report_id = ?", [report_id]), None)
        try:
            old = read_annex(row)
        except ValueError:
            old = AnnexChoice()
        db.execute("DELETE FROM annex WHERE report_id = ?", [report_id])
        if choice is not None:
            db["annex"].insert({"report_id": report_id, **annex_row(choice)})
    return old


def set_sign_images(db: Database, report_id: int, images: SignImages) -> SignImages:
    """The report's signature and seal pictures (checked: transparent PNG); returns what they replaced."""
    for data, name in ((images.signature, "chữ ký"), (images.seal, "con dấu")):
        if data is not None:
            try:
                png_size(data, name)
            except PictureError as exc:
                raise EditError(exc.message) from exc
    if not 10 <= images.seal_mm <= 80:
        raise EditError("Đường kính con dấu phải từ 10 đến 80 mm.")
    with db.atomic():
        _one(db, "SELECT id FROM report WHERE id = ?", [report_id])
        old = read_sign_images(next(db.query("SELECT * FROM sign_image WHERE report_id = ?", [report_id]), None))
        db.execute("DELETE FROM sign_image WHERE report_id = ?", [report_id])
        if images != SignImages():
            db["sign_image"].insert({"report_id": report_id, "signature": images.signature, "seal": images.seal,
                                     "seal_mm": images.seal_mm, "printed": int(images.printed)})
    return old


def set_label(db: Database, key: str, text: str) -> str:
    with db.atomic():
        row = next(db.query("SELECT text FROM label WHERE key = ?", [key]), None)
        db["label"].upsert({"key": key, "text": clean_text(text)}, pk="key")
    return row["text"] if row else ""


# --- narrative blocks ---------------------------------------------------------------------------------------

def _block_group(db: Database, report_id: int, part: str, sector_id: int | None) -> list[int]:
    return [r["id"] for r in db.query(
        "SELECT id FROM block WHERE report_id = ? AND part = ? AND sector_id IS ? ORDER BY position, id",
        [report_id, part, sector_id])]


def block_ids(db: Database, report_id: int, part: Part | str, sector: str | None) -> list[int]:
    """The blocks of one part of a report (of one sector, or none), in order."""
    return _block_group(db, report_id, Part(part).value, _sector_id(db, sector) if sector else None)


def block_position(db: Database, block_id: int) -> int:
    return _one(db, "SELECT position FROM block WHERE id = ?", [block_id])["position"]


def _renumber(db: Database, ids: list[int]) -> None:
    for position, bid in enumerate(ids):
        db.execute("UPDATE block SET position = ? WHERE id = ?", [position, bid])


def insert_block(db: Database, report_id: int, part: Part | str, sector: str | None, index: int,
                 kind: BlockKind | str = BlockKind.PARAGRAPH, text: str = "", block_id: int | None = None) -> int:
    """Insert a paragraph, sub-heading or list item at ``index`` of its part; returns its id."""
    part = Part(part)
    with db.atomic():
        sector_id = _sector_id(db, sector) if sector else None
        ids = _block_group(db, report_id, part.value, sector_id)
        row = {"report_id": report_id, "part": part.value, "sector_id": sector_id, "position": 0,
               "kind": BlockKind(kind).value, "text": clean_text(text)}
        if block_id is not None:
            row["id"] = block_id
        new_id = db["block"].insert(row).last_pk
        ids.insert(max(0, min(index, len(ids))), new_id)
        _renumber(db, ids)
    return new_id


def delete_block(db: Database, block_id: int) -> dict[str, Any]:
    """Remove a block; returns what ``insert_block(**snapshot)`` needs to put it back in place."""
    with db.atomic():
        row = _one(db, "SELECT b.*, s.code AS sector FROM block b LEFT JOIN sector s ON s.id = b.sector_id "
                       "WHERE b.id = ?", [block_id])
        ids = _block_group(db, row["report_id"], row["part"], row["sector_id"])
        db.execute("DELETE FROM block WHERE id = ?", [block_id])
        ids.remove(block_id)
        _renumber(db, ids)
    return {"report_id": row["report_id"], "part": row["part"], "sector": row["sector"],
            "index": row["position"], "kind": row["kind"], "text": row["text"], "block_id": block_id}


def insert_blocks(db: Database, report_id: int, part: Part | str, sector: str | None, index: int,
                  blocks: list[tuple[str, str]], block_ids: list[int] | None = None) -> list[int]:
    """Insert many (kind, text) blocks at ``index`` of their part in one transaction (an import); their ids.
    ``block_ids`` puts back the same ids (redo after undo)."""
    part = Part(part)
    with db.atomic():
        sector_id = _sector_id(db, sector) if sector else None
        ids = _block_group(db, report_id, part.value, sector_id)
        new_ids = []
        for n, (kind, text) in enumerate(blocks):
            row = {"report_id": report_id, "part": part.value, "sector_id": sector_id, "position": 0,
                   "kind": BlockKind(kind).value, "text": clean_text(text)}
            if block_ids is not None:
                row["id"] = block_ids[n]
            new_ids.append(db["block"].insert(row).last_pk)
        at = max(0, min(index, len(ids)))
        _renumber(db, ids[:at] + new_ids + ids[at:])
    return new_ids


def delete_blocks(db: Database, block_ids: list[int]) -> None:
    """Remove the blocks of an import, in one transaction."""
    with db.atomic():
        groups = set()
        for block_id in block_ids:
            row = next(db.query("SELECT report_id, part, sector_id FROM block WHERE id = ?", [block_id]), None)
            if row is not None:
                groups.add((row["report_id"], row["part"], row["sector_id"]))
                db.execute("DELETE FROM block WHERE id = ?", [block_id])
        for report_id, part, sector_id in groups:
            _renumber(db, _block_group(db, report_id, part, sector_id))


def set_block_text(db: Database, block_id: int, text: str) -> str:
    with db.atomic():
        old = _one(db, "SELECT text FROM block WHERE id = ?", [block_id])["text"]
        db.execute("UPDATE block SET text = ? WHERE id = ?", [clean_text(text), block_id])
    return old


def set_block_kind(db: Database, block_id: int, kind: BlockKind | str) -> str:
    with db.atomic():
        old = _one(db, "SELECT kind FROM block WHERE id = ?", [block_id])["kind"]
        db.execute("UPDATE block SET kind = ? WHERE id = ?", [BlockKind(kind).value, block_id])
    return old


def move_block(db: Database, block_id: int, index: int) -> int:
    """Move a block to ``index`` within its part; returns its old index."""
    with db.atomic():
        row = _one(db, "SELECT * FROM block WHERE id = ?", [block_id])
        ids = _block_group(db, row["report_id"], row["part"], row["sector_id"])
        old = ids.index(block_id)
        ids.remove(block_id)
        ids.insert(max(0, min(index, len(ids))), block_id)
        _renumber(db, ids)
    return old


# --- catalogue in the workbook: sectors and indicators ------------------------------------------------------

def set_sector_field(db: Database, code: str, field: str, value: str) -> str:
    if field not in SECTOR_FIELDS:
        raise KeyError(field)
    with db.atomic():
        old = _one(db, "SELECT * FROM sector WHERE code = ?", [code])[field]
        db.execute(f"UPDATE sector SET {field} = ? WHERE code = ?", [clean_text(value), code])
    return old


def set_indicator_field(db: Database, code: str, field: str, value: Any) -> Any:
    if field not in INDICATOR_FIELDS:
        raise KeyError(field)
    if isinstance(value, str):
        value = clean_text(value)
    if field == "precision" and value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                                       or not 0 <= value <= MAX_PRECISION):
        raise EditError(f"Số chữ số thập phân phải từ 0 đến {MAX_PRECISION}.")
    if field == "rate_of" and value is not None:  # JSON [numerator, denominator] of two other indicators' codes
        pair = json.loads(value)
        if not (isinstance(pair, list) and len(pair) == 2 and code not in pair and pair[0] != pair[1]
                and all(db.execute("SELECT 1 FROM indicator WHERE code = ?", [c]).fetchone() for c in pair)):
            raise EditError("Tỷ lệ phải là của hai chỉ tiêu khác nhau có trong sổ (tử số và mẫu số).")
    if field in ("plan_meaning", "plan_direction") and value not in {m.value for m in (
            PlanMeaning if field == "plan_meaning" else PlanDirection)}:
        raise EditError("Cách ghi kế hoạch này không có trong chương trình.")
    if field == "dhis2":  # domain.dhis2's compact JSON, checked (a UID DHIS2 would not take is refused)
        try:
            value = mapping_json(mapping_from_json(value or "", "Mã DHIS2"))
        except MappingError as exc:
            raise EditError(exc.message) from None
    with db.atomic():
        old = _one(db, "SELECT * FROM indicator WHERE code = ?", [code])[field]
        db.execute(f"UPDATE indicator SET {field} = ? WHERE code = ?", [value, code])
    return old


def set_indicator_fields(db: Database, code: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Several properties of one indicator in one transaction (the window's "Thuộc tính chỉ tiêu"); returns the
    values they replaced, which undo passes back."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise KeyError(sorted(unknown))
    if "name" in fields and not clean_text(str(fields["name"])).strip():
        raise EditError("Tên chỉ tiêu không được để trống.")
    with db.atomic():
        row = _one(db, "SELECT * FROM indicator WHERE code = ?", [code])
        old = {f: row[f] for f in fields}
        for field, value in fields.items():
            set_indicator_field(db, code, field, value)  # nested: one transaction, each value checked
    return old


def _sector_indicators(db: Database, sector_id: int) -> list[int]:
    return [r["id"] for r in db.query("SELECT id FROM indicator WHERE sector_id = ? ORDER BY position, id",
                                      [sector_id])]


def add_indicator(db: Database, sector: str, name: str, unit: str = "", parent: str | None = None,
                  index: int | None = None) -> str:
    """A new indicator in a sector (after its parent's breakdowns when it has one); returns its code."""
    name = clean_text(name).strip()
    if not name:
        raise EditError("Tên chỉ tiêu không được để trống.")
    with db.atomic():
        sector_id = _sector_id(db, sector)
        taken = {r["code"] for r in db.query("SELECT code FROM indicator")}
        code = code_from_name(name, taken)
        parent_id = _indicator_id(db, parent) if parent else None
        if parent_id is not None and not clean_text(unit).strip():  # a breakdown counts in its total's unit
            unit = _one(db, "SELECT unit FROM indicator WHERE id = ?", [parent_id])["unit"]
        ids = _sector_indicators(db, sector_id)
        if index is None:
            index = len(ids)
            if parent_id is not None:  # after the parent and its existing breakdowns
                family = [r["id"] for r in db.query("SELECT id FROM indicator WHERE id = ? OR parent_id = ?",
                                                    [parent_id, parent_id])]
                index = max(ids.index(i) for i in family) + 1
        new_id = db["indicator"].insert({"code": code, "sector_id": sector_id, "parent_id": parent_id,
                                         "position": 0, "name": name, "unit": clean_text(unit),
                                         "pad": int(unit.strip() != "%")}).last_pk
        ids.insert(max(0, min(index, len(ids))), new_id)
        for position, iid in enumerate(ids):
            db.execute("UPDATE indicator SET position = ? WHERE id = ?", [position, iid])
    return code


def move_indicator(db: Database, code: str, index: int) -> int:
    with db.atomic():
        row = _one(db, "SELECT id, sector_id FROM indicator WHERE code = ?", [code])
        ids = _sector_indicators(db, row["sector_id"])
        old = ids.index(row["id"])
        ids.remove(row["id"])
        ids.insert(max(0, min(index, len(ids))), row["id"])
        for position, iid in enumerate(ids):
            db.execute("UPDATE indicator SET position = ? WHERE id = ?", [position, iid])
    return old


def delete_indicator(db: Database, code: str) -> dict[str, Any]:
    """Remove an indicator, its breakdowns and their figures; the snapshot restores them all."""
    with db.atomic():
        row = _one(db, "SELECT * FROM indicator WHERE code = ?", [code])
        family = [row] + list(db.query("SELECT * FROM indicator WHERE parent_id = ?", [row["id"]]))
        ids = [r["id"] for r in family]
        marks = ",".join("?" * len(ids))
        snapshot = {
            "indicators": family,
            "values": list(db.query(f"SELECT * FROM value WHERE indicator_id IN ({marks})", ids)),
            "overrides": list(db.query(f"SELECT * FROM override WHERE indicator_id IN ({marks})", ids)),
            "sources": list(db.query(f"SELECT * FROM figure_source WHERE indicator_id IN ({marks})", ids)),
        }
        db.execute(f"DELETE FROM indicator WHERE id IN ({marks})", ids)
    return snapshot


def restore_indicator(db: Database, snapshot: dict[str, Any]) -> None:
    with db.atomic():
        db["indicator"].insert_all(snapshot["indicators"])
        db["value"].insert_all(snapshot["values"])
        db["override"].insert_all(snapshot["overrides"])
        db["figure_source"].insert_all(snapshot.get("sources", []))


def add_sector(db: Database, title: str, role: str = "sector") -> str:
    title = clean_text(title).strip()
    if not title:
        raise EditError("Tên lĩnh vực không được để trống.")
    with db.atomic():
        taken = {r["code"] for r in db.query("SELECT code FROM sector")}
        code = code_from_name(title, taken)
        position = next(db.query("SELECT coalesce(max(position), -1) + 1 AS p FROM sector"))["p"]
        db["sector"].insert({"code": code, "position": position, "role": role, "title": title,
                             "task_title": title})
    return code


def add_catalogue_sector(db: Database, catalogue_id: str, code: str) -> str:
    from .seed import install_sector, load_catalogue

    try:
        return install_sector(db, load_catalogue(catalogue_id), code)
    except KeyError:
        raise EditError("Danh mục không có lĩnh vực này.") from None
    except ValueError:
        raise EditError("Sổ báo cáo đã có lĩnh vực này.") from None


def delete_sector(db: Database, code: str) -> dict[str, Any]:
    with db.atomic():
        row = _one(db, "SELECT * FROM sector WHERE code = ?", [code])
        inds = list(db.query("SELECT * FROM indicator WHERE sector_id = ? ORDER BY parent_id IS NOT NULL, id",
                             [row["id"]]))
        ids = [r["id"] for r in inds] or [-1]
        marks = ",".join("?" * len(ids))
        snapshot = {
            "sector": row, "indicators": inds,
            "values": list(db.query(f"SELECT * FROM value WHERE indicator_id IN ({marks})", ids)),
            "overrides": list(db.query(f"SELECT * FROM override WHERE indicator_id IN ({marks})", ids)),
            "blocks": list(db.query("SELECT * FROM block WHERE sector_id = ?", [row["id"]])),
        }
        db.execute("DELETE FROM sector WHERE id = ?", [row["id"]])
    return snapshot


def restore_sector(db: Database, snapshot: dict[str, Any]) -> None:
    with db.atomic():
        db["sector"].insert(snapshot["sector"])
        db["indicator"].insert_all(snapshot["indicators"])
        db["value"].insert_all(snapshot["values"])
        db["override"].insert_all(snapshot["overrides"])
        db["block"].insert_all(snapshot["blocks"])


def set_sector_off(db: Database, report_id: int, code: str, off: bool) -> bool:
    """Leave a sector out of one report (its figures and paragraphs stay), or bring it back; the old state."""
    with db.atomic():
        sid = _sector_id(db, code)
        was = db.execute("SELECT 1 FROM report_sector_off WHERE report_id = ? AND sector_id = ?",
                         [report_id, sid]).fetchone() is not None
        if off and not was:
            db.execute("INSERT INTO report_sector_off (report_id, sector_id) VALUES (?, ?)", [report_id, sid])
        elif was and not off:
            db.execute("DELETE FROM report_sector_off WHERE report_id = ? AND sector_id = ?", [report_id, sid])
    return was


def move_sector(db: Database, code: str, index: int) -> int:
    with db.atomic():
        ids = [r["id"] for r in db.query("SELECT id FROM sector ORDER BY position, id")]
        sid = _sector_id(db, code)
        old = ids.index(sid)
        ids.remove(sid)
        ids.insert(max(0, min(index, len(ids))), sid)
        for position, x in enumerate(ids):
            db.execute("UPDATE sector SET position = ? WHERE id = ?", [position, x])
    return old


# --- periods ------------------------------------------------------------------------------------------------

def create_report(db: Database, from_report_id: int | None, period: Period, values: dict[str, Values],
                  summary: str, texts: bool = True, shift: Callable[[str], str] | None = None) -> int:
    """A new report of ``period``: its header and recipients from ``from_report_id`` (the report it follows; the
    workbook's agency when None), its paragraphs copied from it as drafts when ``texts`` (each passed through
    ``shift``, which moves the years typed in them), and the figures the domain says it starts with
    (``domain.periods``). EditError if the workbook has that period."""
    shift = shift or (lambda text: text)
    with db.atomic():
        if next(db.query("SELECT id FROM report WHERE year = ? AND period_kind = ?",
                         [period.year, period.kind.value]), None):
            raise EditError(f"Sổ báo cáo đã có báo cáo {period.label}.")
        if from_report_id is not None:
            src = _one(db, "SELECT * FROM report WHERE id = ?", [from_report_id])
        else:
            a = next(db.query("SELECT * FROM agency WHERE id = 1"), None) or {}
            src = {"type_name": "BÁO CÁO", **{AGENCY_COLUMNS[k]: a.get(k, "") for k in AGENCY_KEYS}}
        rid = db["report"].insert({
            "period_kind": period.kind.value, "year": period.year, "number": None, "date": None,
            "type_name": src.get("type_name") or "BÁO CÁO", "summary": clean_text(summary),
            **{k: src.get(k) or "" for k in ("signer_authority", "signer_title", "signer_name",
                                             *AGENCY_COLUMNS.values())},
        }).last_pk
        if from_report_id is not None:
            db.execute("INSERT INTO recipient (report_id, position, text) "
                       "SELECT ?, position, text FROM recipient WHERE report_id = ?", [rid, from_report_id])
        else:
            db["recipient"].insert({"report_id": rid, "position": 0, "text": "Lưu: VT"})
        ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
        db["value"].insert_all(_value_row(rid, ids[code], v) for code, v in values.items() if code in ids)
        if from_report_id is not None:
            db.execute("INSERT INTO report_format (report_id, pct_precision) "
                       "SELECT ?, pct_precision FROM report_format WHERE report_id = ?", [rid, from_report_id])
        if from_report_id is not None:
            db.execute("INSERT INTO report_sector_off (report_id, sector_id) "
                       "SELECT ?, sector_id FROM report_sector_off WHERE report_id = ?", [rid, from_report_id])
        for code in handed_over_before(db, period):  # handed over to another agency: out of later reports
            db.execute("INSERT OR IGNORE INTO report_sector_off (report_id, sector_id) "
                       "SELECT ?, id FROM sector WHERE code = ?", [rid, code])
        if texts and from_report_id is not None:
            db["block"].insert_all(
                {"report_id": rid, "part": b["part"], "sector_id": b["sector_id"], "position": b["position"],
                 "kind": b["kind"], "text": b["text"] if b["kind"] == BlockKind.TABLE.value else shift(b["text"])}
                for b in list(db.query("SELECT * FROM block WHERE report_id = ? ORDER BY id", [from_report_id])))
        if from_report_id is not None:  # the annex and the pictures as the report before had them
            db.execute("INSERT INTO annex (report_id, sectors, columns) "
                       "SELECT ?, sectors, columns FROM annex WHERE report_id = ?", [rid, from_report_id])
            db.execute("INSERT INTO sign_image (report_id, signature, seal, seal_mm, printed) "
                       "SELECT ?, signature, seal, seal_mm, printed FROM sign_image WHERE report_id = ?",
                       [rid, from_report_id])
            db.execute("UPDATE report SET tone_style = ? WHERE id = ?",  # the style chosen goes on (m014)
                       [src.get("tone_style") or "", rid])
    return rid


def report_is_empty(db: Database, report_id: int) -> bool:
    """Nothing the clerk typed: no actual figure or target, no typed percentage, no paragraph. (Plans and last
    year's figures carried in when the report was made are not the clerk's: they follow the period.)"""
    return not any(db.execute(sql, [report_id]).fetchone() for sql in (
        "SELECT 1 FROM value WHERE report_id = ? AND coalesce(actual, target, target_high) IS NOT NULL",
        "SELECT 1 FROM override WHERE report_id = ?",
        "SELECT 1 FROM block WHERE report_id = ? AND text != ''"))


def _value_row(report_id: int, indicator_id: int, v: Values) -> dict[str, Any]:
    return {"report_id": report_id, "indicator_id": indicator_id, "actual": v.actual, "plan": v.plan,
            "last": v.last, "target": v.target, "plan_high": v.plan_high, "target_high": v.target_high,
            **({"places": places_text(v.places)} if v.places else {})}


def set_period(db: Database, report_id: int, period: Period,
               carried: dict[str, Values] | None = None) -> tuple[Period, list[dict[str, Any]]]:
    """Change the period of a report nothing was typed in yet (a report made for the wrong period); the figures
    carried in for the old period are replaced by ``carried``, those of the new one. Returns the old period and
    the figure rows it replaced (``restore_period`` puts them back)."""
    with db.atomic():
        row = _one(db, "SELECT * FROM report WHERE id = ?", [report_id])
        old = Period(PeriodKind(row["period_kind"]), row["year"])
        if not report_is_empty(db, report_id):
            raise EditError(f"Báo cáo {old.label} đã có số liệu hoặc đoạn văn nên không đổi được kỳ; "
                            "hãy tạo báo cáo mới cho kỳ khác.")
        if next(db.query("SELECT id FROM report WHERE year = ? AND period_kind = ? AND id != ?",
                         [period.year, period.kind.value, report_id]), None):
            raise EditError(f"Sổ báo cáo đã có báo cáo {period.label}.")
        rows = list(db.query("SELECT * FROM value WHERE report_id = ?", [report_id]))
        ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
        db.execute("UPDATE report SET period_kind = ?, year = ? WHERE id = ?",
                   [period.kind.value, period.year, report_id])
        db.execute("DELETE FROM value WHERE report_id = ?", [report_id])
        db["value"].insert_all(_value_row(report_id, ids[code], v)
                               for code, v in (carried or {}).items() if code in ids)
    return old, rows


def restore_period(db: Database, report_id: int, period: Period, rows: list[dict[str, Any]]) -> None:
    with db.atomic():
        db.execute("UPDATE report SET period_kind = ?, year = ? WHERE id = ?",
                   [period.kind.value, period.year, report_id])
        db.execute("DELETE FROM value WHERE report_id = ?", [report_id])
        db["value"].insert_all(rows)


_REPORT_TABLES = ("recipient", "value", "override", "block", "report_sector_off", "report_format", "sent_file",
                  "figure_source")


def delete_report(db: Database, report_id: int) -> dict[str, Any]:
    """Remove a report and everything in it; returns what ``restore_report`` needs to put it back."""
    with db.atomic():
        snapshot: dict[str, Any] = {"report": _one(db, "SELECT * FROM report WHERE id = ?", [report_id])}
        for table in _REPORT_TABLES:
            snapshot[table] = list(db.query(f"SELECT * FROM {table} WHERE report_id = ?", [report_id]))
        db.execute("DELETE FROM report WHERE id = ?", [report_id])
        db.execute("DELETE FROM report_format WHERE report_id = ?", [report_id])  # no foreign key: see m005
    return snapshot


def restore_report(db: Database, snapshot: dict[str, Any]) -> None:
    with db.atomic():
        db["report"].insert(snapshot["report"])
        for table in _REPORT_TABLES:
            db[table].insert_all(snapshot[table])


SENT_FIELDS = ("sent_at", "sent_file", "sent_sha256", "sent_snapshot", "sent_locked", "sent_record_sha256")


def set_sent_files(db: Database, report_id: int, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The files a report was sent as (rows of m010's ``sent_file``: suffix, name, sha256, size, data), replacing
    those kept before; returns the rows replaced (for undo)."""
    with db.atomic():
        old = list(db.query("SELECT * FROM sent_file WHERE report_id = ?", [report_id]))
        db.execute("DELETE FROM sent_file WHERE report_id = ?", [report_id])
        for f in files:
            db.execute("INSERT INTO sent_file (report_id, suffix, name, sha256, size, data) VALUES (?, ?, ?, ?, ?, ?)",
                       [report_id, f["suffix"], f["name"], f["sha256"], f["size"], f["data"]])
    return [{k: r[k] for k in ("suffix", "name", "sha256", "size", "data")} for r in old]


def set_sent(db: Database, report_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """The record of a report signed and sent (or unlocked); returns the fields it replaced."""
    if set(fields) - set(SENT_FIELDS):
        raise KeyError(sorted(set(fields) - set(SENT_FIELDS)))
    with db.atomic():
        row = _one(db, "SELECT * FROM report WHERE id = ?", [report_id])
        for field, value in fields.items():
            db.execute(f"UPDATE report SET {field} = ? WHERE id = ?", [value, report_id])
    return {f: row[f] for f in fields}


# --- where rolled-up figures came from (m012) ---------------------------------------------------------------

SOURCE_COLUMNS = ("file", "workbook", "agency", "source_report", "source_edited_at", "taken_at")


def set_sources(db: Database, report_id: int, sources: tuple[FigureSource, ...]) -> tuple[FigureSource, ...]:
    """Replace the report's record of where its rolled-up figures came from; returns the one it replaced. (Tens of
    thousands of rows for a roll-up of twenty large workbooks: written with one prepared statement.)"""
    with db.atomic():
        ids = {r[0]: r[1] for r in db.execute("SELECT code, id FROM indicator")}
        old = load_sources(db, report_id, {v: k for k, v in ids.items()})
        db.execute("DELETE FROM figure_source WHERE report_id = ?", [report_id])
        texts: dict[str, str] = {}

        def text(value: str) -> str:
            if value not in texts:
                texts[value] = clean_text(value)
            return texts[value]

        def number(value):
            return value if value is None or (type(value) in (int, float) and math.isfinite(value)) else None

        db.conn.executemany(
            f"INSERT INTO figure_source (report_id, indicator_id, position, {', '.join(SOURCE_COLUMNS)}, "
            f"{', '.join(VALUE_FIELDS)}) VALUES ({', '.join('?' * (3 + len(SOURCE_COLUMNS) + len(VALUE_FIELDS)))})",
            [(report_id, ids[s.code], s.position, text(s.file), s.workbook, text(s.agency), s.report, s.edited_at,
              s.taken_at, number(s.actual), number(s.plan), number(s.last), number(s.target))
             for s in sources if s.code in ids])
    return old


def set_dhis2_target(db: Database, target: tuple[str, str]) -> tuple[str, str]:
    """The data set and the organisation unit the DHIS2 export names (``meta``; "" removes one); returns the old
    pair, which undo passes back."""
    checked = []
    for value, what in zip(target, ("tập dữ liệu (data set)", "đơn vị (organisation unit)"), strict=True):
        value = (value or "").strip()
        if value:
            try:
                value = check_uid(value, "Thiết lập DHIS2", what)
            except MappingError as exc:
                raise EditError(exc.message) from None
        checked.append(value)
    with db.atomic():
        old = []
        for key, value in zip(("dhis2_data_set", "dhis2_org_unit"), checked, strict=True):
            row = next(db.query("SELECT value FROM meta WHERE key = ?", [key]), None)
            old.append(row["value"] if row else "")
            if value:
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
            else:
                db.execute("DELETE FROM meta WHERE key = ?", [key])
    return old[0], old[1]
