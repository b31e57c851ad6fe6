"""“Nhập số liệu từ tệp Excel…”: a spreadsheet (the program's own export, or an office's sheet) read on the ``files``
worker, every figure that would change shown side by side (the review the part files use), rows that match no
indicator offered as new ones (a tick each, in the sector chosen), and what was accepted written as one edit: one
Ctrl+Z puts every figure back and removes the indicators made."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QWidget

from ...app.edits.figures import take_figures
from ...app.sheets import (
    NOTHING_CHANGED,
    FigureChange,
    FiguresPlan,
    NewIndicator,
    SheetContent,
    figure_text,
    plan_figures,
    read_sheet_file,
)
from ...domain.model import Role
from ...errors import UserError
from ..dialogs.block_review import BlockReview, ReviewRow
from ..workers import Worker
from .conversation import Conversation

TITLE = "Nhập số liệu từ tệp Excel"
FILTER = "Bảng tính (*.xlsx *.xlsm *.xls *.ods *.csv);;Mọi tệp (*)"
FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau"}
NOTES_SHOWN = 12


class SheetImportFlow(Conversation):
    sheet_worker: Worker | None = None
    sheet_progress: QProgressDialog | None = None
    sheet_review: BlockReview | None = None

    def import_figures(self) -> None:
        report = self.session.report
        if report is None or self.unsaved_refusal("nhập số liệu"):
            return
        if report.frozen:
            QMessageBox.information(self.window, TITLE, f"Báo cáo {report.period.label} đã ký, đã gửi nên không nhập "
                                    "số liệu vào được; muốn sửa, chọn Kỳ báo cáo › “Mở khóa để sửa”.")
            return
        from ..windows.start_dialog import documents_dir

        chosen = self.ask_open_file(TITLE, str(documents_dir()), FILTER)
        if chosen:
            self.read_sheet(Path(chosen))

    def read_sheet(self, path: Path) -> None:
        """Read in the background; the progress box shows itself when the read takes more than half a second."""
        if self.sheet_worker is None:
            self.sheet_worker = Worker(self, lane="files")
        self.sheet_path = path
        dialog = self.sheet_progress = QProgressDialog(f"Đang đọc tệp “{path.name}”…", "", 0, 0, self.window)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        self.sheet_worker.run(read_sheet_file, path, done=self._sheet_read, failed=None)

    def _sheet_read(self, result) -> None:
        if self.sheet_progress is not None:
            self.sheet_progress.close()
            self.sheet_progress.deleteLater()
            self.sheet_progress = None
        if isinstance(result, Exception):  # read_sheet_file says every failure it knows; this one is logged
            result = (f"Không đọc được tệp “{self.sheet_path.name}”; chi tiết đã được ghi vào tệp nhật ký. "
                      "Chưa có gì được ghi vào sổ báo cáo.")
        if isinstance(result, str):
            QMessageBox.warning(self.window, TITLE, result)
            return
        self.offer_figures(result)

    def offer_figures(self, content: SheetContent) -> None:
        session = self.session
        try:
            plan = plan_figures(session.workbook, session.report, content)
        except UserError as exc:
            QMessageBox.warning(self.window, TITLE, exc.message)
            return
        label = session.report.period.label
        if plan.empty:
            QMessageBox.information(self.window, TITLE, f"Tệp “{content.file}”: {NOTHING_CHANGED} so với báo cáo "
                                    f"{label} ({plan.matched} chỉ tiêu khớp)." + _notes_line(plan))
            return
        rows = [self._change_row(c) for c in plan.changes] + [_new_row(n) for n in plan.new]
        chooser = self._sector_chooser() if any(not n.sector for n in plan.new) else None
        where = f"trang “{content.sheet}”, " if content.sheet != content.file else ""
        intro = (f"Tệp “{content.file}” ({where}{plan.matched} chỉ tiêu khớp): {len(plan.changes)} số liệu khác báo "
                 f"cáo {label}" + (f", {len(plan.new)} dòng không khớp chỉ tiêu nào (đánh dấu dòng nào muốn tạo "
                                   "thành chỉ tiêu mới)" if plan.new else "")
                 + ". Chưa có gì được ghi; bấm “Nhận các thay đổi đã chọn” để ghi.")
        notes = plan.findings[:NOTES_SHOWN] + ((f"… và {len(plan.findings) - NOTES_SHOWN} lưu ý khác.",)
                                               if len(plan.findings) > NOTES_SHOWN else ())
        dialog = self.sheet_review = BlockReview(TITLE, intro, rows, "Trong tệp", self.window, notes, chooser)
        try:
            if not self.exec_dialog(dialog):
                return
            taken = dialog.taken()
            sector = chooser.findChild(QComboBox).currentData() if chooser is not None else None
        finally:
            self.sheet_review = None
        changes = [t for t in taken if isinstance(t, FigureChange)]
        new = [t for t in taken if isinstance(t, NewIndicator)]
        if not changes and not new:
            return
        edit = session.edit(take_figures, changes, new, sector, f"Nhập số liệu từ tệp “{content.file}”")
        if edit is not None:
            self._say(f"Đã nhập {len(changes)} số liệu" + (f" và {len(new)} chỉ tiêu mới" if new else "")
                      + f" từ tệp “{content.file}”; Ctrl+Z để hoàn tác cả lần nhập.", 30000)

    def _change_row(self, change: FigureChange) -> ReviewRow:
        indicator = self.session.workbook.indicator(change.code)
        name, unit = (indicator.name, indicator.unit) if indicator else (change.code, "")
        return ReviewRow(f"Số liệu: {name} ({FIELD_WORDS[change.field]}), dòng {change.line}",
                         figure_text(change.old, unit), figure_text(change.new, unit), change)

    def _sector_chooser(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Chỉ tiêu mới được tạo trong lĩnh vực:"))
        combo = QComboBox()
        combo.setObjectName("new_sector")
        for s in self.session.workbook.sectors_of(self.session.report):
            combo.addItem(s.title, s.code)
        current = self.window.tabs.currentWidget()
        code = current.objectName().removeprefix("tab-") if current is not None else ""
        at = combo.findData(code)
        if at < 0:  # not a sector's tab: the first sector of results
            at = next((i for i, s in enumerate(self.session.workbook.sectors_of(self.session.report))
                       if s.role == Role.SECTOR), 0)
        combo.setCurrentIndex(at)
        row.addWidget(combo, 1)
        return box


def _new_row(item: NewIndicator) -> ReviewRow:
    figures = "; ".join(f"{FIELD_WORDS[f]} {figure_text(v, item.unit)}" for f, v in item.figures.items())
    unit = f" ({item.unit})" if item.unit else ""
    return ReviewRow(f"Chỉ tiêu mới: {item.name}{unit}, dòng {item.line}", "", figures, item, taken=False)


def _notes_line(plan: FiguresPlan) -> str:
    if not plan.findings:
        return ""
    shown = " ".join(plan.findings[:NOTES_SHOWN])
    more = len(plan.findings) - NOTES_SHOWN
    return "\n\n" + shown + (f" … và {more} lưu ý khác." if more > 0 else "")
