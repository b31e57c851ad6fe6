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
# What a workbook holds exactly: a REAL (a double) gives back every number of at most 15 significant digits
# as it was typed. Larger numbers, or finer fractions, are refused when typed rather than stored changed.
MAX_ABS = Decimal(10) ** 15
MAX_DECIMALS = 6
MAX_DIGITS = 15


class NumberError(ValueError):
    """A number the workbook cannot hold or a clerk did not mean; ``message`` is one Vietnamese sentence."""

    def __init__(self, message: str, gloss: str):
        super().__init__(gloss)
        self.message = message


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


def format_number(value: float | Decimal, *, pad: bool = False, places: int | None = None) -> str:
    """Write a number the vi-VN way; trailing decimal zeros are dropped (40,80 → 40,8) unless ``places`` asks for
    exactly that many decimals (rounded half up): 5 at one place is "5,0", as a precision set or a figure typed
    "1,0" asks.

    ``pad`` writes a whole number from 0 to 9 with two digits, as reports count small things: "04 Nghị quyết".
    """
    d = to_decimal(value)
    if places is not None:
        d = round_half_up(d, places)
        if d == 0:
            d = abs(d)  # -0,0 is 0,0
    negative = d < 0
    d = abs(d)
    if places is not None:
        text = format(d, "f")
    else:
        text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    whole, _, frac = text.partition(".")
    if places is None:
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


def format_percent(value: float | Decimal, places: int = PERCENT_PLACES) -> str:
    """A percentage rounded half up (to two decimals unless told): 101,64%; 301%; 97,3% at one."""
    return format_number(round_half_up(to_decimal(value), places)) + "%"


_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$", re.ASCII)


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way ("18.498", "101,64", "-2,5"); NumberError (a ValueError) otherwise.

    "7.97" is refused: with a dot and two digits it is an English decimal, not a thousands group. Numbers the
    workbook could not give back digit for digit are refused too (``check_storable``).
    """
    # NFKC: full-width digits from some input methods become 0-9; other scripts' digits stay refused
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(cleaned):
        raise NumberError(f"“{text.strip()}” không phải là số viết kiểu Việt Nam.",
                          f"not a vi-VN number: {text!r}")
    try:
        number = Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards this
        raise NumberError(f"“{text.strip()}” không phải là số.", f"not a vi-VN number: {text!r}") from exc
    check_storable(number, text.strip())
    return number


_RANGE = re.compile(r"^\s*(-?[\d.,\s]*\d)\s*[-\u2013\u2014]\s*(-?\d[\d.,\s]*)$")


def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """A plan or target typed as a range, "1–1,5" or "1-1,5" or "18.000 - 18.500": (low, high), low first.
    None when ``text`` is not two numbers joined by a dash (a single number, "-2,5"); NumberError when one of
    the two is not a Vietnamese number."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    m = _RANGE.match(cleaned)
    if m is None:
        return None
    low, high = parse_number(m.group(1)), parse_number(m.group(2))
    return (low, high) if low <= high else (high, low)


def format_range(low: float | Decimal, high: float | Decimal, *, pad: bool = False,
                 places: tuple[int | None, int | None] = (None, None)) -> str:
    """"1–1,5" with an en dash, as reports print a range (each end with its own ``places`` when given)."""
    return format_number(low, pad=pad, places=places[0]) + "\u2013" + format_number(high, pad=pad, places=places[1])


def typed_places(number: Decimal) -> int:
    """The decimals a typed number was written with, trailing zeros included: "1,0" → 1, "18.200" → 0."""
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_storable(number: Decimal, typed: str = "") -> None:
    """NumberError unless ``number`` is within ±10^15, has at most 6 decimals and 15 significant digits."""
    shown = typed or format_number(number)
    if not number.is_finite() or abs(number) >= MAX_ABS:
        raise NumberError(f"Số “{shown}” quá lớn: số liệu phải nhỏ hơn một triệu tỷ (10^15).", f"too large: {typed!r}")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise NumberError(f"Số “{shown}” có quá {MAX_DECIMALS} chữ số sau dấu phẩy; hãy làm tròn bớt.",
                          f"too many decimals: {typed!r}")
    digits = number.normalize().as_tuple().digits
    if len(digits) > MAX_DIGITS and number != 0:
        raise NumberError(f"Số “{shown}” có quá {MAX_DIGITS} chữ số; sổ báo cáo không giữ được đúng từng chữ số.",
                          f"too many digits: {typed!r}")


