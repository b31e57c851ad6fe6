"""A report's figures computed from the same report of other workbooks (tổng hợp số liệu từ các sổ): the former
provinces merged into this one, or the offices and communes that report to it. Plain data in, plain data out.

- Indicators are matched by code, then by name (NFC, case-insensitive); a part's indicator that matches nothing here
  is listed, never dropped silently.
- Counts and money add up: the actual, the plan, the target (a range adds end to end), and the same period last year
  (each part's figure from its own report of a year earlier when it has one, else the ``last`` it typed).
- A rate (unit "%") is recomputed from the indicators it is a rate of (``Indicator.rate_of``: numerator,
  denominator), from their sums; without that it is left for the clerk, and said. A plan or target of a rate, or a
  reduction plan (in points), does not add up: left, and said.
- Each figure keeps where it came from (``FigureSource``): the part's file, report, when it was edited and taken.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .model import RANGE_FIELDS, VALUE_FIELDS, FigureSource, Indicator, PlanMeaning, Report, Workbook

Figure = float | tuple[float, float] | None
FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ năm trước", "target": "chỉ tiêu kỳ sau"}


@dataclass(frozen=True)
class PartReport:
    """One part workbook as a roll-up reads it: its file name, structure, report of the period and the report of
    the same period a year earlier (None when it has none)."""

    file: str
    workbook: Workbook
    report: Report | None
    last: Report | None = None


@dataclass(frozen=True)
class FigureUpdate:
    """One figure the roll-up would write: what the report holds now and what the parts give."""

    code: str
    name: str
    field: str
    old: Figure
    new: Figure


@dataclass(frozen=True)
class Rollup:
    values: dict[str, dict[str, Figure]]  # code → field → the figure the parts give (only what they give)
    changes: tuple[FigureUpdate, ...]  # those that differ from the report now: what applying changes
    sources: tuple[FigureSource, ...]  # where each figure came from, by part
    unmatched: tuple[str, ...]  # one line per part indicator that matches none here
    notes: tuple[str, ...]  # rates left for the clerk, indicators some parts lack, parts without the report
    parts: tuple[str, ...] = field(default=())  # the part files taken, in order


def name_key(name: str) -> str:
    """An indicator's name as a roll-up matches it: NFC, case-insensitive, white space as one space."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def match_indicators(here: tuple[Indicator, ...], theirs: tuple[Indicator, ...]) -> tuple[dict[str, str], list[Indicator]]:
    """(their code → our code, their indicators that match none): by code, then by name."""
    codes = {i.code for i in here}
    by_name: dict[str, str | None] = {}
    for i in here:
        key = name_key(i.name)
        by_name[key] = None if key in by_name else i.code  # a name two indicators share matches neither
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    left: list[Indicator] = []
    for i in theirs:  # codes first, so a name never takes what a code matches
        if i.code in codes:
            mapping[i.code] = i.code
            taken.add(i.code)
    for i in theirs:
        if i.code in mapping:
            continue
        ours = by_name.get(name_key(i.name))
        if ours is not None and ours not in taken:
            mapping[i.code] = ours
            taken.add(ours)
        else:
            left.append(i)
    return mapping, left


def _round(value: float, decimals: int = 6) -> float:
    """Half up at ``decimals`` (a sum of figures typed with at most six decimals needs no more; a rate is kept at
    the decimals it prints with); integral results as integers."""
    if decimals == 6 and float(value).is_integer():
        rounded = float(value)
    else:
        rounded = float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def _figure(values, name: str) -> Figure:
    low = getattr(values, name)
    high = values.high(name)
    return (low, high) if low is not None and high is not None else low


def _add(figures: list[Figure]) -> Figure:
    present = [f for f in figures if f is not None]
    if not present:
        return None
    if any(isinstance(f, tuple) for f in present):
        low = sum(f[0] if isinstance(f, tuple) else f for f in present)
        high = sum(f[1] if isinstance(f, tuple) else f for f in present)
        return (_round(low), _round(high)) if _round(low) != _round(high) else _round(low)
    return _round(sum(present))


def _same(a: Figure, b: Figure) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if a is None or b is None:
        return a is b
    return _round(a) == _round(b)


