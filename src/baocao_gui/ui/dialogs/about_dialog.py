"""Trợ giúp › Giới thiệu baocao-gui: the version, the workbook format, where the log is, the program's licence and
the notices of the software it is built with (``app.about``), as a clerk's IT department asks before installing."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...app.about import About


class AboutDialog(QDialog):
    def __init__(self, info: About, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Giới thiệu baocao-gui")
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            f"<b>baocao-gui {info.version}</b> — soạn báo cáo theo thể thức Nghị định 30/2020/NĐ-CP.<br>"
            f"Định dạng sổ báo cáo: phiên bản {info.format_version} ({info.format_name}).<br>"
            f"Thư mục nhật ký: {info.log_folder}<br>"
            "Giấy phép: MIT. Chương trình dùng các phần mềm của bên thứ ba, mỗi phần mềm theo giấy phép của nó "
            "(thẻ “Phần mềm bên thứ ba”)."
        )
        self.summary.setTextFormat(self.summary.textFormat().RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(self.summary.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for title, text in (("Giấy phép", info.licence), ("Phần mềm bên thứ ba", info.notices)):
            view = QPlainTextEdit(text)
            view.setReadOnly(True)
            view.setFont(fixed)
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.tabs.addTab(view, title)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.log_button = QPushButton("Mở thư mục &nhật ký")
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.log_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.log_folder))))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text_of(self, title: str) -> str:
        """The text of the tab named ``title`` (for tests)."""
        index = next(i for i in range(self.tabs.count()) if self.tabs.tabText(i) == title)
        return self.tabs.widget(index).toPlainText()
