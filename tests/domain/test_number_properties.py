"""Property tests of the vi-VN number writer and reader: whatever the clerk types or the program
writes, one reads back what the other wrote."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baocao_gui.domain.vnformat import (
    NumberError,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
    storable,
    to_decimal,
)
from baocao_gui.store.edits import clean_text

decimals = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False,
                       places=4)


def _holdable(value: Decimal) -> bool:
    return abs(value) < 10**15 and (value == 0 or len(value.normalize().as_tuple().digits) <= 15)


@given(decimals)
def test_what_is_written_reads_back_as_the_same_number_or_is_refused_with_a_sentence(value):
    text = format_number(value)
    if _holdable(value):
        assert parse_number(text) == value.normalize()
    else:
        with pytest.raises(NumberError) as refused:
            parse_number(text)
        assert refused.value.message.startswith("Số “")


@pytest.mark.parametrize(("typed", "says"), [
    ("1.000.000.000.000.000", "quá lớn"),
    ("-1.000.000.000.000.000", "quá lớn"),
    ("1234567890123456789012345678901", "quá lớn"),
    ("123.456.789.012,3456", "quá 15 chữ số"),
    ("0,1234567", "quá 6 chữ số sau dấu phẩy"),
])
def test_numbers_the_workbook_cannot_give_back_digit_for_digit_are_refused(typed, says):
    with pytest.raises(NumberError) as refused:
        parse_number(typed)
    assert says in refused.value.message and typed in refused.value.message


@pytest.mark.parametrize("typed", ["999.999.999.999.999", "-999.999.999.999.999", "123.456.789,123456",
                                   "0,000001", "1234567,12345678"[:13]])
def test_every_accepted_number_is_stored_and_read_back_exactly(typed):
    number = parse_number(typed)
    assert to_decimal(float(number)) == number.normalize()
    assert format_number(float(number)) == format_number(number)


@pytest.mark.parametrize("cell", [math.inf, -math.inf, math.nan, 1e308, 1e15, "12", b"\x00", None, True])
def test_cells_of_old_or_damaged_workbooks_that_are_not_figures_are_recognised(cell):
    assert not storable(cell)


@given(st.integers(min_value=0, max_value=10**18))
def test_whole_numbers_are_grouped_by_three_with_dots(value):
    text = format_number(value)
    groups = text.split(".")
    assert "".join(groups) == str(value)
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert "," not in text


@given(st.integers(min_value=-(10**11) + 1, max_value=10**11 - 1), st.integers(min_value=1, max_value=9999))
def test_decimals_follow_a_comma_and_lose_trailing_zeros(whole, frac):
    value = Decimal(whole) + (Decimal(frac) / 10000 if whole >= 0 else -Decimal(frac) / 10000)
    text = format_number(value)
    assert text.count(",") == 1 and not text.endswith("0")
    assert parse_number(text) == value.normalize()


@given(st.integers(min_value=0, max_value=9))
def test_padding_gives_two_digits_only_below_ten(value):
    assert format_number(value, pad=True) == f"0{value}"


@given(st.decimals(min_value=0, max_value=Decimal("1e6"), allow_nan=False, allow_infinity=False))
def test_percentages_have_at_most_two_decimals_and_round_half_up(value):
    text = format_percent(value)
    assert text.endswith("%")
    number = parse_number(text[:-1])
    assert abs(number - value) <= Decimal("0.005")
    assert number == round_half_up(value).normalize()


@given(st.decimals(min_value=Decimal(-999999999), max_value=Decimal(999999999), places=6))
def test_a_float_is_written_as_the_decimal_the_clerk_typed(typed):
    value = float(typed)  # what the workbook stores
    assert to_decimal(value) == Decimal(repr(value)) == typed.normalize()
    assert parse_number(format_number(value)) == typed.normalize()


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_not_a_number_and_infinity_are_refused(value):
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e5", "0x10", "١٢٣", "12.3.4", ""])
def test_text_that_is_not_a_vietnamese_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.text())
def test_the_reader_never_crashes_it_reads_a_number_or_refuses(text):
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value.is_finite()


@given(st.text())
def test_text_on_the_way_in_is_nfc_without_control_characters_or_line_breaks(text):
    import unicodedata

    cleaned = clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(ord(c) < 32 or ord(c) == 127 for c in cleaned)


small = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, allow_infinity=False,
                    places=3)


@given(small, small)
def test_a_range_written_with_an_en_dash_reads_back_low_first(a, b):
    from baocao_gui.domain.vnformat import format_range, parse_range

    written = format_range(a, b)
    assert parse_range(written) == (min(a, b), max(a, b))
    assert parse_range(written.replace("\u2013", "-")) == (min(a, b), max(a, b))  # typed with a hyphen


@given(st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), allow_nan=False, allow_infinity=False,
                   places=6), st.integers(0, 4))
def test_a_computed_figure_rounded_to_any_precision_is_never_a_false_warning(exact, places):
    from baocao_gui.domain.figures import override_agrees

    typed = float(round_half_up(exact, places))
    assert override_agrees(typed, exact, places)
    assert override_agrees(typed, exact, 4)  # printed with more decimals than typed: compared at its own
