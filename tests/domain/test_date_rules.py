"""Ngày ban hành: typed as a clerk types it, checked against the period it reports on."""

import datetime as dt

import pytest
from test_checks import findings_of

from baocao_gui.compose import compose_outline
from baocao_gui.domain.checks import Severity
from baocao_gui.domain.model import Period, PeriodKind
from baocao_gui.domain.vnformat import DateError, format_date, parse_date


@pytest.mark.parametrize("typed", ["08/10/2024", "8/10/2024", "08/10/2024 ", "8-10-2024", "8.10.2024",
                                   "08102024", "8102024", "2024-10-08", "０８/１０/２０２４"])
def test_a_date_typed_the_usual_ways_is_that_day(typed):
    assert parse_date(typed) == dt.date(2024, 10, 8)


def test_a_one_digit_day_and_month_are_read_where_plain():
    assert parse_date("5/1/2025") == dt.date(2025, 1, 5)
    assert parse_date("512025") == dt.date(2025, 1, 5)


def test_an_empty_field_is_no_date():
    assert parse_date("  ") is None


@pytest.mark.parametrize("typed, says", [
    ("1112024", "ngày 1 tháng 11 hoặc ngày 11 tháng 1"),  # digits alone that split two ways
    ("30/02/2024", "Không có ngày"),
    ("8/10/24", "4 chữ số"),
    ("8/10", "chưa đủ"),
    ("ngày 8", "không phải là ngày"),
])
def test_a_date_that_is_not_one_is_refused_with_a_sentence(typed, says):
    with pytest.raises(DateError) as caught:
        parse_date(typed)
    assert says in caught.value.message


def test_the_window_writes_a_date_with_two_digit_day_and_month():
    assert format_date(dt.date(2024, 1, 5)) == "05/01/2024"


YEAR_2023 = Period(PeriodKind.YEAR, 2023)


def date_findings(date, period=YEAR_2023):
    return [f for f in findings_of(date=date, period=period) if f.place.field == "date"]


def test_a_date_after_the_cut_off_and_within_a_year_is_not_flagged():
    assert date_findings(dt.date(2024, 1, 18)) == []
    assert date_findings(dt.date(2023, 12, 14)) == []  # the day the data are cut off
    assert date_findings(dt.date(2024, 12, 14)) == []


def test_a_date_before_the_period_is_over_is_a_warning():
    found = date_findings(dt.date(2023, 10, 8))
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "08/10/2023 trước ngày chốt số liệu của báo cáo năm 2023 (14/12/2023)" in found[0].message


def test_a_date_more_than_a_year_after_the_period_is_a_warning():
    found = date_findings(dt.date(2025, 1, 18))  # the year typed one too far
    assert [f.severity for f in found] == [Severity.WARNING] and "nhầm năm" in found[0].message


def test_a_quarter_is_dated_after_its_own_cut_off():
    q3 = Period(PeriodKind.Q3, 2023)
    assert date_findings(dt.date(2023, 9, 20), q3) == []
    assert len(date_findings(dt.date(2023, 9, 1), q3)) == 1


def test_no_date_is_one_warning_and_leaves_day_and_month_blank_for_the_van_thu():
    found = date_findings(None)
    assert len(found) == 1 and "chưa có ngày ban hành" in found[0].message
    from test_checks import clean_book

    wb, report = clean_book(date=None)
    line = compose_outline(wb, report).front.place_date
    # the year stays as it always printed: a report sent undated must export as it was sent
    assert line == "Đắk Nông, ngày\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0năm 2024"
