"""One mechanism binds every text field to the workbook: typed text is saved half a second after the
last keystroke, at least every two seconds while typing goes on, and at once when the field loses focus.

Text counts as saved only when the commit returned. A save that fails (a full disk, a file held by antivirus
or OneDrive) keeps the text in the field, is retried with growing pauses by a timer (the window never waits
on it), and the field stays "unsaved" until a retry succeeds: a refresh never overwrites it, and
``flush_all`` says so to whoever asks (Ctrl+S, export, switching period, closing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...domain import legacy

SAVE_DELAY_MS = 500  # after the last keystroke
MAX_UNSAVED_MS = 2000  # while typing goes on without a pause
RETRY_MS = (1000, 2000, 4000, 8000, 15000)  # after a failed save; the last pause repeats

_live: list[TextBinding] = []


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
        _live.append(self)
        widget.destroyed.connect(lambda *_: _live.remove(self) if self in _live else None)

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
        if self.save(text) is False:
            self.failures += 1
            self.retry.start(RETRY_MS[min(self.failures, len(RETRY_MS)) - 1])
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


def flush_all() -> bool:
    """Before export, switching period or closing: save every field; False if any text could not be saved."""
    return all([binding.flush() for binding in list(_live)])  # noqa: C419 - every field flushes, no short cut


def unsaved_bindings() -> list[TextBinding]:
    """Fields whose text is not in the workbook after a failed save (the window says so in red)."""
    return [b for b in _live if b.failures and b.unsaved]
