"""“Gửi phần cho phòng…” and “Nhận phần từ phòng…” of a sector tab: the conversations around ``app.parts``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ...app.parts import (
    Action,
    BlockChange,
    FigureChange,
    MergePlan,
    default_part_name,
    merge_edit,
    plan_merge,
    read_part,
    send_part,
)
from ...domain.model import BlockKind, Part
from ...domain.vnformat import format_number, format_range
from ...errors import UserError
from ..dialogs.block_review import BlockReview, ReviewRow
from ..session import WorkbookSession

TITLE_SEND = "Gửi phần cho phòng"
TITLE_TAKE = "Nhận phần từ phòng"
FILTER = "Sổ báo cáo, phần gửi phòng (*.baocao)"
FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau"}
PART_WORDS = {Part.RESULTS: "kết quả", Part.TASKS: "nhiệm vụ"}
KIND_WORDS = {BlockKind.HEADING: "Đề mục: ", BlockKind.BULLET: "- ", BlockKind.TABLE: "[Bảng] "}


def send(parent: QWidget, session: WorkbookSession, sector: str) -> Path | None:
    doc = session.doc
    if doc.report is None:
        return None
    start = doc.path.parent / default_part_name(doc, sector)
    name, _ = QFileDialog.getSaveFileName(parent, TITLE_SEND, str(start), FILTER)
    if not name:
        return None
    target = Path(name) if name.lower().endswith(".baocao") else Path(name + ".baocao")
    try:
        out = send_part(doc, sector, target)
    except UserError as exc:
        QMessageBox.warning(parent, TITLE_SEND, exc.message)
        return None
    QMessageBox.information(
        parent, TITLE_SEND,
        f"Đã ghi phần vào tệp “{out.name}”. Gửi tệp này cho phòng: phòng mở nó bằng baocao-gui, sửa số liệu và đoạn "
        "văn rồi gửi lại; nhận lại bằng “Nhận phần từ phòng…” ở thẻ này.")
    return out


def _text(block) -> str:
    if block is None:
        return ""
    if block.kind == BlockKind.TABLE:
        from .word_import import block_line

        return KIND_WORDS[block.kind] + block_line(block.kind, block.text)
    return KIND_WORDS.get(block.kind, "") + block.text


def _figure(value, unit: str) -> str:
    if value is None:
        return ""
    text = format_range(*value) if isinstance(value, list) else format_number(value)
    return f"{text} {unit}".strip()


def rows_of(plan: MergePlan, workbook) -> list[ReviewRow]:
    rows = []
    for c in plan.blocks:
        where = PART_WORDS.get(c.part, "")
        what = {Action.CHANGED: "Đoạn sửa", Action.DELETED: "Đoạn bị xóa ở phòng",
                Action.ADDED: "Đoạn thêm" if c.base is None else "Đoạn đã xóa trong sổ, phòng sửa"}[c.action]
        rows.append(ReviewRow(f"{what} ({where})", _text(c.ours), _text(c.theirs), c, c.conflict))
    for f in plan.figures:
        ind = workbook.indicator(f.code)
        name, unit = (ind.name, ind.unit) if ind else (f.code, "")
        rows.append(ReviewRow(f"Số liệu: {name} ({FIELD_WORDS.get(f.field, f.field)})", _figure(f.ours, unit),
                              _figure(f.theirs, unit), f, f.conflict))
    return rows


def take(parent: QWidget, session: WorkbookSession, sector: str) -> bool:
    """Choose a part file, check it belongs here, show the review, apply what the clerk took as one edit."""
    name, _ = QFileDialog.getOpenFileName(parent, TITLE_TAKE, str(session.path.parent), FILTER)
    if not name:
        return False
    try:
        origin, part, unreadable = read_part(name)
        plan = plan_merge(session.doc, sector, origin, part, unreadable)
    except UserError as exc:
        QMessageBox.warning(parent, TITLE_TAKE, exc.message)
        return False
    if plan.empty:
        QMessageBox.information(parent, TITLE_TAKE, "Phần nhận về không có gì khác với sổ." +
                                "".join(" " + n for n in plan.notes))
        return False
    intro = (f"Phần “{origin.sector_title}” gửi phòng lúc {origin.sent_at.replace('T', ' ')}: "
             f"{len(plan.blocks)} đoạn văn và {len(plan.figures)} số liệu khác với lúc gửi"
             + (f", trong đó {plan.conflicts} chỗ đã sửa ở cả hai bên — hãy chọn bản giữ lại." if plan.conflicts
                else "."))
    dialog = BlockReview(TITLE_TAKE, intro, rows_of(plan, session.workbook), "Bản của phòng", parent, plan.notes)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    chosen: list[BlockChange | FigureChange] = list(dialog.taken())
    if not chosen:
        return False
    return session.edit(merge_edit, sector, chosen, f"Nhận phần “{origin.sector_title}” từ phòng") is not None
