"""Writing TOML the way the program's data files are written: a handful of value kinds, one order, so the same
data always gives the same text (a workbook kept under version control diffs line by line).

Python reads TOML (tomllib) but does not write it; the data files need only strings, numbers, booleans,
dates, arrays and inline tables, which this writes. Read back with tomllib, every value is the one written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    return name if _BARE_KEY.match(name) else string(name)


def number(value: float) -> str:
    """An integral float is written as an integer (18498.0 → 18498): a workbook stores both as REAL."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    return str(value)


def value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return number(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return inline(v)
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def inline(table: dict[str, Any]) -> str:
    """{ actual = 18498, plan = 18200 } (keys with a None value left out)."""
    items = [f"{key(k)} = {value(v)}" for k, v in table.items() if v is not None]
    return "{ " + ", ".join(items) + " }" if items else "{}"


def pairs(table: dict[str, Any]) -> list[str]:
    """``key = value`` lines of a table, None values left out."""
    return [f"{key(k)} = {value(v)}" for k, v in table.items() if v is not None]


def long_array(items: list[Any]) -> str:
    """An array one item a line (paragraphs read better so, and diff line by line)."""
    if not items:
        return "[]"
    return "[\n" + "".join(f"  {value(x)},\n" for x in items) + "]"