def _list(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(f"“{n}”" for n in names[:limit])
    return shown + (f" và {len(names) - limit} sổ khác" if len(names) > limit else "")


def compute(workbook: Workbook, report: Report, parts: list[PartReport], taken_at: str = "") -> Rollup:
    """The figures of ``report`` from ``parts`` (see the module's words), and what would change."""
    notes: list[str] = []
    unmatched: list[str] = []
    here = workbook.indicators
    by_code = {i.code: i for i in here}
    # code here → [(position, part, their code)] for every part that has it
    having: dict[str, list[tuple[int, PartReport, str]]] = {}
    used = [p for p in parts if p.report is not None]
    for p in parts:
        if p.report is None:
            notes.append(f"Sổ “{p.file}” không có báo cáo kỳ này: không tính vào tổng hợp.")
    for position, p in enumerate(used):
        mapping, left = match_indicators(here, p.workbook.indicators)
        empty = 0
        for i in left:
            if i.code in p.report.values and any(v is not None for v in _numbers(p.report.values[i.code])):
                unmatched.append(f"Sổ “{p.file}”: chỉ tiêu “{i.name}” ({i.code}) không có trong sổ này — chưa tính.")
            else:
                empty += 1
        if empty:
            unmatched.append(f"Sổ “{p.file}”: {empty} chỉ tiêu khác không có trong sổ này (chưa có số liệu nào).")
        for theirs, ours in mapping.items():
            having.setdefault(ours, []).append((position, p, theirs))

    def part_figure(p: PartReport, theirs: str, name: str) -> Figure:
        values = p.report.values.get(theirs)
        if name == "last" and p.last is not None:
            before = p.last.values.get(theirs)
            if before is not None and before.actual is not None:
                return before.actual
        if values is None:
            return None
        low = getattr(values, name)
        high = values.plan_high if name == "plan" else values.target_high if name == "target" else None
        return (low, high) if low is not None and high is not None else low

    values: dict[str, dict[str, Figure]] = {}
    sources: list[FigureSource] = []
    left_rates: list[str] = []
    headings = {position: _heading(p) for position, p in enumerate(used)}
    typed_rates: set[str] = set()
    for ind in here:
        found = having.get(ind.code, [])
        if not found:
            continue
        if len(found) < len(used):
            missing = [p.file for pos, p in enumerate(used) if pos not in {x[0] for x in found}]
            notes.append(f"Chỉ tiêu “{ind.name}” không có trong {_list(missing)}: tổng chỉ gồm các sổ có nó.")
        columns: list[tuple[Figure, ...]] = []  # each part's (actual, plan, last, target)
        without: list[str] = []  # parts that have the indicator but no actual figure
        for position, p, theirs in found:
            figures = tuple(part_figure(p, theirs, f) for f in VALUE_FIELDS)
            if figures[0] is None:
                without.append(p.file)
            if figures == (None, None, None, None):
                continue
            columns.append(figures)
            sources.append(FigureSource(
                ind.code, position, p.file, p.workbook.identity, headings[position],
                p.report.period.label, p.report.edited_at, taken_at,
                *(v[0] if isinstance(v, tuple) else v for v in figures)))
        if without and len(without) < len(found):  # a sum short of a part is said, never passed off as the total
            notes.append(f"Chỉ tiêu “{ind.name}”: {_list(without)} chưa có số thực hiện — tổng chưa gồm sổ đó.")
        if ind.is_rate:
            if columns:
                typed_rates.add(ind.code)
            continue
        out: dict[str, Figure] = {}
        for n, name in enumerate(VALUE_FIELDS):
            if name in RANGE_FIELDS and ind.plan_meaning == PlanMeaning.DECREASE:
                continue  # a reduction in points does not add up
            total = _add([c[n] for c in columns])
            if total is not None:
                out[name] = total
        if out:
            values[ind.code] = out
    for ind in here:  # rates, from the sums above
        found = having.get(ind.code, [])
        if not ind.is_rate or not found:
            continue
        typed = ind.code in typed_rates
        recipe = ind.rate_of if ind.rate_of and all(c in by_code for c in ind.rate_of) else None
        if recipe is None:
            if typed:
                left_rates.append(ind.name)
            continue
        out = {}
        decimals = ind.precision if ind.precision is not None else (report.pct_precision if report.pct_precision
                                                                    is not None else 2)
        for name in ("actual", "last"):
            top, bottom = (values.get(c, {}).get(name) for c in recipe)
            if isinstance(top, int | float) and isinstance(bottom, int | float) and bottom:
                out[name] = _round(top / bottom * 100, decimals)
        if out:
            values[ind.code] = out
        elif typed:
            left_rates.append(ind.name)
    if left_rates:
        notes.append(f"Tỷ lệ không tính lại được từ các sổ (chưa khai báo là tỷ lệ của hai chỉ tiêu nào, hoặc các sổ "
                     f"chưa có số của hai chỉ tiêu đó) — hãy nhập tay: {', '.join(f'“{n}”' for n in left_rates)}.")
    changes = []
    for ind in here:
        for name, new in values.get(ind.code, {}).items():
            old = _figure(report.values[ind.code], name) if ind.code in report.values else None
            if not _same(old, new):
                changes.append(FigureUpdate(ind.code, ind.name, name, old, new))
    return Rollup(values, tuple(changes), tuple(sources), tuple(unmatched), tuple(notes), tuple(p.file for p in used))


def _heading(part: PartReport) -> str:
    """What a part is called in the annex's column: its place ("Đắk Nông"), else its parent body, else its name."""
    for agency in (part.report.agency, part.workbook.agency):
        for name in (agency.place, agency.parent_name, agency.name):
            if name.strip():
                return " ".join(name.split())
    return part.file


def _numbers(values) -> tuple:
    return () if values is None else tuple(getattr(values, f) for f in VALUE_FIELDS)


def sources_differ(old: tuple[FigureSource, ...], new: tuple[FigureSource, ...]) -> bool:
    """Whether the provenance changed, leaving aside when it was taken."""
    def key(s: FigureSource) -> tuple:
        return tuple(map(repr, (s.code, s.position, s.file, s.workbook, s.report, s.edited_at, s.actual, s.plan,
                                s.last, s.target)))

    return sorted(map(key, old)) != sorted(map(key, new))


__all__ = ["FIELD_WORDS", "FigureUpdate", "PartReport", "Rollup", "compute", "match_indicators", "name_key",
           "sources_differ"]
