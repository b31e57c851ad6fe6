"""Typing with Unikey or EVKey never fights the clerk: the key sequences those programs send give exactly the word
(NFC) in every kind of field, a word is one undo step, and Ctrl+Z undoes typing in a field before the report.

What the programs send on Windows (OpenKey's source shows it, Sources/OpenKey/win32/OpenKey/OpenKey/OpenKey.cpp;
Unikey and EVKey work the same way): the typed key itself when it only adds an ASCII letter; otherwise backspaces
(VK_BACK) over the end of the word that changed, then the new end as characters (SendInput with KEYEVENTF_UNICODE,
which reaches Qt as a key event carrying the character), or — in "clipboard" mode — the new end put on the clipboard
and pasted with Shift+Insert (Ctrl+V in some programs). EVKey and OpenKey first type U+202F and take it back with one
more backspace, against browsers' autocompletion. The output table is "Unicode dựng sẵn" (precomposed).
"""

import unicodedata

import pytest
from gui_helpers import row_of
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from baocao_gui.domain.model import Part
from baocao_gui.domain.spelling import telex_decode, vni_decode
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN

TELEX = [("vieetj", "việt"), ("nguwowif", "người"), ("ddaays", "đấy"), ("khoong", "không"), ("Quoocs", "Quốc"),
         ("hoaf", "hòa"), ("dduwowcj", "được")]
VNI = [("vie65t", "việt"), ("nguo72i", "người"), ("d9a6y1", "đấy"), ("kho6ng", "không"), ("Quo6c1", "Quốc"),
       ("hoa2", "hòa"), ("d9u7o7c5", "được")]
PROGRAMS = {  # how each sends a changed word end
    "Unikey": {"autocomplete_fix": False, "paste": (Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)},
    "EVKey": {"autocomplete_fix": True, "paste": (Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)},
}


def character(field, ch):
    """A character sent with KEYEVENTF_UNICODE (Qt gets a key event with the character as its text)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, ord(ch.upper()) if len(ch.upper()) == 1 else 0,
                                                Qt.KeyboardModifier.NoModifier, ch))


def program_types(qtbot, field, keys, decode, program="Unikey", clipboard=False):
    """``keys`` typed with ``program`` on (Telex or VNI by ``decode``): what it sends to the field after each key."""
    how = PROGRAMS[program]
    shown = ""
    for n in range(1, len(keys) + 1):
        wanted = decode(keys[:n])
        same = 0
        while same < min(len(shown), len(wanted)) and shown[same] == wanted[same]:
            same += 1
        if same == len(shown) and len(wanted) == same + 1 and wanted[-1] == keys[n - 1]:
            qtbot.keyClick(field, keys[n - 1])  # the key itself goes through
        else:
            if how["autocomplete_fix"]:
                character(field, "\u202f")
                qtbot.keyClick(field, Qt.Key.Key_Backspace)
            for _ in range(len(shown) - same):
                qtbot.keyClick(field, Qt.Key.Key_Backspace)
            if clipboard:
                QApplication.clipboard().setText(wanted[same:])
                qtbot.keyClick(field, how["paste"][0], how["paste"][1])
            else:
                for ch in wanted[same:]:
                    character(field, ch)
        shown = wanted
    qtbot.keyClick(field, Qt.Key.Key_Space)


def text_of(field):
    return field.toPlainText() if hasattr(field, "toPlainText") else field.text()


def fields(window):
    """A one-line field, a paragraph and a cell of a table in the text: empty, with the cursor in them."""
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    tab.title.setFocus()
    tab.title.clear()
    yield tab.title
    blocks = tab.results
    blocks.list.setCurrentRow(0)
    blocks.editor.setFocus()
    blocks.editor.selectAll()
    qtbot_key(blocks.editor, Qt.Key.Key_Delete)
    yield blocks.editor
    blocks.add_table()
    grid = blocks.table_editor.grid
    grid.setCurrentCell(1, 0)
    qtbot_key(grid, Qt.Key.Key_F2)
    yield next(e for e in grid.findChildren(QLineEdit) if e.isVisible())


def finish(qtbot, field):
    """A cell's editor closed with Enter, as the clerk leaves it (its table saved)."""
    if isinstance(field, QLineEdit) and isinstance(field.parent().parent(), QAbstractItemView):
        grid = field.parent().parent()
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.state() != QAbstractItemView.State.EditingState, timeout=1000)


def qtbot_key(widget, key):
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, key)


