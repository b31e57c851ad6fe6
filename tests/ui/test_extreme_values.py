"""Extreme figures and odd characters typed or pasted in the window: refused with a sentence or dropped on the
way in; a figure that cannot be computed shows "—" and a finding, and the sector, preview and export still work."""

import docx
import pytest
from gui_helpers import row_of, type_into_cell
from helpers import assert_valid_ooxml
from helpers import stored_report as stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from baocao_gui.domain.model import Part
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN


@pytest.fixture
def no_dialog_after_export(monkeypatch):
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


@pytest.mark.parametrize(("typed", "says"), [
    ("1234567890123456789012345678901", "quá lớn"),
    ("12.345.678.901.234.567", "quá lớn"),
    ("123.456.789.012,3456", "quá 15 chữ số"),
    ("0,0000001", "quá 6 chữ số sau dấu phẩy"),
])
def test_a_number_the_workbook_cannot_hold_exactly_is_refused_with_a_sentence(qtbot, open_window, sample_workbook,
                                                                              typed, says):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    row = row_of(tab.table, "viec_lam")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], typed)
    assert says in tab.message.text() and "chưa được lưu" in tab.message.text()
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == "18.498"
    assert stored(sample_workbook).values["viec_lam"].actual == 18498


def test_a_comma_number_that_could_be_read_two_ways_is_stored_as_read_and_the_table_says_how(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["plan"], "1,234")
    assert stored(sample_workbook).values["viec_lam"].plan == 1.234
    assert "Đã hiểu “1,234” là 1,234" in tab.message.text() and "hãy gõ 1.234" in tab.message.text()


def test_a_percentage_over_a_tiny_plan_shows_a_dash_and_a_finding_and_the_export_still_works(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, no_dialog_after_export):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    row = row_of(tab.table, "viec_lam")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], "999.999.999.999.999")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["plan"], "0,000001")
    assert tab.table.item(row, FIELD_COLUMN["pct_plan"]).text() == "—"
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == "999.999.999.999.999"
    window.findings.update_now()
    assert any("không tính được tỷ lệ so với kế hoạch" in f.message for f in window.findings.findings)
    window.preview.update_now()
    assert "999.999.999.999.999" in window.preview.toPlainText()
    target = tmp_path / "Báo cáo.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert_valid_ooxml(target)


def test_noncharacters_pasted_into_a_paragraph_are_dropped_and_the_export_works(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, no_dialog_after_export):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    editor.list.setCurrentRow(0)
    editor.editor.setFocus()
    editor.editor.insertPlainText("Chép từ trang web\ufffe\uffff\U0010ffff: 12 hộ.")
    assert editor.binding.flush()
    text = stored(sample_workbook).part(Part.RESULTS, "lao_dong")[0].text
    assert "Chép từ trang web: 12 hộ." in text and "\ufffe" not in text and "\uffff" not in text
    target = tmp_path / "Báo cáo.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "Chép từ trang web: 12 hộ." in "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert_valid_ooxml(target)
