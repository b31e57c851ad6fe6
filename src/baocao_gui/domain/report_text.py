"""Every text a report prints, each with its place: what find and replace search and the tone-mark style rewrites.

A ``Spot`` is one text as the clerk reads it: a paragraph of a part (of a sector), one cell of a table block (a
table is JSON in its block's text: ``domain.tables``), a field of the general tab (agency lines, summary, signer…),
one line of the recipients, a sector's title or task title, an indicator's default sentence. Its ``field`` says
where the workbook keeps it (``("block", id)``, ``("report", "summary")``, ``("agency", "name")``,
``("recipients",)``, ``("sector", code, "title")``, ``("indicator", code)``); ``fields_with`` puts new texts of
spots back into whole field values (a table's JSON, the list of recipients) for one edit to write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .model import BlockKind, Part, Report, Workbook
from .report_place import Place
from .structure import PART_INFO
from .tables import Table
from .tone import NEW, OLD, styled_words

GENERAL = "Thông tin chung"
# the general tab's text fields: (where the workbook keeps it, its label, the field the window focuses)
GENERAL_TEXTS = (
    (("agency", "parent_name"), "Cơ quan chủ quản", "parent_name"),
    (("agency", "name"), "Cơ quan ban hành", "agency_name"),
    (("agency", "abbreviation"), "Chữ viết tắt tên cơ quan", "abbreviation"),
    (("agency", "place"), "Địa danh", "place"),
    (("report", "type_name"), "Tên loại văn bản", "type_name"),
    (("report", "summary"), "Trích yếu nội dung", "summary"),
    (("report", "signer_authority"), "Thẩm quyền ký", "signer_authority"),
    (("report", "signer_title"), "Chức vụ người ký", "signer_title"),
    (("report", "signer_name"), "Họ tên người ký", "signer_name"),
)
AGENCY_ATTRS = {"parent_name": "parent_name", "name": "name", "abbreviation": "abbreviation", "place": "place"}


@dataclass(frozen=True)
class Spot:
    """One text of the report, where it is (``where`` for the clerk, ``place`` for the window) and where the
    workbook keeps it (``field``; ``cell`` is (section, row, col) in a table, or ("line", n) of the recipients)."""

    field: tuple
    where: str
    place: Place
    text: str
    cell: tuple | None = None


def _block_spots(workbook: Workbook, report: Report) -> Iterator[Spot]:
    titles = {s.code: s.title for s in workbook.sectors}
    order = {p: i for i, p in enumerate(Part)}
    sectors = {s.code: n for n, s in enumerate(workbook.sectors)}
    for (part, sector), blocks in sorted(report.blocks.items(),
                                         key=lambda kv: (sectors.get(kv[0][1], -1), order[kv[0][0]])):
        if sector and (sector in report.sectors_off or sector not in titles):
            continue  # left out of this report: not printed
        head = f"{titles[sector]} › " if sector else ""
        for index, block in enumerate(blocks, 1):
            where = f"{head}{PART_INFO[part].name} › đoạn {index}"
            place = Place(sector=sector or None, part=part, block_id=block.id)
            if block.kind != BlockKind.TABLE:
                yield Spot(("block", block.id), where, place, block.text)
                continue
            table = Table.from_json(block.text)
            for section, grid in (("header", table.header), ("rows", table.rows)):
                for r, row in enumerate(grid):
                    for c, text in enumerate(row):
                        if text:
                            n = r + 1 if section == "header" else len(table.header) + r + 1
                            yield Spot(("block", block.id), f"{where} (bảng, dòng {n}, cột {c + 1})", place, text,
                                       (section, r, c))


_last: tuple[Workbook, Report, tuple[Spot, ...]] | None = None  # the models are immutable: one model, one list


def report_spots(workbook: Workbook, report: Report) -> tuple[Spot, ...]:
    """Every text of the report in the order of the window's tabs: the general tab, each sector (its title, task
    title, paragraphs of results and tasks, its indicators' sentences), then the assessment and direction parts.
    The check before signing and a search of the same model share one list (kept for the newest model only)."""
    global _last
    last = _last
    if last is not None and last[0] is workbook and last[1] is report:
        return last[2]
    spots = tuple(_spots(workbook, report))
    _last = (workbook, report, spots)
    return spots


def _spots(workbook: Workbook, report: Report) -> list[Spot]:
    spots: list[Spot] = []
    for key, label, focus in GENERAL_TEXTS:
        text = getattr(report.agency, AGENCY_ATTRS[key[1]]) if key[0] == "agency" else getattr(report, key[1])
        if text:
            spots.append(Spot(key, f"{GENERAL} › {label}", Place(field=focus), text))
    for n, line in enumerate(report.recipients):
        if line:
            spots.append(Spot(("recipients",), f"{GENERAL} › Nơi nhận › dòng {n + 1}", Place(field="recipients"),
                              line, ("line", n)))
    blocks = list(_block_spots(workbook, report))
    for sector in workbook.sectors_of(report):
        for name, label in (("title", "tên lĩnh vực"), ("task_title", "tên phần nhiệm vụ")):
            text = getattr(sector, name)
            if text:
                spots.append(Spot(("sector", sector.code, name), f"{sector.title} › {label}",
                                  Place(sector=sector.code, field=name), text))
        spots += [s for s in blocks if s.place.sector == sector.code]
        for ind in workbook.indicators:
            if ind.sector == sector.code and ind.sentence:
                spots.append(Spot(("indicator", ind.code), f"{sector.title} › chỉ tiêu “{ind.name}” › câu mặc định",
                                  Place(sector=sector.code, indicator=ind.code, field="sentence"), ind.sentence))
    spots += [s for s in blocks if s.place.sector is None]
    return spots


def field_value(workbook: Workbook, report: Report, field: tuple) -> Any:
    """The value the workbook keeps for ``field`` now (a block's text — a table's JSON —, the recipients as a
    list, a header field, a sector's title, an indicator's sentence)."""
    kind = field[0]
    if kind == "block":
        return next((b.text for blocks in report.blocks.values() for b in blocks if b.id == field[1]), None)
    if kind == "recipients":
        return list(report.recipients)
    if kind == "agency":
        return getattr(report.agency, AGENCY_ATTRS[field[1]])
    if kind == "report":
        return getattr(report, field[1])
    if kind == "sector":
        return next((getattr(s, field[2]) for s in workbook.sectors if s.code == field[1]), None)
    if kind == "indicator":
        ind = workbook.indicator(field[1])
        return ind.sentence if ind is not None else None
    raise KeyError(field)


def fields_with(workbook: Workbook, report: Report, texts: Mapping[Spot, str]) -> dict[tuple, Any]:
    """The whole values of the fields whose spots get new texts: a table's JSON with those cells changed, the
    recipients with those lines changed, any other field's new text. Fields that would not change are left out."""
    out: dict[tuple, Any] = {}
    by_field: dict[tuple, list[tuple[Spot, str]]] = {}
    for spot, text in texts.items():
        by_field.setdefault(spot.field, []).append((spot, text))
    blocks = {b.id: b.text for part in report.blocks.values() for b in part}  # one look-up each, not a scan
    for field, changes in by_field.items():
        old = blocks.get(field[1]) if field[0] == "block" else field_value(workbook, report, field)
        if old is None:
            continue
        if field[0] == "recipients":
            lines = list(old)
            for spot, text in changes:
                lines[spot.cell[1]] = text
            new: Any = lines
        elif changes[0][0].cell is not None:  # cells of a table block
            table = Table.from_json(old)
            grids = {"header": [list(r) for r in table.header], "rows": [list(r) for r in table.rows]}
            for spot, text in changes:
                section, r, c = spot.cell
                grids[section][r][c] = text
            new = dataclasses.replace(table, header=tuple(map(tuple, grids["header"])),
                                      rows=tuple(map(tuple, grids["rows"]))).to_json()
        else:
            new = changes[-1][1]
        if new != old:
            out[field] = new
    return out


def rewritten(workbook: Workbook, report: Report, rewrite: Callable[[str], str]) -> dict[tuple, Any]:
    """Every text of the report passed through ``rewrite`` (the tone-mark style): the fields that change."""
    texts = {s: rewrite(s.text) for s in report_spots(workbook, report)}
    return fields_with(workbook, report, {s: t for s, t in texts.items() if t != s.text})


def majority_style(workbook: Workbook, report: Report) -> str:
    """The tone-mark style most words of the report are written in (domain.tone; the new one on a tie)."""
    counts = {OLD: 0, NEW: 0}
    for spot in report_spots(workbook, report):
        for _word, style in styled_words(spot.text):
            counts[style] += 1
    return OLD if counts[OLD] > counts[NEW] else NEW


__all__ = ["GENERAL_TEXTS", "Spot", "field_value", "fields_with", "majority_style", "report_spots", "rewritten"]
