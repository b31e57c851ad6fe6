"""A report signed and sent: Đánh dấu đã ký, đã gửi…, Mở khóa để sửa…, Xem thay đổi từ khi gửi…, and an exported
report edited in Word brought back (Nhận lại tệp Word đã sửa…)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ...app import UserError
from ...app.edits import paragraphs, reports
from ..dialogs.boxes import choose
from .conversation import Conversation

log = logging.getLogger(__name__)


class SentFlow(Conversation):
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
        try:
            changes = differences(self.session.workbook, report)
        except UserError as exc:  # the copy kept of what was sent was changed since: never shown as what was sent
            QMessageBox.warning(self.window, "Thay đổi từ khi gửi", exc.message)
            return
        dialog = ChangesDialog(report.period.label, report.sent.at, changes, self.window)
        self.window.changes_dialog = dialog
        self.exec_dialog(dialog)

    def merge_edited_word(self) -> None:
        """"Nhận lại tệp Word đã sửa…": an exported report edited in Word (by the director) compared with the report,
        every change shown side by side, the ticked ones applied as one undoable edit."""
        from ...app.edited import changes_from_edited, identity_problem, read_edited, sweeping
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
        sweep = sweeping(merge, edited.name, report.period.label)
        if sweep:  # most likely the wrong file: the count first, before a review whose rows all start ticked
            choice = choose(self.window, QMessageBox.Icon.Warning, title,
                            f"{sweep} Vẫn xem từng thay đổi? (Sổ được lưu một bản trước khi nhận; Ctrl+Z hoàn tác.)",
                            [("Vẫn &xem từng thay đổi", QMessageBox.ButtonRole.AcceptRole),
                             ("Hủy", QMessageBox.ButtonRole.RejectRole)], default=1, escape=1)
            if choice != 0:
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
