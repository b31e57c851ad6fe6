"""A report signed and sent is shown, not edited: its tabs' text fields turn read-only and their buttons off, and
every field and table looks read-only (the window's grey, not the white of a field to type in: issue 21.7).

The application layer refuses any edit of a frozen report anyway; this keeps the clerk from typing text that
could not be kept. A figure typed in a table cell is refused with the sentence that says how to unlock, and the
cell shows the stored figure again."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

LOOKS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)  # what turns grey while locked


def read_only_look(widget: QWidget, on: bool) -> None:
    """The field's white turned to the window's grey (on), or the inherited palette back (off)."""
    if on:
        palette = widget.palette()
        grey = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, grey)
        widget.setPalette(palette)
        widget.setProperty("baocao_grey", True)
    elif widget.property("baocao_grey"):
        widget.setPalette(QPalette())  # no role of its own: the window's palette again
        widget.setProperty("baocao_grey", False)


def lock_widgets(root: QWidget, locked: bool) -> None:
    """Lock or unlock a tab's fields and buttons; nothing to do when the tab already is in that state (this
    runs after every edit)."""
    if root.property("baocao_lock_state") == locked:
        return
    root.setProperty("baocao_lock_state", locked)
    for w in root.findChildren(QWidget):
        if isinstance(w, LOOKS):
            read_only_look(w, locked)
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            if locked:
                w.setProperty("baocao_locked", True)
                w.setReadOnly(True)
            elif w.property("baocao_locked"):
                w.setProperty("baocao_locked", False)
                w.setReadOnly(False)
        elif isinstance(w, (QAbstractButton, QComboBox, QAbstractSpinBox)) and not w.property("navigation"):
            if locked:
                if w.isEnabled():
                    w.setProperty("baocao_locked", True)
                    w.setEnabled(False)
            elif w.property("baocao_locked"):
                w.setProperty("baocao_locked", False)
                w.setEnabled(True)
