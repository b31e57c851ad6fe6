"""One mechanism binds every text field to the workbook: typed text is saved half a second after the
last keystroke, or at once when the field loses focus, and a refresh never fights the clerk's cursor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ..domain import legacy

SAVE_DELAY_MS = 500

_live: list[TextBinding] = []


def _text(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


class TextBinding(QObject):
    """Binds a QLineEdit or QPlainTextEdit to ``save(text)``."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit, save: Callable[[str], object]):
        super().__init__(widget)
        self.widget, self.save = widget, save
        self.saved_text = _text(widget)
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        widget.textChanged.connect(self._typed)
        widget.installEventFilter(self)
        _live.append(self)
        widget.destroyed.connect(lambda *_: _live.remove(self) if self in _live else None)

    def _typed(self, *_args) -> None:
        if _text(self.widget) != self.saved_text:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def flush(self) -> None:
        self.timer.stop()
        text = _text(self.widget)
        if isinstance(self.widget, QLineEdit):  # a paste from a TCVN3/VNI document arrives as Unicode
            fixed = legacy.normalize_pasted(text)
            if fixed != text:
                self.widget.setText(fixed)
                text = fixed
        if text != self.saved_text:
            self.saved_text = text
            self.save(text)

    def show(self, text: str) -> None:
        """Show the stored text, unless the clerk is typing something not yet saved."""
        if self.timer.isActive():
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


def flush_all() -> None:
    """Before export, switching period or closing: nothing typed stays unsaved."""
    for binding in _live:
        binding.flush()
