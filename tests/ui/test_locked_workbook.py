"""Another program holds the workbook's write lock for a while (antivirus, OneDrive, a backup tool, a clerk's
SQLite browser): what is typed meanwhile is kept, the status bar says in red what is unsaved for as long as it
is, and it is saved by itself within a couple of seconds of the release. No box ever waits for a click.

The holder is a real second process with ``BEGIN IMMEDIATE`` (a reserved lock: others read, nobody writes).
"""

import subprocess
import sys
import time

from gui_helpers import row_of, type_into_cell, type_text
from helpers import stored_report as stored
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from baocao_gui.domain.model import Part
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN

HOLDER = ("import sqlite3, sys, time\n"
          "c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
          "c.execute('BEGIN IMMEDIATE')\n"
          "print('held', flush=True)\n"
          "time.sleep(float(sys.argv[2]))\n"
          "c.execute('ROLLBACK')\n")
RED = "b91c1c"


class AnotherProgram:
    """A process holding the workbook's write lock for ``seconds``, then letting go and ending."""

    def __init__(self, path, seconds):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def released(self) -> bool:
        return self.proc.poll() is not None

    def end(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()


class BoxWatch:
    """Every 50 ms: which message boxes are shown, and whether any is modal. A modal one is recorded and
    closed (today's code would otherwise wait for a click that never comes)."""

    def __init__(self):
        self.modal, self.most_at_once = [], 0
        self.timer = QTimer(interval=50, timeout=self.look)
        self.timer.start()

    def look(self):
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        self.most_at_once = max(self.most_at_once, len(shown))
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.modal.append(modal.windowTitle())
            modal.close()

    def stop(self):
        self.timer.stop()


def red(window) -> bool:
    return RED in window.saved_label.styleSheet()


def test_text_typed_while_another_program_holds_the_file_is_saved_by_itself_soon_after_and_no_box_waits(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-assessment")
    editor = next(e for e in window.assessment.editors if e.part == Part.INTRO)
    window.assessment.setCurrentWidget(editor)
    editor.list.setCurrentRow(0)
    boxes = BoxWatch()
    holder = AnotherProgram(sample_workbook, 6)
    try:
        editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
        type_text(qtbot, editor.editor, " Gõ khi chương trình khác giữ tệp.")
        qtbot.waitUntil(lambda: red(window), timeout=3000)  # the first save failed: said in red at once
        reds = []
        qtbot.waitUntil(lambda: reds.append(red(window)) or holder.released(), timeout=15000)
        freed = time.monotonic()
        assert all(reds), "the status bar stopped saying it while the text was unsaved"
        assert "Chưa lưu được" in window.saved_label.text()
        assert editor.editor.toPlainText().endswith("giữ tệp.")
        qtbot.waitUntil(lambda: stored(sample_workbook).part(Part.INTRO)[0].text.endswith("giữ tệp."),
                        timeout=4000)
        assert time.monotonic() - freed < 3.0  # a couple of seconds after the release, no click
        qtbot.waitUntil(lambda: not red(window), timeout=1000)
        assert "Đã lưu lúc" in window.saved_label.text()
    finally:
        boxes.stop()
        holder.end()
    assert boxes.modal == []
    assert boxes.most_at_once <= 1


def test_a_figure_typed_while_another_program_holds_the_file_stays_in_its_cell_marked_and_is_saved_after(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    table = window.sector_tab("lao_dong").table
    row, column = row_of(table, "viec_lam"), FIELD_COLUMN["actual"]
    boxes = BoxWatch()
    holder = AnotherProgram(sample_workbook, 4)
    try:
        type_into_cell(qtbot, table, row, column, "19.456")
        cell = table.item(row, column)
        assert cell.text() == "19.456"  # not put back to the stored figure
        assert "Chưa lưu" in cell.toolTip()
        assert red(window) and "Chưa lưu được" in window.saved_label.text()
        reds = []
        qtbot.waitUntil(lambda: reds.append(red(window)) or holder.released(), timeout=15000)
        freed = time.monotonic()
        assert all(reds)
        assert table.item(row, column).text() == "19.456"
        qtbot.waitUntil(lambda: stored(sample_workbook).values["viec_lam"].actual == 19456, timeout=4000)
        assert time.monotonic() - freed < 3.0
        qtbot.waitUntil(lambda: not red(window), timeout=1000)
        assert "Chưa lưu" not in table.item(row, column).toolTip()
    finally:
        boxes.stop()
        holder.end()
    assert boxes.modal == []
    assert boxes.most_at_once <= 1


def test_a_name_typed_while_the_file_is_held_is_kept_marked_and_saved_after(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    table = window.sector_tab("lao_dong").table
    row = row_of(table, "viec_lam")
    boxes = BoxWatch()
    holder = AnotherProgram(sample_workbook, 3)
    try:
        type_into_cell(qtbot, table, row, FIELD_COLUMN["name"], "Viec lam moi tao")
        assert table.item(row, FIELD_COLUMN["name"]).text() == "Viec lam moi tao"
        assert "Chưa lưu" in table.item(row, FIELD_COLUMN["name"]).toolTip() and red(window)
        qtbot.waitUntil(holder.released, timeout=10000)
        qtbot.waitUntil(lambda: not red(window), timeout=4000)
    finally:
        boxes.stop()
        holder.end()
    assert boxes.modal == []
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(sample_workbook, readonly=True)
    try:
        assert next(i for i in load_workbook(db).indicators if i.code == "viec_lam").name == "Viec lam moi tao"
    finally:
        db.close()


def test_another_action_refused_while_the_file_is_held_gets_one_box_that_does_not_block(
        qtbot, open_window, sample_workbook):
    from baocao_gui.app.edits import sectors

    window = open_window(sample_workbook)
    boxes = BoxWatch()
    holder = AnotherProgram(sample_workbook, 30)
    try:
        assert window.session.edit(sectors.set_indicator_field, "viec_lam", "unit", "người") is None
        assert window.session.edit(sectors.set_indicator_field, "viec_lam", "unit", "lượt") is None
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes.modal == [] and shown == [window.refusal_box] and QApplication.activeModalWidget() is None
        assert "chưa được lưu" in window.refusal_box.text()
        assert "chưa được lưu" in window.statusBar().currentMessage()
    finally:
        boxes.stop()
        holder.end()
        if window.refusal_box is not None:
            window.refusal_box.close()


WINDOW_HOLDER = ("import sys, time\n"
                 "from baocao_gui.app import Document\n"
                 "d = Document(sys.argv[1])\n"
                 "print('open', flush=True)\n"
                 "sys.stdin.readline()\n"
                 "d.close()\n")


def test_a_workbook_another_window_edits_opens_to_view_saying_who_holds_it_with_its_findings(qtbot, sample_workbook):
    from gui_helpers import click_button, when_dialog_shows

    from baocao_gui.ui.app import open_window

    other = subprocess.Popen([sys.executable, "-c", WINDOW_HOLDER, str(sample_workbook)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    window = None
    try:
        assert other.stdout.readline().strip() == "open"
        asked = []
        when_dialog_shows(lambda box: (asked.append(box.text()), click_button(box, "Có")), QMessageBox)
        window = open_window(sample_workbook)
        qtbot.addWidget(window)
        assert asked and "đang được mở" in asked[0]
        assert window.session.readonly and "(chỉ đọc)" in window.windowTitle()
        said = window.statusBar().currentMessage()
        assert said.startswith("Sổ báo cáo đang được mở bởi") and "máy này" in said and "cửa sổ kia" in said
        assert "thư mục" not in said  # not the read-only folder it is not
        qtbot.waitUntil(lambda: window.findings.tree.topLevelItemCount() > 0, timeout=15000)
    finally:
        if window is not None:
            window.close()
            window.session.close()
        other.stdin.write("\n")
        other.stdin.flush()
        other.wait(timeout=20)
        other.stdin.close()
        other.stdout.close()
