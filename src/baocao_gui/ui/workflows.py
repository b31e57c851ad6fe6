"""The window's file and period workflows, each a short conversation with the clerk around one call of the
application layer: save (Ctrl+S), export, save a copy, restore a backup, add a sector, choose or create a period.
Each refuses to go on while typed text cannot be saved, rather than act on a workbook without it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..app import UserError, export_report, export_target
from ..domain.model import PeriodKind
from .binding import flush_all
from .boxes import choose
from .export_gate import ExportGate

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
PERIOD_KINDS = ((PeriodKind.YEAR, "Báo cáo năm"), (PeriodKind.SIX_MONTHS, "Báo cáo 6 tháng"),
                (PeriodKind.NINE_MONTHS, "Báo cáo 9 tháng"))


class Workflows(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window, self.session = window, window.session

    def _say(self, text: str, ms: int = 15000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def unsaved_refusal(self, doing: str) -> bool:
        """True (after saying so) when typed text cannot be saved yet: ``doing`` waits until it is."""
        if flush_all():
            return False
        self.window.show_saved_state()
        QMessageBox.warning(self.window, "Chưa lưu được", f"Có chữ vừa gõ chưa lưu được vào sổ báo cáo (ổ đĩa đầy hoặc "
                            f"tệp đang bị chương trình khác giữ); chưa {doing}. Chữ vẫn còn trong ô và chương trình "
                            "đang thử lưu lại.")
        return True

    def confirm_saved(self) -> None:
        if flush_all():
            self._say("Mọi thay đổi đều đã được lưu vào sổ báo cáo.", 5000)
        else:
            self.window.show_saved_state()
            self._say("Có chữ vừa gõ chưa lưu được; chữ vẫn còn trong ô và chương trình đang thử lưu lại.")

    def choose_period(self, report_id: int) -> bool:
        if self.unsaved_refusal("chuyển kỳ báo cáo"):
            return False
        self.session.choose_report(report_id)
        return True

    def create_next_report(self) -> None:
        if self.unsaved_refusal("tạo báo cáo kỳ mới"):
            return
        report = self.session.report
        if report is None:
            return
        labels = [label for _, label in PERIOD_KINDS]
        current = [k for k, _ in PERIOD_KINDS].index(report.period.kind)
        label, ok = QInputDialog.getItem(self.window, "Tạo báo cáo kỳ tiếp theo", "Loại báo cáo:", labels, current,
                                         False)
        if not ok:
            return
        kind = PERIOD_KINDS[labels.index(label)][0]
        year, ok = QInputDialog.getInt(self.window, "Tạo báo cáo kỳ tiếp theo", "Năm:", report.period.year + 1, 2000,
                                       2100)
        if not ok:
            return
        edit = self.session.create_next_report(kind, year)
        if edit is not None:
            carried = ("kế hoạch lấy từ chỉ tiêu kỳ trước, cùng kỳ lấy từ số thực hiện" if edit.created["carried"]
                       else "không có số liệu nào được chuyển sang (kỳ khác loại hoặc không liền năm)")
            self._say(f"Đã tạo báo cáo {edit.created['period'].label}: {carried}; các đoạn văn được chép sang để "
                      "soát lại.")

    def save_copy(self) -> Path | None:
        complete = flush_all()  # a copy holds what is saved; text that cannot be saved stays in its field
        name = f"{self.session.path.stem} - bản sao.baocao"
        target, _ = QFileDialog.getSaveFileName(self.window, "Lưu bản sao sổ báo cáo",
                                                str(self.session.path.with_name(name)), "Sổ báo cáo (*.baocao)")
        if not target:
            return None
        target = Path(target if target.endswith(".baocao") else target + ".baocao")
        if target.resolve() == self.session.path.resolve():
            QMessageBox.warning(self.window, "Chưa lưu bản sao", "Bản sao phải có tên khác với sổ báo cáo đang mở.")
            return None
        try:
            self.session.save_copy(target)
        except UserError as exc:
            QMessageBox.warning(self.window, "Chưa lưu bản sao", exc.message)
            return None
        self._say(f"Đã lưu bản sao: {target}" if complete else
                  f"Đã lưu bản sao: {target} — trừ chữ vừa gõ chưa lưu được (vẫn còn trong ô, đang thử lưu lại).")
        return target

    def restore_backup(self) -> bool:
        if self.unsaved_refusal("khôi phục"):
            return False
        backups = self.session.backups()
        if not backups:
            QMessageBox.information(self.window, "Khôi phục từ bản lưu", "Chưa có bản lưu nào của sổ báo cáo này.")
            return False
        labels = [b.label for b in backups]
        label, ok = QInputDialog.getItem(self.window, "Khôi phục từ bản lưu",
                                         "Chọn bản lưu (nội dung hiện tại sẽ được lưu lại trước khi khôi phục):",
                                         labels, 0, False)
        if not ok:
            return False
        try:
            self.session.restore(backups[labels.index(label)].path)
        except UserError as exc:
            QMessageBox.warning(self.window, "Chưa khôi phục được", exc.message)
            return False
        self._say(f"Đã khôi phục bản lưu {label}.")
        return True

    def add_sector(self) -> None:
        title, ok = QInputDialog.getText(self.window, "Thêm lĩnh vực",
                                         "Tên lĩnh vực (ví dụ: Công tác Phòng, chống tệ nạn xã hội):")
        if ok and title.strip():
            code = self.session.add_sector(title)
            if code:
                self.window.tabs.select(f"tab-{code}")

    def default_export_path(self) -> Path:
        report = self.session.report
        folder = self.window.settings.value("export_dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = f"{report.type_name.capitalize()} {report.period.label}.docx" if report else "Báo cáo.docx"
        return Path(folder) / name

    def export(self) -> Path | None:
        """The checks first (errors need an explicit confirmation), then the file, then one export path."""
        if self.unsaved_refusal("xuất báo cáo (bản xuất sẽ thiếu phần đó)"):
            return None
        report = self.session.report
        if report is None:
            QMessageBox.information(self.window, "Xuất tệp Word", "Sổ báo cáo chưa có báo cáo nào để xuất.")
            return None
        answers: list[bool] = []

        def confirm(findings) -> bool:
            answers.append(ExportGate.ask(self.window, findings))
            return answers[-1]

        def ask_for_file() -> Path | None:
            target, _ = QFileDialog.getSaveFileName(self.window, "Xuất báo cáo ra tệp Word",
                                                    str(self.default_export_path()), "Tệp Word (*.docx)")
            return export_target(target, add_suffix=True) if target else None

        try:
            exported = export_report(self.session.workbook, report, ask_for_file, confirm=confirm)
        except UserError as exc:
            log.warning("export failed: %s", exc.gloss)
            QMessageBox.warning(self.window, "Chưa xuất được", exc.message + " Sổ báo cáo không bị ảnh hưởng.")
            return None
        except Exception:  # never silence: one sentence here, the traceback in the log
            log.exception("export failed")
            QMessageBox.warning(self.window, "Chưa xuất được", "Không xuất được báo cáo; chi tiết đã được ghi vào tệp "
                                "nhật ký. Sổ báo cáo không bị ảnh hưởng.")
            return None
        if exported is None:
            if answers and not answers[-1]:
                self.window.show_findings()
            return None
        target = exported.path
        self.window.settings.setValue("export_dir", str(target.parent))
        self._say(f"Đã xuất báo cáo: {target}")
        choice = choose(self.window, QMessageBox.Icon.Information, "Đã xuất báo cáo", f"Đã ghi tệp “{target.name}”.",
                        [("Mở &tệp", QMessageBox.ButtonRole.AcceptRole),
                         ("Mở &thư mục", QMessageBox.ButtonRole.ActionRole),
                         ("Đóng", QMessageBox.ButtonRole.RejectRole)])
        if choice == 0:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif choice == 1:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
        return target
