"""Figures in from an office's spreadsheet by clicks (issue 23.5): Tệp › “Nhập số liệu từ tệp Excel…”, the file read
on the files worker, every figure that would change reviewed side by side, the two rows that match no indicator
ticked as new indicators of the sector chosen, accepted — and one Ctrl+Z puts every figure back and removes them.
Figures and the office's sheet invented (columns in its own order, a title, notes, group and total rows)."""

from __future__ import annotations

import pytest
from gui_helpers import menu_action, when_dialog_shows
from helpers import stored_report
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QMessageBox, QScrollArea
from sheet_files import exported, invented_workbook, office_sheet

from baocao_gui.ui.dialogs.block_review import BlockReview, ReviewRow


@pytest.fixture
def book(tmp_path):
    return invented_workbook(tmp_path / "Sở thử.baocao")


def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_an_office_sheet_is_reviewed_accepted_by_clicks_and_undone_in_one_step(
        qtbot, open_window, book, tmp_path, monkeypatch):
    window = open_window(book)
    window.select_tab("tab-lao_dong")
    before = stored_report(book, 2024)
    _choose(monkeypatch, office_sheet(tmp_path / "Phòng LĐ gửi.xlsx"))
    shown = {}

    def review(dialog):
        shown["rows"] = [(r.what, r.ours, r.theirs) for r in dialog.rows]
        shown["notes"] = [n for n in dialog.findChildren(type(dialog.state)) if "tiếng Anh" in n.text()]
        shown["sector"] = dialog.findChild(QComboBox, "new_sector").currentData()
        new_rows = [n for n, r in enumerate(dialog.rows) if r.what.startswith("Chỉ tiêu mới")]
        shown["new unticked"] = all(not dialog.findChild(QCheckBox, f"take-{n}").isChecked() for n in new_rows)
        for n in new_rows:  # scrolled to, then ticked, as the clerk does
            check = dialog.findChild(QCheckBox, f"take-{n}")
            dialog.findChild(QScrollArea).ensureWidgetVisible(check)
            check.click()
        shown["ticked"] = all(dialog.findChild(QCheckBox, f"take-{n}").isChecked() for n in new_rows)
        shown["state"] = dialog.state.text()
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    when_dialog_shows(review, BlockReview)
    menu_action(window, "Tệp", "Nhập số liệu từ tệp Excel…").trigger()
    qtbot.waitUntil(lambda: "state" in shown, timeout=15000)
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == 1, timeout=5000)

    rows = shown["rows"]
    assert ("Số liệu: Số lao động được tạo việc làm (thực hiện), dòng 7",
            f"{before.values['viec_lam'].actual:,.0f} lượt người".replace(",", "."), "19.250 lượt người") in rows
    assert any(w.startswith("Số liệu: Tỷ lệ lao động") and theirs == "4–6%" for w, _, theirs in rows)
    assert [w for w, _, _ in rows if w.startswith("Chỉ tiêu mới")] == [
        "Chỉ tiêu mới: Số lao động khởi nghiệp được hỗ trợ vay vốn (người), dòng 11",
        "Chỉ tiêu mới: Số phiên giao dịch việc làm lưu động (phiên), dòng 12"]
    assert shown["notes"], "the English-style number is said in the review"
    assert shown["new unticked"] and shown["ticked"] and shown["sector"] == "lao_dong"
    assert "một lần Hoàn tác" in shown["state"]

    after = stored_report(book, 2024)
    assert after.values["viec_lam"].actual == 19250 and after.values["viec_lam"].target == 19500
    assert after.values["viec_lam_ngoai_tinh"].plan == 4 and after.values["viec_lam_ngoai_tinh"].plan_high == 6
    assert after.values["dao_tao_nghe"] == before.values["dao_tao_nghe"]  # "8,491": flagged, not taken
    names = {i.name: i for i in window.session.workbook.indicators}
    made = [names["Số lao động khởi nghiệp được hỗ trợ vay vốn"], names["Số phiên giao dịch việc làm lưu động"]]
    assert all(i.sector == "lao_dong" for i in made)
    assert after.values[made[0].code].actual == 312 and after.values[made[1].code].actual == 24

    window.undo_action.trigger()  # one step: every figure back, both indicators gone
    back = stored_report(book, 2024)
    assert back.values == before.values
    assert not any(i.code in {m.code for m in made} for i in window.session.workbook.indicators)
    assert window.session.undo_stack.count() == 1 and window.session.undo_stack.index() == 0


def test_the_program_own_sheet_imported_unchanged_says_nothing_changed(qtbot, open_window, book, tmp_path, monkeypatch):
    window = open_window(book)
    _choose(monkeypatch, exported(book, tmp_path / "Số liệu.xlsx"))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    menu_action(window, "Tệp", "Nhập số liệu từ tệp Excel…").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert "không có số liệu nào thay đổi" in told[0]
    assert window.session.undo_stack.count() == 0


def test_a_damaged_file_is_one_sentence_in_the_window(qtbot, open_window, book, tmp_path, monkeypatch):
    window = open_window(book)
    bad = tmp_path / "hỏng.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 300)
    _choose(monkeypatch, bad)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))
    menu_action(window, "Tệp", "Nhập số liệu từ tệp Excel…").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15000)
    assert told[0].startswith("Không đọc được tệp “hỏng.xlsx”") and "Chưa có gì được ghi" in told[0]
    assert window.session.undo_stack.count() == 0


def test_a_frozen_report_refuses_figures_from_a_sheet_with_the_sentence(
        qtbot, open_window, sent_workbook, tmp_path, monkeypatch):
    window = open_window(sent_workbook)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(True) or ("", ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    menu_action(window, "Tệp", "Nhập số liệu từ tệp Excel…").trigger()
    assert told and "đã ký, đã gửi" in told[0] and "Mở khóa để sửa" in told[0]
    assert not asked


def test_thousands_of_figures_are_reviewed_in_a_table_ticked_one_by_one_or_all(qtbot):
    """A whole report's figures from a sheet (the large workbook has 2.000 indicators × 4 fields): one table with a
    tick box per row, built in well under a second, where a grid of widgets took seconds."""
    from baocao_gui.ui.dialogs.block_review import GRID_ROWS

    rows = [ReviewRow(f"Số liệu: Chỉ tiêu {n} (thực hiện), dòng {n + 2}", "18.498 người", f"{n:,} người", n)
            for n in range(8000)]
    dialog = BlockReview("Nhập số liệu từ tệp Excel", "8.000 số liệu khác báo cáo", rows, "Trong tệp")
    qtbot.addWidget(dialog)
    assert len(rows) > GRID_ROWS and dialog.table is not None and not dialog.checks
    assert dialog.taken() == list(range(8000)) and dialog.take_button.isEnabled()
    dialog.table.item(5, 0).setCheckState(Qt.CheckState.Unchecked)  # the clerk unticks one row
    assert 5 not in dialog.taken() and len(dialog.taken()) == 7999
    assert "Sẽ nhận 7.999 thay đổi" in dialog.state.text()  # counted the vi-VN way
    dialog.tick_all(False)
    assert dialog.taken() == [] and not dialog.take_button.isEnabled()
    dialog.tick_all(True)
    assert len(dialog.taken()) == 8000
