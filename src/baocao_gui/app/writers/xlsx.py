"""The report's figures as an Excel workbook (issue 23; the format is docs/data-format.md's, a contract with
``import-figures``): sheet 1 “Số liệu”, the annex's rows and columns for people, every figure the report prints as
a number where it is one, shown the vi-VN way; sheet 2 “Mã chỉ tiêu”, every indicator's code and raw typed figures,
which make the file come back in exactly. Written by openpyxl into memory, then whole (``write_whole``)."""

from __future__ import annotations

import io
import re
import threading
from copy import copy
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
    """The .xlsx, streamed row by row (openpyxl's write-only mode: 2.000 indicators in well under a second)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from ...compose.annex import DEFAULT_TITLE, attached_line, column_names, compose_annex
    from ...domain.model import AnnexChoice

    workbook, report = data.workbook, data.report
    book = Workbook(write_only=True)
    book.properties.creator = "baocao-gui"
    sheet = book.create_sheet(SHEET_FIGURES)
    annex = compose_annex(workbook, report, AnnexChoice())  # every sector with figures, all seven columns
    rows = annex.rows if annex is not None else ()
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    names = column_names(report.period)
    header = ("STT", "Chỉ tiêu", *(names[c] for c in ("unit", "plan", "actual", "pct_plan", "last", "pct_last",
                                                       "target")))
    # widths first: a streamed sheet writes its columns before its rows
    widths = [6.0, 20.0] + [min(18.0, max(6.0, len(h) * 1.1 + 2)) for h in header[2:]]
    for annex_row in rows:
        for col, text in enumerate(annex_row.cells[1:], start=1):
            widths[col] = min(60.0 if col == 1 else 24.0, max(widths[col], len(text) * 1.1 + 2))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"  # the rows above the figures and the STT, name columns
    sheet.page_setup.orientation = "landscape"  # printed: A4 across, every column on the page, the header repeated
    sheet.page_setup.paperSize = "9"  # A4 (ECMA-376 ST_PaperSize)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    looks: dict[tuple, object] = {}  # one style per look, copied to each cell (setting the parts is ~10× slower)

    def cell(value, number_format: str = "General", strong: bool = False, indent: int | None = None,
             boxed: bool = True, align: Alignment | None = None):
        out = WriteOnlyCell(sheet, value)
        key = (number_format, strong, indent, boxed, align)
        if key not in looks:
            if boxed:
                out.border = box
            out.number_format = number_format
            if strong:
                out.font = bold
            if align is not None:
                out.alignment = align
            elif indent is not None:
                out.alignment = Alignment(indent=indent, wrap_text=True, vertical="top")
            looks[key] = copy(out._style)
        else:
            out._style = copy(looks[key])
        return out

    def text(value: str | None):
        """Text as text: a name typed as “=…” is not a formula (openpyxl would write one)."""
        if not value or not value.startswith("="):
            return value or None
        out = WriteOnlyCell(sheet, value)
        out.data_type = "s"
        return out

    title = data.figures.render(workbook.labels.get("annex_title", DEFAULT_TITLE)).upper()
    agency = report.agency
    for line_text, strong in ((agency.parent_name, False), (agency.name, True), (attached_line(report), False),
                              (title, True)):
        sheet.append([cell(line_text.strip(), strong=strong, boxed=False)])
    sheet.append([])
    head = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append([cell(heading, strong=True, align=head) for heading in header])
    for annex_row in rows:
        line = []
        for col, printed in enumerate(annex_row.cells, start=1):
            number = printed_number(printed) if col > 3 else None
            if number is not None:
                line.append(cell(number[0], number[1], annex_row.sector, boxed=False))
            elif col == 2:  # the name wraps in its column, indented one step per level of breakdown
                line.append(cell(printed, strong=annex_row.sector, indent=min(annex_row.depth, 5), boxed=False))
                if printed.startswith("="):
                    line[-1].data_type = "s"
            elif annex_row.sector and printed:
                line.append(cell(printed, strong=True, boxed=False))
            else:
                line.append(text(printed))  # plain text, or nothing: no style to write
        sheet.append(line)
    if rows:  # the table's grid: one rule over its range, not a border on each of ~20.000 cells
        last = get_column_letter(len(header))
        sheet.conditional_formatting.add(f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}",
                                         FormulaRule(formula=["TRUE"], border=box))

    codes = book.create_sheet(SHEET_CODES)
    for col, width in zip("ABCDEFGHIJ", (14, 24, 60, 12, 14, 14, 14, 14, 14, 14), strict=True):
        codes.column_dimensions[col].width = width
    codes.freeze_panes = "C2"
    sheet = codes  # the cells below belong to this sheet
    codes.append([cell(heading, strong=True, boxed=False) for heading in CODE_HEADERS])
    for indicator in workbook.indicators:  # plain values: a style on 20.000 cells would double the time
        values = report.values.get(indicator.code)
        raw = [raw_number(getattr(values, f)) if values is not None else None for f in CODE_FIELDS]
        codes.append([indicator.sector, indicator.code, text(indicator.name), text(indicator.unit), *raw])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    progress("Đang ghi tệp Excel…")
    return write_file(target, workbook_bytes(data))


WRITER = Writer(".xlsx", "Tệp Excel", "Xuất số liệu ra tệp &Excel…", write,
                tip="Số liệu của báo cáo (bảng phụ lục và mã chỉ tiêu) để gửi lên tỉnh, bộ hoặc nhập lại",
                figures=True)
