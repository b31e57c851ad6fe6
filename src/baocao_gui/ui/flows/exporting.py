"""Tệp › Xuất tệp Word…, Xuất PDF…: the checks first (errors need an explicit confirmation), the file, the writing —
at once, or off the window's thread with a progress box — then where the file is, and Mở tệp, Mở thư mục, Gửi đi…"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...app import UserError, choose_target, export_target, write_report
from ...app.export import WRITERS, writer_key
from ...app.sending import mail_with_attachment, show_in_folder
from ..dialogs.boxes import choose
from ..dialogs.export_gate import ExportGate
from ..editors.spelling import known_words
from .conversation import Conversation
from .pdf_export import PdfExport

log = logging.getLogger(__name__)
LONG_ANNEX_INDICATORS = 500  # above this, a Word export with the annex runs off the window's thread


class ExportFlow(Conversation):
    pdf_job: PdfExport | None = None  # the export under way off the window's thread, if any
    chosen_writer: str = ".docx"  # the writer the last save box picked (a key of WRITERS)

    def default_export_path(self, suffix: str = ".docx") -> Path:
        report = self.session.report
        folder = self.window.settings.value("export_dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = f"{report.type_name.capitalize()} {report.period.label}" if report else "Báo cáo"
        return Path(folder) / (name + suffix)

    def _choose_target(self, suffix: str, among: tuple[str, ...] = ()) -> Path | None:
        """The checks (errors need an explicit confirmation), then the file; None when nothing is to be written.
        ``among``: writers (keys of WRITERS) the save box offers as its file types, the one picked becoming
        ``self.chosen_writer`` (Xuất số liệu…)."""
        self.chosen_writer = suffix
        kind = WRITERS[suffix].kind if not among else "tệp số liệu"
        kind = kind[:1].lower() + kind[1:]  # "tệp Word"
        if self.unsaved_refusal("xuất báo cáo (bản xuất sẽ thiếu phần đó)"):
            return None
        report = self.session.report
        if report is None:
            QMessageBox.information(self.window, f"Xuất {kind}", "Sổ báo cáo chưa có báo cáo nào để xuất.")
            return None
        answers: list[bool] = []

        def confirm(findings) -> bool:
            answers.append(ExportGate.ask(self.window, findings))
            return answers[-1]

        def ask_for_file() -> Path | None:
            if among:
                return ask_among()
            target, _ = QFileDialog.getSaveFileName(self.window, f"Xuất báo cáo ra {kind}",
                                                    str(self.default_export_path(suffix)), WRITERS[suffix].filter)
            return export_target(target, add_suffix=True, suffix=suffix) if target else None

        def ask_among() -> Path | None:
            filters = {WRITERS[k].filter: k for k in among}
            target, picked = QFileDialog.getSaveFileName(
                self.window, "Xuất số liệu của báo cáo", str(self.default_export_path(WRITERS[suffix].key)),
                ";;".join(filters), WRITERS[suffix].filter)
            if not target:
                return None
            key = filters.get(picked, suffix)
            by_name = writer_key(target)
            if not target.lower().endswith(WRITERS[key].suffix) and by_name in among:
                key = by_name  # a name typed with another type's suffix (“số liệu.csv” while Excel was picked)
            self.chosen_writer = key
            self.window.settings.setValue("figures_writer", key)
            return export_target(target, add_suffix=True, writer=key)

        try:
            target = choose_target(self.session.workbook, report, ask_for_file, confirm=confirm,
                                   known_words=known_words())
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

    def export_figures(self) -> Path | PdfExport | None:
        """Tệp › Xuất số liệu…: every figures writer of the export path (Excel, CSV, DHIS2's JSON and CSV) as a
        file type of one save box, with the checks as for Word; the type picked last comes first next time."""
        among = tuple(k for k, w in WRITERS.items() if w.figures)
        last = self.window.settings.value("figures_writer")
        return self.export_as(last if last in among else among[0], among)

    def dhis2_settings(self) -> None:
        """Tệp › Thiết lập DHIS2…: the data set and the agency's organisation unit (one undo step)."""
        from ...app.edits import sectors
        from ..dialogs.dhis2_dialog import Dhis2Dialog

        dialog = Dhis2Dialog(self.session.workbook.dhis2, self.window)
        if dialog.exec() != Dhis2Dialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen != (self.session.workbook.dhis2.data_set, self.session.workbook.dhis2.org_unit):
            self.session.edit(sectors.set_dhis2_target, *chosen)

    def export_as(self, suffix: str, among: tuple[str, ...] = ()) -> Path | PdfExport | None:
        """Xuất tệp … (one menu item per writer in ``app.export.WRITERS``): the checks, the file, then the writing —
        at once for a quick writer (a Word file: a few tenths of a second), or off the window's thread with the
        progress box and Hủy for a slow one (a PDF), or when a large workbook's annex would hold the window (about a
        second); the result is told when it is done. The path written, the job under way, or None."""
        target = self._choose_target(suffix, among)
        if target is None:
            return None
        writer = WRITERS[self.chosen_writer]
        report = self.session.report
        if writer.slow or ((report.annex is not None or writer.figures)
                           and len(self.session.workbook.indicators) > LONG_ANNEX_INDICATORS):
            return self._start(target, writer.key)  # a large workbook's figures sheet too (a second or more)
        try:
            exported = write_report(self.session.workbook, self.session.report, target, writer=writer.key)
        except Exception as exc:
            if not isinstance(exc, UserError):
                log.exception("export failed")
            self._failed(exc)
            return None
        self.after_export(exported)
        return exported.path

    def export(self) -> Path | PdfExport | None:
        return self.export_as(".docx")

    def export_pdf(self) -> Path | PdfExport | None:
        return self.export_as(".pdf")

    def _start(self, target: Path, writer: str | None = None) -> PdfExport:
        title = f"Xuất {WRITERS[writer].kind[:1].lower()}{WRITERS[writer].kind[1:]}" \
            if writer is not None and WRITERS[writer].figures else ""
        job = PdfExport(self.window, self.session.workbook, self.session.report, target, writer, title)
        job.done.connect(lambda result: self._pdf_done(job, result))
        self.pdf_job = job
        job.start()
        return job

    def _pdf_done(self, job: PdfExport, result: object) -> None:
        from ...app.export import Cancelled, NoConverter

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
