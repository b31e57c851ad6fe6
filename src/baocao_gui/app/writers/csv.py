"""The report's figures as CSV (issue 23; columns in docs/data-format.md, a contract with ``import-figures``): UTF-8
with a byte order mark so Excel reads the Vietnamese right, comma-separated (RFC 4180), one row per indicator and
field — the raw typed figures, then the two ratios as printed — with the number in machine form beside the figure
as the report prints it."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

from . import ExportInput, Progress, Writer, write_file

HEADER = ("ma_linh_vuc", "ma_chi_tieu", "chi_tieu", "don_vi", "truong", "gia_tri", "gia_tri_in")
RAW = ("actual", "plan", "plan_high", "last", "target", "target_high")
COMPUTED = ("pct_plan", "pct_last")


def rows(data: ExportInput) -> list[tuple[str, ...]]:
    from ...domain.dhis2 import machine_number
    from ...domain.figures import MissingFigure
    from ...domain.model import PlanMeaning
    from ...domain.vnformat import format_number, parse_number

    workbook, report, figures = data.workbook, data.report, data.figures
    out: list[tuple[str, ...]] = []
    for indicator in workbook.indicators:
        values = report.values.get(indicator.code)
        if values is None:
            continue
        head = (indicator.sector, indicator.code, indicator.name, indicator.unit)
        for field in RAW:
            value = getattr(values, field)
            if value is not None:
                printed = format_number(value, pad=indicator.pad and not indicator.is_rate)
                out.append((*head, field, machine_number(value), printed + ("%" if indicator.is_rate else "")))
        for field in COMPUTED:
            if field == "pct_plan" and indicator.plan_meaning == PlanMeaning.DECREASE \
                    and "pct_plan" not in values.overrides:
                continue  # actual ÷ plan means nothing for a reduction plan: the report does not print it
            if field == "pct_last" and indicator.is_rate:
                continue  # a rate is compared in points ("giảm 2,79%"), not as a ratio
            try:
                printed = figures.figure(indicator.code, field)
            except MissingFigure:
                continue
            number = parse_number(printed.removesuffix("%"))
            out.append((*head, field, machine_number(float(number)), printed))
    return out


def text(data: ExportInput) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(data))
    return "\ufeff" + buffer.getvalue()


def write(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    progress("Đang ghi tệp CSV…")
    return write_file(target, text(data))


WRITER = Writer(".csv", "Tệp CSV", "Xuất số liệu ra tệp &CSV…", write,
                tip="Số liệu của báo cáo, mỗi dòng một chỉ tiêu và một loại số liệu, cho phần mềm khác",
                figures=True)
