"""Tệp › Lưu, Lưu bản sao…, Khôi phục từ bản lưu…: what is saved, a copy of the workbook, a backup brought back."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...app import UserError
from ..editors.binding import flush_all
from .conversation import Conversation

log = logging.getLogger(__name__)


class SavingFlow(Conversation):
    def confirm_saved(self) -> None:
        if flush_all():
            self._say("Mọi thay đổi đều đã được lưu vào sổ báo cáo.", 5000)
        else:
            self.window.show_saved_state()
            self._say("Có chữ vừa gõ chưa lưu được; chữ vẫn còn trong ô và chương trình đang thử lưu lại.")

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
