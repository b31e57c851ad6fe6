"""A report signed and sent: what it said then, kept as JSON in the workbook, and what changed since.

The snapshot holds everything the report prints (its header, figures and paragraphs, and the names of the
sectors, indicators and headings it uses), so a sent report exports the same text however the workbook's
structure changes later; "Mở khóa để sửa" keeps it, and the window compares the report with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ..domain.figures import sheet
from ..domain.model import (
    Agency,
    AnnexChoice,
    Block,
    BlockKind,
    Indicator,
    Part,
    Period,
    PeriodKind,
    Report,
    Sector,
    Values,
    Workbook,
)

VERSION = 1


def _plain(obj: Any) -> Any:
    if isinstance(obj, Enum):
        return obj.value
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def _build(cls: type, data: dict[str, Any]) -> Any:
    """A dataclass from its plain fields; enum fields back to their enum (by their default's type)."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if isinstance(f.default, Enum) and value is not None:
            value = type(f.default)(value)
        elif isinstance(value, list) and isinstance(f.default, tuple):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def snapshot(workbook: Workbook, report: Report) -> str:
    """The report as sent, with the structure it prints with, as one JSON text."""
    used = {i.code for i in workbook.indicators}
    data = {
        "version": VERSION,
        "labels": workbook.labels,
        "sectors": [_plain(s) for s in workbook.sectors_of(report)],
        "indicators": [_plain(i) for i in workbook.indicators if i.code in used],
        "report": {
            "period": [report.period.kind.value, report.period.year],
            "agency": _plain(report.agency),
            "number": report.number, "date": report.date.isoformat() if report.date else None,
            **{k: getattr(report, k) for k in ("type_name", "summary", "signer_authority", "signer_title",
                                               "signer_name")},
            "recipients": list(report.recipients),
            "pct_precision": report.pct_precision,
            "values": {code: _plain(v) for code, v in sorted(report.values.items())},
            "blocks": [[part.value, sector, [[b.kind.value, b.text] for b in blocks]]
                       for (part, sector), blocks in sorted(report.blocks.items()) if blocks],
            "annex": None if report.annex is None else {
                "sectors": None if report.annex.sectors is None else list(report.annex.sectors),
                "columns": list(report.annex.columns)},
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def restore(text: str, live: Report) -> tuple[Workbook, Report]:
    """The workbook and report a snapshot describes (``live`` gives the ids and the sent record)."""
    data = json.loads(text)
    r = data["report"]
    report = Report(
        id=live.id, period=Period(PeriodKind(r["period"][0]), r["period"][1]), agency=_build(Agency, r["agency"]),
        number=r["number"], date=dt.date.fromisoformat(r["date"]) if r["date"] else None,
        **{k: r[k] for k in ("type_name", "summary", "signer_authority", "signer_title", "signer_name")},
        recipients=tuple(r["recipients"]), sent=live.sent, edited_at=live.edited_at,
        pct_precision=r.get("pct_precision"),
        values={code: _build(Values, v) for code, v in r["values"].items()},
        blocks={(Part(part), sector): tuple(Block(BlockKind(kind), text) for kind, text in blocks)
                for part, sector, blocks in r["blocks"]},
        annex=_annex(r.get("annex")),  # snapshots taken before annexes existed have none
        images=live.images,  # pictures, not text: kept out of the snapshot, and not editable while frozen
    )
    workbook = Workbook(agency=report.agency, labels=data["labels"],
                        sectors=tuple(_build(Sector, s) for s in data["sectors"]),
                        indicators=tuple(_build(Indicator, i) for i in data["indicators"]), reports=(report,))
    return workbook, report


def _annex(data: dict[str, Any] | None) -> AnnexChoice | None:
    if data is None:
        return None
    sectors = data.get("sectors")
    return AnnexChoice(None if sectors is None else tuple(sectors), tuple(data.get("columns") or ()))


def as_sent(workbook: Workbook, report: Report) -> tuple[Workbook, Report]:
    """What to export or check for ``report``: the snapshot while it is frozen, the live report otherwise."""
    if report.frozen and report.sent.snapshot:
        sent_workbook, sent_report = restore(report.sent.snapshot, report)
        # the file still says which workbook it came from (a merge of it is then refused in one sentence)
        return dataclasses.replace(sent_workbook, identity=workbook.identity), sent_report
    return workbook, report


def file_sha256(path: Path) -> str:
    import hashlib  # here, not at the top: the command line's export never needs it

    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Difference:
    """One change since the report was sent, as the window shows it side by side."""

    kind: str  # "figure", "paragraph", "header"
    where: str  # "Việc làm › Số lao động được tạo việc làm › thực hiện", "Kết quả › Việc làm"
    before: str
    after: str


_FIELDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau"}
_PARTS = {"intro": "Mở đầu", "results": "Kết quả", "tasks": "Nhiệm vụ", "advantages": "Thuận lợi",
          "difficulties": "Khó khăn, hạn chế", "causes": "Nguyên nhân", "objective": "Mục tiêu",
          "main_targets": "Chỉ tiêu chủ yếu", "tasks_intro": "Nhiệm vụ, giải pháp"}


def differences(workbook: Workbook, report: Report) -> list[Difference]:
    """What changed in ``report`` since it was sent (nothing when it was never sent)."""
    if report.sent is None or not report.sent.snapshot:
        return []
    import difflib

    old_wb, old = restore(report.sent.snapshot, report)
    out: list[Difference] = []
    for field, name in (("parent_name", "Cơ quan chủ quản"), ("name", "Cơ quan ban hành"),
                        ("abbreviation", "Viết tắt"), ("place", "Địa danh")):
        if getattr(old.agency, field) != getattr(report.agency, field):
            out.append(Difference("header", name, getattr(old.agency, field), getattr(report.agency, field)))
    for field, name in (("type_name", "Tên loại"), ("summary", "Trích yếu"), ("signer_name", "Người ký"),
                        ("signer_title", "Chức vụ người ký")):
        if getattr(old, field) != getattr(report, field):
            out.append(Difference("header", name, getattr(old, field), getattr(report, field)))
    if old.annex != report.annex:
        out.append(Difference("header", "Phụ lục số liệu", _annex_words(old.annex, old_wb),
                              _annex_words(report.annex, workbook)))
    old_sheet, new_sheet = sheet(old_wb, old), sheet(workbook, report)
    names = {i.code: i for i in (*old_wb.indicators, *workbook.indicators)}
    for code in sorted(set(old.values) | set(report.values), key=lambda c: list(names).index(c) if c in names else 0):
        before, after = old.values.get(code, Values()), report.values.get(code, Values())
        for field, name in _FIELDS.items():
            a, b = getattr(before, field), getattr(after, field)
            if (a, before.high(field)) != (b, after.high(field)):  # a range's upper end counts too
                ind = names.get(code)
                label = ind.name if ind else code
                out.append(Difference("figure", f"{label} › {name}",
                                      _figure(old_sheet, code, field) if a is not None else "",
                                      _figure(new_sheet, code, field) if b is not None else ""))
    titles = {s.code: s.title for s in (*old_wb.sectors, *workbook.sectors)}
    for key in sorted(set(old.blocks) | set(report.blocks)):
        a = [b.text for b in old.blocks.get(key, ())]
        b = [x.text for x in report.blocks.get(key, ())]
        if a == b:
            continue
        where = _PARTS.get(key[0].value, key[0].value) + (f" › {titles.get(key[1], key[1])}" if key[1] else "")
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                out.append(Difference("paragraph", where, olds[k] if k < len(olds) else "",
                                      news[k] if k < len(news) else ""))
    return out


def _annex_words(choice: AnnexChoice | None, workbook: Workbook) -> str:
    """"không có", or which sectors and columns the annex shows."""
    from ..compose.annex import COLUMN_LABELS

    if choice is None:
        return "không có"
    titles = {s.code: s.title for s in workbook.sectors}
    sectors = "mọi lĩnh vực" if choice.sectors is None else "; ".join(titles.get(c, c) for c in choice.sectors)
    return f"{sectors} — cột: " + ", ".join(COLUMN_LABELS.get(c, c) for c in choice.columns)


def _figure(writer, code: str, field: str) -> str:
    try:
        return writer.figure(code, field)
    except (LookupError, ArithmeticError):
        return "?"
