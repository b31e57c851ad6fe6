"""Kỳ báo cáo › Nhận lại tệp Word đã sửa…, by clicks: the director's edits of the exported sample shown side by side,
accepted all or one by one, applied as one step that one Ctrl+Z takes back; a sent report says how to unlock."""

from __future__ import annotations

import pytest
from edited_export import ADDED, CHANGED, edit_like_a_director
from gui_helpers import click_button, menu_action, when_dialog_shows
from helpers import stored_report
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QMessageBox, QRadioButton

from baocao_gui.app import Document, write_report
from baocao_gui.app.edits import paragraphs, reports
from baocao_gui.compose import compose_outline
from baocao_gui.ui.dialogs.block_review import BlockReview


@pytest.fixture
def edited(sample_workbook, tmp_path):
    doc = Document(sample_workbook)
    try:
        write_report(doc.workbook, doc.report, tmp_path / "bao-cao.docx")
    finally:
        doc.close()
    edit_like_a_director(tmp_path / "bao-cao.docx", tmp_path / "bao-cao (Giám đốc sửa).docx")
    return tmp_path / "bao-cao (Giám đốc sửa).docx"


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Tệp Word (*.docx *.docm)"))


def texts(path):
    return {b.id: b.text for blocks in stored_report(path).blocks.values() for b in blocks}


def test_the_directors_edits_are_shown_side_by_side_accepted_as_one_step_and_one_undo_restores_all(
        qtbot, open_window, sample_workbook, edited, monkeypatch):
    window = open_window(sample_workbook)
    before = stored_report(sample_workbook)
    choose_file(monkeypatch, edited)
    shown = {}

    def look_then_accept(dialog):
        shown["rows"] = [(row.what.split(":")[0].split("\n")[0], row.ours, row.theirs) for row in dialog.rows]
        shown["notes"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        click_button(dialog, "Bỏ tất cả")
        click_button(dialog, "Nhận tất cả")
        click_button(dialog, "Nhận các thay đổi đã chọn")

    when_dialog_shows(look_then_accept, BlockReview)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: stored_report(sample_workbook).values["viec_lam"].actual == 19000, timeout=5000)

    kinds = sorted(kind for kind, _, _ in shown["rows"])
    assert kinds == ["Số liệu", "Đoạn sửa", "Đoạn sửa", "Đoạn thêm", "Đoạn xóa"]
    assert ("Số liệu", "18.498", "19.000") in shown["rows"]
    assert any(kind == "Đoạn sửa" and after == CHANGED for kind, _, after in shown["rows"])
    assert "Track Changes" in shown["notes"]
    after = texts(sample_workbook)
    assert after[7] == CHANGED and 13 not in after and ADDED in after.values()
    assert "{{viec_lam}}" in after[5]  # the figure changed, the sentence still cites it
    printed = "\n".join(compose_outline(window.session.workbook, window.session.report).lines())
    assert "19.000 lượt người" in printed and "18.498" not in printed  # every sentence citing it follows

    window.undo_action.trigger()  # one step takes the whole merge back
    restored = stored_report(sample_workbook)
    assert restored.values == before.values and restored.blocks == before.blocks


def test_changes_can_be_accepted_one_by_one(qtbot, open_window, sample_workbook, edited, monkeypatch):
    window = open_window(sample_workbook)
    choose_file(monkeypatch, edited)

    def only_the_figure(dialog):
        click_button(dialog, "Bỏ tất cả")
        row = next(n for n, r in enumerate(dialog.rows) if r.what.startswith("Số liệu"))
        dialog.findChild(QCheckBox, f"take-{row}").click()  # the one box the clerk ticks again
        click_button(dialog, "Nhận các thay đổi đã chọn")

    when_dialog_shows(only_the_figure, BlockReview)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: stored_report(sample_workbook).values["viec_lam"].actual == 19000, timeout=5000)
    after = texts(sample_workbook)
    assert 13 in after and CHANGED not in after.values() and ADDED not in after.values()


def test_a_sent_report_refuses_the_merge_and_says_how_to_unlock(qtbot, open_window, sample_workbook, edited,
                                                                 monkeypatch):
    doc = Document(sample_workbook)
    try:
        doc.apply(reports.mark_sent(doc, None))
    finally:
        doc.close()
    window = open_window(sample_workbook)
    said = {}
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.setdefault("text", text))
    choose_file(monkeypatch, edited)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    assert "đã ký, đã gửi" in said["text"] and "Mở khóa để sửa" in said["text"]
    assert stored_report(sample_workbook).values["viec_lam"].actual == 18498


