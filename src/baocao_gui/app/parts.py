"""Parts for the offices (phòng) that have the program: "Gửi phần cho phòng…" writes one sector of one report as a
small workbook (``store.parts``); the office opens it in the program and edits it; "Nhận phần từ phòng…" reads it
back, checks it belongs here, and merges it three-way (``importers.merge``) as one undoable edit."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from ..domain.model import RANGE_FIELDS, SECTOR_PARTS, Part, Period, PeriodKind, Report, Workbook
from ..errors import UserError
from ..importers.merge import Action, BlockChange, FigureChange, MergePlan, merge_blocks, merge_figures
from ..store import edits, load_workbook, open_workbook
from ..store.parts import PartOrigin, figures_of, part_origin, workbook_identity, write_part
from ..store.workbook import UnreadableCells, read_meta, unreadable_cells
from .document import Document
from .edit import Edit
from .edits.texts import report_style_block
from .files import make_workbook

# with the merge's plain data, for the window's review (ui/ reaches importers only through app/)
__all__ = ["Action", "BlockChange", "FigureChange", "MergePlan", "UnreadableCells", "default_part_name", "merge_edit",
           "part_title", "plan_merge", "read_part", "send_part"]

PART_SUFFIX = ".baocao"  # a part is a workbook: the program opens it like any other


def default_part_name(doc: Document, sector: str) -> str:
    s = next(x for x in doc.workbook.sectors if x.code == sector)
    return f"Phần {s.title[:60]} - {doc.report.period.label}{PART_SUFFIX}".replace("/", "-").replace("\\", "-")


def send_part(doc: Document, sector: str, target: str | Path) -> Path:
    """Write the part file of ``sector`` of the report in view at ``target`` (refused if it exists)."""
    report, workbook = doc.report, doc.workbook
    if report is None:
        raise UserError("Sổ báo cáo chưa có báo cáo nào.", "no report")
    sec = next((s for s in workbook.sectors if s.code == sector), None)
    if sec is None:
        raise UserError(f"Sổ báo cáo không có lĩnh vực mã “{sector}”; các mã có: "
                        f"{', '.join(s.code for s in workbook.sectors)}.", f"no sector {sector}")
    if part_origin(doc.db) is not None:
        raise UserError("Tệp đang mở là một phần gửi phòng; hãy gửi phần từ sổ báo cáo chính.", "part of a part")
    identity = workbook_identity(doc.db) if not doc.readonly else _identity_or_refuse(doc)
    codes = {i.code for i in workbook.indicators if i.sector == sector}
    origin = PartOrigin(
        identity, report.id, report.period.code, report.period.year, sector, sec.title,
        dt.datetime.now().isoformat(timespec="seconds"),
        {p.value: list(report.part(p, sector)) for p in SECTOR_PARTS},
        {c: figures_of(v) for c, v in report.values.items() if c in codes})
    meta = read_meta(doc.db)
    catalogue = (meta.get("catalogue_id") or "so_bao_cao", meta.get("catalogue_name") or "Sổ báo cáo",
                 int(meta.get("catalogue_version") or 1) if str(meta.get("catalogue_version") or "1").isdigit() else 1)
    return make_workbook(Path(target), lambda db: write_part(db, workbook, report, sector, origin, catalogue))


def _identity_or_refuse(doc: Document) -> str:
    identity = read_meta(doc.db).get("workbook_id")
    if identity is None:
        raise UserError("Sổ báo cáo đang mở chỉ đọc nên chưa gửi phần được (cần ghi mã nhận diện của sổ).",
                        "read-only workbook without identity")
    return identity


def part_title(doc: Document) -> str:
    """"phần “…” gửi phòng, báo cáo năm 2023" when the open workbook is a part file, else ""."""
    try:
        origin = part_origin(doc.db)
        label = _label(origin) if origin else ""
    except (sqlite3.Error, ValueError):  # a damaged meta row never stops a window from opening
        return ""
    return f"phần “{origin.sector_title}” gửi phòng, báo cáo {label}" if origin else ""


def read_part(path: str | Path) -> tuple[PartOrigin, Workbook, UnreadableCells]:
    """A part file's origin, content and the cells of its report that could not be read (the tolerant reader of
    any workbook: such a cell reads as empty, which is not the office clearing it); a workbook that is not a part
    gets one sentence."""
    path = Path(path)
    db = open_workbook(path, readonly=True)
    try:
        origin = part_origin(db)
        workbook = load_workbook(db)
        unreadable = unreadable_cells(db, workbook.reports[0].id) if workbook.reports else UnreadableCells()
    finally:
        db.close()
    if origin is None:
        raise UserError(f"Tệp “{path.name}” không phải là phần gửi phòng (tệp do “Gửi phần cho phòng…” ghi).",
                        f"{path} has no part mark")
    if not workbook.reports:
        raise UserError(f"Tệp phần “{path.name}” không còn báo cáo nào.", f"{path}: no report")
    return origin, workbook, unreadable


def plan_merge(doc: Document, sector: str, origin: PartOrigin, part: Workbook, unreadable: UnreadableCells) -> MergePlan:
    """What taking the part back would change in the report in view, or one sentence why it cannot be taken. A
    figure or paragraph whose cell in the part could not be read is never offered: the workbook keeps its own, and
    a note names the cell."""
    wb = doc.workbook
    if read_meta(doc.db).get("workbook_id") != origin.workbook:
        raise UserError(f"Phần “{origin.sector_title}” này được gửi từ một sổ báo cáo khác, không phải sổ đang mở.",
                        "part of another workbook")
    report = next((r for r in wb.reports if r.id == origin.report), None)
    if report is None:
        raise UserError(f"Báo cáo của phần này ({_label(origin)}) không còn trong sổ.", "report gone")
    if report.id != doc.report_id:
        raise UserError(f"Phần này thuộc báo cáo {_label(origin)}; hãy chọn báo cáo đó rồi nhận lại.",
                        "part of another report")
    if origin.sector != sector:
        raise UserError(f"Phần này là của lĩnh vực “{origin.sector_title}”; hãy nhận nó ở thẻ của lĩnh vực đó.",
                        "part of another sector")
    if not any(s.code == sector for s in wb.sectors):
        raise UserError(f"Lĩnh vực “{origin.sector_title}” không còn trong sổ.", "sector gone")
    if doc.report.frozen:
        raise UserError(f"Báo cáo {doc.report.period.label} đã ký, đã gửi nên không nhận phần vào được; muốn sửa, "
                        "chọn “Mở khóa để sửa”.", "frozen report")
    theirs_report = part.reports[0]
    blocks: list[BlockChange] = []
    for p in SECTOR_PARTS:
        blocks += merge_blocks(p, origin.blocks.get(p.value, []), list(doc.report.part(p, sector)),
                               list(theirs_report.part(p, sector)))
    blocks = [c for c in blocks if (c.base or c.theirs).id not in unreadable.blocks]  # a part holds one sector
    codes = {i.code for i in wb.indicators if i.sector == sector}
    unread_figures = {(c, _LOW.get(f, f)): what for (c, f), what in unreadable.figures.items() if c in codes}
    ours = {c: figures_of(v) for c, v in doc.report.values.items() if c in codes}
    theirs = {c: figures_of(v) for c, v in theirs_report.values.items() if c in codes}
    notes = [_unread_figure(wb, code, f, what) for (code, f), what in unread_figures.items()]
    notes += [_unread_block(doc.report, sector, b, what) for b, what in unreadable.blocks.items()]
    new = [i.name for i in part.indicators if i.code not in codes]
    if new:
        notes.append(f"Phòng đã thêm {len(new)} chỉ tiêu ({', '.join(new[:5])}): chưa nhận được chỉ tiêu mới từ "
                     "phần; hãy thêm trong sổ rồi nhập số liệu.")
    figures = [f for f in merge_figures(origin.values, ours, theirs) if (f.code, f.field) not in unread_figures]
    return MergePlan(tuple(blocks), tuple(figures), tuple(notes))


_LOW = {high: low for low, high in RANGE_FIELDS.items()}  # a range's upper end is read as part of its figure
_FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau"}


def _unread_block(report: Report, sector: str, block_id: int, what: str) -> str:
    what = what.split(";")[0]  # the reader's "bỏ qua đoạn này" is about reading; here the workbook's own is kept
    here = next((b.text for p in SECTOR_PARTS for b in report.part(p, sector) if b.id == block_id), None)
    if here is None:
        return f"Một đoạn văn phòng thêm trong phần không đọc được ({what}): không nhận đoạn này."
    shown = here if len(here) <= 60 else here[:60].rstrip() + "…"
    return f"Đoạn “{shown}” trong phần không đọc được ({what}): giữ nguyên đoạn trong sổ, không nhận đoạn này."


def _unread_figure(workbook: Workbook, code: str, field: str, what: str) -> str:
    indicator = workbook.indicator(code)
    name = indicator.name if indicator else code
    return (f"Chỉ tiêu “{name}” ({_FIELD_WORDS.get(field, field)}) trong phần: {what} — giữ nguyên số trong sổ, "
            "không nhận ô này.")


def _label(origin: PartOrigin) -> str:
    return Period(PeriodKind(origin.period), origin.year).label


def merge_edit(doc: Document, sector: str, chosen: list[BlockChange | FigureChange], label: str) -> Edit:
    """The changes the clerk accepted (for a conflict: their version chosen) as one edit: one transaction, one
    undo step that puts back every paragraph and figure."""
    rid, db = doc.report_id, doc.db
    styled = lambda block: report_style_block(doc.report, block.kind, block.text)  # the report's tone-mark style
    done: list[tuple[str, Any]] = []  # (kind, what undo needs), in the order applied
    created: dict[str, int] = {}  # their block id → the id it got here (kept for redo)

    def group(part: Part) -> list[int]:
        return edits.block_ids(db, rid, part, sector)

    def do() -> None:
        done.clear()
        with db.atomic():
            for c in chosen:
                if isinstance(c, FigureChange):
                    value = tuple(c.theirs) if isinstance(c.theirs, list) else c.theirs
                    if c.field not in RANGE_FIELDS and isinstance(value, tuple):
                        value = value[0]
                    done.append(("figure", (c.code, c.field, edits.set_value(db, rid, c.code, c.field, value))))
                elif c.action == Action.CHANGED:
                    old_text = edits.set_block_text(db, c.ours.id, styled(c.theirs))
                    old_kind = edits.set_block_kind(db, c.ours.id, c.theirs.kind)
                    done.append(("text", (c.ours.id, old_text, old_kind)))
                elif c.action == Action.DELETED:
                    done.append(("deleted", edits.delete_block(db, c.ours.id)))
                else:  # added (or restored): after the nearest paragraph before it that is here
                    ids = group(c.part)
                    here = [created.get(i, i) for i in c.after]
                    anchor = next((i for i in here if i in ids), None)
                    index = ids.index(anchor) + 1 if anchor is not None else 0
                    new_id = edits.insert_block(db, rid, c.part, sector, index, c.theirs.kind, styled(c.theirs),
                                                block_id=created.get(("new", c.theirs.id)))
                    created[("new", c.theirs.id)] = new_id
                    created[c.theirs.id] = new_id
                    done.append(("added", new_id))

    def undo() -> None:
        with db.atomic():
            for kind, what in reversed(done):
                if kind == "figure":
                    edits.set_value(db, rid, what[0], what[1], what[2])
                elif kind == "text":
                    edits.set_block_text(db, what[0], what[1])
                    edits.set_block_kind(db, what[0], what[2])
                elif kind == "deleted":
                    edits.insert_block(db, **what)
                else:
                    edits.delete_block(db, what)

    edit = Edit(label, do, undo)
    return edit


