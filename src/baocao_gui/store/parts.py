"""A part file (phần gửi phòng): a small workbook holding one sector of one report, for an office that has the
program. It is written with the store's own code (the same schema, so the office opens and edits it in the
window), marked as a part in its ``meta`` table: which workbook, report and sector it came from, and a base copy
of what was sent, so that taking it back is a three-way merge (``importers.merge``)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from ..domain.catalogue import Catalogue
from ..domain.model import RANGE_FIELDS, SECTOR_PARTS, VALUE_FIELDS, Block, BlockKind, Report, Workbook
from .db import Db as Database
from .seed import AGENCY_COLUMNS, AGENCY_KEYS, install_catalogue
from .workbook import places_text

PART_KEY = "part_of"  # meta key of a part file: the JSON of PartOrigin


def workbook_identity(db: Database) -> str:
    """The workbook's identity (a UUID kept in ``meta``), made the first time it is asked for."""
    row = db.execute("SELECT value FROM meta WHERE key = 'workbook_id'").fetchone()
    if row:
        return row[0]
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('workbook_id', ?)", [str(uuid.uuid4())])
    return db.execute("SELECT value FROM meta WHERE key = 'workbook_id'").fetchone()[0]


@dataclass(frozen=True)
class PartOrigin:
    """Where a part file came from, and what it held when sent (the base of the merge)."""

    workbook: str  # the workbook's identity
    report: int  # the report's id in that workbook
    period: str  # its period code and year, to name it in a sentence
    year: int
    sector: str  # the sector's code
    sector_title: str
    sent_at: str
    blocks: dict[str, list[Block]]  # part (results, tasks) → blocks as sent, with the workbook's ids
    values: dict[str, dict[str, Any]]  # indicator code → {field: figure} as sent

    def to_json(self) -> str:
        return json.dumps({
            "workbook": self.workbook, "report": self.report, "period": self.period, "year": self.year,
            "sector": self.sector, "sector_title": self.sector_title, "sent_at": self.sent_at,
            "blocks": {p: [[b.id, b.kind.value, b.text] for b in bs] for p, bs in self.blocks.items()},
            "values": self.values}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PartOrigin:
        d = json.loads(text)
        return cls(str(d["workbook"]), int(d["report"]), str(d["period"]), int(d["year"]), str(d["sector"]),
                   str(d.get("sector_title", d["sector"])), str(d.get("sent_at", "")),
                   {str(p): [Block(BlockKind(k), str(t), int(i)) for i, k, t in bs] for p, bs in d["blocks"].items()},
                   {str(c): dict(v) for c, v in d["values"].items()})


def figures_of(values) -> dict[str, Any]:
    """One indicator's raw figures as a merge compares them: a range plan or target as [low, high]."""
    out: dict[str, Any] = {}
    for field in VALUE_FIELDS:
        low, high = getattr(values, field), values.high(field)
        out[field] = [low, high] if low is not None and high is not None else low
    return out


def write_part(db: Database, workbook: Workbook, report: Report, sector_code: str, origin: PartOrigin,
               catalogue: tuple[str, str, int]) -> None:
    """Fill an empty workbook with one sector of ``report``: its definitions, the report's header and period, the
    sector's figures and paragraphs (kept with the workbook's block ids), and the part's origin in ``meta``."""
    sector = next(s for s in workbook.sectors if s.code == sector_code)
    indicators = tuple(i for i in workbook.indicators if i.sector == sector_code)
    install_catalogue(db, Catalogue(catalogue[0], catalogue[1], catalogue[2], workbook.labels, (sector,), indicators))
    with db.atomic():
        db["agency"].upsert({"id": 1, **{k: getattr(workbook.agency, k) for k in AGENCY_KEYS}}, pk="id")
        rid = db["report"].insert({
            "period_kind": report.period.kind.value, "year": report.period.year, "number": report.number,
            "date": report.date.isoformat() if report.date else None, "type_name": report.type_name,
            "summary": report.summary, "signer_authority": report.signer_authority,
            "signer_title": report.signer_title, "signer_name": report.signer_name,
            **{AGENCY_COLUMNS[k]: getattr(report.agency, k) for k in AGENCY_KEYS}}).last_pk
        db["recipient"].insert_all({"report_id": rid, "position": p, "text": t} for p, t in enumerate(report.recipients))
        if report.pct_precision is not None:
            db["report_format"].insert({"report_id": rid, "pct_precision": report.pct_precision})
        ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
        for code, v in report.values.items():
            if code not in ids:
                continue
            db["value"].insert({"report_id": rid, "indicator_id": ids[code],
                                **{f: getattr(v, f) for f in (*VALUE_FIELDS, *RANGE_FIELDS.values())},
                                **({"places": places_text(v.places)} if v.places else {})})  # "1,0" as typed
            for field, number in v.overrides.items():
                db["override"].insert({"report_id": rid, "indicator_id": ids[code], "field": field, "value": number})
        sid = db.execute("SELECT id FROM sector WHERE code = ?", [sector_code]).fetchone()[0]
        for part in SECTOR_PARTS:
            db["block"].insert_all(
                {"id": b.id, "report_id": rid, "part": part.value, "sector_id": sid, "position": pos,
                 "kind": b.kind.value, "text": b.text} for pos, b in enumerate(report.part(part, sector_code)))
        db["meta"].upsert({"key": PART_KEY, "value": origin.to_json()}, pk="key")


def part_origin(db: Database) -> PartOrigin | None:
    """The origin of a part file; None for a workbook that is not a part (or whose mark cannot be read)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", [PART_KEY]).fetchone()
    if row is None:
        return None
    try:
        return PartOrigin.from_json(row[0])
    except (ValueError, KeyError, TypeError):
        return None
