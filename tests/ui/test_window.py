"""The clerk's day in the window, driven through the real widgets on a fresh copy of the sample."""

import docx
import pytest
from gui_helpers import click_button, menu_action, row_of, type_into_cell, type_text, when_dialog_shows
from helpers import assert_valid_ooxml
from helpers import stored_report as stored
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from baocao_gui.domain.model import Part
from baocao_gui.ui.dialogs.report_dialogs import NewReportDialog
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN


def sector_tab(window, code):
    window.select_tab(f"tab-{code}")
    return window.sector_tab(code)


@pytest.fixture
def no_dialog_after_export(monkeypatch):
    """The sample has findings: the clerk passes the gate (tested in test_findings.py) and closes the notice."""
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)


def test_a_new_jobs_figure_updates_the_percentage_and_the_preview_and_survives_reopening(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    row = row_of(tab.table, "viec_lam")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], "19.110")
    assert tab.table.item(row, FIELD_COLUMN["pct_plan"]).text() == "105%"  # 19.110 / 18.200
    qtbot.waitUntil(lambda: "19.110 lượt người, đạt 105% so với kế hoạch năm" in window.preview.toPlainText())
    assert window.saved_label.text().startswith("Đã lưu lúc ")
    window.close()
    window.session.close()
    assert stored(sample_workbook).values["viec_lam"].actual == 19110
    again = open_window(sample_workbook)
    assert sector_tab(again, "lao_dong").table.item(row, FIELD_COLUMN["actual"]).text() == "19.110"


def test_a_letter_in_a_number_field_is_refused_with_a_message_and_never_stored(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    row = row_of(tab.table, "viec_lam")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], "18a98")
    assert "không hợp lệ" in tab.message.text() and "18.498" in tab.message.text()
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == "18.498"
    assert stored(sample_workbook).values["viec_lam"].actual == 18498
    assert window.session.undo_stack.count() == 0


def test_an_english_style_decimal_is_refused_too(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "giam_ngheo_btxh")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "ho_ngheo"), FIELD_COLUMN["actual"], "5.18")
    assert "không hợp lệ" in tab.message.text()
    assert stored(sample_workbook).values["ho_ngheo"].actual == 5.18


def test_undo_restores_the_old_value_and_redo_brings_the_new_one_back(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    row = row_of(tab.table, "viec_lam")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], "20.000")
    assert stored(sample_workbook).values["viec_lam"].actual == 20000
    window.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(sample_workbook).values["viec_lam"].actual == 18498
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == "18.498"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(sample_workbook).values["viec_lam"].actual == 20000


def test_a_typed_percentage_overrides_and_clearing_it_computes_again(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    row = row_of(tab.table, "dao_tao_nghe")
    assert tab.table.item(row, FIELD_COLUMN["pct_plan"]).text() == "212,27%"
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["pct_plan"], "")
    assert tab.table.item(row, FIELD_COLUMN["pct_plan"]).text() == "212,28%"
    assert "pct_plan" not in stored(sample_workbook).values["dao_tao_nghe"].overrides


def test_typing_a_paragraph_is_saved_within_a_second_and_reaches_the_export(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, no_dialog_after_export):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    editor = tab.results
    editor.list.setCurrentRow(2)
    editor.editor.setFocus()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor.editor, " Đã cấp 120 giấy phép lao động.")
    qtbot.waitUntil(lambda: "120 giấy phép" in stored(sample_workbook).part(Part.RESULTS, "lao_dong")[2].text,
                    timeout=1000)
    target = tmp_path / "Báo cáo xuất.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "trên địa bàn tỉnh đúng quy định của pháp luật. Đã cấp 120 giấy phép lao động." in text
    assert_valid_ooxml(target)


def test_a_figure_inserted_from_the_menu_stays_linked_to_its_value(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    editor = tab.results
    editor.add_block()
    type_text(qtbot, editor.editor, "Tổng số lao động được tạo việc làm: ")
    editor._fill_figure_menu()
    jobs_menu = next(a.menu() for a in editor.figure_menu.actions() if a.text() == "Số lao động được tạo việc làm")
    next(a for a in jobs_menu.actions() if a.text().startswith("Thực hiện")).trigger()
    qtbot.waitUntil(lambda: "Tổng số lao động được tạo việc làm: 18.498" in window.preview.toPlainText())
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19.000")
    qtbot.waitUntil(lambda: "Tổng số lao động được tạo việc làm: 19.000" in window.preview.toPlainText())
    qtbot.waitUntil(lambda: "19.000 lượt người, đạt 104,4%" in window.preview.toPlainText())


def test_a_new_indicator_added_in_the_window_appears_in_the_export(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, no_dialog_after_export):
    window = open_window(sample_workbook)
    tab = sector_tab(window, "lao_dong")
    answers = iter([("Số phiên giao dịch việc làm", True), ("phiên", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(answers))  # the unit: a list, or typed
    tab.add_indicator(child=False)
    code = "so_phien_giao_dich_viec_lam"
    type_into_cell(qtbot, tab.table, row_of(tab.table, code), FIELD_COLUMN["actual"], "24")
    tab.results.add_block()
    tab.results.insert_citation("Tổ chức {{" + code + "}} phiên giao dịch việc làm.")
    target = tmp_path / "out.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert "Tổ chức 24 phiên giao dịch việc làm." in [p.text for p in docx.Document(str(target)).paragraphs]


def test_an_export_target_that_cannot_be_written_gets_a_message_and_loses_nothing(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, no_dialog_after_export):
    window = open_window(sample_workbook)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "không có thư mục" / "r.docx"), ""))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert not (tmp_path / "không có thư mục").exists()
    assert warnings and "Không có thư mục" in warnings[0] and "không bị ảnh hưởng" in warnings[0]
    assert stored(sample_workbook).values["viec_lam"].actual == 18498


