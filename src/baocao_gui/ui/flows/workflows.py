"""The window's file and period workflows, each a short conversation with the clerk around one call of the
application layer: save (Ctrl+S), export, save a copy, restore a backup, add a sector, choose or create a period.
Each refuses to go on while typed text cannot be saved, rather than act on a workbook without it."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...app import UserError, choose_target, export_target, write_report
from ...app.edits import paragraphs, report_fields, reports, sectors
from ...app.sending import mail_with_attachment, show_in_folder
from ...domain.model import Period, PeriodKind
from ..dialogs.boxes import choose
from ..dialogs.export_gate import ExportGate
from ..editors.binding import flush_all
from .pdf_export import PdfExport

if TYPE_CHECKING:
    from ..windows.main_window import MainWindow

log = logging.getLogger(__name__)
LONG_ANNEX_INDICATORS = 500  # above this, a Word export with the annex runs off the window's thread


class Workflows(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window, self.session = window, window.session
        self.pdf_job: PdfExport | None = None

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

    def exec_dialog(self, dialog) -> bool:
        """Every dialog of the workflows runs here (tests answer it as a clerk would, by clicks)."""
        return bool(dialog.exec())

    def new_report(self) -> None:
        """"Báo cáo mới…": any period and year, from the report before it, a year earlier, or empty."""
        if self.unsaved_refusal("tạo báo cáo mới"):
            return
        from ...domain.periods import next_period
        from ..dialogs.report_dialogs import NewReportDialog

        report = self.session.report
        suggested = next_period(report.period) if report else Period(PeriodKind.YEAR, dt.date.today().year)
        dialog = NewReportDialog(self.session.workbook, suggested, self.window)
        if not self.exec_dialog(dialog):
            return
        edit = self.session.edit(reports.create_report, dialog.picker.period(), dialog.start())
        if edit is not None:
            copied = {"previous": "thông tin chung, nơi nhận và các đoạn văn chép từ báo cáo "
                                  f"{edit.created['source'].label if edit.created['source'] else ''}",
                      "year_before": f"các đoạn văn chép từ báo cáo {edit.created['source'].label}",
                      "empty": "chưa có đoạn văn nào"}[dialog.start()]
            self._say(f"Đã tạo báo cáo {edit.created['period'].label}: {edit.created['carried'].say()}; {copied} "
                      "(hãy soát lại năm, kỳ ghi trong các đoạn).", 30000)

    create_next_report = new_report

    def change_period(self) -> None:
        from ..dialogs.report_dialogs import ChangePeriodDialog

        report = self.session.report
        if report is None or self.unsaved_refusal("đổi kỳ báo cáo"):
            return
        dialog = ChangePeriodDialog(report.period, self.window)
        if self.exec_dialog(dialog):
            period = dialog.picker.period()
            edit = self.session.edit(reports.set_period, period)
            if edit is not None:
                self._say(f"Đã đổi kỳ báo cáo thành {period.label}: {edit.created['carried'].say()}.", 30000)

    def delete_report(self) -> None:
        report = self.session.report
        if report is None or self.unsaved_refusal("xóa báo cáo"):
            return
        sent = " Báo cáo này đã ký, đã gửi." if report.sent else ""
        choice = choose(self.window, QMessageBox.Icon.Warning, "Xóa báo cáo",
                        f"Xóa báo cáo {report.period.label} cùng mọi số liệu và đoạn văn của nó?{sent} Sổ được lưu "
                        "một bản trước khi xóa; Ctrl+Z hoàn tác.",
                        [("&Xóa báo cáo", QMessageBox.ButtonRole.DestructiveRole),
                         ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=1, escape=1)
        if choice == 0 and self.session.edit(reports.delete_report, report.id) is not None:
            self._say(f"Đã xóa báo cáo {report.period.label} (đã lưu một bản trước khi xóa; Ctrl+Z để hoàn tác).")

    def mark_sent(self) -> None:
        """"Đánh dấu đã ký, đã gửi": the file that was sent (its SHA-256 is recorded), then the report is frozen."""
        report = self.session.report
        if report is None or self.unsaved_refusal("đánh dấu đã gửi"):
            return
        last = self.window.settings.value("last_export")
        start = str(last) if last and Path(str(last)).exists() else str(self.default_export_path())
        target = self.ask_open_file("Chọn tệp báo cáo đã ký, đã gửi", start, "Tệp Word hoặc PDF (*.docx *.pdf)")
        if not target:
            return
        from ...app.export import paragraphs_differing

        differing = paragraphs_differing(self.session.workbook, report, Path(target))
        if differing:
            choice = choose(self.window, QMessageBox.Icon.Warning, "Đánh dấu đã ký, đã gửi",
                            f"Tệp “{Path(target).name}” khác báo cáo trong sổ ở {differing} đoạn (có thể đã sửa trong "
                            "Word sau khi xuất). Sổ sẽ giữ báo cáo như trong sổ, cùng mã của tệp này. Vẫn đánh dấu?",
                            [("Vẫn đánh &dấu", QMessageBox.ButtonRole.AcceptRole),
                             ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=1, escape=1)
            if choice != 0:
                return
        if self.session.edit(reports.mark_sent, Path(target)) is not None:
            self._say(f"Báo cáo {report.period.label} đã được đánh dấu đã ký, đã gửi (tệp “{Path(target).name}”); "
                      "từ nay báo cáo chỉ để xem.", 30000)

    def ask_open_file(self, title: str, start: str, filters: str) -> str:
        target, _ = QFileDialog.getOpenFileName(self.window, title, start, filters)
        return target

    def merge_edited_word(self) -> None:
        """"Nhận lại tệp Word đã sửa…": an exported report edited in Word (by the director) compared with the report,
        every change shown side by side, the ticked ones applied as one undoable edit."""
        from ...app.edited import changes_from_edited, identity_problem, read_edited
        from ..dialogs.block_review import BlockReview, review_row

        report = self.session.report
        if report is None or self.unsaved_refusal("nhận lại tệp Word"):
            return
        title = "Nhận lại tệp Word đã sửa"
        if report.frozen:
            QMessageBox.information(self.window, title, f"Báo cáo {report.period.label} đã ký, đã gửi nên không nhận "
                                    "lại tệp sửa được; muốn sửa, chọn Kỳ báo cáo › “Mở khóa để sửa”.")
            return
        last = self.window.settings.value("last_export")
        start = str(last) if last and Path(str(last)).exists() else str(self.default_export_path())
        target = self.ask_open_file(title, start, "Tệp Word (*.docx *.docm)")
        if not target:
            return
        try:
            edited = read_edited(target)
        except UserError as exc:
            QMessageBox.warning(self.window, title, exc.message)
            return
        problem = identity_problem(edited, self.session.workbook, report)
        if problem:
            choice = choose(self.window, QMessageBox.Icon.Warning, title,
                            f"{problem} Vẫn so từng đoạn theo nội dung với báo cáo {report.period.label}?",
                            [("So theo &nội dung", QMessageBox.ButtonRole.AcceptRole),
                             ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=1, escape=1)
            if choice != 0:
                return
        merge = changes_from_edited(edited, self.session.workbook, report, anchors=problem is None)
        if not merge.changes:
            QMessageBox.information(self.window, title, f"Tệp “{edited.name}” không khác báo cáo "
                                    f"{report.period.label}; không có gì để nhận.")
            return
        dialog = BlockReview(title, f"Những chỗ tệp “{edited.name}” khác báo cáo {report.period.label}. Đánh dấu "
                             "những thay đổi cần nhận; số liệu sửa được nhận như sửa số liệu (mọi câu trích dẫn số đó "
                             "đổi theo).", [review_row(c) for c in merge.changes], "Trong tệp Word đã sửa",
                             self.window, merge.notes)
        if not self.exec_dialog(dialog):
            return
        taken = dialog.taken()
        chosen = [c for c in taken if c.kind != "added" or c.part is not None]
        unplaced = len(taken) - len(chosen)
        if unplaced:
            QMessageBox.information(self.window, title, f"{unplaced} đoạn thêm không biết đặt vào phần nào của báo "
                                    "cáo nên chưa được thêm; hãy chép chúng từ tệp Word vào đúng chỗ.")
        if not chosen:
            return
        edit = self.session.edit(paragraphs.apply_changes, chosen, f"Nhận lại tệp Word “{edited.name}”")
        if edit is not None:
            self._say(f"Đã nhận {len(chosen)} thay đổi từ tệp “{edited.name}”; Ctrl+Z để hoàn tác cả lần nhận.",
                      30000)

    def unlock(self) -> None:
        report = self.session.report
        if report is None or not report.frozen:
            return
        choice = choose(self.window, QMessageBox.Icon.Warning, "Mở khóa để sửa",
                        f"Báo cáo {report.period.label} đã ký, đã gửi. Sửa nó thì bản trong sổ sẽ khác bản đã gửi; "
                        "bản đã gửi vẫn được giữ để so sánh (Kỳ báo cáo › Xem thay đổi từ khi gửi). Mở khóa?",
                        [("&Mở khóa để sửa", QMessageBox.ButtonRole.DestructiveRole),
                         ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=1, escape=1)
        if choice == 0 and self.session.edit(reports.unlock) is not None:
            self._say("Đã mở khóa; mọi thay đổi so với bản đã gửi được liệt kê trong “Xem thay đổi từ khi gửi”.")

    def show_changes(self) -> None:
        from ...app.sent import differences
        from ..dialogs.report_dialogs import ChangesDialog

        report = self.session.report
        if report is None or report.sent is None:
            QMessageBox.information(self.window, "Thay đổi từ khi gửi", "Báo cáo này chưa được đánh dấu đã gửi.")
            return
        dialog = ChangesDialog(report.period.label, report.sent.at, differences(self.session.workbook, report),
                               self.window)
        self.window.changes_dialog = dialog
        self.exec_dialog(dialog)

    def rename_agency(self) -> None:
        from ..dialogs.report_dialogs import RenameAgencyDialog

        report = self.session.report
        if report is None or self.unsaved_refusal("đổi tên cơ quan"):
            return
        dialog = RenameAgencyDialog(report.agency, report.period, self.window)
        if self.exec_dialog(dialog) and dialog.changed() and \
                self.session.edit(report_fields.rename_agency_from, dialog.changed()) is not None:
            self._say(f"Đã đổi tên cơ quan từ báo cáo {report.period.label}; các báo cáo trước giữ tên cũ.")

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
        """A sector left out of this report brought back, a sector of the catalogue the workbook lacks, or a
        new one."""
        report = self.session.report
        options: list[tuple[str, str | None, str]] = []
        if report is not None:
            options += [("back", s.code, f"Đưa lại vào báo cáo: {s.title}") for s in self.session.workbook.sectors
                        if s.code in report.sectors_off]
        options += [("catalogue", code, f"Từ danh mục: {title}")
                    for code, title in sectors.catalogue_sectors_missing(self.session.doc)]
        choice = ("new", None, "")
        if options:
            options.append(("new", None, "Lĩnh vực mới (gõ tên)…"))
            labels = [label for *_, label in options]
            label, ok = QInputDialog.getItem(self.window, "Thêm lĩnh vực", "Lĩnh vực:", labels, 0, False)
            if not ok:
                return
            choice = options[labels.index(label)]
        kind, code, _ = choice
        if kind == "back":
            self.session.edit(sectors.set_sector_off, code, False)
        elif kind == "catalogue":
            edit = self.session.edit(sectors.add_catalogue_sector, sectors.catalogue_id(self.session.doc), code)
            code = edit.created.get("code") if edit else None
        else:
            title, ok = QInputDialog.getText(self.window, "Thêm lĩnh vực",
                                             "Tên lĩnh vực (ví dụ: Công tác Phòng, chống tệ nạn xã hội):")
            edit = self.session.edit(sectors.add_sector, title) if ok and title.strip() else None
            code = edit.created.get("code") if edit else None
        if code:
            self.window.tabs.select(f"tab-{code}")

    def default_export_path(self, suffix: str = ".docx") -> Path:
        report = self.session.report
        folder = self.window.settings.value("export_dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = f"{report.type_name.capitalize()} {report.period.label}" if report else "Báo cáo"
        return Path(folder) / (name + suffix)

    def _choose_target(self, suffix: str) -> Path | None:
        """The checks (errors need an explicit confirmation), then the file; None when nothing is to be written."""
        kind = "Word" if suffix == ".docx" else "PDF"
        if self.unsaved_refusal("xuất báo cáo (bản xuất sẽ thiếu phần đó)"):
            return None
        report = self.session.report
        if report is None:
            QMessageBox.information(self.window, f"Xuất tệp {kind}", "Sổ báo cáo chưa có báo cáo nào để xuất.")
            return None
        answers: list[bool] = []

        def confirm(findings) -> bool:
            answers.append(ExportGate.ask(self.window, findings))
            return answers[-1]

        def ask_for_file() -> Path | None:
            target, _ = QFileDialog.getSaveFileName(self.window, f"Xuất báo cáo ra tệp {kind}",
                                                    str(self.default_export_path(suffix)),
                                                    f"Tệp {kind} (*{suffix})")
            return export_target(target, add_suffix=True, suffix=suffix) if target else None

        try:
            target = choose_target(self.session.workbook, report, ask_for_file, confirm=confirm)
        except Exception as exc:
            if not isinstance(exc, UserError):
                log.exception("export failed")
            self._failed(exc)
            return None
        if target is None and answers and not answers[-1]:
            self.window.show_findings()
        return target

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            log.warning("export failed: %s", exc.gloss)
            QMessageBox.warning(self.window, "Chưa xuất được", exc.message + " Sổ báo cáo không bị ảnh hưởng.")
        else:  # never silence: one sentence here, the traceback in the log
            log.error("export failed: %r", exc)
            QMessageBox.warning(self.window, "Chưa xuất được", "Không xuất được báo cáo; chi tiết đã được ghi vào tệp "
                                "nhật ký. Sổ báo cáo không bị ảnh hưởng.")

    def export(self) -> Path | None:
        """Xuất tệp Word: the checks, the file, the .docx — written at once (a few tenths of a second), or on its
        own thread with the progress box when a large workbook's annex would hold the window (about a second)."""
        target = self._choose_target(".docx")
        if target is None:
            return None
        report = self.session.report
        if report.annex is not None and len(self.session.workbook.indicators) > LONG_ANNEX_INDICATORS:
            self._start(target)
            return target
        try:
            exported = write_report(self.session.workbook, self.session.report, target)
        except Exception as exc:
            if not isinstance(exc, UserError):
                log.exception("export failed")
            self._failed(exc)
            return None
        self.after_export(exported)
        return exported.path

    def export_pdf(self) -> PdfExport | None:
        """Xuất PDF: the checks and the file here, then the .docx and its conversion off the window's thread,
        with progress and Hủy; the result is told when it is done."""
        target = self._choose_target(".pdf")
        if target is None:
            return None
        return self._start(target)

    def _start(self, target: Path) -> PdfExport:
        job = PdfExport(self.window, self.session.workbook, self.session.report, target)
        job.done.connect(lambda result: self._pdf_done(job, result))
        self.pdf_job = job
        job.start()
        return job

    def _pdf_done(self, job: PdfExport, result: object) -> None:
        from ...render.pdf import Cancelled, NoConverter

        if isinstance(result, Cancelled):
            self._say(result.message)
        elif isinstance(result, NoConverter):
            self._say(result.message, 30000)
            QMessageBox.warning(self.window, "Chưa tạo được tệp PDF", result.message)
        elif isinstance(result, BaseException):
            self._failed(result)
        else:
            self.after_export(result)

    def after_export(self, exported) -> None:
        """Tell where the file is, and offer to open it, its folder, or to send it."""
        target = exported.path
        self.window.settings.setValue("export_dir", str(target.parent))
        self.window.settings.setValue("last_export", str(target))
        beside = "".join(f" và tệp Word “{p.name}” bên cạnh" for p in exported.beside)
        self._say(f"Đã xuất báo cáo: {target}")
        choice = choose(self.window, QMessageBox.Icon.Information, "Đã xuất báo cáo",
                        f"Đã ghi tệp “{target.name}”{beside}, trong thư mục {target.parent}.",
                        [("Mở &tệp", QMessageBox.ButtonRole.AcceptRole),
                         ("Mở &thư mục", QMessageBox.ButtonRole.ActionRole),
                         ("&Gửi đi…", QMessageBox.ButtonRole.ActionRole),
                         ("Đóng", QMessageBox.ButtonRole.RejectRole)], default=0, escape=3)
        if choice == 0:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif choice == 1:
            self.open_folder(target)
        elif choice == 2:
            self.send(target)

    def open_folder(self, target: Path) -> None:
        if not show_in_folder(target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    def send(self, target: Path) -> str:
        """Gửi đi…: the mail program with the file attached, or else the folder with the file selected."""
        if mail_with_attachment(target):
            self._say(f"Đã mở chương trình thư với tệp “{target.name}” đính kèm; hãy ghi địa chỉ nơi nhận rồi gửi.")
            return "mail"
        self.open_folder(target)
        self._say(f"Máy chưa có chương trình gửi thư; đã mở thư mục có tệp “{target.name}” để gửi qua thư điện "
                  "tử trên web hoặc phần mềm khác.", 30000)
        return "folder"
