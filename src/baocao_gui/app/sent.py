"""A report signed and sent: what it said then, kept as JSON in the workbook, and what changed since.

The snapshot holds everything the report prints (its header, figures and paragraphs, and the names of the
sectors, indicators and headings it uses), so a sent report exports the same text however the workbook's
structure changes later; "Mở khóa để sửa" keeps it, and the window compares the report with it.

What was sent must stay provable: when a report is marked sent, the SHA-256 of its record (when, the file, the
file's SHA-256, the snapshot) is written beside it, and every reading of the snapshot (export, check, preview,
"Xem thay đổi từ khi gửi") compares it first (``proof``). A record changed or cut short afterwards is one sentence
(``SentCopyDamaged``) and is never used as the version sent. The hash lives in the same file: it tells damage and a
figure changed by hand apart, not a forger who knows to compute it again; the file that was sent, whose SHA-256
the record keeps, is the proof that leaves the workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
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
    FigureSource,
    Indicator,
    Part,
    Period,
    PeriodKind,
    Report,
    Role,
    Sector,
    Sent,
    Values,
    Workbook,
)
from ..errors import UserError

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
        elif isinstance(value, list) and (isinstance(f.default, tuple) or "tuple" in str(f.type)):
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
            # where rolled-up figures came from (the annex's column per part); absent when none, as before m012
            **({"sources": [_plain(x) for x in report.sources]} if report.sources else {}),
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
        sources=tuple(_build(FigureSource, x) for x in r.get("sources", [])),
        images=live.images,  # pictures, not text: kept out of the snapshot, and not editable while frozen
    )
    workbook = Workbook(agency=report.agency, labels=data["labels"],
                        sectors=tuple(_build(Sector, s) for s in data["sectors"]),
                        indicators=tuple(_build(Indicator, i) for i in data["indicators"]), reports=(report,))
    return workbook, report


def _number(x: Any) -> bool:
    return x is None or (type(x) in (int, float) and math.isfinite(x))


def _texts(*xs: Any) -> bool:
    return all(type(x) is str for x in xs)


def _whole(workbook: Workbook, report: Report) -> bool:
    """A snapshot read back holds what the model says wherever the report prints from: a snapshot is JSON anyone
    could have written, and a figure given as text would end an export in an unexpected error. Written out field by
    field (a generic check of the type hints took 120 ms on the large workbook; this, a few)."""
    r = report
    if not (_texts(r.type_name, r.summary, r.signer_authority, r.signer_title, r.signer_name, *r.recipients,
                   r.agency.parent_name, r.agency.name, r.agency.abbreviation, r.agency.place)
            and (r.number is None or type(r.number) is int) and (r.pct_precision is None or type(r.pct_precision) is int)):
        return False
    for v in r.values.values():
        if not (all(_number(getattr(v, f)) for f in _VALUE_FIELDS) and isinstance(v.overrides, dict)
                and all(type(k) is str and x is not None and _number(x) for k, x in v.overrides.items())
                and isinstance(v.places, dict) and all(type(k) is str and type(n) is int for k, n in v.places.items())):
            return False
    if not all(_texts(sector, *(b.text for b in blocks)) for (_, sector), blocks in r.blocks.items()):
        return False
    if r.annex is not None and not (_texts(*r.annex.columns) and _texts(*(r.annex.sectors or ()))):
        return False
    roles = {role.value for role in Role}
    return (isinstance(workbook.labels, dict) and _texts(*workbook.labels, *workbook.labels.values())
            and all(_texts(s.code, s.title, s.task_title) and isinstance(s.role, str) and s.role in roles
                    for s in workbook.sectors)
            and all(_texts(i.code, i.sector, i.name, i.unit, i.sentence) and (i.parent is None or _texts(i.parent))
                    and (i.precision is None or type(i.precision) is int) for i in workbook.indicators))


_VALUE_FIELDS = ("actual", "plan", "last", "target", "plan_high", "target_high")


def _annex(data: dict[str, Any] | None) -> AnnexChoice | None:
    if data is None:
        return None
    sectors = data.get("sectors")
    return AnnexChoice(None if sectors is None else tuple(sectors), tuple(data.get("columns") or ()))


class SentCopyDamaged(UserError):
    """The copy of a sent report kept in the workbook was changed or damaged after it was marked sent."""


@dataclass(frozen=True)
class Proof:
    """Whether the copy of a sent report the workbook keeps is what was sent."""

    trusted: bool  # False: changed or damaged since it was marked sent (never used as the version sent)
    sentence: str = ""  # what the clerk is told: why it is not trusted, or what cannot be proven; "" when proven
    proven: bool = True  # False for a report marked sent before the workbook kept the record's SHA-256


def record_sha256(at: str, file: str, file_sha256: str, snapshot_text: str) -> str:
    """The SHA-256 of a sent report's record, as mark_sent writes it: its four fields as one JSON array (UTF-8)."""
    import hashlib

    record = json.dumps([at, file, file_sha256, snapshot_text], ensure_ascii=False)
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def _sent_file_words(sent: Sent) -> str:
    return f"tệp “{sent.file}”" if sent.file else "tệp"