def storable(value: object) -> bool:
    """Is a value read from a workbook cell a number the program can compute with (old or damaged files)?"""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return abs(value) < MAX_ABS


def ambiguous_decimal(text: str) -> bool:
    """"1,234" could be one and a bit (vi-VN) or one thousand two hundred thirty-four (en-US): say how it was read."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return bool(re.fullmatch(r"-?\d{1,3},\d{3}", cleaned, re.ASCII))


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


class DateError(ValueError):
    """A typed date that is not one; ``message`` is one Vietnamese sentence."""

    def __init__(self, message: str, gloss: str):
        super().__init__(gloss)
        self.message = message


DATE_HINT = "gõ ngày/tháng/năm, ví dụ 08/10/2024 hoặc 8/10/2024"
_DATE_SEPARATORS = re.compile(r"\s*[/.\-]\s*|\s+")


def format_date(date: dt.date) -> str:
    """"08/10/2024": how the window writes a date."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def _day_month(head: str) -> tuple[str, str]:
    """The day and month of a date typed without separators, the year's four digits taken off."""
    if len(head) in (2, 4):
        return head[:len(head) // 2], head[len(head) // 2:]
    if len(head) == 3:  # 8102024 is 8/10; 1112024 could be 1/11 or 11/1
        readings = [(head[:1], head[1:]), (head[:2], head[2:])]
        valid = [(d, m) for d, m in readings if 1 <= int(d) <= 31 and 1 <= int(m) <= 12]
        if len(valid) == 1:
            return valid[0]
        if valid:
            raise DateError(f"có thể là ngày {int(valid[0][0])} tháng {int(valid[0][1])} hoặc ngày "
                            f"{int(valid[1][0])} tháng {int(valid[1][1])}: hãy gõ có dấu /", "ambiguous date")
    raise DateError("", "no day and month")


def parse_date(text: str) -> dt.date | None:
    """A date as a clerk types it: 08/10/2024, 8/10/2024, 8-10-2024, 8.10.2024, 08102024 (and 8102024 where
    the split is plain). None for an empty field; ``DateError`` for anything else, with its sentence."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    parts = _DATE_SEPARATORS.split(cleaned)
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise DateError(f"“{cleaned}” không phải là ngày: {DATE_HINT}.", f"not a date: {cleaned!r}")
    if len(parts) == 1 and len(cleaned) > 4:
        try:
            day, month = _day_month(cleaned[:-4])
        except DateError as exc:
            raise DateError(f"“{cleaned}” {exc.message}." if exc.message else
                            f"“{cleaned}” không đọc được thành ngày: {DATE_HINT}.",
                            f"not a date: {cleaned!r}") from None
        parts = [day, month, cleaned[-4:]]
    if len(parts) != 3:
        raise DateError(f"Ngày “{cleaned}” chưa đủ ngày, tháng và năm: {DATE_HINT}.", f"incomplete date: {cleaned!r}")
    day, month, year = parts if len(parts[0]) != 4 else parts[::-1]  # 2024-10-08, pasted from elsewhere
    if len(year) != 4:
        raise DateError(f"Ngày “{cleaned}”: năm phải đủ 4 chữ số, ví dụ 2024.", f"year not 4 digits: {cleaned!r}")
    if len(day) > 2 or len(month) > 2:
        raise DateError(f"“{cleaned}” không phải là ngày: {DATE_HINT}.", f"not a date: {cleaned!r}")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise DateError(f"Không có ngày “{cleaned}” (ngày {int(day)} tháng {int(month)} năm {year}).",
                        f"no such date: {cleaned!r}") from None
