"""One mechanism binds every text field to the workbook: typed text is saved half a second after the
last keystroke, at least every two seconds while typing goes on, and at once when the field loses focus.

Text counts as saved only when the commit returned. A save that fails (a full disk, a file held by antivirus
or OneDrive) keeps the text in the field, is retried with growing pauses by a timer (the window never waits
on it, nor on a click: no box is shown for it, the status bar says it in red), and the field stays "unsaved"
until a retry succeeds: a refresh never overwrites it, and ``flush_all`` says so to whoever asks (Ctrl+S,
export, switching period, closing). A figure typed in a cell and refused the same way is kept and retried by
a ``RetriedEdit`` on the same list, so the same status bar, ``flush_all`` and closing question cover it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...domain import legacy
from . import spelling, typing

SAVE_DELAY_MS = 500  # after the last keystroke
MAX_UNSAVED_MS = 2000  # while typing goes on without a pause
# After a failed save; the last pause repeats. Short, so that text is saved within ~2 s of the file being freed
# (a held file is seen in BUSY_MS, a quarter of a second, so a retry every two seconds costs little).
RETRY_MS = (1000, 2000)

_live: list[TextBinding | RetriedEdit] = []
_saving = [0]  # > 0 while a field or a cell saves what was typed (a refusal then is kept and retried)


@contextmanager
def field_save() -> Iterator[None]:
    """Around a save of typed text or a typed figure: a refusal meanwhile will be retried by the field."""
    _saving[0] += 1
    try:
        yield
    finally:
        _saving[0] -= 1


def saving_typed_text() -> bool:
    """A field or a cell is saving what was typed now: a refusal will be kept and retried (no box needed)."""
    return _saving[0] > 0


def retry_pause(failures: int) -> int:
    return RETRY_MS[min(failures, len(RETRY_MS)) - 1]


class _Notifier(QObject):
    changed = Signal()  # some field's text became unsaved after a failure, or was saved at last


notifier = _Notifier()


def _text(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


class TextBinding(QObject):
    """Binds a QLineEdit or QPlainTextEdit to ``save(text) -> bool`` (False: not committed)."""

    state_changed = Signal()  # unsaved text appeared, or was saved

    def __init__(self, widget: QLineEdit | QPlainTextEdit, save: Callable[[str], object], readonly: bool = False):
        super().__init__(widget)
        self.widget, self.save = widget, save
        if readonly:  # a workbook opened only to read: nothing typed could be kept, so nothing can be typed
            widget.setReadOnly(True)
        self.saved_text = _text(widget)
        self.failures = 0
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.deadline = QTimer(self, singleShot=True, interval=MAX_UNSAVED_MS)
        self.deadline.timeout.connect(self.flush)
        self.retry = QTimer(self, singleShot=True)
        self.retry.timeout.connect(self.flush)
        widget.textChanged.connect(self._typed)
        widget.installEventFilter(self)
        typing.group_words(widget)  # a word is one undo step; Ctrl+Z undoes typing here before the report
        spelling.watch(widget)
        _live.append(self)
        widget.destroyed.connect(lambda *_: _live.remove(self) if self in _live else None)

    @property
    def typed(self) -> str:
        return _text(self.widget)

    @property
    def unsaved(self) -> bool:
        """Text in the field that is not in the workbook (typed, or kept after a failed save)."""
        return _text(self.widget) != self.saved_text

    def _typed(self, *_args) -> None:
        if self.unsaved:
            self.timer.start()
            if not self.deadline.isActive():
                self.deadline.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def flush(self) -> bool:
        """Save what is typed now; True when the workbook holds the field's text."""
        self.timer.stop()
        self.deadline.stop()
        text = _text(self.widget)
        if isinstance(self.widget, QLineEdit):  # a paste from a TCVN3/VNI document arrives as Unicode
            fixed = legacy.normalize_pasted(text)
            if fixed != text:
                self.widget.setText(fixed)
                text = fixed
        if text == self.saved_text:
            self._settled()
            return True
        with field_save():
            saved = self.save(text) is not False
        if not saved:
            self.failures += 1
            self.retry.start(retry_pause(self.failures))
            self.state_changed.emit()
            notifier.changed.emit()
            return False
        self.saved_text = text
        self._settled()
        return True

    def _settled(self) -> None:
        self.retry.stop()
        if self.failures:
            self.failures = 0
            self.state_changed.emit()
            notifier.changed.emit()

    def discard(self) -> None:
        """The field's target is gone (its paragraph was deleted): what was typed into it is not saved."""
        self.timer.stop()
        self.deadline.stop()
        self.saved_text = _text(self.widget)
        self._settled()

    def show(self, text: str) -> None:
        """Show the stored text, unless the field holds text not yet in the workbook."""
        if self.timer.isActive() or self.unsaved:
            return
        self.saved_text = text
        if _text(self.widget) != text:
            self.widget.blockSignals(True)
            if isinstance(self.widget, QPlainTextEdit):
                self.widget.setPlainText(text)
            else:
                self.widget.setText(text)
                self.widget.setCursorPosition(len(text))
            self.widget.blockSignals(False)


class RetriedEdit(QObject):
    """Something typed outside a text field (a figure in a cell) that the workbook refused for a while (a held
    file, a full disk): kept where it was typed, shown as unsaved, and retried with the same pauses as text.
    ``save()`` is True once the edit is settled (saved, or refused for good, which its owner then says);
    ``settled()`` is called then, or when the clerk chose to drop it, or when it was typed over."""

    def __init__(self, parent: QObject, save: Callable[[], bool], settled: Callable[[], None], typed: str = ""):
        super().__init__(parent)
        self.save, self.settled, self.typed = save, settled, typed
        self.failures, self.unsaved = 1, True
        self.retry = QTimer(self, singleShot=True)
        self.retry.timeout.connect(self.flush)
        self.retry.start(retry_pause(self.failures))
        _live.append(self)
        parent.destroyed.connect(lambda *_: _live.remove(self) if self in _live else None)
        notifier.changed.emit()

    def flush(self) -> bool:
        if not self.unsaved:
            return True
        self.retry.stop()
        with field_save():
            done = self.save()
        if not done:
            self.failures += 1
            self.retry.start(retry_pause(self.failures))
            notifier.changed.emit()
            return False
        self.discard()
        return True

    def discard(self) -> None:
        """Settled (saved, refused for good, typed over) or dropped by the clerk: no longer unsaved."""
        self.retry.stop()
        self.unsaved = False
        if self in _live:
            _live.remove(self)
        self.settled()
        notifier.changed.emit()


def flush_all() -> bool:
    """Before export, switching period or closing: save every field; False if any text could not be saved."""
    commit_open_cells()
    return all([binding.flush() for binding in list(_live)])  # noqa: C419 - every field flushes, no short cut


def commit_open_cells() -> None:
    """A cell being typed in (a table of the text, the figures table) holds its typing in its editor until the editor
    closes: committed here, so that closing the window, exporting or switching the period never drops it (closing
    the window used to commit it only as the widgets were destroyed, after the workbook was closed: lost)."""
    from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication

    for view in QApplication.allWidgets():
        if isinstance(view, QAbstractItemView) and view.state() == QAbstractItemView.State.EditingState:
            editor = view.focusWidget()
            if editor is not None and editor is not view and view.isAncestorOf(editor):
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def unsaved_bindings() -> list[TextBinding | RetriedEdit]:
    """Fields and cells whose typed text is not in the workbook after a failed save (the window says so in red)."""
    return [b for b in _live if b.failures and b.unsaved]
