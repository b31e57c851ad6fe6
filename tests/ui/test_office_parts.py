"""An office that has the program: the clerk sends a sector as a part file, the office edits it in the program,
the clerk edits the same paragraph meanwhile, then takes the part back: the office's other changes land, the
paragraph changed on both sides is shown as a conflict with both versions and resolved by a click, and one undo
puts everything back. Texts and figures invented."""

from __future__ import annotations

import pytest
from gui_helpers import when_dialog_shows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QRadioButton

from baocao_gui.app import Document
from baocao_gui.app.edits import figures, paragraphs, reports
from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.dialogs.block_review import BlockReview


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(2023)
    finally:
        db.close()


@pytest.fixture
def window(open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    return window


def send_by_clicks(window, tmp_path, monkeypatch, name="Phần lao động.baocao"):
    told = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / name), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    window.sector_tab("lao_dong").send_part_action.trigger()
    return tmp_path / name, told


def edit_as_the_office(part_path):
    """The office opens the part in the program and edits it (through app.Document, as its window does)."""
    office = Document(part_path)
    try:
        first, second = office.report.part(Part.RESULTS, "lao_dong")[:2]
        office.apply(paragraphs.set_block_text(office, first.id, "Phòng: tạo việc làm cho 20.100 lượt người."))
        office.apply(paragraphs.set_block_text(office, second.id, "Phòng: đào tạo nghề cho 9.000 người."))
        office.apply(paragraphs.insert_block(office, "tasks", "lao_dong", 0, "paragraph", "Phòng: mở thêm 3 sàn giao dịch."))
        office.apply(figures.set_value(office, "viec_lam", "actual", 20100))
    finally:
        office.close()


def test_a_part_sent_edited_by_the_office_and_taken_back_lands_with_its_conflict_chosen_by_a_click(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    part_path, told = send_by_clicks(window, tmp_path, monkeypatch)
    assert part_path.is_file() and "Nhận phần từ phòng" in told[0]
    sent = stored(part_path)
    assert sent.part(Part.RESULTS, "lao_dong") == stored(sample_workbook).part(Part.RESULTS, "lao_dong")
    assert sent.values["viec_lam"] == stored(sample_workbook).values["viec_lam"]
    assert [s.code for s in load_workbook(open_workbook(part_path, readonly=True)).sectors] == ["lao_dong"]

    edit_as_the_office(part_path)
    before = stored(sample_workbook)
    second = before.part(Part.RESULTS, "lao_dong")[1]
    assert window.session.edit(paragraphs.set_block_text, second.id, "Sổ: đào tạo nghề cho 8.800 người.")  # the clerk, meanwhile
    meanwhile = stored(sample_workbook)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(part_path), ""))
    shown = {}

    def review(dialog):
        shown["rows"] = [(r.what, r.ours, r.theirs, r.conflict) for r in dialog.rows]
        shown["off while open"] = not dialog.take_button.isEnabled()
        take = next(b for b in dialog.findChildren(QRadioButton)
                    if b.text() == "Lấy bản nhận về")
        qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
        shown["on once chosen"] = dialog.take_button.isEnabled()
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    when_dialog_shows(review, BlockReview)
    window.sector_tab("lao_dong").take_part_action.trigger()
    qtbot.waitUntil(lambda: "rows" in shown, timeout=5000)

    conflicts = [r for r in shown["rows"] if r[3]]
    assert len(conflicts) == 1
    assert conflicts[0][1] == "Sổ: đào tạo nghề cho 8.800 người."  # both versions shown
    assert conflicts[0][2] == "Phòng: đào tạo nghề cho 9.000 người."
    assert shown["off while open"] and shown["on once chosen"]
    assert len(shown["rows"]) == 4  # two paragraphs changed, one added, one figure

    after = stored(sample_workbook)
    results = [b.text for b in after.part(Part.RESULTS, "lao_dong")]
    assert results[:2] == ["Phòng: tạo việc làm cho 20.100 lượt người.", "Phòng: đào tạo nghề cho 9.000 người."]
    assert results[2:] == [b.text for b in before.part(Part.RESULTS, "lao_dong")[2:]]
    assert after.part(Part.TASKS, "lao_dong")[0].text == "Phòng: mở thêm 3 sàn giao dịch."
    assert after.values["viec_lam"].actual == 20100
    assert after.part(Part.RESULTS, "tham_muu") == before.part(Part.RESULTS, "tham_muu")  # other sectors untouched

    window.undo_action.trigger()  # one step puts back every paragraph and figure
    back = stored(sample_workbook)
    assert back.blocks == meanwhile.blocks and back.values == meanwhile.values


