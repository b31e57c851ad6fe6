"""In the window: a workbook open twice, a read-only workbook, restoring a backup, saving a copy."""

from gui_helpers import menu_action, row_of, type_into_cell
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui import app as app_module
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN


def actual(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(2023).values["viec_lam"].actual
    finally:
        db.close()


def test_a_workbook_open_in_one_window_is_not_opened_for_editing_in_another(qtbot, open_window, sample_workbook,
                                                                           monkeypatch):
    open_window(sample_workbook)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.No)
    assert app_module.open_window(sample_workbook) is None
    assert "đang được mở bởi" in asked[0] and "trên máy này" in asked[0]


def test_the_second_window_may_open_it_read_only(qtbot, open_window, sample_workbook, monkeypatch):
    open_window(sample_workbook)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    second = app_module.open_window(sample_workbook)
    qtbot.addWidget(second)
    assert second.session.readonly and "(chỉ đọc)" in second.windowTitle()
    second.close()


def test_a_read_only_workbook_opens_for_reading_and_refuses_edits_with_a_message(qtbot, sample_workbook,
                                                                               monkeypatch, tmp_path):
    from baocao_gui.app import document as document_module
    from baocao_gui.ui.session import WorkbookSession
    from baocao_gui.ui.windows.main_window import MainWindow

    monkeypatch.setattr(document_module, "writable", lambda path: False)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window = MainWindow(WorkbookSession(sample_workbook))
    qtbot.addWidget(window)
    window.show()
    assert window.session.readonly and "Chỉ đọc" in window.saved_label.text()
    tab = window.sector_tab("lao_dong")
    window.select_tab("tab-lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "1")
    assert said and "chỉ đọc" in said[0]
    assert actual(sample_workbook) == 18498
    assert tab.table.item(row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"]).text() == "18.498"
    window.close()


def test_restoring_the_backup_made_at_opening_brings_back_the_earlier_figures(qtbot, open_window, sample_workbook,
                                                                            monkeypatch):
    window = open_window(sample_workbook)
    tab = window.sector_tab("lao_dong")
    window.select_tab("tab-lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "1")
    assert actual(sample_workbook) == 1
    chosen = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: chosen.append(items)
                        or (items[0], True))
    menu_action(window, "Tệp", "Khôi phục từ bản lưu…").trigger()
    assert "khi mở sổ" in chosen[0][0]
    assert actual(sample_workbook) == 18498
    assert tab.table.item(row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"]).text() == "18.498"
    assert window.session.undo_stack.count() == 0


def test_save_a_copy_writes_a_workbook_that_opens(qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    window = open_window(sample_workbook)
    target = tmp_path / "Bản sao gửi phòng KHTC"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(window, "Tệp", "Lưu bản sao…").trigger()
    copy = target.with_name("Bản sao gửi phòng KHTC.baocao")
    assert actual(copy) == 18498


def test_closing_the_window_leaves_one_whole_file_and_no_lock(qtbot, open_window, sample_workbook):
    from baocao_gui.store.lock import lock_path

    window = open_window(sample_workbook)
    assert lock_path(sample_workbook).exists()
    window.close()
    assert not lock_path(sample_workbook).exists()
    assert not sample_workbook.with_name(sample_workbook.name + "-wal").exists()
    assert not sample_workbook.with_name(sample_workbook.name + "-journal").exists()
    db = open_workbook(sample_workbook, readonly=True)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
