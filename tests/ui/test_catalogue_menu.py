"""Catalogues through the window: a Sở Y tế's catalogue written here as TOML is imported with “Tệp › Nhập danh
mục…”, a workbook made from it is filled in the window and exported; its structure saved with “Lưu cấu trúc sổ
thành danh mục…” imports again to the same structure. Invented department and figures."""

import docx
from gui_helpers import menu_action, row_of, type_into_cell
from helpers import assert_valid_ooxml
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from baocao_gui.app.catalogue_files import read_catalogue_file, structure_of
from baocao_gui.app.files import catalogues, new_workbook
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN

CATALOGUE = """
[catalogue]
id = "so_y_te_song_lam"
name = "Sở Y tế tỉnh Sông Lam"

[labels]
part_one = "Kết quả thực hiện nhiệm vụ {{period}}"
results = "Kết quả công tác y tế {{period}}:"
sector_results = "Kết quả thực hiện các chỉ tiêu"
assessment = "Đánh giá chung"
advantages = "Thuận lợi"
difficulties = "Khó khăn"
causes = "Nguyên nhân"
direction = "Phương hướng {{next_period}}"
objectives = "Mục tiêu và chỉ tiêu"
objective = "Mục tiêu chung"
main_targets = "Chỉ tiêu chủ yếu"
tasks = "Nhiệm vụ, giải pháp {{next_period}}"
sector_tasks = "Công tác chuyên môn"

[[sector]]
code = "du_phong"
title = "Công tác y tế dự phòng"

[[sector.indicator]]
code = "tiem_chung"
name = "Tỷ lệ trẻ em được tiêm chủng đầy đủ"
unit = "%"
precision = 1
sentence = "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt {{tiem_chung}}, {{tiem_chung.vs_plan}}."
"""
FILTER_USED = "Danh mục (*.toml)"


def test_a_catalogue_is_imported_from_the_menu_and_a_workbook_made_from_it_is_filled_and_exported(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    source = tmp_path / "y-te-song-lam.toml"
    source.write_text(CATALOGUE, encoding="utf-8")
    told = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), FILTER_USED))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    window = open_window(sample_workbook)
    menu_action(window, "Tệp", "Nhập danh mục…").trigger()
    assert told and "Sở Y tế tỉnh Sông Lam" in told[0]
    assert ("so_y_te_song_lam", "Sở Y tế tỉnh Sông Lam") in catalogues()

    path = new_workbook(tmp_path / "song-lam.baocao", "so_y_te_song_lam", 2031,
                        agency={"name": "SỞ Y TẾ", "parent_name": "UBND TỈNH SÔNG LAM", "place": "Sông Lam"})
    window = open_window(path)
    window.select_tab("tab-du_phong")
    tab = window.sector_tab("du_phong")
    row = row_of(tab.table, "tiem_chung")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["plan"], "95")
    type_into_cell(qtbot, tab.table, row, FIELD_COLUMN["actual"], "96,27")
    tab.results.add_block()
    tab.results.insert_citation(window.session.workbook.indicator("tiem_chung").sentence)
    target = tmp_path / "song-lam.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    menu_action(window, "Tệp", "Xuất tệp Word…").trigger()
    assert_valid_ooxml(target)
    assert "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt 96,27%, vượt 1,3% kế hoạch." in [
        p.text for p in docx.Document(str(target)).paragraphs]


def test_a_faulty_catalogue_chosen_in_the_menu_gets_one_sentence_naming_the_line(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    source = tmp_path / "hong.toml"
    source.write_text(CATALOGUE.replace('unit = "%"', 'unit = "%'), encoding="utf-8")
    warned = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), FILTER_USED))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    window = open_window(sample_workbook)
    menu_action(window, "Tệp", "Nhập danh mục…").trigger()
    assert warned == [("Tệp danh mục “hong.toml”, dòng 28: viết sai cú pháp TOML (thiếu dấu “=”, dấu nháy hoặc "
                      "dấu ngoặc).")]
    assert "so_y_te_song_lam" not in dict(catalogues())


def test_the_workbooks_structure_saved_from_the_menu_imports_again_to_the_same_structure(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    target = tmp_path / "cau-truc.toml"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sở Lao động tỉnh Sông Lam", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), FILTER_USED))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    window = open_window(sample_workbook)
    menu_action(window, "Tệp", "Lưu cấu trúc sổ thành danh mục…").trigger()
    again, _ = read_catalogue_file(target)
    assert again.id == "so_lao_dong_tinh_song_lam"
    assert again == structure_of(window.session.workbook, again.id, "Sở Lao động tỉnh Sông Lam")


def test_the_new_workbook_dialog_imports_a_catalogue_and_makes_a_workbook_from_it(qtbot, tmp_path, monkeypatch):
    from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog

    source = tmp_path / "y-te-song-lam.toml"
    source.write_text(CATALOGUE, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), FILTER_USED))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    dialog = NewWorkbookDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert dialog.catalogue.currentData() == "so_y_te_song_lam"
    assert dialog.catalogue.currentText() == "Sở Y tế tỉnh Sông Lam"
    dialog.fields["name"].setText("SỞ Y TẾ")
    dialog.create_button.click()
    assert dialog.created is not None and dialog.created.exists()
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(dialog.created, readonly=True)
    try:
        assert [s.code for s in load_workbook(db).sectors] == ["du_phong"]
    finally:
        db.close()
