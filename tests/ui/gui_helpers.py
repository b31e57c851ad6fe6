"""Driving the real widgets the way a clerk does."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit


def type_into_cell(qtbot, table, row, column, text):
    """Select a cell, press F2, replace its text, press Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)

    def open_editor():
        # the editor of an earlier edit may linger until deleteLater runs: take the one now shown
        return next((e for e in table.findChildren(QLineEdit) if e.isVisible()), None)

    qtbot.waitUntil(lambda: open_editor() is not None, timeout=1000)
    editor = open_editor()
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits through a queued call: let the event loop run it
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState, timeout=1000)


def row_of(table, code):
    return table.codes().index(code)


def type_text(qtbot, widget, text):
    """Type as a Vietnamese keyboard does: ASCII as key presses, the rest committed by the input method
    (Unikey, EVKey and Windows' Vietnamese keyboard hand composed letters to the widget this way)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def menu_action(window, menu, action):
    """An action reached as the clerk reaches it: the menu bar's ``menu``, then the item ``action``
    (the mnemonic ampersands ignored)."""
    def plain(text):
        return text.replace("&", "")

    top = next(a.menu() for a in window.menuBar().actions() if plain(a.text()) == menu)
    top.aboutToShow.emit()  # what opening the menu does: its items enabled as they would be shown
    found = next(a for a in top.actions() if plain(a.text()) == action)
    assert found.isEnabled(), f"{menu} › {action} is disabled"
    return found


def when_dialog_shows(callback, kind=None, tries=100):
    """Run ``callback(dialog)`` on the next modal dialog (of type ``kind``) as soon as it shows: the clerk
    answering it by clicks and typing while ``exec()`` runs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt(left=tries):
        dialog = QApplication.activeModalWidget()
        if dialog is not None and (kind is None or isinstance(dialog, kind)):
            callback(dialog)
        elif left > 0:
            QTimer.singleShot(30, lambda: attempt(left - 1))

    QTimer.singleShot(30, attempt)


def click_button(dialog, label):
    """Click the button whose text (mnemonics ignored) is ``label``."""
    from PySide6.QtWidgets import QAbstractButton

    button = next(b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == label)
    button.click()
