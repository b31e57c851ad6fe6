"""Edits over every text of the report at once: find and replace (one hit, or all of them as one undo step) and
the report written in one tone-mark style (``domain.tone``). The fields are those ``domain.report_text`` lists —
paragraphs and table cells, the general tab's fields, recipients, sectors' titles, indicators' sentences — and one
transaction writes them all; one undo puts every one back."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ...domain.find import FindOptions, Hit, find, replaced_fields
from ...domain.model import BlockKind, Report
from ...domain.report_text import report_spots, rewritten
from ...domain.tables import Table
from ...domain.tone import STYLE_NAMES, STYLES, in_style
from ...store import edits
from ..document import Document
from ..edit import Edit, EditRefused

CITATION_NOTE = ("Chỗ tìm thấy nằm trong số liệu trích {{…}} thì không thay: số liệu trích được sửa trong bảng số "
                 "liệu của lĩnh vực, mọi câu trích số đó sẽ đổi theo.")


def frozen_sentence(report: Report) -> str:
    """Why a signed and sent report is searched but not replaced."""
    return (f"Báo cáo {report.period.label} đã ký, đã gửi nên chỉ tìm được, không thay thế được; muốn sửa, chọn "
            "“Mở khóa để sửa” trong menu Kỳ báo cáo.")


def _setter(doc: Document, field: tuple) -> Callable[[Any], Any]:
    """The store function that writes ``field`` of the report in view and returns the value it replaced."""
    db, rid = doc.db, doc.report_id
    kind = field[0]
    if kind == "block":
        return lambda value: edits.set_block_text(db, field[1], value)
    if kind == "report":
        return lambda value: edits.set_report_field(db, rid, field[1], value)
    if kind == "agency":
        return lambda value: edits.set_agency_field(db, rid, field[1], value)
    if kind == "recipients":
        return lambda value: edits.set_recipients(db, rid, value)
    if kind == "sector":
        return lambda value: edits.set_sector_field(db, field[1], field[2], value)
    if kind == "indicator":
        return lambda value: edits.set_indicator_field(db, field[1], "sentence", value)
    if kind == "tone_style":
        return lambda value: edits.set_tone_style(db, rid, value)
    raise KeyError(field)


def set_fields(doc: Document, values: Mapping[tuple, Any], label: str) -> Edit:
    """Many fields of the report (``domain.report_text`` keys, and ``("tone_style",)``) in one transaction: one
    edit, one undo step that puts every old value back."""
    todo = dict(values)
    old: dict[tuple, Any] = {}

    def do() -> None:
        with doc.db.atomic():
            for field, value in todo.items():
                old[field] = _setter(doc, field)(value)

    def undo() -> None:
        with doc.db.atomic():
            for field in reversed(list(old)):
                _setter(doc, field)(old[field])

    return Edit(label, do, undo)


def _writable_report(doc: Document) -> Report:
    report = doc.report
    if report is None:
        raise EditRefused("Sổ chưa có báo cáo nào.", "no report")
    if report.frozen:
        raise EditRefused(frozen_sentence(report), "frozen report")
    return report


def replace_hits(doc: Document, hits: Iterable[Hit], replacement: str) -> Edit:
    """The hits (of ``domain.find.find`` on this model) replaced by ``replacement``: one edit. Hits in a citation
    are kept; nothing to replace, or a frozen report, is refused at once with its sentence."""
    report = _writable_report(doc)
    hits = list(hits)
    current = set(report_spots(doc.workbook, report))
    stale = [h for h in hits if h.spot not in current]  # found in a text that changed since: never written over
    if stale and len(stale) == len(hits):
        raise EditRefused("Chữ ở chỗ tìm thấy đã đổi từ lúc tìm; hãy tìm lại rồi thay.", "stale hits")
    hits = [h for h in hits if h.spot in current]
    values = replaced_fields(doc.workbook, report, hits, replacement)
    if not values:
        if hits and not any(h.replaceable for h in hits):
            raise EditRefused(CITATION_NOTE, "only hits in citations")
        raise EditRefused("Không có chỗ nào để thay.", "nothing to replace")
    found = hits[0].found if hits else ""
    count = sum(h.replaceable for h in hits)
    label = f"Thay “{found}” bằng “{replacement}”" + (f" ({count} chỗ)" if count > 1 else "")
    edit = set_fields(doc, values, label)
    edit.created["replaced"] = count
    return edit


def replace_all(doc: Document, query: str, replacement: str, options: FindOptions | None = None) -> Edit:
    """Every hit of ``query`` in the report in view replaced by ``replacement`` (citations kept): one undo step."""
    report = _writable_report(doc)
    return replace_hits(doc, find(doc.workbook, report, query, options or FindOptions()), replacement)


def write_in_style(doc: Document, style: str) -> Edit:
    """Every text of the report in view written in one tone-mark style ("old": hòa, "new": hoà), and the style
    remembered for what is pasted or imported later: one undo step."""
    if style not in STYLES:
        raise EditRefused("Chỉ có kiểu đặt dấu cũ và kiểu mới.", f"unknown style {style!r}")
    report = _writable_report(doc)
    values = rewritten(doc.workbook, report, lambda text: in_style(text, style))
    values[("tone_style",)] = style
    edit = set_fields(doc, values, f"Viết cả báo cáo theo dấu thanh {STYLE_NAMES[style]}")
    edit.created["fields"] = len(values) - 1
    return edit


def report_style_text(report: Report | None, text: str) -> str:
    """Text pasted or imported into ``report``: in the report's tone-mark style once it has one (NFC always)."""
    style = report.tone_style if report is not None else ""
    return in_style(text, style) if style else unicodedata.normalize("NFC", text)


def report_style_block(report: Report | None, kind: str, text: str) -> str:
    """A block brought in (a Word import, a part file merged) in the report's style: a table's cells one by one
    (its text is JSON). The style moves a tone between two letters, so offsets into the text stay valid."""
    if not (report is not None and report.tone_style):
        return text
    if kind != BlockKind.TABLE:
        return report_style_text(report, text)
    table = Table.from_json(text)
    restyle = lambda grid: tuple(tuple(report_style_text(report, c) for c in row) for row in grid)
    styled = dataclasses.replace(table, header=restyle(table.header), rows=restyle(table.rows))
    return text if styled == table else styled.to_json()


__all__ = ["CITATION_NOTE", "frozen_sentence", "replace_all", "replace_hits", "report_style_block", "report_style_text",
           "set_fields",
           "write_in_style"]
