"""A Word file an office sent, imported by clicks into a sector's results or tasks: the clerk sees every block with
its kind before anything is written, picks which numbers become citations, and one Ctrl+Z removes the whole
import. A file that cannot be read is one sentence, and the workbook is unchanged. Texts invented."""

from __future__ import annotations

import pytest
from gui_helpers import click_button, when_dialog_shows
from office_files import TCVN3_SENTENCE, long_report, office_file
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from baocao_gui.domain.model import BlockKind, Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.flows.word_import import ImportDialog


def stored_part(path, part, sector="lao_dong"):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(2023).part(part, sector)
    finally:
        db.close()


@pytest.fixture
def window(open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    return window


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Tệp Word (*.docx *.docm)"))


def test_an_office_file_lands_at_the_end_of_the_results_after_the_clerk_saw_it_and_one_undo_removes_it(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    editor = window.sector_tab("lao_dong").results
    before = stored_part(sample_workbook, Part.RESULTS)
    choose_file(monkeypatch, office_file(tmp_path / "Phòng Lao động - việc làm.docx"))
    shown = {}

    def look_then_import(dialog):
        shown["kinds"] = [dialog.blocks.item(r, 0).text() for r in range(dialog.blocks.rowCount())]
        shown["texts"] = [dialog.blocks.item(r, 1).text() for r in range(dialog.blocks.rowCount())]
        shown["where"] = dialog.where.text()
        shown["stored while shown"] = len(stored_part(sample_workbook, Part.RESULTS))
        click_button(dialog, "Nhập")

    when_dialog_shows(look_then_import, ImportDialog)
    qtbot.mouseClick(editor.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored_part(sample_workbook, Part.RESULTS)) > len(before), timeout=5000)

    assert shown["stored while shown"] == len(before)  # nothing written while the clerk looks
    assert "Kết quả thực hiện" in shown["where"] and "Lao động" in shown["where"]
    assert shown["kinds"][:3] == ["Đề mục", "Đoạn văn", "Gạch đầu dòng"]
    assert "Bảng" in shown["kinds"] and "Đoạn văn (từ TCVN3/VNI)" in shown["kinds"]
    after = stored_part(sample_workbook, Part.RESULTS)
    new = after[len(before):]
    assert after[:len(before)] == before  # appended, what was there untouched
    headings = [b.text for b in new if b.kind == BlockKind.HEADING]
    assert headings == ["Công tác giải quyết việc làm", "Công tác đào tạo nghề nông thôn",
                        "Đào tạo nghề cho lao động nông thôn", "Đào tạo trình độ sơ cấp", "Bảo trợ xã hội",
                        "KHÓ KHĂN, VƯỚNG MẮC"]
    assert [b.text for b in new if b.kind == BlockKind.BULLET] == [
        "Tư vấn, giới thiệu việc làm tại sàn giao dịch;", "Tổ chức 14 phiên giao dịch việc làm lưu động;",
        "Hỗ trợ vay vốn tạo việc làm.", "Xuất khẩu lao động theo hợp đồng"]
    assert TCVN3_SENTENCE in [b.text for b in new]
    assert sum(b.kind == BlockKind.TABLE for b in new) == 1
    assert editor.current_block_id() == new[0].id  # the first imported block is shown

    window.undo_action.trigger()  # one step removes the whole import
    assert stored_part(sample_workbook, Part.RESULTS) == before
    window.redo_action.trigger()
    assert [b.text for b in stored_part(sample_workbook, Part.RESULTS)] == [b.text for b in after]


def test_the_tasks_editor_imports_into_the_tasks_and_cancel_writes_nothing(qtbot, window, sample_workbook,
                                                                             tmp_path, monkeypatch):
    tab = window.sector_tab("lao_dong")
    tab.parts.setCurrentWidget(tab.tasks)
    before_tasks = stored_part(sample_workbook, Part.TASKS)
    before_results = stored_part(sample_workbook, Part.RESULTS)
    choose_file(monkeypatch, office_file(tmp_path / "nhiem-vu.docx"))

    answered = []
    when_dialog_shows(lambda d: (answered.append(d), click_button(d, "Hủy")), ImportDialog)
    qtbot.mouseClick(tab.tasks.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answered) and not answered[0].isVisible(), timeout=5000)
    assert stored_part(sample_workbook, Part.TASKS) == before_tasks

    when_dialog_shows(lambda d: click_button(d, "Nhập"), ImportDialog)
    qtbot.mouseClick(tab.tasks.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored_part(sample_workbook, Part.TASKS)) > len(before_tasks), timeout=5000)
    assert stored_part(sample_workbook, Part.RESULTS) == before_results
    assert "Công tác giải quyết việc làm" in [b.text for b in stored_part(sample_workbook, Part.TASKS)]


