"""A report signed and sent is shown, not edited: its tabs' text fields turn read-only and their buttons off.

The application layer refuses any edit of a frozen report anyway; this keeps the clerk from typing text that
could not be kept. A figure typed in a table cell is refused with the sentence that says how to unlock, and the
cell shows the stored figure again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def lock_widgets(root: QWidget, locked: bool) -> None:
    """Lock or unlock a tab's fields and buttons; nothing to do when the tab already is in that state (this
    runs after every edit)."""
    if root.property("baocao_lock_state") == locked:
        return
    root.setProperty("baocao_lock_state", locked)
    for w in root.findChildren(QWidget):
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
