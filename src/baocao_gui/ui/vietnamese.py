"""The window in Vietnamese where Qt draws the words itself: dates and numbers (the default QLocale), and the
standard buttons and dialogs (Qt ships no Vietnamese translation, so a translator holds the strings it asks for)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def use_vietnamese(app: QCoreApplication) -> None:
    """Calendar month and day names, week from Monday; installed once per application."""
    QLocale.setDefault(VIETNAMESE)
