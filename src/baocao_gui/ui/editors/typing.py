"""Typing that never fights the clerk: a word is one undo step in a field, and Ctrl+Z undoes typing in the field
before it undoes the report.

Unikey and EVKey (like OpenKey, whose source shows it: Sources/OpenKey/win32/OpenKey/OpenKey/OpenKey.cpp) do not
type a letter with a mark: they send backspaces (VK_BACK) over what they typed, then the word's new end, as
characters (SendInput, KEYEVENTF_UNICODE), or — in "clipboard" mode — put it on the clipboard and press Shift+Insert;
before the backspaces they may type U+202F and take it back (their fix for browsers' autocompletion). Qt keeps each
of those as its own undo step, so typing "vieetj " and pressing Ctrl+Z gave "viêt", then "vi"… Here a field's keys
within one word (letters, the backspaces and pastes of the keyboard program, the space that ends the word) make one
step: Ctrl+Z takes back the word as it was typed.

Ctrl+Z in a field with typing to undo undoes it there ("Hoàn tác gõ trong ô" in the status bar); a field with none
lets the window's Hoàn tác take it (the report's last edit). A paragraph editor keeps Qt's own undo (its edit
blocks are joined); a one-line field has no such blocks, so its steps are kept here.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

FIELD_UNDONE = "Hoàn tác gõ trong ô"
FIELD_REDONE = "Làm lại gõ trong ô"
_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
                  Qt.Key.Key_CapsLock}
_SHORT_PASTE = 8  # what a keyboard program pastes for one word's end ("ệt"); longer is the clerk's own paste


class _Notifier(QObject):
    said = Signal(QObject, str)  # the field, and what Ctrl+Z did in it: for its window's status bar


notifier = _Notifier()


def _is_undo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def _is_redo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)


def _is_paste(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Paste) or (
        event.key() == Qt.Key.Key_Insert and event.modifiers() == Qt.KeyboardModifier.ShiftModifier)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or "\u0300" <= ch <= "\u036f"


def _typed(text: str) -> bool:
    """Text a key types (U+202F too, which keyboard programs type and take back): no control character."""
    return bool(text) and not any(unicodedata.category(c)[0] == "C" for c in text)


class WordUndo(QObject):
    """Installed on one field (``group_words``): groups its keys by word and routes Ctrl+Z."""

    def __init__(self, field: QLineEdit | QPlainTextEdit):
        super().__init__(field)
        self.field = field
        self.inside = False
        self.mark: tuple | None = None  # the field's state after the last key of the word being typed
        # a one-line field's own steps: (text, cursor) before each word, and after each undone one
        self.undo_steps: list[tuple[str, int]] = []
        self.redo_steps: list[tuple[str, int]] = []
        self.seen: str | None = None  # a one-line field's text after the last change made here
        field.installEventFilter(self)

    # --- the field's state --------------------------------------------------------------------------------------
    @property
    def paragraph(self) -> bool:
        return isinstance(self.field, QPlainTextEdit)

    def state(self) -> tuple:
        f = self.field
        if self.paragraph:
            return (f.textCursor().position(), f.document().revision())
        return (f.text(), f.cursorPosition())

    def _left_char(self) -> str:
        f = self.field
        if self.paragraph:
            cursor = f.textCursor()
            pos = cursor.position()
            return f.document().characterAt(pos - 1) if pos > 0 else ""
        pos = f.cursorPosition()
        return f.text()[pos - 1] if pos > 0 else ""

    # --- what a key does to the word being typed ------------------------------------------------------------------
    def _kind(self, event: QKeyEvent) -> str:
        """"type" (a character), "erase" (backspace), "paste" (a keyboard program's short paste), "edit" (any other
        change: a long paste, Delete, Ctrl+X), "" (a key that changes nothing: arrows, Tab…)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
        if _is_paste(event):
            text = QApplication.clipboard().text()
            return "paste" if text and len(text) <= _SHORT_PASTE and not any(c.isspace() for c in text) else "edit"
        if event.key() == Qt.Key.Key_Backspace and not mods:
            return "erase"
        if event.matches(QKeySequence.StandardKey.Cut) or event.key() == Qt.Key.Key_Delete:
            return "edit"
        if _typed(event.text()) and not mods:
            return "type"
        return ""

    def _joins(self, kind: str, text: str) -> bool:
        if self.mark is None or self.mark != self.state():
            return False  # the cursor moved, or something else changed the field, since the last key of the word
        if kind == "type" and _word_char(text[:1]):
            left = self._left_char()
            return bool(left) and _word_char(left)  # a letter after a space starts the next word
        return kind in ("type", "erase", "paste")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.inside or watched is not self.field:
            return False
        kind_of_event = event.type()
        if kind_of_event == QEvent.Type.ShortcutOverride:
            if _is_undo(event) or _is_redo(event):
                # the field takes Ctrl+Z only while it has typing to undo; else the window's Hoàn tác has it
                if self.can_undo() if _is_undo(event) else self.can_redo():
                    event.accept()
                else:
                    event.ignore()
                return True
            return False
        if kind_of_event == QEvent.Type.InputMethod and not self.field.isReadOnly():
            if event.commitString() and not event.preeditString():  # a letter an input method composed
                self._press(event, "type", event.commitString())
                return True
            return False
        if kind_of_event != QEvent.Type.KeyPress:
            if kind_of_event in (QEvent.Type.FocusOut, QEvent.Type.MouseButtonPress):
                self.mark = None
            return False
        if _is_undo(event):
            if self.can_undo():
                self.undo()
            return True
        if _is_redo(event):
            if self.can_redo():
                self.redo()
            return True
        if self.field.isReadOnly():
            return False
        if event.key() in _MODIFIER_KEYS:
            return False  # Ctrl of Ctrl+V, the Shift a keyboard program presses for a capital
        kind = self._kind(event)
        if not kind:
            self.mark = None
            return False
        self._press(event, kind, event.text())
        return True

    def _press(self, event: QEvent, kind: str, text: str) -> None:
        if not self.paragraph:
            self._fresh()
        joins = kind != "edit" and self._joins(kind, text)
        before = (self.field.text(), self.field.cursorPosition()) if not self.paragraph else None
        self.inside = True
        try:
            if self.paragraph:
                cursor = self.field.textCursor()
                if joins:
                    cursor.joinPreviousEditBlock()
                else:
                    cursor.beginEditBlock()
                QCoreApplication.sendEvent(self.field, event)
                cursor.endEditBlock()
            else:
                QCoreApplication.sendEvent(self.field, event)
        finally:
            self.inside = False
        if before is not None:
            if not joins and (self.field.text(), self.field.cursorPosition()) != before:
                self._remember(before)
            self.seen = self.field.text()
        self.mark = self.state() if kind != "edit" else None

    # --- a one-line field's own steps --------------------------------------------------------------------------
    def _remember(self, before: tuple[str, int]) -> None:
        self.undo_steps.append(before)
        self.redo_steps.clear()
        self.seen = self.field.text()

    def _fresh(self) -> bool:
        """The steps still describe the field (a refresh from the workbook replaces its text and its history)."""
        if self.seen is not None and self.seen == self.field.text():
            return True
        self.seen = None
        self.undo_steps.clear()
        self.redo_steps.clear()
        return False

    def note_change(self, before: tuple[str, int]) -> None:
        """A change made to the field outside typing (a suggestion chosen from the menu): one step of its own."""
        if not self.paragraph:
            self._fresh()
            self._remember(before)
        self.mark = None

    def can_undo(self) -> bool:
        if self.paragraph:
            return self.field.document().isUndoAvailable() and not self.field.isReadOnly()
        return self._fresh() and bool(self.undo_steps)

    def can_redo(self) -> bool:
        if self.paragraph:
            return self.field.document().isRedoAvailable() and not self.field.isReadOnly()
        return self._fresh() and bool(self.redo_steps)

    def undo(self) -> None:
        self.mark = None
        if self.paragraph:
            self.field.undo()
        else:
            self.redo_steps.append((self.field.text(), self.field.cursorPosition()))
            self._restore(self.undo_steps.pop())
        notifier.said.emit(self.field, FIELD_UNDONE)

    def redo(self) -> None:
        self.mark = None
        if self.paragraph:
            self.field.redo()
        else:
            self.undo_steps.append((self.field.text(), self.field.cursorPosition()))
            self._restore(self.redo_steps.pop())
        notifier.said.emit(self.field, FIELD_REDONE)

    def _restore(self, state: tuple[str, int]) -> None:
        text, position = state
        field = self.field
        field.setText(text)  # textChanged reaches the binding: the restored text is saved like typed text
        field.setCursorPosition(position)
        self.seen = text


def group_words(field: QLineEdit | QPlainTextEdit) -> WordUndo:
    """Word-sized undo steps and Ctrl+Z routing for ``field`` (once)."""
    existing = field.findChild(WordUndo)
    return existing if existing is not None else WordUndo(field)
