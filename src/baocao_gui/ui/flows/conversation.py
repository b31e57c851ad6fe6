"""What every conversation of the window's workflows shares: the window and its session, a sentence in the status
bar, the refusal to go on while typed text cannot be saved, and the dialogs it runs (tests answer them by clicks)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..editors.binding import flush_all

log = logging.getLogger(__name__)


class Conversation(QObject):
    def __init__(self, window: QMainWindow):
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

    def exec_dialog(self, dialog) -> bool:
        """Every dialog of the workflows runs here (tests answer it as a clerk would, by clicks)."""
        return bool(dialog.exec())

    def ask_open_file(self, title: str, start: str, filters: str) -> str:
        target, _ = QFileDialog.getOpenFileName(self.window, title, start, filters)
        return target
