"""A paragraph editor whose paste turns legacy Vietnamese encodings (TCVN3, VNI) and decomposed
Unicode into the NFC Unicode Word shows in Times New Roman."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from ...domain.figures import TOKEN
from .pasting import pasted


class UnicodeTextEdit(QPlainTextEdit):
    """``describe`` (when given) says what a citation stands for: the clerk reads codes, the tooltip gives the
    indicator's name and figure."""

    describe: Callable[[str], str] | None = None

    def citation_tip(self, position: int) -> str | None:
        """What the citation at ``position`` of the document stands for, or None where there is none."""
        if self.describe is None:
            return None
        block = self.document().findBlock(position)
        offset = position - block.position()
        for match in TOKEN.finditer(block.text()):
            if match.start() <= offset <= match.end():
                return self.describe(match.group(0))
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.citation_tip(self.cursorForPosition(self.viewport().mapFrom(self, event.pos())).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(pasted(self, source.text()))  # NFC, Unicode, the report's tone-mark style
        else:
            super().insertFromMimeData(source)
