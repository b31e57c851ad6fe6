"""A sector handed over to another agency with its history (issue 22.4). Since 2025 the work of a Sở Lao động –
Thương binh và Xã hội went three ways (Sở Nội vụ, Sở Y tế, Sở Giáo dục và Đào tạo): the giving clerk writes the
sector's indicators, figures and paragraphs of every report into a new workbook (“Chuyển lĩnh vực sang cơ quan
khác…”, ``baocao-gui handover``), and the sector is left out of this workbook's later reports; the receiving clerk
takes that file into their own workbook (“Nhận lĩnh vực từ cơ quan khác…”, ``baocao-gui receive``): matched by code,
reviewed, one undo — so the next report's plans and same-period figures come from the history handed over."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..domain.model import SECTOR_PARTS, Block, Indicator, Part, Period, Report, Sector, Workbook
from ..domain.rollup import FIELD_WORDS, match_indicators
from ..errors import UserError
from ..store import WorkbookError, load_workbook, open_workbook
from ..store.handover import HandoverOrigin, handover_origin, write_handover
from ..store.workbook import read_meta
from .document import Document
from .files import make_workbook
from .rollup import figure_text

__all__ = [
    "FIELD_WORDS",
    "HandoverOrigin",
    "ReceivePlan",
    "Received",
    "default_handover_name",
    "describe_received",
    "plan_receive",
    "read_handover",
    "reports_handed_over",
    "write_handover_file",
]


def _sector(workbook: Workbook, code: str):
    sector = next((s for s in workbook.sectors if s.code == code), None)
    if sector is None:
        raise UserError(f"Sổ báo cáo không có lĩnh vực mã “{code}”; các mã có: "
                        f"{', '.join(s.code for s in workbook.sectors)}.", f"no sector {code}")
    return sector


def default_handover_name(doc: Document, sector: str) -> str:
    title = _sector(doc.workbook, sector).title
    return f"Chuyển giao {title[:60]}.baocao".replace("/", "-").replace("\\", "-")


def reports_handed_over(doc: Document, after: Period | None) -> list[Report]:
    """The reports whose history goes with the sector: every report up to ``after`` (None: every report)."""
    return [r for r in doc.workbook.in_order() if after is None or r.period.order <= after.order]


def write_handover_file(doc: Document, sector: str, target: str | Path, after: Period | None = None) -> Path:
    """Write ``sector`` with its indicators, figures and paragraphs of every report (up to ``after``) as a new
    workbook at ``target`` (refused if it exists). Nothing in this workbook changes here (``app.edits.handover``)."""
    sec = _sector(doc.workbook, sector)
    workbook = load_workbook(doc.db)  # every report's content (the window's model holds one report's)
    reports = [r for r in workbook.in_order() if after is None or r.period.order <= after.order]
    if not reports:
        raise UserError("Sổ báo cáo chưa có báo cáo nào để chuyển giao.", "no report")
    meta = read_meta(doc.db)
    last = reports[-1].period.label
    origin = HandoverOrigin(workbook.identity, workbook.agency.name, sector, sec.title,
                            dt.datetime.now().isoformat(timespec="seconds"), last)
    catalogue = (meta.get("catalogue_id") or "so_bao_cao", meta.get("catalogue_name") or "Sổ báo cáo", 1)
    return make_workbook(Path(target), lambda db: write_handover(db, workbook, reports, sector, origin, catalogue))


def read_handover(path: str | Path) -> tuple[HandoverOrigin, Workbook]:
    """A hand-over file's origin and content (read-only); a workbook that is not one gets one sentence."""
    path = Path(path)
    try:
        db = open_workbook(path, readonly=True)
    except WorkbookError as exc:
        raise UserError(f"Không đọc được tệp “{path.name}”: {exc.message}", exc.gloss) from exc
    try:
        origin = handover_origin(db)
        workbook = load_workbook(db)
    finally:
        db.close()
    if origin is None:
        raise UserError(f"Tệp “{path.name}” không phải là tệp chuyển giao lĩnh vực (tệp do “Chuyển lĩnh vực sang cơ "
                        "quan khác…” ghi).", f"{path} has no hand-over mark")
    return origin, workbook


@dataclass(frozen=True)
class Received:
    """One thing of the handed-over history taken in: a figure of a report, or a paragraph."""

    period: Period
    code: str = ""  # a figure's indicator (here)
    field: str = ""
    old: object = None
    new: object = None
    part: Part | None = None  # a paragraph's part
    block: Block | None = None

    @property
    def what(self) -> str:
        if self.block is not None:
            return f"Báo cáo {self.period.label}: đoạn văn ({'kết quả' if self.part == Part.RESULTS else 'nhiệm vụ'})"
        return f"Báo cáo {self.period.label}: {FIELD_WORDS[self.field]}"


