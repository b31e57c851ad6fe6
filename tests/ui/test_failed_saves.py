"""A save that fails never loses what was typed, and the window never says "saved" when it is not.

The faults are real: another connection holding the workbook's write lock (what antivirus, OneDrive or a
backup tool do for a few seconds on Windows), and SQLite's own "database or disk is full" (the page limit
set to the file's size, the same error path a full disk takes).
"""

import shutil
import sqlite3
import time

from gui_helpers import row_of, type_into_cell, type_text
from helpers import stored_report as stored
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from baocao_gui.domain.model import Part
from baocao_gui.ui.editors import binding as binding_module
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN


class HeldByAnotherProgram:
    """The workbook's write lock held by another connection, as antivirus or a sync tool holds a file
    (a reserved lock: others may still read it, nobody else may write)."""

    def __init__(self, path):
        self.conn = sqlite3.connect(path, timeout=0, isolation_level=None)

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def release(self):
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def __exit__(self, *exc):
        self.release()
        self.conn.close()


def intro_editor(window):
    window.select_tab("tab-assessment")
    editor = next(e for e in window.assessment.editors if e.part == Part.INTRO)
    window.assessment.setCurrentWidget(editor)
    editor.list.setCurrentRow(0)
    return editor


def no_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


def test_text_typed_while_the_file_is_held_stays_in_the_field_is_shown_unsaved_in_red_and_is_saved_when_freed(
        qtbot, open_window, sample_workbook, monkeypatch):
    boxes = no_boxes(monkeypatch)
    window = open_window(sample_workbook)
    editor = intro_editor(window)
    before = stored(sample_workbook).part(Part.INTRO)[0].text
    with HeldByAnotherProgram(sample_workbook) as other:
        editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
        type_text(qtbot, editor.editor, " Thêm câu mới khi tệp đang bị giữ.")
        started = time.monotonic()
        assert editor.binding.flush() is False
        assert time.monotonic() - started < 1.5  # the window waits a quarter of a second, not SQLite's three
        assert editor.editor.toPlainText().endswith("khi tệp đang bị giữ.")
        assert "Chưa lưu được" in window.saved_label.text() and "b91c1c" in window.saved_label.styleSheet()
        assert boxes == []  # no box waits for a click: the red status bar says it until it is saved
        window.save_action.trigger()  # Ctrl+S must not say everything is saved
        assert "chưa lưu được" in window.statusBar().currentMessage()
        assert stored(sample_workbook).part(Part.INTRO)[0].text == before
        other.release()
        qtbot.waitUntil(lambda: stored(sample_workbook).part(Part.INTRO)[0].text.endswith("khi tệp đang bị giữ."),
                        timeout=5000)  # the retry, by itself
    qtbot.waitUntil(lambda: "Đã lưu lúc" in window.saved_label.text(), timeout=2000)
    assert "b91c1c" not in window.saved_label.styleSheet()
    window.save_action.trigger()
    assert window.statusBar().currentMessage() == "Mọi thay đổi đều đã được lưu vào sổ báo cáo."


def test_a_full_disk_keeps_the_text_and_switching_paragraph_stays_on_it(qtbot, open_window, sample_workbook,
                                                                          monkeypatch):
    no_boxes(monkeypatch)
    window = open_window(sample_workbook)
    editor = intro_editor(window)
    db = window.session.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL from here on, as on a full disk
    long_text = "Nội dung dài khi ổ đĩa đầy. " * 400
    editor.editor.setPlainText(long_text)
    assert editor.binding.flush() is False
    editor.list.setCurrentRow(1)  # the clerk clicks another paragraph: the unsaved one stays in the editor
    assert editor.list.currentRow() == 0 and editor.editor.toPlainText() == long_text
    db.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: stored(sample_workbook).part(Part.INTRO)[0].text.strip() == long_text.strip(), timeout=5000)


def click_when_shown(label, tries=60):
    """Click the button ``label`` of the next modal box, if one shows within three seconds."""
    def click(left=tries):
        box = QApplication.activeModalWidget()
        button = next((b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == label), None) \
            if box is not None else None
        if button is not None:
            button.click()
        elif left > 0:
            QTimer.singleShot(50, lambda: click(left - 1))

    QTimer.singleShot(50, click)


def test_closing_with_text_that_cannot_be_saved_asks_and_staying_keeps_everything(qtbot, open_window, sample_workbook,
                                                                                  monkeypatch):
    no_boxes(monkeypatch)
    window = open_window(sample_workbook)
    editor = intro_editor(window)
    with HeldByAnotherProgram(sample_workbook) as other:
        editor.editor.setPlainText("Đoạn chưa lưu được.")
        click_when_shown("Ở lại")
        window.close()
        assert window.isVisible() and window.session.db is not None
        assert editor.editor.toPlainText() == "Đoạn chưa lưu được."
        other.release()
        click_when_shown("Thử lưu lại")  # not needed if the retry already saved it
        window.close()
    assert not window.isVisible()
    assert stored(sample_workbook).part(Part.INTRO)[0].text == "Đoạn chưa lưu được."


