"""Figures read from a spreadsheet (headless, plain data, never writing): the program's own export, or an office's
own sheet.

- **The program's own file**: the sheet “Mã chỉ tiêu” whose first row is exactly ``OWN_HEADERS`` (written by the
  .xlsx exporter), or a CSV with the columns ``CSV_COLUMNS`` (one row per indicator and field): raw figures by code.
- **An office's sheet**: the header row and its columns are found by their words (``FIELD_WORDS``: chỉ tiêu / tên
  chỉ tiêu, đơn vị / ĐVT, thực hiện / TH, kế hoạch / KH, cùng kỳ, chỉ tiêu kỳ sau / KH năm sau…), with or without
  diacritics, a merged cell over two columns read as part of each; computed columns (so với, tỷ lệ, %) are left.

Numbers: a numeric cell as it is (to 15 significant digits, what a spreadsheet shows); text is read the vi-VN way
("18.498", "101,64%", "1.234,5", a range "1–1,5"); an English-style number ("18,498.5", "7.97", "1,234") is a
finding for its row, never guessed; a formula's error (#DIV/0!) is a finding, never 0; a number the workbook cannot
hold (≥ 10^15, more than 6 decimals) is a finding. Such a cell is not taken.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain.vnformat import NumberError, check_storable, format_number, parse_number, parse_range
from .sheet_files import Grid, SheetFileError, column_letter, read_grids, unreadable

OWN_SHEET = "Mã chỉ tiêu"
PRINTED_SHEET = "Số liệu"  # the program's printed sheet (the annex), read only to see whether it was edited
OWN_HEADERS = ("Mã lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Thực hiện", "Kế hoạch", "Kế hoạch (cận trên)",
               "Cùng kỳ", "Chỉ tiêu kỳ sau", "Chỉ tiêu kỳ sau (cận trên)")
OWN_FIELDS = ("sector", "code", "name", "unit", "actual", "plan", "plan_high", "last", "target", "target_high")
FIGURE_FIELDS = ("actual", "plan", "plan_high", "last", "target", "target_high")
FIELD_LABELS = {"actual": "thực hiện", "plan": "kế hoạch", "plan_high": "kế hoạch (cận trên)", "last": "cùng kỳ",
                "target": "chỉ tiêu kỳ sau", "target_high": "chỉ tiêu kỳ sau (cận trên)"}
HEADER_ROWS = 30  # the header row is looked for among the first rows


def _base_letters() -> dict[int, str]:
    """Each precomposed Latin letter (Vietnamese's among them) → its letter without marks; đ → d."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        parts = unicodedata.normalize("NFD", chr(cp))
        if len(parts) > 1 and parts[0].isascii():
            table[cp] = parts[0]
    return table


_BASE = _base_letters()
_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Words without case, diacritics, punctuation or extra spaces: "Kế hoạch (KH)" → "ke hoach kh"."""
    text = unicodedata.normalize("NFC", str(text)).casefold().translate(_BASE)
    return " ".join(re.findall(r"[a-z0-9%]+", _MARKS.sub("", text)))


@dataclass(frozen=True)
class SheetRow:
    """One row of figures: where it is, how it names its indicator, its figures by field, and what was not taken."""

    line: int  # the row's number in the sheet (1-based, as the spreadsheet shows it)
    code: str
    name: str
    unit: str
    sector: str  # the sector's code, in the program's own file
    figures: dict[str, float]  # field → figure (a range's upper end under plan_high / target_high)
    problems: tuple[str, ...] = ()  # one sentence each: a cell not taken and why


@dataclass(frozen=True)
class SheetContent:
    file: str  # the file's name
    sheet: str  # the sheet read
    ours: bool  # written by the program (codes exact)
    rows: tuple[SheetRow, ...]
    columns: dict[str, str]  # field → the header it was found under ("Thực hiện năm 2024")
    notes: tuple[str, ...] = ()  # about the file as a whole (its printed sheet edited instead of the code sheet)
    heading: tuple[str, ...] = ()  # the program's file: the lines above its printed table (agency, report, period)


# --- the columns of an office's sheet ------------------------------------------------------------------------

_SKIP = re.compile(r"\b(so voi|so sanh|ty le|ti le|tang giam|stt|so tt|ghi chu|%)\b|%")
_NEXT = re.compile(r"\b(ky sau|nam sau|ky toi|nam toi|ke tiep|giai doan sau)\b")


def field_of(header: str) -> str | None:
    """Which figure or name a column holds, by its header's words (folded); None for a column left out."""
    h = fold(header)
    if not h:
        return None
    words = h.split()
    if "ma linh vuc" in h:
        return "sector"
    if h in ("ma", "ma so", "ma chi tieu", "ma ct", "code") or h.startswith("ma chi tieu"):
        return "code"
    if _SKIP.search(h):
        return None
    high = "can tren" in h
    if _NEXT.search(h) and ("chi tieu" in h or "ke hoach" in h or "kh" in words):
        return "target_high" if high else "target"
    if "cung ky" in h or "nam truoc" in h:
        return "last"
    if "thuc hien" in h or "th" in words or "ket qua" in h:
        return "actual"
    if "ke hoach" in h or "kh" in words or "chi tieu giao" in h or "muc tieu" in h:
        return "plan_high" if high else "plan"
    if "don vi" in h or "dvt" in words or h == "dv":
        return "unit"
    if "chi tieu" in h or "noi dung" in h or h.startswith("ten"):
        return "name"
    return None


def _merged_labels(grid: Grid, limit: int) -> list[list[str]]:
    """The first ``limit`` rows as text, a merged cell's text written into every cell it covers."""
    rows = [[_text(v) for v in row] for row in grid.rows[:limit]]
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 >= limit or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, limit - 1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                if not rows[r][c]:
                    rows[r][c] = value
    return rows


def find_columns(grid: Grid) -> tuple[int, dict[str, int], dict[str, str]]:
    """The header row (0-based) and the column of each field found there, with the header words it was found by.
    A header may stand on two rows (a merged "Năm 2024" over "Kế hoạch | Thực hiện"): each column's words are
    its own, else those of the cell above it."""
    labels = _merged_labels(grid, HEADER_ROWS)
    best: tuple[int, int, dict[str, int], dict[str, str]] | None = None
    for r, row in enumerate(labels):
        found: dict[str, int] = {}
        words: dict[str, str] = {}
        for c, text in enumerate(row):
            above = labels[r - 1][c] if r and c < len(labels[r - 1]) else ""
            f = field_of(text)
            if not text and above:  # a header on two rows, this column's words only in the upper one
                f, text = field_of(above), above
            elif f is None and above and text and field_of(above) is not None and field_of(above + " " + text):
                f, text = field_of(above + " " + text), f"{above} {text}"
            elif f in ("actual", "plan", "last", "target") and above and above != text:
                both = field_of(above + " " + text)  # "Kế hoạch năm sau" over "Thực hiện" is the target's
                f, text = (both, f"{above} {text}") if both in ("target", "target_high") else (f, text)
            if f is not None and f not in found:
                found[f] = c
                words[f] = text
        _next_year_plan(row, found, words)
        figures = sum(f in found for f in FIGURE_FIELDS)
        if figures and ("name" in found or "code" in found):
            score = figures * 2 + ("name" in found) + ("unit" in found) + ("code" in found)
            if best is None or score > best[1]:
                best = (r, score, found, words)
    if best is None:
        raise SheetFileError(
            f"Không tìm thấy dòng tiêu đề của bảng số liệu trong trang “{grid.name}”: cần một cột “Chỉ tiêu” (hoặc "
            "“Mã chỉ tiêu”) và ít nhất một cột số liệu (“Thực hiện”, “Kế hoạch”, “Cùng kỳ”, “Chỉ tiêu kỳ sau”). "
            "Chưa có gì được ghi vào sổ báo cáo.", f"{grid.name}: no header row")
    return best[0], best[2], best[3]


def _next_year_plan(row: list[str], found: dict[str, int], words: dict[str, str]) -> None:
    """"Kế hoạch năm 2024 | … | Kế hoạch năm 2025": the plan of the later year is the next period's target."""
    if "target" in found or "plan" not in found:
        return
    years = {}
    for c, text in enumerate(row):
        year = re.search(r"\b(19|20)\d\d\b", text)
        if year and field_of(text) == "plan":
            years[c] = int(year.group(0))
    if len(years) >= 2:
        later = max(years, key=years.get)
        if years[later] > min(years.values()):
            earlier = min(years, key=years.get)
            found["plan"], words["plan"] = earlier, row[earlier]
            found["target"], words["target"] = later, row[later]


# --- numbers -----------------------------------------------------------------------------------------------

_ENGLISH = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$|^-?\d{1,3}(,\d{3})+$")
_ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "Err:")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value)).strip()


