"""Ngày ban hành in the window: typed as dd/mm/yyyy, chosen on the calendar, or left for the văn thư."""

import datetime as dt

from gui_helpers import type_text
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton

from baocao_gui.domain.vnformat import format_date


def date_field(window):
    window.select_tab("tab-general")
    return window.general.date_field


def retype(qtbot, field, text):
    field.edit.setFocus()
    field.edit.selectAll()
    type_text(qtbot, field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def test_typing_08_10_2024_stores_the_8th_of_october(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    retype(qtbot, field, "08/10/2024")
    assert window.session.report.date == dt.date(2024, 10, 8)
    assert field.edit.text() == "08/10/2024"


def test_a_one_digit_day_and_month_are_read_and_written_back_in_full(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    retype(qtbot, field, "5/1/2024")
    assert window.session.report.date == dt.date(2024, 1, 5)
    assert field.edit.text() == "05/01/2024"


def test_every_digit_typed_lands_even_without_slashes_and_with_pauses(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    field.edit.setFocus()
    field.edit.selectAll()
    for chunk in ("08", "10", "2024"):
        type_text(qtbot, field.edit, chunk)
        qtbot.wait(700)  # longer than the save delay: a half-typed date is never stored
    assert field.edit.text() == "08102024"
    assert window.session.report.date == dt.date(2024, 10, 8)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.edit.text() == "08/10/2024"


def test_changing_one_digit_in_the_middle_keeps_the_cursor_where_the_clerk_types(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    retype(qtbot, field, "18/1/2024")
    field.edit.setFocus()
    field.edit.setCursorPosition(4)  # after "18/0" of 18/01/2024 → make it 18/02/2024
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.wait(700)  # "18/0/2024" is not a date: nothing stored, the text stays as typed
    type_text(qtbot, field.edit, "2")
    qtbot.wait(700)
    assert field.edit.text() == "18/02/2024" and window.session.report.date == dt.date(2024, 2, 18)


def test_a_date_that_does_not_exist_is_refused_with_a_sentence_and_not_stored(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    before = window.session.report.date
    retype(qtbot, field, "30/02/2024")
    assert window.session.report.date == before
    assert "Không có ngày “30/02/2024”" in window.general.message.text()
    assert "chưa được lưu" in window.general.message.text()


def test_chua_ghi_ngay_empties_the_date_and_unticking_it_writes_today_and_says_so(
        qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    date_field(window)
    box = window.general.no_date
    assert not box.isChecked()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert window.session.report.date is None and window.general.date.text() == ""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    today = dt.date.today()
    assert window.session.report.date == today  # not 01/01/2000
    assert window.general.date.text() == format_date(today)
    assert f"Đã ghi ngày hôm nay, {format_date(today)}" in window.general.message.text()
    window.session.undo_stack.undo()  # the two clicks, a moment apart, undo as one: the date typed before
    assert window.session.report.date == dt.date(2024, 1, 18) and window.general.date.text() == "18/01/2024"


def test_emptying_the_field_leaves_the_date_to_the_van_thu(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert window.session.report.date is None and window.general.no_date.isChecked()


def test_the_calendar_speaks_vietnamese_and_a_click_stores_the_day(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    qtbot.waitUntil(field.menu.isVisible)
    calendar = field.calendar
    assert calendar.selectedDate() == QDate(2024, 1, 18)  # the stored date
    buttons = [b.text() for b in calendar.findChildren(QToolButton) if b.text()]
    assert "Tháng 1" in buttons and "2024" in buttons
    assert calendar.locale().dayName(1, calendar.locale().FormatType.ShortFormat) == "Thứ 2"
    calendar.setSelectedDate(QDate(2024, 1, 22))
    calendar.clicked.emit(QDate(2024, 1, 22))
    assert not field.menu.isVisible()
    assert window.session.report.date == dt.date(2024, 1, 22) and field.edit.text() == "22/01/2024"


def test_a_date_typed_before_the_period_is_over_is_a_warning_before_signing(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    retype(qtbot, field, "18/01/2023")  # the year of the report instead of the year after
    window.findings.update_now()
    found = [f for f in window.findings.findings if f.place.field == "date"]
    assert [f.severity.value for f in found] == ["cảnh báo"]
    assert "trước ngày chốt số liệu của báo cáo năm 2023 (14/12/2023)" in found[0].message


def test_den_cho_can_sua_on_the_date_warning_puts_the_cursor_in_the_date(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    field = date_field(window)
    retype(qtbot, field, "18/01/2026")  # more than a year after the period
    window.select_tab("tab-lao_dong")
    window.show_findings()
    panel = window.findings
    row = next(i for i, f in enumerate(panel.findings) if f.place.field == "date")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(row))
    panel.jump(panel.tree.currentItem())
    assert window.tabs.currentWidget() is window.general and field.edit.hasFocus()
