"""The band above the tabs for a report signed and sent: what it is, and the way to edit it anyway."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ...domain.model import Report


class SentBanner(QFrame):
    def __init__(self, unlock, show_changes):
        super().__init__()
        self.setObjectName("sent-banner")
        self.setStyleSheet("#sent-banner { background: #fef3c7; border-bottom: 1px solid #d97706; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.text = QLabel()
        self.text.setObjectName("banner-text")
        self.text.setWordWrap(True)
        self.unlock_button = QPushButton("Mở &khóa để sửa…")
        self.unlock_button.setProperty("navigation", True)
        self.unlock_button.clicked.connect(unlock)
        self.changes_button = QPushButton("Xem &thay đổi từ khi gửi…")
        self.changes_button.setProperty("navigation", True)
        self.changes_button.clicked.connect(show_changes)
        row.addWidget(self.text, 1)
        row.addWidget(self.changes_button)
        row.addWidget(self.unlock_button)
        self.hide()

    def show_for(self, report: Report | None) -> None:
        if report is None or report.sent is None:
            self.hide()
            return
        try:
            when = dt.datetime.fromisoformat(report.sent.at).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = report.sent.at
        sent_file = f" (tệp “{report.sent.file}”)" if report.sent.file else ""
        if report.frozen:
            self.text.setText(f"Báo cáo {report.period.label} đã ký, đã gửi lúc {when}{sent_file}: chỉ để xem, "
                              "xuất lại ra đúng bản đã gửi.")
        else:
            self.text.setText(f"Báo cáo {report.period.label} đã gửi lúc {when}{sent_file} và đã được mở khóa "
                              "để sửa: bản trong sổ có thể khác bản đã gửi.")
        self.unlock_button.setVisible(report.frozen)
        self.show()
