"""The Qt binding in use must not drain None's reference count (PySide6 6.12.0 on Python 3.11 does,
which aborts the program at exit with "Fatal Python error: none_dealloc")."""

import sys

from PySide6.QtWidgets import QLabel, QTableWidgetItem


def test_void_qt_calls_leave_none_alone(qtbot):
    item, label = QTableWidgetItem(), QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        item.setText("a")
        label.setText("b")
    assert sys.getrefcount(None) - before > -50
