"""Property tests of the vi-VN number writer and reader: whatever the clerk types or the program
writes, one reads back what the other wrote."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baocao_gui.domain.vnformat import format_number, format_percent, parse_number, round_half_up, to_decimal
from baocao_gui.store.edits import clean_text

decimals = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False,
                       places=4)


@given(decimals)
def test_what_is_written_reads_back_as_the_same_number(value):
    assert parse_number(format_number(value)) == value.normalize()


@given(st.integers(min_value=0, max_value=10**18))
def test_whole_numbers_are_grouped_by_three_with_dots(value):
    text = format_number(value)
    groups = text.split(".")
    assert "".join(groups) == str(value)
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert "," not in text


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=1, max_value=9999))
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


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_float_is_written_as_the_decimal_the_clerk_typed(value):
    assert to_decimal(value) == Decimal(repr(value))
    assert parse_number(format_number(value)) == Decimal(repr(value)).normalize()


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
