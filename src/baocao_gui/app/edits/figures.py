"""The figures of the report in view: a figure, a hand-written derived figure, the decimals of its percentages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...store import edits
from ..document import Document
from ..edit import Change, Edit, EditRefused, Scope
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


def take_figures(doc: Document, changes: Sequence[Any], new: Sequence[Any], sector: str | None, label: str) -> Edit:
    """Figures brought in from a sheet (``app.sheets``): each change's ``new`` figure for its ``code`` and ``field``,
    and an indicator made in ``sector`` for each of ``new`` (name, unit, its figures) — one transaction, one undo
    step that puts every figure back and removes the indicators made."""
    report = doc.report
    if report is not None and report.frozen:
        raise EditRefused(f"Báo cáo {report.period.label} đã ký, đã gửi nên không nhập số liệu vào được; muốn sửa, "
                          "chọn “Mở khóa để sửa”.", "frozen report")
    if new and not any(s.code == sector for s in doc.workbook.sectors):
        raise EditRefused("Hãy chọn lĩnh vực cho các chỉ tiêu mới.", f"no sector {sector!r}")
    rid, db = doc.report_id, doc.db
    state: dict[str, Any] = {}

    def do() -> None:
        with db.atomic():
            replaced = edits.set_values(db, rid, [(c.code, c.field, c.new) for c in changes])
            old = [(c.code, c.field, was) for c, was in zip(changes, replaced, strict=True)]
            if "snapshots" in state:  # redo: the same indicators (same codes) with their figures
                for snapshot in state["snapshots"]:
                    edits.restore_indicator(db, snapshot)
            else:
                codes = []
                for item in new:
                    code = edits.add_indicator(db, item.sector or sector, item.name, item.unit)
                    for f, value in item.figures.items():
                        edits.set_value(db, rid, code, f, value)
                    codes.append(code)
                state["codes"] = codes
            state["old"] = old

    def undo() -> None:
        with db.atomic():
            state["snapshots"] = [edits.delete_indicator(db, code) for code in reversed(state["codes"])][::-1]
            edits.set_values(db, rid, list(reversed(state["old"])))

    edit = Edit(label, do, undo, Change(Scope.ALL))
    edit.created = state
    return edit


__all__ = ["set_override", "set_report_precision", "set_value", "take_figures"]
