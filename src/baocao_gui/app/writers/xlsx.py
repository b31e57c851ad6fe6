"""The report's figures as an Excel workbook (issue 23; the format is docs/data-format.md's, a contract with
``import-figures``): sheet 1 “Số liệu”, the annex's rows and columns for people, every figure the report prints as
a number where it is one, shown the vi-VN way; sheet 2 “Mã chỉ tiêu”, every indicator's code and raw typed figures,
which make the file come back in exactly. Written by openpyxl into memory, then whole (``write_whole``)."""

from __future__ import annotations

import io
import re
import threading
from decimal import Decimal
from pathlib import Path

from . import ExportInput, Progress, Writer, write_file

SHEET_FIGURES = "Số liệu"
SHEET_CODES = "Mã chỉ tiêu"
CODE_HEADERS = ("Mã lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Thực hiện", "Kế hoạch", "Kế hoạch (cận trên)",
                "Cùng kỳ", "Chỉ tiêu kỳ sau", "Chỉ tiêu kỳ sau (cận trên)")
CODE_FIELDS = ("actual", "plan", "plan_high", "last", "target", "target_high")  # columns E… of sheet 2
VI = "[$-42A]"  # Vietnamese's locale id (ECMA-376 Part 1, §18.8.31): LibreOffice shows 18.498 and 101,64% by it
HEADER_ROW = 6  # rows 1–4: agency, report, title; 5 empty; 6 the columns' headings
# a number as the report prints it: 18.498 · 1.234,5 · 04 · 101,64% (a range, "giảm 3%"… are words: left as text)
PRINTED = re.compile(r"^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%?)$")


def printed_number(text: str) -> tuple[int | float, str] | None:
    """The number a printed figure is, and the number format that shows it as printed; None for words."""
    m = PRINTED.match(text.strip())
    if m is None:
        return None
    sign, whole, decimals, percent = m.groups()
    decimals = decimals or ""
    number = Decimal(f"{sign}{whole.replace('.', '')}.{decimals or '0'}")
    value: int | float = int(number) if not decimals else float(number)
    if len(whole) > 1 and whole.startswith("0"):
        body = "0" * len(whole)  # a leading zero the report writes (04)
    else:
        body = "#,##0"
    if decimals:
        body += "." + "0" * len(decimals)
    return value, VI + body + ('"%"' if percent else "")


def raw_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def workbook_bytes(data: ExportInput) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from ...compose.annex import compose_annex
    from ...domain.model import AnnexChoice

    workbook, report = data.workbook, data.report
    book = Workbook()
    book.properties.creator = "baocao-gui"
    sheet = book.active
    sheet.title = SHEET_FIGURES
    annex = compose_annex(workbook, report, AnnexChoice())  # every sector with figures, all seven columns
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths: dict[int, float] = {}

    def sized(col: int, text: str, cap: float) -> None:
        widths[col] = min(cap, max(widths.get(col, 6.0), len(text) * 1.1 + 2))

    agency = report.agency
    top = [(agency.parent_name, False), (agency.name, True)]
    from ...compose.annex import DEFAULT_TITLE, attached_line, column_names

    title = data.figures.render(workbook.labels.get("annex_title", DEFAULT_TITLE)).upper()
    top += [(attached_line(report), False), (title, True)]
    for row, (text, strong) in enumerate(top, start=1):
        cell = sheet.cell(row, 1, text.strip())
        if strong:
            cell.font = bold
    names = column_names(report.period)
    header = ("STT", "Chỉ tiêu", *(names[c] for c in ("unit", "plan", "actual", "pct_plan", "last", "pct_last",
                                                       "target")))
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(HEADER_ROW, col, text)
        cell.font, cell.alignment, cell.border = bold, head_align, box
        sized(col, text if col > 2 else "", 18)
    widths[1], widths[2] = 6.0, 20.0
    row = HEADER_ROW
    indents = {d: Alignment(indent=d, wrap_text=True, vertical="top") for d in range(6)}
    for annex_row in annex.rows if annex is not None else ():
        row += 1
        for col, text in enumerate(annex_row.cells, start=1):
            number = printed_number(text) if col > 3 else None
            if number is not None:
                cell = sheet.cell(row, col, number[0])
                cell.number_format = number[1]
            else:
                cell = sheet.cell(row, col, text or None)
            cell.border = box
            if annex_row.sector:
                cell.font = bold
            if col == 2:
                cell.alignment = indents[min(annex_row.depth, 5)]
                sized(2, text, 60)
            elif col > 2:
                sized(col, text, 24)
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)  # the rows above the figures and the STT, name columns

    codes = book.create_sheet(SHEET_CODES)
    codes.append(CODE_HEADERS)
    for cell in codes[1]:
        cell.font = bold
    general = VI + "General"
    for indicator in workbook.indicators:
        values = report.values.get(indicator.code)
        raw = [raw_number(getattr(values, f)) if values is not None else None for f in CODE_FIELDS]
        codes.append([indicator.sector, indicator.code, indicator.name, indicator.unit, *raw])
    for line in codes.iter_rows(min_row=2, min_col=5, max_col=len(CODE_HEADERS)):
        for cell in line:
            if cell.value is not None:
                cell.number_format = general
    for col, width in zip("ABCDEFGHIJ", (14, 24, 60, 12, 14, 14, 14, 14, 14, 14), strict=True):
        codes.column_dimensions[col].width = width
    codes.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    progress("Đang ghi tệp Excel…")
    return write_file(target, workbook_bytes(data))


WRITER = Writer(".xlsx", "Tệp Excel", "Xuất số liệu ra tệp &Excel…", write,
                tip="Số liệu của báo cáo (bảng phụ lục và mã chỉ tiêu) để gửi lên tỉnh, bộ hoặc nhập lại",
                figures=True)