@pytest.mark.parametrize("program", ["Unikey", "EVKey"])
@pytest.mark.parametrize("clipboard", [False, True], ids=["unicode", "clipboard"])
@pytest.mark.parametrize("method", ["Telex", "VNI"])
def test_keyboard_programs_type_exactly_the_nfc_words_in_every_kind_of_field(
        qtbot, open_window, sample_workbook, program, clipboard, method):
    window = open_window(sample_workbook)
    words = TELEX if method == "Telex" else VNI
    decode = telex_decode if method == "Telex" else vni_decode
    expected = "".join(word + " " for _, word in (TELEX if method == "Telex" else VNI))
    for field in fields(window):
        for keys, _ in words:
            program_types(qtbot, field, keys, decode, program, clipboard)
        assert text_of(field) == expected, type(field).__name__
        assert unicodedata.is_normalized("NFC", text_of(field))
        finish(qtbot, field)


def test_a_figure_typed_with_vni_on_reaches_the_figures_table_as_typed(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    table = window.sector_tab("lao_dong").table
    table.setFocus()
    code = table.codes()[0]
    table.setCurrentCell(row_of(table, code), FIELD_COLUMN["actual"])
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    program_types(qtbot, editor, "19.250", vni_decode)  # digits after no vowel are no marks in VNI
    assert editor.text() == "19.250 "
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=1000)
    assert window.session.report.values[code].actual == 19250


@pytest.mark.parametrize("clipboard", [False, True], ids=["unicode", "clipboard"])
def test_ctrl_z_in_a_field_takes_back_the_word_as_typed_then_the_report_takes_over(
        qtbot, open_window, sample_workbook, clipboard):
    window = open_window(sample_workbook)
    for field in fields(window):
        start = text_of(field)
        program_types(qtbot, field, "vieetj", telex_decode, "EVKey", clipboard)
        program_types(qtbot, field, "nawm", telex_decode, "EVKey", clipboard)
        assert text_of(field) == start + "việt năm "
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert text_of(field) == start + "việt "
        assert window.statusBar().currentMessage() == "Hoàn tác gõ trong ô"
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert text_of(field) == start
        qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert text_of(field) == start + "việt "
        assert window.statusBar().currentMessage() == "Làm lại gõ trong ô"
        finish(qtbot, field)


def test_with_nothing_typed_to_undo_ctrl_z_in_a_field_undoes_the_reports_last_edit_and_says_which(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    blocks = tab.results
    blocks.list.setCurrentRow(0)
    first = window.session.report.part(Part.RESULTS, "lao_dong")[0].text
    blocks.editor.setFocus()
    program_types(qtbot, blocks.editor, "nawm", telex_decode)
    blocks.binding.flush()  # saved: one edit of the report
    assert window.session.report.part(Part.RESULTS, "lao_dong")[0].text == "năm " + first
    label = window.session.undo_stack.undoText()
    tab.title.setFocus()  # a field with nothing typed in it
    qtbot.keyClick(tab.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"Hoàn tác: {label}"
    assert window.session.report.part(Part.RESULTS, "lao_dong")[0].text == first


def test_closing_the_window_while_a_table_cell_is_being_typed_in_keeps_the_typing(qtbot, open_window, sample_workbook):
    from baocao_gui.app import Document
    from baocao_gui.domain.model import BlockKind, Part
    from baocao_gui.domain.tables import Table

    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    blocks = window.sector_tab("lao_dong").results
    blocks.add_table()
    grid = blocks.table_editor.grid
    grid.setCurrentCell(1, 0)
    qtbot_key(grid, Qt.Key.Key_F2)
    cell = next(e for e in grid.findChildren(QLineEdit) if e.isVisible())
    for ch in "Số hộ được hỗ trợ":
        character(cell, ch)
    assert grid.state() == QAbstractItemView.State.EditingState  # still being typed in: nothing saved yet
    window.close()
    doc = Document(sample_workbook, readonly=True)
    try:
        tables = [Table.from_json(b.text) for b in doc.report.part(Part.RESULTS, "lao_dong")
                  if b.kind == BlockKind.TABLE]
    finally:
        doc.close()
    assert any("Số hộ được hỗ trợ" in (t.cell("body", 0, 0) or "") for t in tables)


def test_closing_the_window_while_a_figure_is_being_typed_keeps_the_figure(qtbot, open_window, sample_workbook):
    from gui_helpers import row_of

    from baocao_gui.app import Document
    from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN

    window = open_window(sample_workbook)
    window.select_tab("tab-lao_dong")
    table = window.sector_tab("lao_dong").table
    table.setCurrentCell(row_of(table, "viec_lam"), FIELD_COLUMN["actual"])
    table.setFocus()
    qtbot_key(table, Qt.Key.Key_F2)
    cell = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    cell.selectAll()
    for ch in "24.680":
        character(cell, ch)
    assert table.state() == QAbstractItemView.State.EditingState
    window.close()
    doc = Document(sample_workbook, readonly=True)
    try:
        assert doc.report.values["viec_lam"].actual == 24680
    finally:
        doc.close()
