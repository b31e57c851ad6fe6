"""A paragraph editor whose paste turns legacy Vietnamese encodings (TCVN3, VNI) and decomposed
Unicode into the NFC Unicode Word shows in Times New Roman."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QPlainTextEdit

from ..domain import legacy


class UnicodeTextEdit(QPlainTextEdit):
    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(legacy.normalize_pasted(source.text()))
        else:
            super().insertFromMimeData(source)
