"""The band above the tabs for a report signed and sent: what it is, and the way to edit it anyway."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ...app.sent import Proof, proof
from ...domain.model import Report

_STYLE = "#sent-banner { background: #fef3c7; border-bottom: 1px solid #d97706; }"
_UNTRUSTED_STYLE = "#sent-banner { background: #fee2e2; border-bottom: 1px solid #dc2626; }"


class SentBanner(QFrame):
    def __init__(self, unlock, show_changes):
        super().__init__()
        self.setObjectName("sent-banner")
        self.setStyleSheet(_STYLE)
        self._proven: tuple[object, Proof] | None = None  # the last report's sent record and its proof
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
        verdict = self._proof(report)
        if not verdict.trusted:  # never called the version sent: the page below is the report as the workbook has it
            self.text.setText(f"{verdict.sentence} Trang xem trước là báo cáo như trong sổ hiện nay.")
        elif report.frozen:
            self.text.setText(f"Báo cáo {report.period.label} đã ký, đã gửi lúc {when}{sent_file}: chỉ để xem, "
                              "xuất lại ra đúng bản đã gửi." + (f" {verdict.sentence}" if verdict.sentence else ""))
        else:
            self.text.setText(f"Báo cáo {report.period.label} đã gửi lúc {when}{sent_file} và đã được mở khóa "
                              "để sửa: bản trong sổ có thể khác bản đã gửi.")
        style = _STYLE if verdict.trusted else _UNTRUSTED_STYLE
        if self.styleSheet() != style:  # set again only when it changes (Qt lays the band out again)
            self.setStyleSheet(style)
        self.unlock_button.setVisible(report.frozen)
        self.show()

    def _proof(self, report: Report) -> Proof:
        """The proof of the report's sent copy, computed again only when its record or label changed (the banner is
        shown again after every edit)."""
        key = (report.sent, report.period)
        if self._proven is None or self._proven[0] != key:
            self._proven = (key, proof(report, read=False))
        return self._proven[1]
