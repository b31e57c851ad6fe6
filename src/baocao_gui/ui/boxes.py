"""The windowed program has no console: its one sentence goes into a box."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox


def tell_in_a_box(message: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - a box needs an application
    QMessageBox.critical(None, "baocao-gui", message)
