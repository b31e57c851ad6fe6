"""“Tổng hợp số liệu từ các sổ…” / ``baocao-gui rollup``: one report's figures from the same report of other
workbooks (the former provinces merged into this one, the offices and communes reporting to it). The parts are only
read — opened read-only, never modified, readable even while another window edits them; the computation is
``domain.rollup``; applying it is one edit (``app.edits.rollup.apply_rollup``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

from ..domain.model import Period, Report, Workbook
from ..domain.rollup import FIELD_WORDS, FigureUpdate, PartReport, Rollup, compute, sources_differ
from ..domain.vnformat import format_number, format_range
from ..errors import UserError
from ..store import WorkbookError, load_workbook, open_workbook
from ..store.workbook import code_maps, read_figures
from .document import Document

__all__ = ["FIELD_WORDS", "FigureUpdate", "PartReport", "Rollup", "describe", "figure_text", "plan_rollup", "read_part",
           "read_parts", "sources_differ"]


def _report(db, workbook: Workbook, period: Period, ind_code: dict[int, str]) -> Report | None:
    header = workbook.find(period)
    if header is None:
        return None
    return dataclasses.replace(header, values=read_figures(db, header.id, ind_code))


def read_part(path: str | Path, period: Period) -> PartReport:
    """One part workbook's report of ``period`` and of the same period a year earlier, read without changing the
    file (a workbook another window has open is read as its last save holds it). One sentence when it cannot be."""
    path = Path(path)
    try:
        db = open_workbook(path, readonly=True, screen=False)  # only figures are read: no screen for odd text
    except WorkbookError as exc:
        raise UserError(f"Không đọc được sổ “{path.name}” để tổng hợp: {exc.message}", exc.gloss) from exc
    try:
        workbook = load_workbook(db, only=-1)  # headers only: the two reports' figures are read below
        ind_code = code_maps(db)[1]
        report = _report(db, workbook, period, ind_code)
        last = _report(db, workbook, Period(period.kind, period.year - 1), ind_code)
    except sqlite3.Error as exc:
        raise UserError(f"Không đọc được sổ “{path.name}” để tổng hợp (tệp đang bị giữ hoặc bị hỏng).",
                        f"{path}: {exc}") from exc
    finally:
        db.close()
    return PartReport(path.name, workbook, report, last)


def read_parts(paths: list[str | Path], period: Period, cancel=None, progress=None) -> list[PartReport]:
    """Every part, in the order given (plain function: the window runs it on its ``files`` worker)."""
    out = []
    for n, path in enumerate(paths):
        if cancel is not None and cancel.is_set():
            break
        out.append(read_part(path, period))
        if progress is not None:
            progress((n + 1, len(paths)))
    return out


def plan_rollup(doc: Document, parts: list[PartReport]) -> Rollup:
    """What rolling ``parts`` up into the report in view would change, or one sentence why it cannot."""
    report = doc.report
    if report is None:
        raise UserError("Sổ báo cáo chưa có báo cáo nào để tổng hợp vào.", "no report")
    if report.frozen:
        raise UserError(f"Báo cáo {report.period.label} đã ký, đã gửi nên không tổng hợp vào được; muốn sửa, chọn "
                        "“Mở khóa để sửa”.", "rollup into frozen report")
    if not parts:
        raise UserError("Chưa chọn sổ nào để tổng hợp.", "no parts")
    seen: dict[str, str] = {}
    for p in parts:
        if p.workbook.identity and p.workbook.identity == doc.workbook.identity:
            raise UserError(f"Sổ “{p.file}” là chính sổ đang mở (hoặc một bản chép của nó): không tổng hợp sổ vào "
                            "chính nó.", "part is this workbook")
        if p.workbook.identity and p.workbook.identity in seen:
            raise UserError(f"Sổ “{p.file}” và sổ “{seen[p.workbook.identity]}” là cùng một sổ (một bản chép): "
                            "chỉ chọn một lần.", "same part twice")
        seen[p.workbook.identity] = p.file
    if all(p.report is None for p in parts):
        raise UserError(f"Không sổ nào đã chọn có báo cáo {report.period.label}.", "no part has the report")
    taken = dt.datetime.now().isoformat(timespec="seconds")
    return compute(doc.workbook, report, parts, taken)


def figure_text(value, unit: str = "") -> str:
    if value is None:
        return "(trống)"
    text = format_range(*value) if isinstance(value, tuple) else format_number(value)
    return f"{text}%" if unit == "%" else text


def describe(doc: Document, change: FigureUpdate) -> str:
    """"“Số hộ nghèo” — thực hiện: 1.200 → 1.350" for the command line and the review."""
    indicator = doc.workbook.indicator(change.code)
    unit = indicator.unit if indicator else ""
    return (f"“{change.name}” — {FIELD_WORDS[change.field]}: {figure_text(change.old, unit)} → "
            f"{figure_text(change.new, unit)}")
