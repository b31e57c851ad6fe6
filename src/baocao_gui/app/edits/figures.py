"""The figures of the report in view: a figure, a hand-written derived figure, the decimals of its percentages."""

from __future__ import annotations

from ...store import edits
from ..document import Document
from ..edit import Change, Edit, Scope
from . import replacing


def set_value(doc: Document, code: str, field: str, value: float | tuple[float, float] | None) -> Edit:
    """One figure; a plan or target may be a range ``(low, high)``."""
    indicator = doc.workbook.indicator(code)
    name = indicator.name if indicator else code
    return replacing(doc, f"Sửa số liệu “{name}”", edits.set_value, (doc.report_id, code, field), value,
                     change=Change(Scope.FIGURE, code))


def set_override(doc: Document, code: str, field: str, value: float | None) -> Edit:
    return replacing(doc, "Sửa số ghi tay", edits.set_override, (doc.report_id, code, field), value,
                     change=Change(Scope.FIGURE, code))


def set_report_precision(doc: Document, precision: int | None) -> Edit:
    """The decimals of this report's percentages (None: two)."""
    return replacing(doc, "Sửa số chữ số thập phân", edits.set_report_precision, (doc.report_id,), precision)


__all__ = ["set_override", "set_report_precision", "set_value"]