@dataclass(frozen=True)
class ReceivePlan:
    sector: str  # the sector's code here
    definition: Sector  # the sector as handed over (added as it is when the workbook lacks it)
    title: str
    new_sector: bool  # the workbook lacks it: added with its indicators
    new_indicators: tuple[Indicator, ...]  # indicators it lacks, added to the sector
    new_reports: tuple[Period, ...]  # periods it has no report of: made, holding this sector only
    items: tuple[Received, ...]
    names: dict[str, str]  # code → indicator name, for the review
    units: dict[str, str]
    notes: tuple[str, ...]


def plan_receive(doc: Document, origin: HandoverOrigin, given: Workbook) -> ReceivePlan:
    """What taking the handed-over sector into this workbook would add and change, or one sentence why not."""
    here = doc.workbook
    if origin.workbook and origin.workbook == here.identity:
        raise UserError("Tệp chuyển giao này được ghi từ chính sổ đang mở.", "hand-over into itself")
    their = next((s for s in given.sectors if s.code == origin.sector), None)
    if their is None:
        raise UserError("Tệp chuyển giao không còn lĩnh vực được chuyển.", "sector missing in hand-over file")
    their_inds = tuple(i for i in given.indicators if i.sector == their.code)
    notes: list[str] = []
    new_sector = not any(s.code == their.code for s in here.sectors)
    taken_codes = {i.code for i in here.indicators}
    if new_sector:
        mapping = {i.code: i.code for i in their_inds if i.code not in taken_codes}
        clash = [i for i in their_inds if i.code in taken_codes]
        new_inds = tuple(i for i in their_inds if i.code in mapping)
    else:
        mine = tuple(i for i in here.indicators if i.sector == their.code)
        mapping, left = match_indicators(mine, their_inds)
        clash = [i for i in left if i.code in taken_codes]
        new_inds = tuple(i for i in left if i.code not in taken_codes)
        mapping.update({i.code: i.code for i in new_inds})
    for i in clash:
        notes.append(f"Chỉ tiêu “{i.name}” ({i.code}) trùng mã với một chỉ tiêu của lĩnh vực khác trong sổ: chưa "
                     "nhận số liệu của nó.")
    new_inds = tuple(dataclasses.replace(i, parent=i.parent if i.parent in mapping else None,
                                         rate_of=i.rate_of if i.rate_of and set(i.rate_of) <= set(mapping) else None)
                     for i in new_inds)
    items: list[Received] = []
    new_reports: list[Period] = []
    full = load_workbook(doc.db)  # every report's figures and paragraphs here
    for report in given.in_order():
        mine = full.find(report.period)
        if mine is None:
            new_reports.append(report.period)
        elif mine.frozen:
            notes.append(f"Báo cáo {report.period.label} của sổ này đã ký, đã gửi: không nhận số liệu vào đó.")
            continue
        for code, values in report.values.items():
            ours = mapping.get(code)
            if ours is None:
                continue
            now = mine.values.get(ours) if mine else None
            for field in ("actual", "plan", "last", "target"):
                new = getattr(values, field)
                high = values.high(field)
                new = (new, high) if new is not None and high is not None else new
                old = None if now is None else getattr(now, field)
                old_high = None if now is None else now.high(field)
                old = (old, old_high) if old is not None and old_high is not None else old
                if new is not None and new != old:
                    items.append(Received(report.period, ours, field, old, new))
        for part in SECTOR_PARTS:
            have = {b.text for b in mine.part(part, their.code)} if mine else set()
            items += [Received(report.period, part=part, block=b) for b in report.part(part, their.code)
                      if b.text not in have]
    names = {i.code: i.name for i in (*here.indicators, *new_inds)}
    units = {i.code: i.unit for i in (*here.indicators, *new_inds)}
    return ReceivePlan(their.code, their, their.title, new_sector, new_inds, tuple(new_reports), tuple(items), names, units,
                       tuple(notes))


def describe_received(plan: ReceivePlan, item: Received) -> tuple[str, str, str]:
    """(what, here now, handed over) of one item, for the review and the command line."""
    if item.block is not None:
        return item.what, "", item.block.text
    unit = plan.units.get(item.code, "")
    return (f"{item.what} — “{plan.names.get(item.code, item.code)}”", figure_text(item.old, unit) if item.old
            is not None else "", figure_text(item.new, unit))
