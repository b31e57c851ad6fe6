"""Vietnamese (vi-VN) number and date writing: one implementation for the window and the document.

Thousands are grouped with ".", decimals follow ",": 18.498; 101,64; 37.774.519.980.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PERCENT_PLACES = 2


def to_decimal(value: float | Decimal) -> Decimal:
    """The decimal a clerk typed: 5.18 stays 5.18, not 5.17999999…"""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Decimal, places: int = PERCENT_PLACES) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: float | Decimal, *, pad: bool = False) -> str:
    """Write a number the vi-VN way; trailing decimal zeros are dropped (40,80 → 40,8).

    ``pad`` writes a whole number from 0 to 9 with two digits, as reports count small things: "04 Nghị quyết".
    """
    d = to_decimal(value)
    negative = d < 0
    d = abs(d)
    text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    whole = ".".join(groups)
    if pad and not frac and len(whole) == 1:
        whole = "0" + whole
    return ("-" if negative else "") + whole + ("," + frac if frac else "")


def format_percent(value: float | Decimal) -> str:
    """A percentage rounded half up to two decimals: 101,64%; 301%."""
    return format_number(round_half_up(to_decimal(value))) + "%"


_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$", re.ASCII)


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way ("18.498", "101,64", "-2,5"); ValueError otherwise.

    "7.97" is refused: with a dot and two digits it is an English decimal, not a thousands group.
    """
    # NFKC: full-width digits from some input methods become 0-9; other scripts' digits stay refused
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a vi-VN number: {text!r}")
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise ValueError(f"not a vi-VN number: {text!r}") from exc


def format_doc_number(number: int | None, abbreviation: str, kind: str = "BC") -> str:
    """"Số: 15/BC-SLĐTBXH"; a number below 10 gets a leading 0; no number leaves room to write one."""
    written = f"{number:02d}" if number is not None else "\u00a0" * 6
    return f"Số: {written}/{kind}-{abbreviation}"


def format_place_date(place: str, date: dt.date | None, year: int | None = None) -> str:
    """"Đắk Nông, ngày 18 tháng 01 năm 2024" (Decree 30: day < 10 and months 1, 2 take a leading 0).

    Without a date the day and month are left blank for the văn thư, as clerks do by hand.
    """
    if date is None:
        blank = "\u00a0" * 4
        return f"{place}, ngày{blank}tháng{blank}năm {year if year else blank}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"
