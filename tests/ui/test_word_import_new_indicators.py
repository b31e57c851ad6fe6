"""In the Word import dialog, numbers that equal no figure of the sector are offered as new indicators, one by one
or all at once; the ones ticked are created (name, unit, figure) in the same undoable import. Texts invented."""

from __future__ import annotations

import docx
from gui_helpers import click_button, when_dialog_shows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.flows.word_import import ImportDialog


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db)
    finally:
        db.close()


def test_a_new_indicator_offered_from_an_imported_paragraph_is_made_by_a_tick_and_undone_with_the_import(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    path = tmp_path / "Phòng việc làm.docx"
    d = docx.Document()
    d.add_paragraph("Số người được hỗ trợ học nghề là 1.234 người, tỷ lệ lao động qua đào tạo đạt 68,5%.")
    d.save(path)
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    before = stored(sample_workbook)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown = {}

    def tick_the_first(dialog):
        items = dialog.new_figures
        shown["offered"] = [items.item(i).text() for i in range(items.count())]
        items.item(0).setCheckState(Qt.CheckState.Checked)  # one by one: the first only
        click_button(dialog, "Nhập")

    when_dialog_shows(tick_the_first, ImportDialog)
    qtbot.mouseClick(editor.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored(sample_workbook).indicators) > len(before.indicators), timeout=5000)

    assert shown["offered"][0].startswith("“1.234” → chỉ tiêu mới “Số người được hỗ trợ học nghề”, đơn vị “người”")
    assert "“68,5%” → chỉ tiêu mới “Tỷ lệ lao động qua đào tạo”" in shown["offered"][1]
    after = stored(sample_workbook)
    (made,) = [i for i in after.indicators if i not in before.indicators]
    assert (made.name, made.unit, made.sector) == ("Số người được hỗ trợ học nghề", "người", "lao_dong")
    report = after.report_for(2023)
    assert report.values[made.code].actual == 1234
    last = report.part(Part.RESULTS, "lao_dong")[-1].text
    assert last == f"Số người được hỗ trợ học nghề là {{{{{made.code}}}}} người, tỷ lệ lao động qua đào tạo đạt 68,5%."

    window.undo_action.trigger()  # the paragraph and the indicator go together
    back = stored(sample_workbook)
    assert back.indicators == before.indicators
    assert back.report_for(2023).blocks == before.report_for(2023).blocks


def test_make_all_ticks_every_new_indicator(qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    path = tmp_path / "a.docx"
    d = docx.Document()
    d.add_paragraph("Số người được hỗ trợ học nghề là 1.234 người, tỷ lệ lao động qua đào tạo đạt 68,5%.")
    d.save(path)
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    before = stored(sample_workbook)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))

    def make_all(dialog):
        click_button(dialog, "Tạo mọi chỉ tiêu mới")
        click_button(dialog, "Nhập")

    when_dialog_shows(make_all, ImportDialog)
    qtbot.mouseClick(window.sector_tab("lao_dong").results.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored(sample_workbook).indicators) == len(before.indicators) + 2, timeout=5000)