def _plainly_storable(value: float) -> bool:
    """The common case without decimal arithmetic: a number whose shortest form has at most 6 decimals and 15 digits
    (18498.0, 5.18) is what it shows; anything else goes the careful way."""
    if not -1e15 < value < 1e15:
        return False
    text = repr(float(value))
    if "e" in text:
        return False
    whole, _, frac = text.lstrip("-").partition(".")
    frac = frac.rstrip("0")
    return len(frac) <= 6 and len(whole.lstrip("0")) + len(frac) <= 15


def cell_figure(value: Any, field: str) -> tuple[float | tuple[float, float] | None, str | None]:
    """A cell as a figure: (figure, None), (None, None) for an empty cell, or (None, why it is not taken)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, f"ô ghi “{'TRUE' if value else 'FALSE'}”, không phải là số"
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None, "ô không phải là số hữu hạn"
        if _plainly_storable(value):
            return float(value), None
        number = Decimal(f"{value:.15g}")  # what the spreadsheet shows: its own 15 digits, no binary noise
        try:
            check_storable(number, format_number(Decimal(repr(float(value)))) if abs(number) < 10 ** 18 else f"{value:g}")
        except NumberError as exc:
            return None, exc.message.rstrip(".")
        return float(number), None
    if not isinstance(value, str):
        return None, f"ô ghi “{value}”, không phải là số"
    text = unicodedata.normalize("NFKC", value).strip().replace("\u00a0", " ")
    if text.startswith(_ERRORS):
        return None, f"ô có lỗi công thức {text}"
    if text in ("-", "–", "—", "x", "X", "…", "..."):
        return None, None  # a dash for "nothing to report": no figure
    text = text.removesuffix("%").strip()
    if field in ("plan", "target"):
        try:
            pair = parse_range(text)
        except NumberError as exc:
            return None, exc.message.rstrip(".")
        if pair is not None:
            return (float(pair[0]), float(pair[1])), None
    if _ENGLISH.match(text.replace(" ", "")):
        return None, f"“{value.strip()}” viết kiểu tiếng Anh (dấu phẩy, dấu chấm) nên không rõ là số nào"
    try:
        return float(parse_number(text)), None
    except NumberError as exc:
        return None, exc.message.rstrip(".")


# --- the sheets ------------------------------------------------------------------------------------------------

def read_sheet(path: str | Path) -> SheetContent:
    """The figures of a spreadsheet, by row; ``SheetFileError`` (one sentence) for a file that cannot be read."""
    path = Path(path)
    grids = read_grids(path, only=(OWN_SHEET, PRINTED_SHEET))  # the program's own file: these two alone are read
    own = next((g for g in grids if g.name.strip() == OWN_SHEET and _own_header(g)), None)
    if own is None and OWN_SHEET in [g.name.strip() for g in grids]:
        grids = read_grids(path)  # a sheet of that name that is not the program's: every sheet is looked at
    if own is not None:
        content = _rows(path, own, 0, {f: c for c, f in enumerate(OWN_FIELDS)},
                        dict(zip(OWN_FIELDS, OWN_HEADERS, strict=True)), ours=True)
        printed = next((g for g in grids if g.name.strip() == PRINTED_SHEET), None)
        if printed is None:
            return content
        heading = tuple(t for row in printed.rows[:5] for v in row[:1] if (t := _text(v)))
        return replace(content, notes=_printed_differs(path, content, printed), heading=heading)
    for g in grids:
        long = _long_csv(path, g)
        if long is not None:
            return long
    chosen = None
    for g in grids:
        try:
            header, columns, words = find_columns(g)
        except SheetFileError:
            continue
        score = sum(f in columns for f in FIGURE_FIELDS)
        if chosen is None or score > chosen[0]:
            chosen = (score, g, header, columns, words)
    if chosen is None:
        raise unreadable(path, "không thấy dòng tiêu đề của bảng số liệu: cần một cột “Chỉ tiêu” (hoặc “Mã chỉ "
                         "tiêu”) và ít nhất một cột số liệu (“Thực hiện”, “Kế hoạch”, “Cùng kỳ”, “Chỉ tiêu kỳ sau”).",
                         "no header row")
    _, grid, header, columns, words = chosen
    return _rows(path, grid, header, columns, words, ours=False)


def _printed_differs(path: Path, own: SheetContent, printed: Grid) -> tuple[str, ...]:
    """The printed sheet of the program's file edited instead of the code sheet: each figure that differs from the
    code sheet's is said (the code sheet's is the one taken), so that an edit there is never silently lost."""
    try:
        header, columns, words = find_columns(printed)
    except SheetFileError:
        return ()
    shown = _rows(path, printed, header, columns, words, ours=False)
    by_name: dict[str, list[SheetRow]] = {}
    for row in own.rows:
        by_name.setdefault(_plain_name(row.name), []).append(row)
    notes = []
    for row in shown.rows:
        same = by_name.get(_plain_name(row.name), [])
        if len(same) != 1:
            continue
        for f, value in row.figures.items():
            kept = same[0].figures.get(f)
            if kept is not None and abs(kept - value) > 1e-9 * max(1.0, abs(kept)):
                notes.append(f"Trang “{PRINTED_SHEET}” dòng {row.line} (“{row.name}”) ghi {FIELD_LABELS[f]} "
                             f"{format_number(value)}, trang “{OWN_SHEET}” ghi {format_number(kept)}: số liệu được lấy "
                             f"từ trang “{OWN_SHEET}”; muốn nhận số đã sửa, hãy sửa ở trang đó.")
    return tuple(notes)


_BULLET = re.compile(r"^\s*(?:[-+•*–]\s*|(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/]\s+)+", re.IGNORECASE)


def strip_numbering(name: str) -> str:
    """A row's name without the numbering and bullets typed before it ("1.", "a)", "II.", "-", "+")."""
    return _BULLET.sub("", unicodedata.normalize("NFC", name)).strip()


