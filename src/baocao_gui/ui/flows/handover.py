"""Sửa › “Chuyển lĩnh vực sang cơ quan khác…” and “Nhận lĩnh vực từ cơ quan khác…”: the conversations around
``app.handover`` (the file written, then the sector left out of later reports as one edit; a file received through
the same side-by-side review the part files use, applied as one edit)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...app.edits.handover import hand_over, receive
from ...app.handover import (
    default_handover_name,
    describe_received,
    plan_receive,
    read_handover,
    write_handover_file,
)
from ...errors import UserError
from ..dialogs.block_review import BlockReview, ReviewRow
from .conversation import Conversation

TITLE_GIVE = "Chuyển lĩnh vực sang cơ quan khác"
TITLE_TAKE = "Nhận lĩnh vực từ cơ quan khác"
FILTER = "Sổ báo cáo, tệp chuyển giao (*.baocao)"


class HandoverFlow(Conversation):
    def hand_over_sector(self) -> Path | None:
        """Choose the sector and the file; the report in view is the last that keeps it."""
        session = self.session
        report = session.report
        if report is None or self.unsaved_refusal("chuyển lĩnh vực"):
            return None
        if session.readonly:
            QMessageBox.warning(self.window, TITLE_GIVE, "Sổ báo cáo đang mở chỉ đọc nên không chuyển lĩnh vực được "
                                "(sổ cần ghi lại rằng lĩnh vực đã chuyển).")
            return None
        choices = [s for s in session.workbook.sectors_of(report)]
        labels = [s.title for s in choices]
        label, ok = QInputDialog.getItem(
            self.window, TITLE_GIVE, f"Lĩnh vực chuyển sang cơ quan khác (cùng số liệu và các đoạn văn của mọi báo "
            f"cáo đến {report.period.label}; các báo cáo sau không còn lĩnh vực này):", labels, 0, False)
        if not ok:
            return None
        sector = choices[labels.index(label)].code
        start = session.path.parent / default_handover_name(session.doc, sector)
        name, _ = QFileDialog.getSaveFileName(self.window, TITLE_GIVE, str(start), FILTER)
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".baocao") else Path(name + ".baocao")
        try:
            out = write_handover_file(session.doc, sector, target, report.period)
        except UserError as exc:
            QMessageBox.warning(self.window, TITLE_GIVE, exc.message)
            return None
        session.edit(hand_over, sector, report.period, out.name)
        QMessageBox.information(
            self.window, TITLE_GIVE,
            f"Đã ghi lĩnh vực “{label}” vào tệp “{out.name}”. Gửi tệp này cho cơ quan nhận: họ chọn “{TITLE_TAKE}…” "
            f"để đưa vào sổ của họ. Các báo cáo sau {report.period.label} của sổ này không còn lĩnh vực đó.")
        return out

    def receive_sector(self) -> bool:
        session = self.session
        if self.unsaved_refusal("nhận lĩnh vực"):
            return False
        name, _ = QFileDialog.getOpenFileName(self.window, TITLE_TAKE, str(session.path.parent), FILTER)
        if not name:
            return False
        try:
            origin, given = read_handover(name)
            plan = plan_receive(session.doc, origin, given)
        except UserError as exc:
            QMessageBox.warning(self.window, TITLE_TAKE, exc.message)
            return False
        if not plan.items and not plan.new_sector and not plan.new_indicators:
            QMessageBox.information(self.window, TITLE_TAKE, "Sổ đã có đủ số liệu và đoạn văn của lĩnh vực này.")
            return False
        added = []
        if plan.new_sector:
            added.append(f"thêm lĩnh vực “{plan.title}” với {len(plan.new_indicators)} chỉ tiêu")
        elif plan.new_indicators:
            added.append(f"thêm {len(plan.new_indicators)} chỉ tiêu")
        if plan.new_reports:
            added.append("tạo báo cáo " + ", ".join(p.label for p in plan.new_reports) + " (chỉ gồm lĩnh vực này)")
        intro = (f"Lĩnh vực “{plan.title}” do {origin.agency or 'cơ quan khác'} chuyển giao lúc "
                 f"{origin.at.replace('T', ' ')}: {len(plan.items)} số liệu và đoạn văn"
                 + (f"; sẽ {', '.join(added)}." if added else "."))
        rows = [ReviewRow(*describe_received(plan, item), item) for item in plan.items]
        dialog = BlockReview(TITLE_TAKE, intro, rows, "Bản chuyển giao", self.window, plan.notes)
        try:
            if not self.exec_dialog(dialog):
                return False
            taken = list(dialog.taken())
        finally:
            dialog.deleteLater()
        return session.edit(receive, plan, taken) is not None
