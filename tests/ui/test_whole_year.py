"""A clerk's whole year in the window, by clicks and typing: workbooks for any period made in one dialog,
reports added and left, an agency renamed without touching earlier reports, a report signed and sent that
stays as sent, a sector left out of a report and brought back. Figures and texts invented here."""

from __future__ import annotations

import docx
from gui_helpers import click_button, menu_action, row_of, type_into_cell, type_text, when_dialog_shows
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from baocao_gui.domain.checks import Severity
from baocao_gui.domain.model import Part, Period, PeriodKind
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog
from baocao_gui.ui.dialogs.report_dialogs import ChangesDialog, NewReportDialog, RenameAgencyDialog
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN
from baocao_gui.ui.windows.start_dialog import StartDialog


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db)
    finally:
        db.close()


def fill_new_workbook(qtbot, dialog, folder, kind_title, year, agency):
    """The clerk fills the new-workbook dialog: header, period, place of the file, then "Tạo sổ"."""
    for key, text in agency.items():
        field = dialog.fields[key]
        field.clear()
        type_text(qtbot, field, text)
    dialog.picker.kind.setCurrentIndex(dialog.picker.kind.findText(kind_title))
    dialog.picker.year.setValue(year)
    assert dialog.path.text().endswith(f"{agency['name']}.baocao")  # named after the agency, in Documents
    dialog.path.setText(str(folder / f"{agency['name']}.baocao"))
    click_button(dialog, "Tạo sổ")


def test_a_workbook_for_a_nine_month_report_of_an_earlier_year_is_made_in_one_dialog(qtbot, tmp_path):
    start = StartDialog()
    qtbot.addWidget(start)
    agency = {"parent_name": "UBND TỈNH ĐIỆN BIÊN", "name": "Sở Tư pháp", "abbreviation": "STP", "place": "Điện Biên"}
    when_dialog_shows(lambda d: fill_new_workbook(qtbot, d, tmp_path, "Báo cáo 9 tháng", 2021, agency),
                      NewWorkbookDialog)
    start.create()
    assert start.chosen == tmp_path / "Sở Tư pháp.baocao"
    (report,) = stored(start.chosen).reports
    assert report.period == Period(PeriodKind.NINE_MONTHS, 2021)
    assert report.agency.name == "Sở Tư pháp" and report.agency.abbreviation == "STP"
    assert not any(report.blocks.values())


def test_a_quarterly_workbook_opens_in_the_window_with_no_error_and_suggestions_one_click_away(
        qtbot, tmp_path, open_window):
    start = StartDialog()
    qtbot.addWidget(start)
    agency = {"parent_name": "UBND TỈNH SƠN LA", "name": "Sở Nội vụ", "abbreviation": "SNV", "place": "Sơn La"}
    when_dialog_shows(lambda d: fill_new_workbook(qtbot, d, tmp_path, "Báo cáo quý III", 2026, agency),
                      NewWorkbookDialog)
    start.create()
    window = open_window(start.chosen)
    assert window.period.currentText() == "Báo cáo quý III năm 2026"
    window.findings.update_now()
    assert [f for f in window.findings.findings if f.severity == Severity.ERROR] == []
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "2345")
    tab.suggest.menu().aboutToShow.emit()
    first = tab.suggest.menu().actions()[0]
    assert first.text() == "Chèn 1 câu của các chỉ tiêu đã có số liệu"
    first.trigger()
    (paragraph,) = stored(start.chosen).reports[0].part(Part.RESULTS, "lao_dong")
    assert "{{viec_lam" in paragraph.text
    window.preview.update_now()
    assert "2.345" in window.preview.toPlainText()