def test_the_office_window_of_a_part_says_it_is_a_part_and_shows_its_one_sector(
        qtbot, window, open_window, tmp_path, monkeypatch):
    part_path, _ = send_by_clicks(window, tmp_path, monkeypatch)
    office = open_window(part_path)
    assert "phần “" in office.windowTitle() and "gửi phòng, báo cáo năm 2023" in office.windowTitle()
    assert [s.code for s in office.session.workbook.sectors] == ["lao_dong"]
    assert "phần" not in window.windowTitle()


def test_keeping_the_workbook_version_of_a_conflict_leaves_it_and_takes_the_rest(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    part_path, _ = send_by_clicks(window, tmp_path, monkeypatch)
    edit_as_the_office(part_path)
    second = stored(sample_workbook).part(Part.RESULTS, "lao_dong")[1]
    window.session.edit(paragraphs.set_block_text, second.id, "Sổ: đào tạo nghề cho 8.800 người.")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(part_path), ""))
    done = []

    def review(dialog):
        keep = next(b for b in dialog.findChildren(QRadioButton) if b.text() == "Giữ bản trong sổ")
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
        done.append(True)

    when_dialog_shows(review, BlockReview)
    window.sector_tab("lao_dong").take_part_action.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    results = [b.text for b in stored(sample_workbook).part(Part.RESULTS, "lao_dong")]
    assert results[:2] == ["Phòng: tạo việc làm cho 20.100 lượt người.", "Sổ: đào tạo nghề cho 8.800 người."]


def test_a_part_of_another_sector_or_workbook_gets_one_sentence_and_changes_nothing(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    part_path, _ = send_by_clicks(window, tmp_path, monkeypatch)
    edit_as_the_office(part_path)
    before = stored(sample_workbook)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(part_path), ""))
    window.select_tab("tab-giam_ngheo_btxh")
    window.sector_tab("giam_ngheo_btxh").take_part_action.trigger()
    assert "lĩnh vực" in warned[-1] and "thẻ của lĩnh vực đó" in warned[-1]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sample_workbook), ""))
    window.sector_tab("giam_ngheo_btxh").take_part_action.trigger()
    assert "không phải là phần gửi phòng" in warned[-1]
    assert stored(sample_workbook).blocks == before.blocks


def test_a_signed_report_refuses_a_part_and_says_how_to_unlock(qtbot, window, sample_workbook, tmp_path,
                                                                monkeypatch):
    part_path, _ = send_by_clicks(window, tmp_path, monkeypatch)
    edit_as_the_office(part_path)
    window.session.edit(reports.mark_sent, None)
    before = stored(sample_workbook)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(part_path), ""))
    tab = window.sector_tab("lao_dong")
    assert tab.parts_button.isEnabled()
    tab.take_part_action.trigger()
    assert "Mở khóa để sửa" in warned[-1]
    assert stored(sample_workbook).blocks == before.blocks


def test_a_part_with_an_unreadable_figure_cell_names_it_in_the_review_and_keeps_the_clerks_figure(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QLabel

    part_path, _ = send_by_clicks(window, tmp_path, monkeypatch)
    edit_as_the_office(part_path)  # the office typed 20.100 as “thực hiện”; then the cell was spoilt by hand
    con = sqlite3.connect(part_path)
    with con:
        con.execute("UPDATE value SET actual = 'hai mươi nghìn' WHERE indicator_id = "
                    "(SELECT id FROM indicator WHERE code = 'xuat_khau_lao_dong')")
    con.close()
    before = stored(sample_workbook)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(part_path), ""))
    shown = {}

    def review(dialog):
        shown["rows"] = [r.what for r in dialog.rows]
        shown["notes"] = [label.text() for label in dialog.findChildren(QLabel)]
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)

    when_dialog_shows(review, BlockReview)
    window.sector_tab("lao_dong").take_part_action.trigger()
    qtbot.waitUntil(lambda: "rows" in shown, timeout=5000)
    assert any("Số lao động đi làm việc ở nước ngoài" in n and "hai mươi nghìn" in n and "giữ nguyên số trong sổ" in n
               for n in shown["notes"]), shown["notes"]
    assert not any("nước ngoài" in r for r in shown["rows"])  # named, never offered
    after = stored(sample_workbook)
    assert after.values["xuat_khau_lao_dong"] == before.values["xuat_khau_lao_dong"]
    assert after.values["viec_lam"].actual == 20100  # the rest of the part landed