def test_next_period_report_carries_plans_and_same_period_figures_forward(
        qtbot, open_window, sample_workbook, monkeypatch):
    window = open_window(sample_workbook)
    when_dialog_shows(lambda dialog: click_button(dialog, "Tạo báo cáo"), NewReportDialog)  # suggests năm 2024
    menu_action(window, "Kỳ báo cáo", "Báo cáo mới…").trigger()
    assert window.period.currentText() == "Báo cáo năm 2024"
    tab = sector_tab(window, "lao_dong")
    row = row_of(tab.table, "viec_lam")
    assert tab.table.item(row, FIELD_COLUMN["plan"]).text() == "18.300"  # 2023's target
    assert tab.table.item(row, FIELD_COLUMN["last"]).text() == "18.498"  # 2023's actual
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == ""
    report = stored(sample_workbook, 2024)
    assert report.values["dao_tao_nghe"].plan == 4000 and report.values["dao_tao_nghe"].last == 8491
    window.period.setCurrentIndex(window.period.findText("Báo cáo năm 2023"))
    window.period.activated.emit(window.period.currentIndex())
    assert tab.table.item(row, FIELD_COLUMN["actual"]).text() == "18.498"


def test_general_information_typed_is_saved_and_shown_in_the_header(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-general")
    name = window.general.fields["signer_name"]
    name.setFocus()
    type_text(qtbot, name, "Nguyễn Văn An")
    qtbot.waitUntil(lambda: stored(sample_workbook).signer_name == "Nguyễn Văn An", timeout=1000)
    qtbot.waitUntil(lambda: "Nguyễn Văn An" in window.preview.toPlainText())
    number = window.general.fields["number"]
    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "7")
    qtbot.waitUntil(lambda: "Số: 07/BC-SLĐTBXH" in window.preview.toPlainText())


def test_a_letter_in_the_document_number_is_refused(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    number = window.general.fields["number"]
    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "1a")
    window.general.bindings["number"].flush()
    assert "không hợp lệ" in window.general.message.text()
    assert stored(sample_workbook).number == 15


def test_a_sector_added_in_the_window_gets_its_own_tab(qtbot, open_window, sample_workbook, monkeypatch):
    window = open_window(sample_workbook)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Công tác Phòng, chống tệ nạn xã hội", True))
    before = window.tabs.count()
    menu_action(window, "Sửa", "Thêm lĩnh vực…").trigger()
    assert window.tabs.count() == before + 1
    assert window.tabs.currentWidget().objectName() == "tab-cong_tac_phong_chong_te_nan_xa_hoi"
    with qtbot.waitActive(window):
        window.activateWindow()
    window.tabs.setFocus()  # in a text field, Ctrl+Z undoes that field's typing first
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == before


def test_window_size_and_last_tab_are_remembered(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.resize(1200, 700)
    window.select_tab("tab-nguoi_co_cong")
    window.close()
    window.session.close()
    again = open_window(sample_workbook)
    assert again.tabs.currentWidget().objectName() == "tab-nguoi_co_cong"
    assert (again.width(), again.height()) == (1200, 700)


def test_opening_a_sector_tab_scrolls_the_preview_to_that_sector(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    qtbot.waitUntil(lambda: window.preview.outline is not None)
    bar = window.preview.verticalScrollBar()
    window.select_tab("tab-general")
    top = bar.value()
    sector_tab(window, "thanh_tra")
    assert bar.value() > top


def test_typing_patches_the_preview_in_place_and_a_new_paragraph_lays_it_out_afresh(
        qtbot, open_window, sample_workbook):
    from PySide6.QtGui import QTextDocument

    from baocao_gui.compose import compose_outline
    from baocao_gui.render.html import outline_to_html, trimmed

    def fresh_layout() -> str:
        """The page as a fresh layout of the current report would show it."""
        document = QTextDocument()
        document.setHtml(outline_to_html(trimmed(compose_outline(window.session.workbook, window.session.report))))
        return document.toPlainText()

    window = open_window(sample_workbook)
    preview = window.preview
    qtbot.waitUntil(lambda: preview.shown is not None)
    tab = sector_tab(window, "lao_dong")
    patches, layouts = preview.patches, preview.layouts
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19.000")
    qtbot.waitUntil(lambda: "19.000 lượt người, đạt 104,4%" in preview.toPlainText())
    assert preview.patches > patches and preview.layouts == layouts  # rewritten in place, the page not laid out
    assert preview.toPlainText() == fresh_layout()  # and the patched page reads as a fresh one would
    tab.results.add_block()
    type_text(qtbot, tab.results.editor, "Đoạn mới.")
    qtbot.waitUntil(lambda: "Đoạn mới." in preview.toPlainText(), timeout=3000)
    assert preview.layouts > layouts  # a new paragraph changes the page's shape: laid out afresh
    assert preview.toPlainText() == fresh_layout()