def test_continuous_typing_is_saved_at_least_every_two_seconds(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    editor = intro_editor(window)
    editor.editor.setFocus()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    start = time.monotonic()
    typed = 0
    while time.monotonic() - start < 3.2:  # a keystroke every 150 ms: never the half-second pause
        qtbot.keyClicks(editor.editor, "x")
        typed += 1
        qtbot.wait(150)
    saved = stored(sample_workbook).part(Part.INTRO)[0].text
    assert saved.endswith("x")
    assert typed - (len(saved) - len(saved.rstrip("x"))) <= 2 / 0.15 + 1  # at most the last two seconds unsaved
    assert binding_module.MAX_UNSAVED_MS == 2000


def test_a_copy_taken_while_the_window_is_open_holds_every_confirmed_edit(qtbot, open_window, sample_workbook,
                                                                          tmp_path):
    window = open_window(sample_workbook)
    tab = window.sector_tab("lao_dong")
    window.select_tab("tab-lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19.123")
    assert "Đã lưu lúc" in window.saved_label.text()
    editor = intro_editor(window)
    editor.editor.setPlainText("Câu đã lưu trước khi chép.")
    assert editor.binding.flush()
    copy = tmp_path / "gửi qua thư.baocao"
    shutil.copyfile(sample_workbook, copy)  # the .baocao alone, as a USB copy or an attachment takes it
    report = stored(copy)
    assert report.values["viec_lam"].actual == 19123
    assert report.part(Part.INTRO)[0].text == "Câu đã lưu trước khi chép."
    assert not sample_workbook.with_name(sample_workbook.name + "-wal").exists()


def test_an_error_in_the_background_worker_reaches_the_window_as_a_sentence(qtbot, open_window, sample_workbook,
                                                                            monkeypatch):
    from baocao_gui.app import views

    window = open_window(sample_workbook)

    def broken(*args, **kwargs):
        raise RuntimeError("a composition bug")

    monkeypatch.setattr(views, "compose_outline", broken)
    window.preview.schedule()
    qtbot.waitUntil(lambda: "Không cập nhật được bản xem trước" in window.statusBar().currentMessage(), timeout=5000)


def test_a_file_dialog_reading_the_workbook_and_another_program_exporting_it_lose_nothing(
        qtbot, open_window, sample_workbook, tmp_path):
    """On Linux, closing any descriptor of the file drops the process's SQLite locks (POSIX locks are per
    process). With a rollback journal nothing is held between commits, so nothing can be taken away."""
    import os
    import subprocess
    import sys

    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19.001")
    fd = os.open(sample_workbook, os.O_RDONLY)  # what a file dialog does to sniff a file's type
    os.read(fd, 100)
    os.close(fd)
    out = tmp_path / "r.docx"
    r = subprocess.run([sys.executable, "-m", "baocao_gui.cli", "export", str(sample_workbook), "-o", str(out)],
                       capture_output=True, text=True, encoding="utf-8", check=False)
    assert r.returncode == 0, r.stderr
    type_into_cell(qtbot, tab.table, row_of(tab.table, "viec_lam"), FIELD_COLUMN["actual"], "19.002")
    editor = intro_editor(window)
    editor.editor.setPlainText("Sau khi chương trình khác đọc sổ.")
    assert editor.binding.flush()
    report = stored(sample_workbook)
    assert report.values["viec_lam"].actual == 19002
    assert report.part(Part.INTRO)[0].text == "Sau khi chương trình khác đọc sổ."


def test_a_lock_left_by_another_machine_can_be_taken_over_after_two_questions(qtbot, sample_workbook, monkeypatch):
    import json

    from baocao_gui.store.lock import lock_path
    from baocao_gui.ui import app as app_module

    lock_path(sample_workbook).write_text(json.dumps({"user": "Hùng", "host": "MAY-PHONG-KH", "pid": 4242,
                                                      "since": 1764500000}), encoding="utf-8")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    click_when_shown("Mở và sửa…")
    window = app_module.open_window(sample_workbook)
    qtbot.addWidget(window)
    assert window is not None and not window.session.readonly
    assert "nếu hai người cùng sửa" in asked[0]
    assert json.loads(lock_path(sample_workbook).read_text(encoding="utf-8"))["host"] != "MAY-PHONG-KH"
    window.close()
