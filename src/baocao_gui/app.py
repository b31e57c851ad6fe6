"""The window. A placeholder until the window's own issue lands: it opens and names the workbook."""

from __future__ import annotations

import sys


def build_window(workbook: str | None):
    from PySide6.QtWidgets import QLabel, QMainWindow

    window = QMainWindow()
    window.setWindowTitle("baocao-gui" + (f" — {workbook}" if workbook else ""))
    text = f"Sổ báo cáo: {workbook}" if workbook else "Chưa mở sổ báo cáo nào."
    label = QLabel(text + "\nDùng lệnh “baocao-gui export” để xuất báo cáo ra tệp Word.")
    label.setObjectName("placeholder")
    label.setMargin(24)
    window.setCentralWidget(label)
    window.resize(640, 240)
    return window


def run_window(workbook: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(workbook)
    window.show()
    return app.exec()
