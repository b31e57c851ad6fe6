"""A sector handed over to another agency with its history (issue 22.4): a new workbook holding that sector's
indicators, figures and paragraphs of every report, marked in ``meta`` (``handover_of``) with where it came from; and
the rows the receiving workbook needs to take it in (indicators it lacks, a report of a period it lacks)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain.catalogue import Catalogue
from ..domain.model import RANGE_FIELDS, SECTOR_PARTS, VALUE_FIELDS, Indicator, Period, Report, Workbook
from .db import Db as Database
from .seed import AGENCY_COLUMNS, AGENCY_KEYS, install_catalogue, nfc, rate_of_cell

HANDOVER_KEY = "handover_of"  # meta key of a hand-over file: the JSON of HandoverOrigin
HANDED_OVER_KEY = "handed_over"  # meta key of the giving workbook: {sector: {"after": [kind, year], "to": file}}


@dataclass(frozen=True)
class HandoverOrigin:
    workbook: str  # the giving workbook's identity
    agency: str  # the giving agency's name ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    sector: str
    sector_title: str
    at: str  # when it was written
    after: str  # the last report that still had the sector, as "6m 2025"

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> HandoverOrigin:
        d = json.loads(text)
        return cls(*(str(d[k]) for k in ("workbook", "agency", "sector", "sector_title", "at", "after")))


def write_handover(db: Database, workbook: Workbook, reports: list[Report], sector_code: str, origin: HandoverOrigin,
                   catalogue: tuple[str, str, int]) -> None:
    """Fill an empty workbook with one sector and its history: its definitions, every report given (header,
    period), the sector's figures, overrides and paragraphs in each, and the hand-over's mark in ``meta``."""
    sector = next(s for s in workbook.sectors if s.code == sector_code)
    codes = {i.code for i in workbook.indicators if i.sector == sector_code}
    indicators = tuple(i if not i.rate_of or set(i.rate_of) <= codes else _without_rate(i)
                       for i in workbook.indicators if i.sector == sector_code)
    install_catalogue(db, Catalogue(catalogue[0], catalogue[1], catalogue[2], workbook.labels, (sector,), indicators))
    with db.atomic():
        db["agency"].upsert({"id": 1, **{k: getattr(workbook.agency, k) for k in AGENCY_KEYS}}, pk="id")
        ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
        sid = db.execute("SELECT id FROM sector WHERE code = ?", [sector_code]).fetchone()[0]
        for report in reports:
            rid = db["report"].insert({
                "period_kind": report.period.kind.value, "year": report.period.year, "number": report.number,
                "date": report.date.isoformat() if report.date else None, "type_name": report.type_name,
                "summary": report.summary, "signer_authority": report.signer_authority,
                "signer_title": report.signer_title, "signer_name": report.signer_name,
                **{AGENCY_COLUMNS[k]: getattr(report.agency, k) for k in AGENCY_KEYS}}).last_pk
            for code, v in report.values.items():
                if code not in ids:
                    continue
                db["value"].insert({"report_id": rid, "indicator_id": ids[code],
                                    **{f: getattr(v, f) for f in (*VALUE_FIELDS, *RANGE_FIELDS.values())}})
                for field, number in v.overrides.items():
                    db["override"].insert({"report_id": rid, "indicator_id": ids[code], "field": field,
                                           "value": number})
            for part in SECTOR_PARTS:
                db["block"].insert_all(
                    {"report_id": rid, "part": part.value, "sector_id": sid, "position": pos, "kind": b.kind.value,
                     "text": b.text} for pos, b in enumerate(report.part(part, sector_code)))
        db["meta"].upsert({"key": HANDOVER_KEY, "value": origin.to_json()}, pk="key")


def _without_rate(indicator: Indicator) -> Indicator:
    from dataclasses import replace

    return replace(indicator, rate_of=None)


def handover_origin(db: Database) -> HandoverOrigin | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [HANDOVER_KEY]).fetchone()
    if row is None:
        return None
    try:
        return HandoverOrigin.from_json(row[0])
    except (ValueError, KeyError, TypeError):
        return None


def handed_over(db: Database) -> dict[str, dict]:
    """The sectors this workbook handed over: code → {"after": [kind, year], "to": file name, "at": when}."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", [HANDED_OVER_KEY]).fetchone()
    try:
        data = json.loads(row[0]) if row else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def set_handed_over(db: Database, data: dict[str, dict]) -> dict[str, dict]:
    """Replace the record of sectors handed over; returns the one it replaced."""
    with db.atomic():
        old = handed_over(db)
        if data:
            db["meta"].upsert({"key": HANDED_OVER_KEY, "value": json.dumps(data, ensure_ascii=False, sort_keys=True)},
                              pk="key")
        else:
            db.execute("DELETE FROM meta WHERE key = ?", [HANDED_OVER_KEY])
    return old


def handed_over_before(db: Database, period: Period) -> list[str]:
    """The sectors handed over after a report earlier than ``period``: a new report of ``period`` leaves them out."""
    from ..domain.model import PeriodKind

    out = []
    for code, mark in handed_over(db).items():
        try:
            after = Period(PeriodKind(mark["after"][0]), int(mark["after"][1]))
        except (KeyError, ValueError, TypeError, IndexError):
            continue
        if after.order < period.order:
            out.append(code)
    return out


def add_indicators(db: Database, sector: str, indicators: list[Indicator]) -> list[str]:
    """Indicators received with a sector, added at its end (with every property); their codes."""
    with db.atomic():
        sid = db.execute("SELECT id FROM sector WHERE code = ?", [sector]).fetchone()[0]
        position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM indicator WHERE sector_id = ?",
                              [sid]).fetchone()[0]
        ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
        added = []
        for n, i in enumerate(indicators):
            ids[i.code] = db["indicator"].insert(
                {"code": i.code, "sector_id": sid, "parent_id": ids.get(i.parent) if i.parent else None,
                 "position": position + n, "name": nfc(i.name), "unit": nfc(i.unit),
                 "parts_complete": int(i.parts_complete), "plan_meaning": str(i.plan_meaning), "pad": int(i.pad),
                 "sentence": nfc(i.sentence), **({"precision": i.precision} if i.precision is not None else {}),
                 **rate_of_cell(i)}).last_pk
            added.append(i.code)
    return added
