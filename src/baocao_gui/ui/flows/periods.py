"""Kỳ báo cáo › Báo cáo mới…, Đổi kỳ…, Xóa báo cáo…, the period box, and Sửa › Đổi tên cơ quan từ kỳ này…: the
reports of a workbook and their periods."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QMessageBox

from ...app.edits import report_fields, reports
from ...domain.model import Period, PeriodKind
from ..dialogs.boxes import choose
from .conversation import Conversation

log = logging.getLogger(__name__)


class PeriodFlow(Conversation):
    def choose_period(self, report_id: int) -> bool:
        if self.unsaved_refusal("chuyển kỳ báo cáo"):
            return False
        self.session.choose_report(report_id)
        return True

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

    def rename_agency(self) -> None:
        from ..dialogs.report_dialogs import RenameAgencyDialog

        report = self.session.report
        if report is None or self.unsaved_refusal("đổi tên cơ quan"):
            return
        dialog = RenameAgencyDialog(report.agency, report.period, self.window)
        if self.exec_dialog(dialog) and dialog.changed() and \
                self.session.edit(report_fields.rename_agency_from, dialog.changed()) is not None:
            self._say(f"Đã đổi tên cơ quan từ báo cáo {report.period.label}; các báo cáo trước giữ tên cũ.")
