"""Checks run before export (a first set; rules as data come with the checks issue)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .figures import FigureWriter, MissingFigure, citations, derived
from .model import Part, Report, Workbook
from .vnformat import format_number, format_percent, to_decimal

ROUNDING = Decimal("0.01")


class Severity(StrEnum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str
    message: str

    def line(self) -> str:
        return f"{self.severity.upper()}: {self.where}: {self.message}"


PART_NAMES = {
    Part.INTRO: "Phần mở đầu", Part.ADVANTAGES: "Thuận lợi", Part.DIFFICULTIES: "Khó khăn, vướng mắc",
    Part.CAUSES: "Nguyên nhân", Part.OBJECTIVE: "Mục tiêu chung", Part.MAIN_TARGETS: "Chỉ tiêu chủ yếu",
    Part.TASKS_INTRO: "Nhiệm vụ và giải pháp", Part.RESULTS: "kết quả", Part.TASKS: "nhiệm vụ",
}


def _where_block(workbook: Workbook, part: Part, sector: str, index: int) -> str:
    if sector:
        s = next((x for x in workbook.sectors if x.code == sector), None)
        name = s.title if s else sector
        return f"{name} ({PART_NAMES[part]}), đoạn {index}"
    return f"{PART_NAMES[part]}, đoạn {index}"


def check_report(workbook: Workbook, report: Report) -> list[Finding]:
    findings: list[Finding] = []
    add = findings.append
    general = "Thông tin chung"
    if report.number is None:
        add(Finding(Severity.WARNING, general, "chưa có số văn bản."))
    if report.date is None:
        add(Finding(Severity.WARNING, general, "chưa có ngày ban hành."))
    if not report.summary.strip():
        add(Finding(Severity.ERROR, general, "chưa có trích yếu nội dung."))
    if not (report.signer_authority.strip() or report.signer_title.strip()):
        add(Finding(Severity.ERROR, general, "chưa có thẩm quyền, chức vụ người ký."))
    if not report.signer_name.strip():
        add(Finding(Severity.WARNING, general, "chưa có họ tên người ký."))

    writer = FigureWriter(workbook, report)
    for (part, sector), blocks in report.blocks.items():
        for i, block in enumerate(blocks, 1):
            for c in citations(block.text):
                try:
                    writer.figure(c.code, c.field)
                except MissingFigure as exc:
                    add(Finding(Severity.ERROR, _where_block(workbook, part, sector, i),
                                f"trích số liệu “{c.code}.{c.field}”: {exc.reason}."))

    for ind in workbook.indicators:
        values = report.values.get(ind.code)
        children = [c for c in workbook.indicators if c.parent == ind.code]
        where = f"Chỉ tiêu “{ind.name}”"
        if children and values and values.actual is not None:
            parts = [report.values[c.code].actual for c in children
                     if c.code in report.values and report.values[c.code].actual is not None]
            total = sum((to_decimal(p) for p in parts), Decimal(0))
            for c in children:
                cv = report.values.get(c.code)
                if cv and cv.actual is not None and cv.actual > values.actual:
                    add(Finding(Severity.ERROR, f"Chỉ tiêu “{c.name}”",
                                f"số trong đó ({format_number(cv.actual)}) lớn hơn tổng ({format_number(values.actual)})."))
            if ind.parts_complete and parts and total != to_decimal(values.actual):
                add(Finding(Severity.ERROR, where,
                            f"các số trong đó cộng lại được {format_number(total)}, "
                            f"khác tổng {format_number(values.actual)}."))
        if values:
            parent = report.values.get(ind.parent) if ind.parent else None
            for field, typed in values.overrides.items():
                computed = derived(field, values, parent)
                if computed is not None and abs(to_decimal(typed) - computed) > ROUNDING:
                    add(Finding(Severity.WARNING, where,
                                f"số ghi {format_percent(typed)} khác số tính từ số liệu {format_percent(computed)}."))
    return findings