def _plain_name(name: str) -> str:
    return fold(strip_numbering(name))


def _own_header(grid: Grid) -> bool:
    return bool(grid.rows) and tuple(_text(v) for v in grid.rows[0][:len(OWN_HEADERS)]) == OWN_HEADERS


def _rows(path: Path, grid: Grid, header: int, columns: dict[str, int], words: dict[str, str],
          ours: bool) -> SheetContent:
    out = []
    for r in range(header + 1, len(grid.rows)):
        row = grid.rows[r]

        def cell(f: str, row=row) -> Any:
            c = columns.get(f)
            return row[c] if c is not None and c < len(row) else None

        name, code = _text(cell("name")), _text(cell("code"))
        if not name and not code:
            continue
        figures: dict[str, float] = {}
        problems = []
        for f in FIGURE_FIELDS:
            if f not in columns:
                continue
            error = grid.errors.get((r, columns[f]))
            if error:
                problems.append(f"ô {column_letter(columns[f])}{r + 1} ({FIELD_LABELS[f]}) có lỗi công thức {error}")
                continue
            value, problem = cell_figure(cell(f), f)
            if problem:
                problems.append(f"ô {column_letter(columns[f])}{r + 1} ({FIELD_LABELS[f]}): {problem}")
            elif isinstance(value, tuple):
                figures[f], figures[f + "_high"] = value
            elif value is not None and not (f.endswith("_high") and f in figures):
                figures[f] = value
        if not figures and not problems and not ours:
            continue  # a group heading, a note, a numbering row ("(1)", "(2)")
        out.append(SheetRow(r + 1, code, name, _text(cell("unit")), _text(cell("sector")), figures, tuple(problems)))
    return SheetContent(path.name, grid.name, ours, tuple(out), words)


