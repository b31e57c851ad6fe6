from PySide6.QtWidgets import QLabel

from baocao_gui.app import build_window


def test_window_opens_and_names_the_workbook_in_vietnamese(qtbot, sample_workbook):
    window = build_window(str(sample_workbook))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    label = window.findChild(QLabel, "placeholder")
    assert "Sổ báo cáo:" in label.text() and sample_workbook.name in label.text()


def test_window_without_a_workbook_says_none_is_open(qtbot):
    window = build_window(None)
    qtbot.addWidget(window)
    assert "Chưa mở sổ báo cáo nào" in window.findChild(QLabel, "placeholder").text()
