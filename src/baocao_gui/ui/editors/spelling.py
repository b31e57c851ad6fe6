"""Vietnamese spelling in the text fields, as Word shows it: unknown words underlined with a red wave as the clerk
types, and a right-click that offers the words meant, "Bỏ qua" (pass it until the program closes) and "Thêm vào từ
điển" (the clerk's own dictionary: a UTF-8 file, one word a line, beside the settings file). What a word is, and
what is offered, is ``domain.spelling``'s; this module only shows it.

Paragraph fields (QPlainTextEdit) get a highlighter, which also marks citations. A one-line field cannot draw a
wave under a word: it is checked when the clerk leaves it (or its text is shown), and a field with an unknown word
shows a warning sign at its end whose tip names the words; its right-click menu offers the same as a paragraph's.
A word being typed (the cursor at its end) is not underlined until the clerk leaves it: a keyboard program writes
"vie" before "việt".
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QStyle, QStyledItemDelegate, QWidget

from ...app.whole_file import write_whole
from ...domain.spelling import Unknown, suggestions, unknown_words
from ..settings import app_settings
from .figure_menu import CitationHighlighter
from .pasting import pasted
from .typing import group_words

log = logging.getLogger(__name__)
DICTIONARY_NAME = "tu-dien-rieng.txt"
SPELLING_RED = QColor("#dc2626")
IGNORE = "Bỏ qua"
ADD = "Thêm vào từ điển"
NOTHING_SUGGESTED = "(không có gợi ý)"


class UserDictionary(QObject):
    """The clerk's own words (every field hears a change at once) and the words passed for this session."""

    changed = Signal()

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.words: set[str] = set()
        self.ignored: set[str] = set()
        self.known: frozenset[str] = frozenset()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:  # a damaged file: no words of its own, the program goes on
            log.warning("user dictionary %s unreadable: %s", path, exc)
            text = ""
        self.words = {line.strip().lower() for line in text.splitlines() if line.strip()}
        self._update()

    def _update(self) -> None:
        self.known = frozenset(self.words | self.ignored)
        self.changed.emit()

    def add(self, word: str) -> bool:
        """``word`` kept in the file (False, and said in the log, when the file cannot be written)."""
        self.words.add(word.lower())
        try:
            write_whole(self.path, "".join(f"{w}\n" for w in sorted(self.words)))
        except OSError as exc:
            log.warning("user dictionary %s not written: %s", self.path, exc)
            self._update()
            return False
        self._update()
        return True

    def ignore(self, word: str) -> None:
        self.ignored.add(word.lower())
        self._update()


_dictionary: list[UserDictionary] = []


def dictionary_path(settings: QSettings | None = None) -> Path:
    return Path((settings or app_settings()).fileName()).parent / DICTIONARY_NAME


def dictionary() -> UserDictionary:
    """The clerk's dictionary, read once (every field asks: opening QSettings each time cost a window 30 ms)."""
    if not _dictionary:
        _dictionary.append(UserDictionary(dictionary_path()))
    return _dictionary[0]


def reread_dictionary(settings: QSettings | None = None) -> UserDictionary:
    """At a window's opening (with its settings): the dictionary again if the settings moved (a test's folder)."""
    path = dictionary_path(settings)
    if not _dictionary or _dictionary[0].path != path:
        _dictionary[:] = [UserDictionary(path)]
    return _dictionary[0]


_sign_icon: list[QIcon] = []


