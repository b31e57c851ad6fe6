"""Opening a damaged or odd workbook in the window: never an exit, never a write to the file; what could not
be read is listed, and the last good backup is offered as a new file beside it."""

import hashlib
import sqlite3

from PySide6.QtWidgets import QMessageBox

from baocao_gui.store.lock import lock_path
from baocao_gui.ui import app as app_module
from baocao_gui.ui.session import WorkbookSession


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_workbook_with_text_in_a_number_cell_opens_read_only_and_lists_it(qtbot, sample_workbook):
    conn = sqlite3.connect(sample_workbook)
    conn.execute("UPDATE value SET actual = 'mười tám nghìn' "
                 "WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'viec_lam')")
    conn.commit()
    conn.close()
    before = digest(sample_workbook)
    window = app_module.open_window(sample_workbook)
    qtbot.addWidget(window)
    assert window.session.readonly and "(chỉ đọc)" in window.windowTitle()
    box = window.problems_box
    assert "không đọc được" in box.text() and "chỉ để xem" in box.text()
    assert "ô số liệu không đọc được (“mười tám nghìn”)" in box.detailedText()
    box.close()
    window.close()
    assert digest(sample_workbook) == before and not lock_path(sample_workbook).exists()


def test_a_damaged_workbook_offers_its_last_good_backup_as_a_new_file(qtbot, sample_workbook, monkeypatch):
    WorkbookSession(sample_workbook).close()  # opened once while good: one backup
    data = bytearray(sample_workbook.read_bytes())
    data[4096 * 3 + 8: 4096 * 3 + 4000] = b"\xa5" * 3992  # a bad sector in a data page
    sample_workbook.write_bytes(bytes(data))
    before = digest(sample_workbook)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    window = app_module.open_window(sample_workbook)
    qtbot.addWidget(window)
    assert "bị hỏng" in asked[0] and "Mở bản lưu lúc" in asked[0]
    assert window is not None and "(bản lưu " in window.session.path.name
    assert window.session.workbook.report_for(2023).values["viec_lam"].actual == 18498
    window.close()
    assert digest(sample_workbook) == before


def test_a_damaged_workbook_without_backup_is_one_sentence_and_no_window(qtbot, sample_workbook, monkeypatch):
    sample_workbook.write_bytes(sample_workbook.read_bytes()[:4096 * 2])  # a copy cut short (a pulled USB stick)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    assert app_module.open_window(sample_workbook) is None
    assert len(said) == 1 and "Chưa có bản lưu nào" in said[0]
    assert not lock_path(sample_workbook).exists()


def test_the_status_bar_of_a_workbook_with_unreadable_cells_says_what_will_help_not_to_copy_it(
        qtbot, sample_workbook):
    conn = sqlite3.connect(sample_workbook)
    conn.execute("UPDATE value SET actual = 'mười tám nghìn' "
                 "WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'viec_lam')")
    conn.commit()
    conn.close()
    window = app_module.open_window(sample_workbook)
    qtbot.addWidget(window)
    said = window.statusBar().currentMessage()
    assert "chép sổ ra thư mục khác" not in said  # a copy holds the same unreadable cells
    assert "không đọc được" in said and "bản lưu" in said and "sửa tệp bằng chương trình khác" in said
    window.problems_box.close()
    window.close()



def test_a_workbook_opened_to_view_while_another_window_edits_it_does_not_blame_its_folder(qtbot, sample_workbook):
    window = app_module.open_window(sample_workbook, readonly=True)  # "Chỉ xem" when another window holds it
    qtbot.addWidget(window)
    said = window.statusBar().currentMessage()
    assert "chỉ để xem" in said and "không ghi được" not in said and "chép sổ" not in said
    window.close()