def test_numbers_that_equal_a_figure_of_the_sector_become_citations_only_where_the_clerk_ticks(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    import docx

    d = docx.Document()
    d.add_paragraph("Năm 2023 đã tạo việc làm cho 18498 lượt người, đạt 101,64% kế hoạch giao.")
    d.add_paragraph("Đào tạo nghề cho 8.491 người, trong đó 2023 người học nghề ngắn hạn.")
    path = tmp_path / "so-lieu.docx"
    d.save(path)
    choose_file(monkeypatch, path)
    before = stored_part(sample_workbook, Part.RESULTS)
    offered = {}

    def tick_one(dialog):
        offered["lines"] = [dialog.figures.item(i).text() for i in range(dialog.figures.count())]
        click_button(dialog, "Trích dẫn tất cả")
        dialog.figures.item(1).setCheckState(Qt.CheckState.Unchecked)  # 101,64% stays as typed
        click_button(dialog, "Nhập")

    when_dialog_shows(tick_one, ImportDialog)
    editor = window.sector_tab("lao_dong").results
    qtbot.mouseClick(editor.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored_part(sample_workbook, Part.RESULTS)) > len(before), timeout=5000)

    assert [line.split(" → ")[0] for line in offered["lines"]] == ["“18498”", "“101,64%”", "“8.491”"]
    new = [b.text for b in stored_part(sample_workbook, Part.RESULTS)[len(before):]]
    assert new == ["Năm 2023 đã tạo việc làm cho {{viec_lam}} lượt người, đạt 101,64% kế hoạch giao.",
                   "Đào tạo nghề cho {{dao_tao_nghe}} người, trong đó 2023 người học nghề ngắn hạn."]


def test_a_file_that_cannot_be_read_is_one_sentence_and_nothing_is_written(qtbot, window, sample_workbook,
                                                                          tmp_path, monkeypatch):
    path = tmp_path / "bao-cao-cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    choose_file(monkeypatch, path)
    before = stored_part(sample_workbook, Part.RESULTS)
    said = {}

    def read(box):
        said["text"] = box.text()
        box.accept()

    when_dialog_shows(read, QMessageBox)
    qtbot.mouseClick(window.sector_tab("lao_dong").results.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "text" in said, timeout=5000)
    assert "lưu lại dưới dạng" in said["text"] and ".docx" in said["text"]
    assert stored_part(sample_workbook, Part.RESULTS) == before


def test_a_long_file_is_read_off_the_window_thread_with_progress_and_stop_writes_nothing(
        qtbot, window, sample_workbook, tmp_path, monkeypatch):
    """The read waits in the worker until the clerk has seen the progress box: the window keeps answering, and
    "Dừng" ends the read with nothing written and no dialog."""
    import threading

    from PySide6.QtWidgets import QProgressDialog

    from baocao_gui.app import imports

    path = long_report(tmp_path / "200 trang.docx")
    choose_file(monkeypatch, path)
    seen = threading.Event()
    real = imports.read_word
    threads = []

    def held_read(p, progress):
        def wait_then_report(done, total):
            threads.append(threading.current_thread())
            seen.wait(10)
            progress(done, total)
        return real(p, wait_then_report)

    monkeypatch.setattr(imports, "read_word", held_read)
    before = stored_part(sample_workbook, Part.RESULTS)
    editor = window.sector_tab("lao_dong").results
    qtbot.mouseClick(editor.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in editor.findChildren(QProgressDialog)), timeout=5000)
    progress_box = next(d for d in editor.findChildren(QProgressDialog) if d.isVisible())
    assert "200 trang.docx" in progress_box.labelText()
    assert threads and threads[0] is not threading.main_thread()
    click_button(progress_box, "Dừng")
    seen.set()
    qtbot.waitUntil(lambda: not editor.findChildren(QProgressDialog), timeout=5000)
    assert editor.findChild(ImportDialog) is None
    assert stored_part(sample_workbook, Part.RESULTS) == before


def test_a_200_page_file_is_imported_whole(qtbot, window, sample_workbook, tmp_path, monkeypatch):
    choose_file(monkeypatch, long_report(tmp_path / "200 trang.docx"))
    before = stored_part(sample_workbook, Part.RESULTS)
    listed = []

    def count_then_import(dialog):
        listed.append(dialog.blocks.rowCount())
        click_button(dialog, "Nhập")

    when_dialog_shows(count_then_import, ImportDialog, tries=500)
    qtbot.mouseClick(window.sector_tab("lao_dong").results.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored_part(sample_workbook, Part.RESULTS)) > len(before), timeout=30000)
    new = stored_part(sample_workbook, Part.RESULTS)[len(before):]
    assert listed == [len(new)] and len(new) == 200 + 200 * 10 + 100 + 20
    assert sum(b.kind == BlockKind.HEADING for b in new) == 200


def test_the_import_dialog_can_be_pictured_with_its_blocks_and_figures(qtbot, window, tmp_path):
    """For the README and reviewers (BAOCAO_SCREENSHOTS=docs/screenshots refreshes the picture)."""
    import os
    from pathlib import Path

    import docx

    from baocao_gui.importers.figures import find_figures
    from baocao_gui.importers.word import read_word

    path = office_file(tmp_path / "Phòng Lao động - việc làm.docx")
    d = docx.Document(str(path))
    d.add_paragraph("Năm 2023 đã tạo việc làm cho 18498 lượt người, đạt 101,64% kế hoạch giao.")
    d.save(path)
    content = read_word(path)
    session = window.session
    found = find_figures(content.blocks, session.workbook, session.report, "lao_dong")
    dialog = ImportDialog(path.name, "cuối phần “Kết quả thực hiện” của lĩnh vực “Công tác Lao động – Việc làm và "
                          "Giáo dục nghề nghiệp”, báo cáo năm 2023, sau 4 mục đang có", content, found)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    dialog.figures.item(0).setCheckState(Qt.CheckState.Checked)
    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(out / "word-import-dialog.png"))
    assert dialog.blocks.rowCount() == len(content.blocks) and dialog.figures.count() == 2