def _warning_icon(field: QWidget) -> QIcon:
    if not _sign_icon:  # the style's icon, made once (7 ms a window when every field asked the style)
        _sign_icon.append(field.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
    return _sign_icon[0]


def known_words() -> frozenset[str]:
    """The words the checks pass as spelled right (lower case): the clerk's own and those passed this session."""
    return dictionary().known


def _wave() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(SPELLING_RED)
    return fmt


class SpellingHighlighter(CitationHighlighter):
    """Citations in blue, unknown words with a red wave."""

    def __init__(self, document):
        super().__init__(document)
        self.wave = _wave()
        self.editor: QPlainTextEdit | None = None
        self.held: tuple[int, int] | None = None  # (block, end) of the word being typed, not underlined yet
        self.words = dictionary()
        self.words.changed.connect(self.rehighlight)

    def follow(self, editor: QPlainTextEdit) -> None:
        self.editor = editor
        editor.cursorPositionChanged.connect(self._cursor_moved)
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._release()  # the clerk left the field: the word last typed is shown as it is
        return False

    def _typing_end(self, block_number: int) -> int | None:
        """Where the word being typed ends in this block (the cursor), or None."""
        editor = self.editor
        if editor is None or not editor.hasFocus():
            return None
        cursor = editor.textCursor()
        return cursor.positionInBlock() if cursor.blockNumber() == block_number else None

    def unknown_in(self, text: str) -> list[Unknown]:
        return unknown_words(text, self.words.known)

    def highlightBlock(self, text: str) -> None:
        super().highlightBlock(text)
        number = self.currentBlock().blockNumber()
        typing_end = self._typing_end(number)
        if self.held is not None and self.held[0] == number:
            self.held = None
        for word in self.unknown_in(text):
            if typing_end is not None and word.start < typing_end == word.end:
                self.held = (number, word.end)
                continue
            self.setFormat(word.start, word.end - word.start, self.wave)

    def _cursor_moved(self) -> None:
        if self.held is None or self.editor is None:
            return
        cursor = self.editor.textCursor()
        if (cursor.blockNumber(), cursor.positionInBlock()) != self.held:
            self._release()

    def _release(self) -> None:
        if self.held is None:
            return
        block = self.document().findBlockByNumber(self.held[0])
        self.held = None
        if block.isValid():
            self.rehighlightBlock(block)


# --- the right-click menu ------------------------------------------------------------------------------------------
def word_at(field: QLineEdit | QPlainTextEdit, pos: QPoint) -> tuple[Unknown, int] | None:
    """The unknown word under ``pos`` (the field's or its viewport's coordinates) and where its text starts."""
    if isinstance(field, QPlainTextEdit):
        cursor = field.cursorForPosition(pos)
        block, offset, base = cursor.block(), cursor.positionInBlock(), cursor.block().position()
        text = block.text()
    else:
        offset, base, text = field.cursorPositionAt(pos), 0, field.text()
    for word in unknown_words(text, dictionary().known):
        if word.start <= offset <= word.end:
            return word, base
    return None


def replace_word(field: QLineEdit | QPlainTextEdit, word: Unknown, base: int, replacement: str) -> None:
    """One step the clerk can undo in the field; the field's binding saves it like typing."""
    undo = group_words(field)
    if isinstance(field, QPlainTextEdit):
        cursor = QTextCursor(field.document())
        cursor.setPosition(base + word.start)
        cursor.setPosition(base + word.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        undo.note_change(("", 0))
        return
    before = (field.text(), field.cursorPosition())
    field.setSelection(word.start, word.end - word.start)
    field.insert(replacement)
    undo.note_change(before)


def spelling_menu(field: QLineEdit | QPlainTextEdit, pos: QPoint) -> QMenu:
    """The field's own menu, headed by what the spelling offers for the word under ``pos``."""
    standard = field.createStandardContextMenu() if isinstance(field, QLineEdit) else \
        field.createStandardContextMenu(pos)
    if isinstance(field, QLineEdit):  # a one-line field's undo is the word-sized one of typing.py
        undo = group_words(field)
        for action in standard.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                action.triggered.disconnect()
                is_undo = action.objectName() == "edit-undo"
                action.setEnabled(undo.can_undo() if is_undo else undo.can_redo())
                action.triggered.connect(undo.undo if is_undo else undo.redo)
    found = word_at(field, pos)
    if found is None or field.isReadOnly():
        return standard
    word, base = found
    menu = QMenu(field)
    bold = QFont()
    bold.setBold(True)
    offered = list(dict.fromkeys(pasted(field, t) for t in suggestions(word.word)))  # in the report's tone style
    for text in offered:
        action = menu.addAction(text)
        action.setFont(bold)
        action.triggered.connect(lambda _=False, t=text: replace_word(field, word, base, t))
    if not offered:
        menu.addAction(NOTHING_SUGGESTED).setEnabled(False)
    menu.addSeparator()
    menu.addAction(IGNORE).triggered.connect(lambda: dictionary().ignore(word.word))
    menu.addAction(ADD).triggered.connect(lambda: dictionary().add(word.word))
    menu.addSeparator()
    for action in standard.actions():
        action.setParent(menu)
        menu.addAction(action)
    standard.deleteLater()
    return menu


class _MenuFilter(QObject):
    """Right-click on a field: the spelling menu instead of Qt's plain one."""

    def __init__(self, field: QLineEdit | QPlainTextEdit, target: QWidget):
        super().__init__(field)
        self.field = field
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu:
            return False
        menu = spelling_menu(self.field, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


class LineSpelling(QObject):
    """A one-line field's check: when the clerk leaves it or its text is shown, a warning sign at its end names
    the unknown words (and goes as soon as they are fixed)."""

    def __init__(self, field: QLineEdit):
        super().__init__(field)
        self.field = field
        self.unknown: list[Unknown] = []
        self.sign = QAction(_warning_icon(field), "", field)
        self.sign.setObjectName("spelling-sign")
        self.sign.triggered.connect(self._select_first)
        field.installEventFilter(self)
        field.editingFinished.connect(self.check)
        field.textChanged.connect(self._text_changed)
        dictionary().changed.connect(self.check)
        self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusOut, QEvent.Type.Show, QEvent.Type.FocusIn):
            self.check()
        return False

    def _text_changed(self, _text: str) -> None:
        if self.unknown or not self.field.hasFocus():
            self.check()  # a fixed word loses its sign at once; a word being typed gets none until the clerk leaves

    def check(self) -> None:
        self.unknown = unknown_words(self.field.text(), dictionary().known)
        shown = self.sign in self.field.actions()
        if self.unknown:
            self.sign.setToolTip("Có thể sai chính tả: " + ", ".join(f"“{u.word}”" for u in self.unknown)
                                 + " (chuột phải vào từ để xem gợi ý)")
            if not shown:
                self.field.addAction(self.sign, QLineEdit.ActionPosition.TrailingPosition)
        elif shown:
            self.field.removeAction(self.sign)

    def _select_first(self) -> None:
        if self.unknown:
            word = self.unknown[0]
            self.field.setFocus()
            self.field.setSelection(word.start, word.end - word.start)


def watch(field: QLineEdit | QPlainTextEdit) -> None:
    """Spelling for one text field (once): the wave or the sign, and the right-click menu."""
    if field.property("spelling"):
        return
    field.setProperty("spelling", True)
    if isinstance(field, QPlainTextEdit):
        highlighter = field.document().findChild(SpellingHighlighter)
        if highlighter is None:
            highlighter = SpellingHighlighter(field.document())
        highlighter.follow(field)
        _MenuFilter(field, field.viewport())
    else:
        LineSpelling(field)
        _MenuFilter(field, field)


def highlighter_of(field: QPlainTextEdit) -> SpellingHighlighter | None:
    return field.document().findChild(SpellingHighlighter)


def underlined(field: QPlainTextEdit) -> list[str]:
    """The words the field shows with the red wave, in order (what the clerk sees; tests read it)."""
    found = []
    block = field.document().firstBlock()
    while block.isValid():
        text = block.text()
        for fr in block.layout().formats():
            if fr.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                found.append(text[fr.start:fr.start + fr.length])
        block = block.next()
    return found


class CellDelegate(QStyledItemDelegate):
    """A table's cell editor types like every field (a word one undo step), with spelling when ``spelling``."""

    def __init__(self, parent: QObject | None = None, spelling: bool = True):
        super().__init__(parent)
        self.spelling = spelling

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            group_words(editor)
            if self.spelling:
                watch(editor)
        return editor
