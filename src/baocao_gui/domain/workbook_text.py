"""A whole workbook as a TOML text, in the sample format (docs/data-format.md): its catalogue part (labels,
sectors, indicators, rules), its agency, and every report with its header, figures and paragraphs.

The same workbook always gives the same text, and ``store.seed.load_data`` reads it back to a workbook that
gives the same text again: a department keeps its workbook under version control, diffs two years, or sends it.
"""

from __future__ import annotations

import base64
from typing import Any

from . import toml_text as t
from .catalogue import Catalogue, catalogue_text
from .model import (
    OVERRIDE_FIELDS,
    SECTOR_PARTS,
    VALUE_FIELDS,
    Block,
    BlockKind,
    Part,
    Report,
    SignImages,
    Values,
    Workbook,
)

ASSESSMENT = (Part.ADVANTAGES, Part.DIFFICULTIES, Part.CAUSES)
DIRECTION = (Part.OBJECTIVE, Part.MAIN_TARGETS, Part.TASKS_INTRO)
AGENCY_KEYS = ("parent_name", "name", "abbreviation", "place")


def _blocks(blocks: tuple[Block, ...]) -> list[Any]:
    """A paragraph as its text; a heading, a list item or a table as ``{ kind = text }``."""
    return [b.text if b.kind == BlockKind.PARAGRAPH else {b.kind.value: b.text} for b in blocks]


def _figures(values: Values) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in VALUE_FIELDS:
        low, high = getattr(values, field), values.high(field)
        out[field] = [low, high] if low is not None and high is not None else low
    if values.places:  # the decimals typed where the number does not show them: "0,6–1,0"
        out["decimals"] = dict(sorted(values.places.items()))
    return out


def _agency(agency) -> dict[str, str]:
    return {k: getattr(agency, k) for k in AGENCY_KEYS}


def _report(workbook: Workbook, report: Report) -> list[str]:
    head = {
        "period": report.period.kind.value, "year": report.period.year, "number": report.number,
        "date": report.date, "type_name": report.type_name, "summary": report.summary,
        "signer_authority": report.signer_authority, "signer_title": report.signer_title,
        "signer_name": report.signer_name, "pct_precision": report.pct_precision,
        "edited_at": report.edited_at,  # even "": a load sets it back, not to the time of the load
        "tone_style": report.tone_style or None,  # "old" (hòa) or "new" (hoà) once chosen
    }
    out = ["", "[[report]]", *t.pairs(head), f"recipients = {t.long_array(list(report.recipients))}"]
    if report.sectors_off:  # sectors left out of this report, in the workbook's order
        out.append(f"sectors_off = {t.value([s.code for s in workbook.sectors if s.code in report.sectors_off])}")
    intro = report.part(Part.INTRO)
    if intro:
        out.append(f"intro = {t.long_array(_blocks(intro))}")
    if _agency(report.agency) != _agency(workbook.agency):
        out += ["", "[report.agency]", *[f"{k} = {t.string(v)}" for k, v in _agency(report.agency).items()]]
    if report.sent is not None:
        s = report.sent
        out += ["", "[report.sent]", *t.pairs({"at": s.at, "file": s.file, "sha256": s.sha256, "locked": s.locked,
                                                "record_sha256": s.record_sha256, "snapshot": s.snapshot})]
        for f in s.files:  # the files as sent, compressed as the workbook keeps them (zlib, then base64)
            out += ["", "[[report.sent.files]]", *t.pairs({"suffix": f.suffix, "name": f.name, "sha256": f.sha256,
                                                           "size": f.size,
                                                           "zlib": base64.b64encode(f.data).decode("ascii")})]
    if report.annex is not None:  # the figures annex chosen for this report
        out += ["", "[report.annex]", *t.pairs({"sectors": list(report.annex.sectors)
                                                 if report.annex.sectors is not None else None,
                                                 "columns": list(report.annex.columns)})]
    if report.images != SignImages():  # pictures of the signature and the seal, for a printed copy
        i = report.images
        out += ["", "[report.sign_images]", *t.pairs({
            "printed": i.printed, "seal_mm": i.seal_mm,
            "signature": base64.b64encode(i.signature).decode("ascii") if i.signature is not None else None,
            "seal": base64.b64encode(i.seal).decode("ascii") if i.seal is not None else None})]
    order = {i.code: n for n, i in enumerate(workbook.indicators)}
    codes = sorted(report.values, key=lambda c: (order.get(c, len(order)), c))
    figures = [(c, _figures(report.values[c])) for c in codes]
    figures = [(c, f) for c, f in figures if any(v is not None for v in f.values())]
    if figures:
        out += ["", "[report.values]", *[f"{t.key(c)} = {t.inline(f)}" for c, f in figures]]
    overrides = [(c, {f: report.values[c].overrides[f] for f in OVERRIDE_FIELDS if f in report.values[c].overrides})
                 for c in codes if report.values[c].overrides]
    if overrides:
        out += ["", "[report.overrides]", *[f"{t.key(c)} = {t.inline(o)}" for c, o in overrides]]
    for sector in workbook.sectors:
        parts = {p.value: _blocks(report.part(p, sector.code)) for p in SECTOR_PARTS if report.part(p, sector.code)}
        if parts:
            out += ["", f"[report.sectors.{t.key(sector.code)}]",
                    *[f"{k} = {t.long_array(v)}" for k, v in parts.items()]]
    for name, group in (("assessment", ASSESSMENT), ("direction", DIRECTION)):
        parts = {p.value: _blocks(report.part(p)) for p in group if report.part(p)}
        if parts:
            out += ["", f"[report.{name}]", *[f"{k} = {t.long_array(v)}" for k, v in parts.items()]]
    return out + _sources(report, order)


def _sources(report: Report, order: dict[str, int]) -> list[str]:
    """Where a rolled-up report's figures came from: one ``[[report.sources]]`` per part workbook, its figures by
    indicator under ``[report.sources.values]``."""
    out: list[str] = []
    for position in sorted({s.position for s in report.sources}):
        rows = sorted((s for s in report.sources if s.position == position), key=lambda s: (order.get(s.code, 0), s.code))
        head = rows[0]
        out += ["", "[[report.sources]]", *t.pairs({
            "position": position, "file": head.file, "workbook": head.workbook, "agency": head.agency,
            "report": head.report, "edited_at": head.edited_at, "taken_at": head.taken_at}),
            "", "[report.sources.values]",
            *[f"{t.key(s.code)} = {t.inline({f: getattr(s, f) for f in VALUE_FIELDS})}" for s in rows]]
    return out


def workbook_text(workbook: Workbook, catalogue_id: str, catalogue_name: str, catalogue_version: int = 1) -> str:
    """The workbook as one TOML text: what ``baocao-gui dump`` writes."""
    catalogue = Catalogue(catalogue_id, catalogue_name, catalogue_version, workbook.labels, workbook.sectors,
                          workbook.indicators, tuple(workbook.rules), workbook.dhis2)
    out = ["# Sổ báo cáo baocao-gui ở dạng văn bản: baocao-gui load TỆP.toml SỔ.baocao", "",
           catalogue_text(catalogue).rstrip("\n"), "", "[agency]",
           *[f"{k} = {t.string(v)}" for k, v in _agency(workbook.agency).items()]]
    for report in workbook.in_order():
        out += _report(workbook, report)
    return "\n".join(out) + "\n"
