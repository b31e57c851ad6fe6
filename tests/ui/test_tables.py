"""A table in a sector's results, made in the window as a clerk makes one: "Thêm bảng", typing with Tab from cell
to cell, a block of cells pasted from Excel, a figure cited in a cell. It shows in the preview and is a real Word
table in the export: valid for Word, its header row repeated on every page LibreOffice lays out."""

import os
import re
import shutil
import subprocess
import zipfile

import pytest
from gui_helpers import menu_action, type_text
from helpers import assert_valid_ooxml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from baocao_gui.domain.model import BlockKind, Part
from baocao_gui.domain.tables import Table
from baocao_gui.store import load_workbook, open_workbook


def stored_table(path):
    db = open_workbook(path, readonly=True)
    try:
        blocks = load_workbook(db).report_for(2023).part(Part.RESULTS, "lao_dong")
    finally:
        db.close()
    tables = [b for b in blocks if b.kind == BlockKind.TABLE]
    return Table.from_json(tables[-1].text) if tables else None


def type_cell(qtbot, grid, text):
    """Type into the current cell as a clerk does, then Tab to the next cell. Typing on a selected cell starts
    its edit; after a Tab the next cell is already open and the keys go to it."""
    from PySide6.QtWidgets import QLineEdit

    def open_editor():
        return next((e for e in grid.findChildren(QLineEdit) if e.isVisible()), None)

    if open_editor() is None:
        qtbot.keyClicks(grid, text[:1])
        qtbot.waitUntil(lambda: open_editor() is not None, timeout=1000)
        text = text[1:]
    editor = open_editor()
    type_text(qtbot, editor, text)  # Vietnamese letters arrive as a Vietnamese keyboard sends them
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


@pytest.fixture
def results(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    editor = window.sector_tab("lao_dong").results
    editor.list.setCurrentRow(editor.list.count() - 1)
    return window, editor


def test_a_table_added_by_clicks_and_typing_is_saved_cell_by_cell_and_undone_in_one_step(qtbot, results,
                                                                                       sample_workbook):
    window, editor = results
    qtbot.mouseClick(editor.table_button, Qt.MouseButton.LeftButton)
    grid = editor.table_editor.grid
    assert editor.pages.currentWidget() is editor.table_editor
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0)  # the first body cell, ready to type
    for text in ("Lao động có việc làm", "người", "18.300"):
        type_cell(qtbot, grid, text)
    qtbot.waitUntil(lambda: stored_table(sample_workbook).rows[0][:3] == ("Lao động có việc làm", "người", "18.300"))
    assert stored_table(sample_workbook).header[0] == ("Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện")
    grid.setCurrentCell(2, 3)  # the last cell: Tab adds a row, as in Word
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(stored_table(sample_workbook).rows) == 3)
    assert (grid.currentRow(), grid.currentColumn()) == (3, 0)
    window.undo_action.trigger()  # the new row
    qtbot.waitUntil(lambda: len(stored_table(sample_workbook).rows) == 2)


def test_cells_pasted_from_excel_and_a_cited_figure_reach_the_preview(qtbot, results, sample_workbook):
    window, editor = results
    qtbot.mouseClick(editor.table_button, Qt.MouseButton.LeftButton)
    grid = editor.table_editor.grid
    QApplication.clipboard().setText("Xã Quảng Sơn\tngười\t120\t131\r\nXã Đắk Ha\tngười\t95\t88\r\n")
    grid.setCurrentCell(1, 0)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored_table(sample_workbook).rows[1] == ("Xã Đắk Ha", "người", "95", "88"))
    grid.setCurrentCell(2, 3)
    editor._fill_figure_menu()
    own = next(a.menu() for a in editor.figure_menu.actions() if a.text() == "Số lao động được tạo việc làm")
    next(a for a in own.actions() if a.text().startswith("Thực hiện")).trigger()
    qtbot.waitUntil(lambda: stored_table(sample_workbook).rows[1][3] == "88{{viec_lam}}")
    window.preview.update_now()
    text = window.preview.toPlainText()
    assert "Xã Quảng Sơn" in text and "8818.498" in text and "Đơn vị tính" in text


def test_a_table_across_two_pages_is_a_valid_word_table_with_its_header_on_each_page(
        qtbot, results, sample_workbook, tmp_path, monkeypatch):
    from baocao_gui.render.pdf import docx_to_pdf, find_soffice

    window, editor = results
    qtbot.mouseClick(editor.table_button, Qt.MouseButton.LeftButton)
    grid = editor.table_editor.grid
    rows = "".join(f"Phường số {i}\tngười\t{i * 10}\t{i * 11}\n" for i in range(1, 61))
    QApplication.clipboard().setText(rows)
    grid.setCurrentCell(1, 0)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(stored_table(sample_workbook).rows) == 60)
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    target = tmp_path / "Báo cáo có bảng.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert_valid_ooxml(target)
    xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    data_table = xml[xml.index("Phường số 1<") - 4000:]
    assert "<w:tblHeader/>" in xml and "<w:cantSplit/>" in data_table
    if not (find_soffice() and shutil.which("pdftotext")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and pdftotext are missing: .ci/run must install them")
        pytest.skip("LibreOffice not installed")
    pdf = docx_to_pdf(target, tmp_path / "pdf")
    pages = []
    for page in range(1, 30):
        result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                                text=True, check=False)
        if result.returncode != 0:
            break
        pages.append(result.stdout)
    with_rows = [text for text in pages if re.search(r"Phường số \d+", text)]
    assert len(with_rows) >= 2, "the table should run over two pages"
    assert all("Đơn vị tính" in text and "Thực hiện" in text for text in with_rows)  # its header on each
