import datetime as dt
from decimal import Decimal

import pytest

from baocao_gui.domain.vnformat import (
    format_doc_number,
    format_number,
    format_percent,
    format_place_date,
    parse_number,
)


@pytest.mark.parametrize("value, text", [
    (18498, "18.498"), (37774519980, "37.774.519.980"), (602, "602"), (0, "0"), (1000, "1.000"),
    (5.18, "5,18"), (40.8, "40,8"), (2.0, "2"), (-1234.5, "-1.234,5"), (Decimal("0.05"), "0,05"),
])
def test_numbers_are_written_the_vietnamese_way(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, text", [(4, "04"), (0, "00"), (9, "09"), (10, "10"), (25, "25")])
def test_small_counts_get_a_leading_zero_when_padded(value, text):
    assert format_number(value, pad=True) == text


def test_padding_never_touches_decimals():
    assert format_number(5.5, pad=True) == "5,5"


@pytest.mark.parametrize("exact, text", [
    (Decimal(18498) * 100 / Decimal(18200), "101,64%"),
    (Decimal(602) * 100 / Decimal(200), "301%"),
    (Decimal(8491) * 100 / Decimal(4000), "212,28%"),  # 212,275 rounds half up
    (Decimal("40.8"), "40,8%"),
])
def test_percentages_round_half_up_to_two_decimals(exact, text):
    assert format_percent(exact) == text


@pytest.mark.parametrize("text, value", [
    ("18.498", Decimal(18498)), ("101,64", Decimal("101.64")), ("37.774.519.980", Decimal(37774519980)),
    ("1234", Decimal(1234)), (" 5,18 ", Decimal("5.18")), ("-2,5", Decimal("-2.5")),
])
def test_numbers_typed_the_vietnamese_way_are_read(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["7.97", "18,498.5", "abc", "", "1.23.4", "12a", "1,2,3"])
def test_numbers_typed_another_way_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("date, text", [
    (dt.date(2024, 1, 18), "Đắk Nông, ngày 18 tháng 01 năm 2024"),
    (dt.date(2024, 2, 5), "Đắk Nông, ngày 05 tháng 02 năm 2024"),
    (dt.date(2019, 6, 29), "Đắk Nông, ngày 29 tháng 6 năm 2019"),
    (dt.date(2019, 12, 3), "Đắk Nông, ngày 03 tháng 12 năm 2019"),
])
def test_date_line_pads_day_and_only_january_and_february(date, text):
    assert format_place_date("Đắk Nông", date) == text


def test_date_line_without_a_date_leaves_room_to_write_it():
    line = format_place_date("Đắk Nông", None, 2024)
    assert line.startswith("Đắk Nông, ngày") and line.endswith("năm 2024") and "tháng" in line


def test_document_number_below_ten_gets_a_leading_zero():
    assert format_doc_number(15, "SLĐTBXH") == "Số: 15/BC-SLĐTBXH"
    assert format_doc_number(5, "SLĐTBXH") == "Số: 05/BC-SLĐTBXH"


def test_document_without_number_leaves_room_for_the_clerk():
    line = format_doc_number(None, "SLĐTBXH")
    assert line.startswith("Số: ") and line.endswith("/BC-SLĐTBXH") and "None" not in line


def test_full_width_digits_from_an_input_method_are_read():
    assert parse_number("１８.４９８") == Decimal(18498)
