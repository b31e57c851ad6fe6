"""What a workbook's text (``baocao-gui load``) may hold: the limits typing keeps, so a text file cannot put into
a workbook what the window would refuse — a figure it cannot hold exactly (vnformat's limits), a character that is
not text (domain/text), a kind of period the program does not have (period_kinds), a value out of a column's
bounds. ``first_fault`` names the first such place with its line in the text, for one Vietnamese sentence."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .model import MAX_PRECISION, OVERRIDE_FIELDS, VALUE_FIELDS, PeriodKind
from .text import BIDI, ILLEGAL
from .vnformat import NumberError, check_storable

# control characters typing drops (store.edits.clean_text); a tab and a line break are text in a TOML string
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DEEPEST = 64  # no workbook's text nests arrays or tables deeper than a few levels


@dataclass(frozen=True)
class Fault:
    """One thing the text holds that a workbook may not: ``message`` in Vietnamese, ``line`` (1-based) if found."""

    message: str
    line: int | None = None


def _character(text: str, pattern: re.Pattern) -> str | None:
    found = pattern.search(text)
    return None if found is None else found.group(0)


def _char_line(text: str, char: str) -> int | None:
    """The line where ``char`` is written, as itself or as a TOML escape (\\uXXXX, \\UXXXXXXXX)."""
    escapes = (f"\\u{ord(char):04x}", f"\\U{ord(char):08x}") if ord(char) <= 0xFFFF else (f"\\U{ord(char):08x}",)
    for n, line in enumerate(text.splitlines(), 1):
        folded = line.lower()
        if char in line or any(e.lower() in folded for e in escapes):
            return n
    return None


def _sections(text: str) -> list[tuple[int, int]]:
    """(first, last) line of each ``[[report]]`` and what belongs to it, in order."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.strip().replace(" ", "") == "[[report]]"]
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(lines)) for i, s in enumerate(starts)]


def _key_line(text: str, section: tuple[int, int] | None, key: str) -> int | None:
    """The first line of ``section`` (the whole text if None) where ``key`` is written as a key."""
    lines = text.splitlines()
    first, last = section or (1, len(lines))
    written = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    return next((n for n in range(first, last + 1) if written.match(lines[n - 1])), None)


def _strings(value: Any, where: str):
    """Every string in ``value`` with a name for where it is."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where)


def _named(char: str) -> str:
    return f"U+{ord(char):04X}"


def _text_fault(data: dict[str, Any], text: str) -> Fault | None:
    labels = data.get("labels")
    if isinstance(labels, dict):
        for key, value in labels.items():
            char = isinstance(value, str) and _character(value, BIDI)
            if char:  # a heading is printed as is, and no check looks at it: it would print reversed
                return Fault(f"tiêu đề “{key}” có ký tự điều khiển hướng chữ ({_named(char)}), chữ in ra sẽ bị đảo "
                             "ngược; hãy xóa ký tự đó.", _char_line(text, char))
    for where, value in _strings(data, ""):
        char = _character(value, ILLEGAL) or _character(value, CONTROL)
        if char:
            return Fault(f"“{where}” có ký tự không phải chữ ({_named(char)}), không gõ được vào sổ báo cáo; hãy "
                         "xóa ký tự đó.", _char_line(text, char))
    return None


def _number_fault(value: Any) -> str | None:
    """Why ``value`` cannot be a figure of the workbook, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"“{value}” không phải là số."
    if isinstance(value, float) and not math.isfinite(value):
        return f"“{value}” không phải là số."
    try:
        check_storable(Decimal(value) if isinstance(value, int) else Decimal(repr(value)), str(value))
    except NumberError as exc:
        return exc.message
    return None


def _report_fault(rep: dict[str, Any], text: str, section: tuple[int, int] | None) -> Fault | None:
    def at(key: str) -> int | None:
        return _key_line(text, section, key)

    kinds = {k.value for k in PeriodKind}
    period = rep.get("period", "year")
    if period not in kinds:
        named = ", ".join(f"{k.value} ({k.row.word})" for k in PeriodKind)
        return Fault(f"kỳ báo cáo “{period}” không có; các kỳ là: {named}.", at("period"))
    year = rep.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        return Fault(f"năm báo cáo “{year}” phải là một năm có bốn chữ số, ví dụ 2024.", at("year"))
    precision = rep.get("pct_precision")
    if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int)
                                  or not 0 <= precision <= MAX_PRECISION):
        return Fault(f"pct_precision = {precision}: số chữ số thập phân của tỷ lệ phần trăm phải từ 0 đến "
                     f"{MAX_PRECISION}.", at("pct_precision"))
    style = rep.get("tone_style")
    if style is not None and style not in ("old", "new"):
        return Fault(f"tone_style = {style!r}: kiểu đặt dấu thanh chỉ là \"old\" (hòa, thủy) hoặc \"new\" (hoà, thuỷ).",
                     at("tone_style"))
    number = rep.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 0):
        return Fault(f"số văn bản “{number}” phải là số nguyên dương.", at("number"))
    date = rep.get("date")
    if date is not None and type(date) is not dt.date:  # the loader would drop it without a word
        return Fault(f"ngày báo cáo “{date}” phải viết dạng năm-tháng-ngày không có dấu nháy, ví dụ "
                     "date = 2024-12-15.", at("date"))
    images = rep.get("sign_images")
    if isinstance(images, dict) and "seal_mm" in images:
        seal = images["seal_mm"]
        if isinstance(seal, bool) or not isinstance(seal, int | float) or not 10 <= seal <= 80:
            return Fault(f"seal_mm = {seal}: con dấu in ra phải rộng từ 10 đến 80 mm.", at("seal_mm"))
    for table, fields in (("values", VALUE_FIELDS), ("overrides", OVERRIDE_FIELDS)):
        rows = rep.get(table)
        if not isinstance(rows, dict):
            continue
        for code, figures in rows.items():
            if not isinstance(figures, dict):
                continue
            for field, value in figures.items():
                if field not in fields:
                    continue  # named by the loader: no such kind of figure
                for one in value if isinstance(value, list) else [value]:
                    why = _number_fault(one)
                    if why:
                        return Fault(f"số liệu “{code}.{field}”: {why}", at(code))
    return None


def first_fault(data: dict[str, Any], text: str) -> Fault | None:
    """The first thing in a workbook's text (parsed ``data`` and its ``text``) the window would not let a clerk
    type, or None."""
    fault = _text_fault(data, text)
    if fault:
        return fault
    reports = data.get("report", [])
    if not isinstance(reports, list):
        return None
    sections = _sections(text)
    for n, rep in enumerate(reports):
        if isinstance(rep, dict):
            fault = _report_fault(rep, text, sections[n] if n < len(sections) else None)
            if fault:
                return fault
    return None


def deepest_line(text: str) -> int | None:
    """The line where arrays or tables written inline first nest deeper than any workbook's text does (a file
    tomllib cannot read: it recurses once per level)."""
    depth, quote = 0, ""
    for n, line in enumerate(text.splitlines(), 1):
        escaped = False
        for char in line:
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':
                    escaped = True
                elif char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > DEEPEST:
                    return n
            elif char in "]}":
                depth = max(0, depth - 1)
    return None
