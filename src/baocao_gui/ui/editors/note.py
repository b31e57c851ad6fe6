"""A one-sentence note under a table or a form that takes no room while it has nothing to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class Note(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()
