"""A sector handed over to another agency (issue 22.4), as edits, each one undo step: left out of the giving
workbook's reports after the hand-over (and of every report made later), and taken into the receiving workbook
with its history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...domain.catalogue import Catalogue
from ...domain.model import Period
from ...store import edits
from ...store.handover import add_indicators, handed_over, set_handed_over
from ...store.seed import install_sector
from ..document import Document
from ..edit import Edit, EditRefused
from ..handover import Received, ReceivePlan


def hand_over(doc: Document, sector: str, after: Period, to: str = "") -> Edit:
    """Leave ``sector`` out of every report after ``after`` (a sent report stays as it was signed) and of every
    report made from now on for a later period."""
    title = next((s.title for s in doc.workbook.sectors if s.code == sector), None)
    if title is None:
        raise EditRefused(f"Sổ báo cáo không có lĩnh vực mã “{sector}”.", f"no sector {sector}")
    later = [r.id for r in doc.workbook.in_order() if r.period.order > after.order and not r.frozen]
    db = doc.db
    replaced: dict[str, Any] = {}

    def do() -> None:
        with db.atomic():
            replaced["off"] = [(rid, edits.set_sector_off(db, rid, sector, True)) for rid in later]
            mark = {"after": [after.kind.value, after.year], "to": to,
                    "at": dt.datetime.now().isoformat(timespec="seconds")}
            replaced["mark"] = set_handed_over(db, {**handed_over(db), sector: mark})

    def undo() -> None:
        with db.atomic():
            for rid, was in reversed(replaced["off"]):
                edits.set_sector_off(db, rid, sector, was)
            set_handed_over(db, replaced["mark"])

    do.on_frozen = True  # it never changes a sent report (they are skipped): allowed while one is in view
    undo.on_frozen = True
    return Edit(f"Chuyển lĩnh vực “{title}” sang cơ quan khác", do, undo)


def receive(doc: Document, plan: ReceivePlan, items: list[Received], label: str = "") -> Edit:
    """Take a handed-over sector in: the sector or its missing indicators, reports of the periods this workbook
    lacks (holding that sector only), and the chosen figures and paragraphs — one transaction, one undo."""
    db = doc.db
    done: list[tuple[str, Any]] = []

    def report_id(period: Period) -> int:
        return db.execute("SELECT id FROM report WHERE period_kind = ? AND year = ?",
                          [period.kind.value, period.year]).fetchone()[0]

    def do() -> None:
        done.clear()
        with db.atomic():
            if plan.new_sector:
                install_sector(db, Catalogue("", "", 1, {}, (plan.definition,), plan.new_indicators), plan.sector)
                done.append(("sector", plan.sector))
            elif plan.new_indicators:
                done.extend(("indicator", c) for c in add_indicators(db, plan.sector, list(plan.new_indicators)))
            others = [r[0] for r in db.execute("SELECT code FROM sector WHERE code != ?", [plan.sector])]
            for period in plan.new_reports:
                rid = edits.create_report(db, None, period, {}, "Số liệu lĩnh vực nhận chuyển giao")
                for code in others:  # a report of the history handed over holds that sector only
                    edits.set_sector_off(db, rid, code, True)
                done.append(("report", rid))
            for item in items:
                rid = report_id(item.period)
                if item.block is not None:
                    index = len(edits.block_ids(db, rid, item.part, plan.sector))
                    done.append(("block", edits.insert_block(db, rid, item.part, plan.sector, index,
                                                             item.block.kind, item.block.text)))
                else:
                    done.append(("figure", (rid, item.code, item.field,
                                            edits.set_value(db, rid, item.code, item.field, item.new))))

    def undo() -> None:
        with db.atomic():
            for kind, what in reversed(done):
                if kind == "block":
                    edits.delete_block(db, what)
                elif kind == "figure":
                    edits.set_value(db, *what)
                elif kind == "report":
                    edits.delete_report(db, what)
                elif kind == "indicator":
                    edits.delete_indicator(db, what)
                else:
                    edits.delete_sector(db, what)

    do.on_frozen = True  # a sent report is never written (its items were left out of the plan)
    undo.on_frozen = True
    return Edit(label or f"Nhận lĩnh vực “{plan.title}” từ cơ quan khác", do, undo)


__all__ = ["hand_over", "receive"]