def _checked(report: Report, read: bool = True) -> tuple[Proof, tuple[Workbook, Report] | None]:
    """The proof of ``report``'s sent copy, and the copy read back when it can be used (not read when ``read`` is
    False and its SHA-256 holds)."""
    sent = report.sent
    if sent is None:
        return Proof(True), None
    label = report.period.label
    forged = Proof(False, f"Bản đã gửi lưu trong sổ đã bị sửa hoặc bị hỏng sau khi gửi (không khớp mã SHA-256 ghi "
                          f"lúc đánh dấu đã gửi), nên không được dùng làm bản đã gửi của báo cáo {label}; bản đã gửi "
                          f"thật là {_sent_file_words(sent)} đã gửi đi.")
    if sent.record_sha256 and sent.record_sha256 != record_sha256(sent.at, sent.file, sent.sha256, sent.snapshot):
        return forged, None
    if sent.record_sha256 and not read:
        return Proof(True), None
    if not sent.snapshot:  # none kept: nothing to use as the version sent (mark_sent always keeps one)
        return (forged if sent.record_sha256 else Proof(True, _UNPROVEN.format(label=label), proven=False)), None
    try:
        restored = restore(sent.snapshot, report)
        if not _whole(*restored):
            raise ValueError("a snapshot whose fields are not of the model's types")
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):  # cut short, not its JSON
        return Proof(False, f"Bản đã gửi lưu trong sổ bị hỏng, không đọc được, nên không được dùng làm bản đã gửi của "
                            f"báo cáo {label}; bản đã gửi thật là {_sent_file_words(sent)} đã gửi đi."), None
    if not sent.record_sha256:
        return Proof(True, _UNPROVEN.format(label=label), proven=False), restored
    return Proof(True), restored


_UNPROVEN = ("Báo cáo {label} được đánh dấu đã gửi trước khi sổ ghi mã kiểm tra bản đã gửi, nên không chứng minh được "
             "bản lưu trong sổ chưa bị sửa; đối chiếu với tệp đã gửi đi nếu cần.")


def proof(report: Report, read: bool = True) -> Proof:
    """Whether the copy of ``report`` kept when it was marked sent is still what was sent (Proof(True) when never
    sent). ``read`` False: a copy whose SHA-256 holds is not read back as well (the window's band, on the window's
    thread: 8 ms instead of 60 on the large workbook); a copy that holds its SHA-256 was written by mark_sent."""
    return _checked(report, read)[0]


def as_sent(workbook: Workbook, report: Report) -> tuple[Workbook, Report]:
    """What to export or check for ``report``: the snapshot while it is frozen, the live report otherwise. A
    snapshot changed or damaged since it was sent raises SentCopyDamaged: it is never the version sent."""
    if report.frozen:
        verdict, restored = _checked(report)
        if not verdict.trusted:
            raise SentCopyDamaged(verdict.sentence, f"sent copy of report {report.id} fails its SHA-256 or JSON")
        if restored is None:  # marked sent without a copy (none was kept then): the report as it is
            return workbook, report
        sent_workbook, sent_report = restored
        # the file still says which workbook it came from (a merge of it is then refused in one sentence)
        return dataclasses.replace(sent_workbook, identity=workbook.identity), sent_report
    return workbook, report


