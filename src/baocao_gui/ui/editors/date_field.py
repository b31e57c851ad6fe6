"""A date typed as dd/mm/yyyy or chosen on a calendar; empty leaves the day for the văn thư to write by hand.

A line edit, not a QDateEdit: a QDateEdit cannot be empty, and its sections took digits in ways a clerk does
not expect (08/10/2024 typed became 01/10/2024). Here the text is the clerk's until it reads as a whole date;
it is saved like every other text field (``TextBinding``), and written as 08/10/2024 once the clerk leaves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ...domain.vnformat import DateError, format_date, parse_date
from .binding import TextBinding


def read_date(text: str) -> dt.date | None:
    """The date a text stands for, or None when it is empty or not (yet) a whole date."""
    try:
        return parse_date(text)
    except DateError:
        return None


class DateField(QWidget):
    refused = Signal(str)  # what was typed is not a date: one sentence, nothing stored
    accepted = Signal()  # a date (or no date) was stored

    def __init__(self, save: Callable[[dt.date | None], bool | None], readonly: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._save = save
        self.edit = QLineEdit()
        self.edit.setObjectName("date")
        self.edit.setPlaceholderText("ngày/tháng/năm, ví dụ 08/10/2024")
        self.edit.setToolTip("Gõ ngày/tháng/năm (8/10/2024 cũng được), hoặc bấm F4 để chọn trên lịch. "
                             "Để trống nếu văn thư ghi ngày bằng tay.")
        self.edit.setMaxLength(20)
        self.binding = TextBinding(self.edit, self._save_text, readonly)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("date-calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self.choose)
        self.calendar.activated.connect(self.choose)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.menu.aboutToShow.connect(self._before_calendar)
        self.button = QToolButton()
        self.button.setObjectName("date-calendar-button")
        self.button.setText("Lịch…")
        self.button.setToolTip("Chọn ngày trên lịch (F4)")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # it covered the "…"
        self.button.setMenu(self.menu)
        self.button.setEnabled(not readonly)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/0000") * 3)

    # --- model → field ---------------------------------------------------------------------------------------
    def show_date(self, date: dt.date | None) -> None:
        """Show the stored date; text being typed, or typed another way for the same day (8/10/2024), stays."""
        text = self.edit.text()
        if read_date(text) == date and (date is not None or not text.strip()):
            self.binding.show(text)
        else:
            self.binding.show(format_date(date) if date else "")

    def date(self) -> dt.date | None:
        return read_date(self.edit.text())

    # --- field → model ---------------------------------------------------------------------------------------
    def _save_text(self, text: str) -> bool | None:
        try:
            date = parse_date(text)
        except DateError as exc:
            self.refused.emit(f"{exc.message} Ngày chưa được lưu.")
            return None
        saved = self._save(date)
        if saved is not False:
            self.accepted.emit()
        return saved

    def set_date(self, date: dt.date | None) -> bool:
        """Put a date (or none) in the field and save it now; False if the workbook did not take it yet."""
        self.edit.setText(format_date(date) if date else "")
        return self.binding.flush()

    def choose(self, qdate: QDate) -> None:
        self.menu.close()
        if not self.edit.isReadOnly():
            self.set_date(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.edit.setFocus()

    def open_calendar(self) -> None:
        """The calendar under the field (not ``showMenu``, which waits until it closes)."""
        self.menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def _before_calendar(self) -> None:
        date = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        self.calendar.setFocus()

    def _tidy(self) -> None:
        """Enter or leaving the field: save, then write the date the one way (08/10/2024)."""
        if self.binding.flush():
            date = self.date()
            if date is not None and self.edit.text() != format_date(date):
                self.binding.show(format_date(date))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress and not self.edit.isReadOnly()
                and (event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                                       and event.modifiers() & Qt.KeyboardModifier.AltModifier))):
            self.open_calendar()
            return True
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self._tidy()
        return False
