"""Kỳ báo cáo › “Tổng hợp số liệu từ các sổ…”: the conversation around ``app.rollup`` (the dialog reads the parts on
the ``files`` worker, previews what changes, and applies it as one edit)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ..dialogs.rollup_dialog import TITLE, RollupDialog
from .conversation import Conversation


class RollupFlow(Conversation):
    def roll_up(self) -> bool:
        """Choose the workbooks, preview, apply; True when figures were written."""
        report = self.session.report
        if report is None:
            return False
        if report.frozen:
            QMessageBox.warning(self.window, TITLE, f"Báo cáo {report.period.label} đã ký, đã gửi nên không tổng hợp "
                                "vào được; muốn sửa, chọn “Mở khóa để sửa”.")
            return False
        if self.unsaved_refusal("tổng hợp số liệu"):
            return False
        dialog = RollupDialog(self.session, self.window)
        try:
            self.exec_dialog(dialog)
            if dialog.applied:
                self._say(f"Đã tổng hợp số liệu báo cáo {report.period.label} từ {len(dialog.plan.parts)} sổ.")
            return dialog.applied
        finally:
            dialog.deleteLater()