def test_renaming_the_agency_from_a_later_report_leaves_the_earlier_exports_identical(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    from baocao_gui.app import export_report

    window = open_window(sample_workbook)

    def new_report(dialog):
        dialog.picker.kind.setCurrentIndex(dialog.picker.kind.findText("Báo cáo năm"))
        dialog.picker.year.setValue(2024)
        click_button(dialog, "Tạo báo cáo")

    when_dialog_shows(new_report, NewReportDialog)
    menu_action(window, "Kỳ báo cáo", "Báo cáo mới…").trigger()
    assert window.period.currentText() == "Báo cáo năm 2024"
    before = export_report(stored(sample_workbook), stored(sample_workbook).reports[0], tmp_path / "a.docx").path

    def rename(dialog):
        dialog.edits["name"].clear()
        type_text(qtbot, dialog.edits["name"], "SỞ NỘI VỤ")
        dialog.edits["abbreviation"].clear()
        type_text(qtbot, dialog.edits["abbreviation"], "SNV")
        click_button(dialog, "Đổi tên")

    when_dialog_shows(rename, RenameAgencyDialog)
    window.select_tab("tab-general")
    window.general.rename.click()
    assert window.general.fields["agency_name"].toPlainText() == "SỞ NỘI VỤ"
    workbook = stored(sample_workbook)
    old, new = workbook.in_order()
    assert new.agency.name == "SỞ NỘI VỤ" and old.agency.name == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    after = export_report(workbook, old, tmp_path / "b.docx").path

    def text(path):
        d = docx.Document(str(path))
        return [p.text for p in d.paragraphs] + [c.text for t in d.tables for c in t._cells]

    assert text(after) == text(before)


def test_a_sent_report_refuses_edits_until_unlocked_and_lists_one_figure_and_one_paragraph_changed(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    window = open_window(sample_workbook)
    sent_file = tmp_path / "Báo cáo năm 2023 đã ký.docx"
    sent_file.write_bytes(b"PK\x03\x04 the signed file")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sent_file), ""))
    menu_action(window, "Kỳ báo cáo", "Đánh dấu đã ký, đã gửi…").trigger()
    assert window.banner.isVisible() and "đã ký, đã gửi" in window.banner_text.text()
    assert window.period.currentText() == "Báo cáo năm 2023 (đã gửi)"
    assert stored(sample_workbook).reports[0].sent.file == sent_file.name
    # typing is refused: the text fields are read-only, a figure typed is refused with how to unlock
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    assert tab.title.isReadOnly() and tab.results.editor.isReadOnly()
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19000")
    assert said and "Mở khóa để sửa" in said[-1]
    assert stored(sample_workbook).reports[0].values["viec_lam"].actual == 18498
    assert tab.table.item(row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"]).text() == "18.498"

    when_dialog_shows(lambda box: click_button(box, "Mở khóa để sửa"), QMessageBox)
    window.unlock_button.click()
    assert not stored(sample_workbook).reports[0].frozen and not tab.title.isReadOnly()
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19000")
    editor = tab.results
    editor.list.setCurrentRow(0)
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor.editor, " Thêm một câu.")
    assert editor.binding.flush()

    seen = {}

    def look(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
        dialog.reject()

    when_dialog_shows(look, ChangesDialog)
    window.changes_button.click()
    figure, paragraph = seen["rows"]
    assert figure[0].endswith("› thực hiện") and figure[1:] == ["18.498", "19.000"]
    assert paragraph[0].startswith("Kết quả › ") and paragraph[2] == paragraph[1] + " Thêm một câu."


def test_a_sector_left_out_of_a_report_is_not_printed_and_undo_brings_it_back(
        qtbot, open_window, sample_workbook, monkeypatch):
    window = open_window(sample_workbook)
    window.select_tab("tab-tre_em_bdg")
    tab = window.sector_tab("tre_em_bdg")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.leave_out.click()
    assert all(t.objectName() != "tab-tre_em_bdg" for t in (window.tabs.widget(i) for i in range(window.tabs.count())))
    report = stored(sample_workbook).reports[0]
    assert report.sectors_off == {"tre_em_bdg"} and report.values["tre_em_tu_vong"].actual == 42
    window.preview.update_now()
    assert "Trẻ em" not in window.preview.toPlainText().split("B. PHƯƠNG HƯỚNG")[0]
    window.undo_action.trigger()
    assert stored(sample_workbook).reports[0].sectors_off == frozenset()
    assert any(window.tabs.widget(i).objectName() == "tab-tre_em_bdg" for i in range(window.tabs.count()))


def test_a_report_is_deleted_after_a_question_and_ctrl_z_brings_it_back(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)

    def new_quarter(dialog):
        dialog.picker.kind.setCurrentIndex(dialog.picker.kind.findText("Báo cáo quý I"))
        dialog.picker.year.setValue(2024)
        dialog.findChild(type(dialog.starts.button(2)), "start-empty").click()
        click_button(dialog, "Tạo báo cáo")

    when_dialog_shows(new_quarter, NewReportDialog)
    menu_action(window, "Kỳ báo cáo", "Báo cáo mới…").trigger()
    assert window.period.currentText() == "Báo cáo quý I năm 2024"
    assert "kế hoạch của" in window.statusBar().currentMessage()
    when_dialog_shows(lambda box: click_button(box, "Xóa báo cáo"), QMessageBox)
    menu_action(window, "Kỳ báo cáo", "Xóa báo cáo này…").trigger()
    assert [r.period.label for r in stored(sample_workbook).reports] == ["năm 2023"]
    assert window.period.currentText() == "Báo cáo năm 2023"
    QApplication.processEvents()
    window.undo_action.trigger()
    assert [r.period.label for r in stored(sample_workbook).in_order()] == ["năm 2023", "quý I năm 2024"]


def test_closing_the_workbook_from_the_file_menu_shows_the_start_screen_and_opens_the_one_chosen(
        qtbot, open_window, sample_workbook, tmp_path):
    from baocao_gui.app import new_workbook
    from baocao_gui.ui import app as app_module
    from baocao_gui.ui.settings import app_settings, remember_workbook

    other = new_workbook(tmp_path / "Sở Xây dựng Kon Tum.baocao", "sldtbxh", 2025)
    remember_workbook(app_settings(), other)
    window = open_window(sample_workbook)

    def choose_recent(start):
        item = next(start.recent.item(i) for i in range(start.recent.count())
                    if start.recent.item(i).text() == other.name)
        start.recent.setCurrentItem(item)
        start.recent.itemActivated.emit(item)

    when_dialog_shows(choose_recent, StartDialog)
    menu_action(window, "Tệp", "Đóng sổ").trigger()
    assert window.session.db is None and not window.isVisible()  # closed: saved, the lock released
    opened = app_module._windows[-1]
    qtbot.addWidget(opened)
    assert opened.session.path == other and opened.period.currentText() == "Báo cáo năm 2025"
    assert QApplication.quitOnLastWindowClosed()
    opened.close()
    app_module._windows.remove(opened)


def test_an_empty_report_changes_period_from_the_menu_and_one_with_figures_is_refused(
        qtbot, open_window, sample_workbook, monkeypatch):
    from baocao_gui.ui.dialogs.report_dialogs import ChangePeriodDialog

    window = open_window(sample_workbook)

    def new_empty(dialog):
        dialog.picker.kind.setCurrentIndex(dialog.picker.kind.findText("Báo cáo tháng 11"))
        dialog.picker.year.setValue(2024)
        dialog.findChild(type(dialog.starts.button(2)), "start-empty").click()
        click_button(dialog, "Tạo báo cáo")

    when_dialog_shows(new_empty, NewReportDialog)
    menu_action(window, "Kỳ báo cáo", "Báo cáo mới…").trigger()

    def to_q4(dialog):
        dialog.picker.kind.setCurrentIndex(dialog.picker.kind.findText("Báo cáo quý IV"))
        click_button(dialog, "Đổi kỳ")

    when_dialog_shows(to_q4, ChangePeriodDialog)
    menu_action(window, "Kỳ báo cáo", "Đổi kỳ của báo cáo này…").trigger()
    assert window.period.currentText() == "Báo cáo quý IV năm 2024"
    assert [r.period.label for r in stored(sample_workbook).in_order()] == ["năm 2023", "quý IV năm 2024"]

    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "5")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    when_dialog_shows(lambda dialog: click_button(dialog, "Đổi kỳ"), ChangePeriodDialog)
    menu_action(window, "Kỳ báo cáo", "Đổi kỳ của báo cáo này…").trigger()
    assert said and "không đổi được kỳ" in said[-1]
    assert window.period.currentText() == "Báo cáo quý IV năm 2024"


def test_a_sector_left_out_is_brought_back_from_the_edit_menu(qtbot, open_window, sample_workbook, monkeypatch):
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog

    window = open_window(sample_workbook)
    window.select_tab("tab-thanh_tra")
    tab = window.sector_tab("thanh_tra")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.leave_out.click()
    assert stored(sample_workbook).reports[0].sectors_off == {"thanh_tra"}

    def bring_back(dialog):
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith("Đưa lại")))
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # "Đồng ý" in Vietnamese

    when_dialog_shows(bring_back, QInputDialog)
    menu_action(window, "Sửa", "Thêm lĩnh vực…").trigger()
    assert stored(sample_workbook).reports[0].sectors_off == frozenset()
    assert window.tabs.currentWidget().objectName() == "tab-thanh_tra"
