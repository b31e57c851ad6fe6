"""The workbook's reports themselves: one created for a period, deleted, re-dated while nothing is typed in it;
marked signed and sent (frozen), unlocked to be edited again. Some of these change which report is in view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...domain.model import Period, PeriodKind
from ...domain.periods import carried_summary, carry, next_period, plan_sources
from ...store import edits
from ...store.backup import make_backup
from ...store.workbook import code_maps, load_values
from ..document import Document
from ..edit import Edit, EditRefused


def _figures_of(doc: Document, periods) -> dict[Period, dict]:
    """The figures of the workbook's reports of those periods (the model holds only the one in view)."""
    ind_code = code_maps(doc.db)[1]
    out = {}
    for r in doc.workbook.reports:
        if r.period in periods:
            out[r.period] = r.values if r.id == doc.report_id else load_values(doc.db, r.id, ind_code)
    return out


def create_report(doc: Document, period: Period, start: str = "previous") -> Edit:
    """A new report of ``period``, then in view. ``start``: "previous" (the header and paragraphs of the report
    before it in time), "year_before" (those of the same period a year earlier), or "empty" (the header of the
    report before it, no paragraph). Plans and last year's figures are carried by the reporting regime's rules
    (``domain.periods.carry``); ``created["carried"]`` says what came from where."""
    workbook = doc.workbook
    if workbook.find(period) is not None:
        raise EditRefused(f"Sổ báo cáo đã có báo cáo {period.label}.", f"{period} exists")
    earlier = [r for r in workbook.in_order() if r.period.order < period.order]
    before = earlier[-1] if earlier else (workbook.in_order()[0] if workbook.reports else None)
    source = workbook.find(Period(period.kind, period.year - 1)) if start == "year_before" else before
    if start == "year_before" and source is None:
        raise EditRefused(f"Sổ báo cáo chưa có báo cáo {Period(period.kind, period.year - 1).label} "
                          "để chép sang.", "no report a year earlier")
    carried = carry(period, _figures_of(doc, {*plan_sources(period), Period(period.kind, period.year - 1)}))
    summary = carried_summary(source.summary, source.period, period) if source else \
        "Kết quả thực hiện nhiệm vụ {{period}} - Phương hướng, nhiệm vụ {{next_period}}"
    edit = Edit(f"Tạo báo cáo {period.label}", lambda: None, lambda: None)
    previous_id = doc.report_id

    def do() -> None:
        if "snapshot" in edit.created:
            edits.restore_report(doc.db, edit.created["snapshot"])
        else:
            edit.created["id"] = edits.create_report(doc.db, source.id if source else None, period,
                                                     carried.values, summary, texts=start != "empty")
        edit.created.update(period=period, carried=carried, source=source.period if source else None)
        doc.report_id = edit.created["id"]

    def undo() -> None:
        edit.created["snapshot"] = edits.delete_report(doc.db, edit.created["id"])
        doc.report_id = previous_id

    do.on_frozen = undo.on_frozen = True  # another report than the one in view
    edit.do, edit.undo = do, undo
    return edit


def create_next_report(doc: Document, kind: PeriodKind | str | None = None, year: int | None = None) -> Edit:
    """The next period's report, from the report in view (by default the same kind a year later)."""
    source = doc.report
    if source is None:
        raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
    return create_report(doc, next_period(source.period, PeriodKind(kind) if kind else None, year))


def delete_report(doc: Document, report_id: int) -> Edit:
    """Remove a report (backed up first; undo puts it back). The window then shows another report."""
    report = next((r for r in doc.workbook.reports if r.id == report_id), None)
    if report is None:
        raise EditRefused("Không tìm thấy báo cáo cần xóa.", f"no report {report_id}")
    snapshot: dict = {}
    previous_id = doc.report_id

    def do() -> None:
        if make_backup(doc.db, doc.path, "xoa-bao-cao") is None:
            raise EditRefused("Không tạo được bản lưu trước khi xóa báo cáo; chưa xóa gì.", "backup failed")
        snapshot.update(edits.delete_report(doc.db, report_id))
        if doc.report_id == report_id:
            rest = [r for r in doc.workbook.in_order() if r.id != report_id]
            doc.report_id = rest[-1].id if rest else None

    def undo() -> None:
        edits.restore_report(doc.db, snapshot)
        doc.report_id = previous_id

    do.on_frozen = True  # a sent report may be deleted (the backup keeps it)
    return Edit(f"Xóa báo cáo {report.period.label}", do, undo)


def set_period(doc: Document, period: Period) -> Edit:
    """Change the period of the report in view, while nothing is typed in it; the plans and last year's
    figures it was made with are carried again for the new period (``created["carried"]`` says from where)."""
    report = doc.report
    if report is None:
        raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
    figures = _figures_of(doc, {*plan_sources(period), Period(period.kind, period.year - 1)})
    figures.pop(report.period, None)  # its own carried figures are not a source for its new period
    carried = carry(period, figures)
    rid, old = report.id, {}
    edit = Edit(f"Đổi kỳ báo cáo thành {period.label}", lambda: None,
                lambda: edits.restore_period(doc.db, rid, *old["before"]))
    edit.created["carried"] = carried
    edit.do = lambda: old.setdefault("before", edits.set_period(doc.db, rid, period, carried.values))
    return edit


def mark_sent(doc: Document, sent_file: Path | None) -> Edit:
    """"Đánh dấu đã ký, đã gửi": when, the file sent and its SHA-256, a snapshot of the report, and the file itself
    (with the .docx a sent PDF was made from), kept compressed so that exporting the report gives those bytes."""
    from ..sent import keep_files, record_sha256, snapshot

    report = doc.report
    if report is None:
        raise EditRefused("Sổ báo cáo chưa có báo cáo nào.", "no report")
    text = snapshot(doc.workbook, report)
    try:
        digest, kept = keep_files(sent_file) if sent_file is not None else ("", [])
    except OSError as exc:
        raise EditRefused(f"Không đọc được tệp “{sent_file.name}” để ghi mã của nó (tệp đã bị chuyển, xóa hoặc "
                          "đang bị chương trình khác giữ); báo cáo chưa được đánh dấu đã gửi.",
                          f"sha256 of {sent_file}: {exc}") from exc
    rid, old = doc.report_id, {}

    def do() -> None:
        at, name = dt.datetime.now().isoformat(timespec="seconds"), sent_file.name if sent_file else ""
        old["row"] = edits.set_sent(doc.db, rid, {
            "sent_at": at, "sent_file": name, "sent_sha256": digest, "sent_snapshot": text, "sent_locked": 1,
            "sent_record_sha256": record_sha256(at, name, digest, text)})
        old["files"] = edits.set_sent_files(doc.db, rid, kept)

    def undo() -> None:
        edits.set_sent(doc.db, rid, old["row"])
        edits.set_sent_files(doc.db, rid, old["files"])

    do.on_frozen = undo.on_frozen = True
    return Edit("Đánh dấu đã ký, đã gửi", do, undo)


def unlock(doc: Document) -> Edit:
    """"Mở khóa để sửa": the report can be edited again; its snapshot is kept to show what changed."""
    rid, old = doc.report_id, {}

    def do() -> None:
        old["row"] = edits.set_sent(doc.db, rid, {"sent_locked": 0})

    def undo() -> None:
        edits.set_sent(doc.db, rid, old["row"])

    do.on_frozen = undo.on_frozen = True
    return Edit("Mở khóa để sửa", do, undo)


__all__ = ["create_next_report", "create_report", "delete_report", "mark_sent", "set_period", "unlock"]
