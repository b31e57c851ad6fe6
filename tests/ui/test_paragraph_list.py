"""The list of paragraphs of a part: what stays selected when the clerk removes one."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from baocao_gui.domain.model import Part


def test_after_xoa_doan_the_paragraph_now_at_the_same_place_is_selected(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    before = [b.id for b in window.session.report.part(Part.RESULTS, "lao_dong")]
    assert len(before) >= 4
    editor.list.setCurrentRow(2)
    assert editor.current_block_id() == before[2]

    QTest.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)

    after = [b.id for b in window.session.report.part(Part.RESULTS, "lao_dong")]
    assert after == before[:2] + before[3:]
    assert editor.list.currentRow() == 2 and editor.current_block_id() == before[3]
    assert editor.editor.toPlainText() == window.session.report.part(Part.RESULTS, "lao_dong")[2].text

    QTest.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)  # the next click deletes the next one
    assert [b.id for b in window.session.report.part(Part.RESULTS, "lao_dong")] == before[:2] + before[4:]


def test_deleting_the_last_paragraph_selects_the_one_before_it(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    before = [b.id for b in window.session.report.part(Part.RESULTS, "lao_dong")]
    editor.list.setCurrentRow(len(before) - 1)
    QTest.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert editor.current_block_id() == before[-2]