def as_shown(workbook: Workbook, report: Report) -> tuple[Workbook, Report]:
    """What the window shows and checks: as sent, or the live report when the sent copy cannot be trusted (the
    banner says so); never nothing."""
    try:
        return as_sent(workbook, report)
    except SentCopyDamaged:
        return workbook, report


KEPT_SUFFIXES = (".docx", ".pdf")  # the files a sent report keeps (m010's sent_file)
MAX_KEPT_BYTES = 200 * 1024 * 1024  # a sent file larger than this is recorded by its SHA-256 only


def keep_files(sent_file: Path) -> tuple[str, list[dict[str, Any]]]:
    """The SHA-256 of ``sent_file``, and the rows ``store.edits.set_sent_files`` keeps for a report sent as ``sent_file``: that file first (its SHA-256
    is the record's), then, for a PDF, the .docx of the same name beside it (the PDF was made from it). A file of
    another kind, or too large, is recorded by its SHA-256 alone (no rows). OSError when it cannot be read."""
    import hashlib
    import zlib

    def row(path: Path, data: bytes) -> dict[str, Any]:
        return {"suffix": path.suffix.lower(), "name": path.name, "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data), "data": zlib.compress(data, 9)}

    sent_file = Path(sent_file)
    if sent_file.suffix.lower() not in KEPT_SUFFIXES or sent_file.stat().st_size > MAX_KEPT_BYTES:
        return file_sha256(sent_file), []
    rows = [row(sent_file, sent_file.read_bytes())]
    word = sent_file.with_suffix(".docx")
    if sent_file.suffix.lower() == ".pdf" and word.is_file():
        try:
            if word.stat().st_size <= MAX_KEPT_BYTES:
                rows.append(row(word, word.read_bytes()))
        except OSError:  # the PDF is what was sent: its .docx is kept when it can be read
            pass
    return rows[0]["sha256"], rows


def kept_bytes(report: Report, suffix: str) -> bytes | None:
    """The bytes of the file ``report`` was sent as, of kind ``suffix`` (".docx", ".pdf"), when the workbook kept
    one and the report is still frozen; SentCopyDamaged when the kept copy is not what was sent (its SHA-256 or the
    record's fails, or it does not uncompress)."""
    import hashlib
    import zlib

    sent = report.sent
    if sent is None or not report.frozen:
        return None
    kept = sent.kept(suffix)
    if kept is None:
        return None
    verdict = proof(report, read=False)
    if not verdict.trusted:
        raise SentCopyDamaged(verdict.sentence, f"sent record of report {report.id} fails its SHA-256")
    try:
        data = zlib.decompress(kept.data)
    except zlib.error:
        data = None
    # the file chosen when marking it sent is proven by the record (its SHA-256 is there); the .docx beside a sent
    # PDF by its own row
    expected = sent.sha256 if sent.file and Path(sent.file).suffix.lower() == suffix else kept.sha256
    if data is None or len(data) != kept.size or hashlib.sha256(data).hexdigest() != expected:
        raise SentCopyDamaged(
            f"Tệp đã gửi lưu trong sổ (“{kept.name}”) đã bị sửa hoặc bị hỏng sau khi gửi (không khớp mã SHA-256), nên "
            f"không được xuất làm bản đã gửi của báo cáo {report.period.label}; bản đã gửi thật là "
            f"{_sent_file_words(sent)} đã gửi đi.", f"kept {suffix} of report {report.id} fails its SHA-256")
    return data


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
    """What changed in ``report`` since it was sent (nothing when it was never sent); SentCopyDamaged when the copy
    kept of what was sent was changed or damaged since."""
    if report.sent is None:
        return []
    verdict, restored = _checked(report)
    if not verdict.trusted:
        raise SentCopyDamaged(verdict.sentence, f"sent copy of report {report.id} fails its SHA-256 or JSON")
    if restored is None:
        return []
    import difflib

    old_wb, old = restored
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
