"""A roll-up applied (tổng hợp số liệu từ các sổ): the figures that changed and the record of where every figure
came from, as one edit — one Ctrl+Z puts back both."""

from __future__ import annotations

from ...domain.rollup import Rollup
from ...store import edits
from ..document import Document
from ..edit import Edit, EditRefused


def apply_rollup(doc: Document, rollup: Rollup, label: str = "Tổng hợp số liệu từ các sổ") -> Edit:
    report = doc.report
    if report is None:
        raise EditRefused("Sổ báo cáo chưa có báo cáo nào để tổng hợp vào.", "no report")
    if report.frozen:
        raise EditRefused(f"Báo cáo {report.period.label} đã ký, đã gửi nên không tổng hợp vào được; muốn sửa, "
                          "chọn “Mở khóa để sửa”.", "frozen report")
    rid, db = report.id, doc.db
    replaced: dict[str, object] = {}

    def do() -> None:
        with db.atomic():
            figures = [(c.code, c.field, c.new) for c in rollup.changes]
            old = edits.set_values(db, rid, figures)  # thousands of figures for twenty large workbooks: batched
            replaced["figures"] = [(code, field, was) for (code, field, _), was in zip(figures, old, strict=True)]
            replaced["sources"] = edits.set_sources(db, rid, rollup.sources)

    def undo() -> None:
        with db.atomic():
            edits.set_values(db, rid, replaced["figures"])
            edits.set_sources(db, rid, replaced["sources"])

    return Edit(label, do, undo)


__all__ = ["apply_rollup"]