def test_a_paragraph_changed_in_the_workbook_and_in_the_file_waits_for_the_clerks_pick(
        qtbot, open_window, sample_workbook, edited, monkeypatch):
    doc = Document(sample_workbook)
    try:
        doc.apply(paragraphs.set_block_text(doc, 7, "Lao động nước ngoài: chuyên viên sửa sau khi xuất."))
    finally:
        doc.close()
    window = open_window(sample_workbook)
    choose_file(monkeypatch, edited)
    seen = {}

    def keep_ours(dialog):
        seen["waits"] = not dialog.take_button.isEnabled()  # nothing taken while the conflict has no pick
        row = next(n for n, r in enumerate(dialog.rows) if r.conflict)
        dialog.findChild(QRadioButton, f"keep-{row}").click()
        seen["then"] = dialog.take_button.isEnabled()
        click_button(dialog, "Nhận các thay đổi đã chọn")

    when_dialog_shows(keep_ours, BlockReview)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: stored_report(sample_workbook).values["viec_lam"].actual == 19000, timeout=5000)
    assert seen == {"waits": True, "then": True}
    assert texts(sample_workbook)[7] == "Lao động nước ngoài: chuyên viên sửa sau khi xuất."


def test_a_file_of_another_workbook_is_said_and_compared_by_text_only_after_the_clerk_agrees(
        qtbot, open_window, edited, tmp_path, monkeypatch):
    from baocao_gui.app import write_sample

    other = write_sample(tmp_path / "so-khac.baocao")
    window = open_window(other)
    choose_file(monkeypatch, edited)
    seen = {}

    def review(dialog):
        seen["rows"] = len(dialog.rows)
        click_button(dialog, "Hủy")

    def asked(box):
        seen["question"] = box.text()
        when_dialog_shows(review, BlockReview)
        click_button(box, "So theo nội dung")

    when_dialog_shows(asked, QMessageBox)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: "rows" in seen, timeout=5000)
    assert "sổ báo cáo khác" in seen["question"]
    assert seen["rows"] == 5  # the same five changes, found by their text
    assert stored_report(other).values["viec_lam"].actual == 18498  # Hủy: nothing written


def test_a_file_that_would_delete_most_of_the_report_asks_with_the_counts_before_anything_is_shown(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    from office_files import unrelated_file

    from baocao_gui.store.backup import list_backups

    wrong = unrelated_file(tmp_path / "bien-ban-hop.docx")  # picked by mistake
    window = open_window(sample_workbook)
    before = stored_report(sample_workbook)
    paragraphs_now = sum(len(b) for b in before.blocks.values())
    choose_file(monkeypatch, wrong)
    seen = {"questions": []}

    def review(dialog):
        seen["rows"] = len(dialog.rows)
        click_button(dialog, "Nhận các thay đổi đã chọn")

    def answer(button):
        def asked(box):
            if isinstance(box, BlockReview):  # the review came without asking first
                seen["rows"] = len(box.rows)
                click_button(box, "Hủy")
                return
            seen["questions"].append(box.text())
            if len(seen["questions"]) == 1:  # not this workbook's export: compare by text
                def after(dialog):  # the next box, not this one while it closes
                    (when_dialog_shows(after) if dialog is box else asked(dialog))

                when_dialog_shows(after)
                click_button(box, "So theo nội dung")
            else:
                if button != "Hủy":
                    when_dialog_shows(review, BlockReview)
                click_button(box, button)
        return asked

    when_dialog_shows(answer("Hủy"), QMessageBox)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: len(seen["questions"]) == 2 or "rows" in seen, timeout=5000)
    assert len(seen["questions"]) == 2, f"no question before the review of {seen.get('rows')} changes"
    assert f"xóa {paragraphs_now} trong {paragraphs_now} đoạn" in seen["questions"][1]
    assert "rows" not in seen  # Hủy: no review, nothing written
    assert stored_report(sample_workbook).blocks == before.blocks

    seen["questions"].clear()
    told = []  # the paragraphs that have no place in the report are said, not added
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    when_dialog_shows(answer("Vẫn xem từng thay đổi"), QMessageBox)
    menu_action(window, "Kỳ báo cáo", "Nhận lại tệp Word đã sửa…").trigger()
    qtbot.waitUntil(lambda: stored_report(sample_workbook).blocks != before.blocks, timeout=5000)
    [backup] = [b for b in list_backups(sample_workbook) if b.reason == "nhan-word"]  # taken before it wrote
    assert stored_report(backup.path).blocks == before.blocks
    window.undo_action.trigger()
    assert stored_report(sample_workbook).blocks == before.blocks
