"""“Tạo sổ từ báo cáo Word…” on the start screen, by clicks: last year's report as a .docx becomes a new workbook
that the start screen then opens; what was not found is said first. A file that cannot be read makes no file."""

from __future__ import annotations

from gui_helpers import when_dialog_shows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.windows.start_dialog import StartDialog


def press(qtbot, dialog, label):
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_last_years_report_becomes_a_workbook_that_the_start_screen_opens(qtbot, tmp_path, monkeypatch,
                                                                         exported_sample):
    target = tmp_path / "Sổ mới.baocao"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported_sample), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []

    def read(box):
        told.append(box.text())
        box.accept()

    start = StartDialog()
    qtbot.addWidget(start)
    when_dialog_shows(read, QMessageBox, tries=300)
    press(qtbot, start, "Tạo sổ từ báo cáo Word…")
    assert start.chosen == target
    assert "Đã tạo sổ báo cáo" in told[0] and "Cần xem lại" not in told[0]
    db = open_workbook(target, readonly=True)
    try:
        report = load_workbook(db).report_for(2023)
    finally:
        db.close()
    assert report.part(Part.RESULTS, "lao_dong") and report.agency.abbreviation == "SLĐTBXH"


def test_a_file_that_cannot_be_read_says_so_and_makes_no_workbook(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "cu.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    target = tmp_path / "khong.baocao"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []

    def read(box):
        told.append(box.text())
        box.accept()

    start = StartDialog()
    qtbot.addWidget(start)
    when_dialog_shows(read, QMessageBox, tries=300)
    press(qtbot, start, "Tạo sổ từ báo cáo Word…")
    assert start.chosen is None and not target.exists()
    assert ".docx" in told[0]