# The program's CSV (one row per indicator and field): its columns, and its field words
CSV_COLUMNS = {"sector": ("ma linh vuc",), "code": ("ma chi tieu",), "name": ("chi tieu", "ten chi tieu"),
               "unit": ("don vi",), "field": ("truong", "ma truong", "field"), "value": ("gia tri", "so lieu", "value")}
CSV_FIELDS = {"actual": "actual", "thuc hien": "actual", "plan": "plan", "ke hoach": "plan", "plan high": "plan_high",
              "plan_high": "plan_high", "ke hoach can tren": "plan_high", "last": "last", "cung ky": "last",
              "target": "target", "chi tieu ky sau": "target", "target high": "target_high",
              "target_high": "target_high", "chi tieu ky sau can tren": "target_high"}


def _long_csv(path: Path, grid: Grid) -> SheetContent | None:
    """The program's CSV: a header with the code, the field and the value columns; one row per indicator and field."""
    if not grid.rows:
        return None
    head = [fold(_text(v)) for v in grid.rows[0]]
    columns = {}
    for key, names in CSV_COLUMNS.items():
        at = next((i for i, h in enumerate(head) if h in names), None)
        if at is not None:
            columns[key] = at
    if not {"code", "field", "value"} <= columns.keys():
        return None
    rows: dict[str, dict[str, Any]] = {}
    for r, row in enumerate(grid.rows[1:], start=2):
        def cell(key: str, row=row) -> str:
            c = columns.get(key)
            return _text(row[c]) if c is not None and c < len(row) else ""

        code = cell("code")
        if not code:
            continue
        entry = rows.setdefault(code, {"line": r, "name": cell("name"), "unit": cell("unit"),
                                       "sector": cell("sector"), "figures": {}, "problems": []})
        raw_field = cell("field")
        f = CSV_FIELDS.get(raw_field) or CSV_FIELDS.get(fold(raw_field)) or CSV_FIELDS.get(fold(raw_field).replace(" ", "_"))
        if f is None:
            continue  # a computed field (pct_plan…): the figures it comes from are there
        raw = row[columns["value"]] if columns["value"] < len(row) else ""
        value, problem = _csv_value(raw, f)
        if problem:
            entry["problems"].append(f"dòng {r} ({FIELD_LABELS[f]}): {problem}")
        elif value is not None:
            entry["figures"][f] = value
    out = tuple(SheetRow(e["line"], code, e["name"], e["unit"], e["sector"], e["figures"], tuple(e["problems"]))
                for code, e in rows.items())
    return SheetContent(path.name, grid.name, True, out, {})


def _csv_value(raw: Any, field: str) -> tuple[float | None, str | None]:
    """A value of the program's CSV: a plain number ("18498", "5.18" — the machine form the writer uses) or the
    vi-VN form ("18.498", "5,18")."""
    text = _text(raw)
    if re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", text, re.IGNORECASE):
        value, problem = cell_figure(float(text), field)
    else:
        value, problem = cell_figure(text, field)
    if isinstance(value, tuple):
        return None, "một khoảng phải ghi thành hai dòng (cận dưới và cận trên)"
    return value, problem


__all__ = ["FIELD_LABELS", "FIGURE_FIELDS", "OWN_HEADERS", "OWN_SHEET", "SheetContent", "SheetFileError",
           "SheetRow", "cell_figure", "field_of", "find_columns", "fold", "read_sheet", "strip_numbering"]
