"""What a new period's report starts from: rules of the reporting regime, not of the file that stores them.

A report's plan (kế hoạch) is the year's plan, set as targets (chỉ tiêu kỳ sau) by the annual report of the
year before; a report of a part of the year (9 or 6 months, a quarter, a month) measures itself against the
same annual plan. Its "same period last year" (cùng kỳ) is the actual figure of the same period a year earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import RANGE_FIELDS, Period, PeriodKind, Values


@dataclass(frozen=True)
class Carried:
    """The figures a new report starts with, and where each kind came from (for the status bar)."""

    values: dict[str, Values]
    sources: tuple[str, ...]  # "kế hoạch: chỉ tiêu năm 2025 đặt trong báo cáo năm 2024", …

    def say(self) -> str:
        if not self.sources:
            return "không có số liệu nào được mang sang (sổ chưa có báo cáo đặt kế hoạch hay báo cáo cùng kỳ)"
        return "; ".join(self.sources)


def plan_sources(period: Period) -> tuple[Period, ...]:
    """Where a report's plans come from, best first: the annual report of the year before (its targets), then
    the reports of the same year (their plans: the same annual plan)."""
    same_year = [Period(k, period.year) for k in PeriodKind if k != period.kind]
    same_year.sort(key=lambda p: p.order, reverse=True)
    return (Period(PeriodKind.YEAR, period.year - 1), *same_year)


def carry(period: Period, figures: dict[Period, dict[str, Values]]) -> Carried:
    """The figures a report of ``period`` starts with, from the figures of the workbook's other reports."""
    plans: dict[str, tuple[float, float | None]] = {}  # a range stays a range: (low, high or None)
    places: dict[str, dict[str, int]] = {}  # and "1,0" stays "1,0": the decimals typed, as the plan's
    sources: list[str] = []
    for i, source in enumerate(plan_sources(period)):
        values = figures.get(source, {})
        field = "target" if i == 0 else "plan"
        found = {c: (getattr(v, field), v.high(field)) for c, v in values.items()
                 if getattr(v, field) is not None and c not in plans}
        for c in found:
            v = values[c]
            typed = {"plan": v.places.get(field), "plan_high": v.places.get(RANGE_FIELDS[field])}
            places[c] = {k: n for k, n in typed.items() if n}
        if found:
            plans.update(found)
            sources.append(f"kế hoạch của {len(found)} chỉ tiêu lấy từ "
                           + (f"chỉ tiêu năm {period.year} trong báo cáo {source.label}" if i == 0
                              else f"kế hoạch trong báo cáo {source.label}"))
    earlier = figures.get(Period(period.kind, period.year - 1), {})
    lasts = {c: v.actual for c, v in earlier.items() if v.actual is not None}
    if lasts:
        sources.append(f"cùng kỳ của {len(lasts)} chỉ tiêu lấy từ số thực hiện "
                       f"{Period(period.kind, period.year - 1).label}")
    values = {c: Values(plan=plans.get(c, (None, None))[0], plan_high=plans.get(c, (None, None))[1], last=lasts.get(c),
                        places={**places.get(c, {}), **({"last": n} if c in lasts
                                                        and (n := earlier[c].places.get("actual")) else {})})
              for c in sorted(set(plans) | set(lasts))}
    return Carried(values, tuple(sources))


def shift_years(text: str, year: int, by: int = 1) -> str:
    """"… năm 2023 - Phương hướng … năm 2024" → "… năm 2024 - … năm 2025" (only the report's own years)."""
    if not by:
        return text
    return re.sub(r"\b(\d{4})\b", lambda m: str(int(m.group(1)) + by) if int(m.group(1)) in (year - 1, year, year + 1)
                  else m.group(1), text)


def next_period(source: Period, kind: PeriodKind | None = None, year: int | None = None) -> Period:
    """The period a "next report" is for by default: the same kind a year later, unless told otherwise."""
    return Period(PeriodKind(kind or source.kind), year or source.year + 1)


def carried_summary(summary: str, source: Period, target: Period) -> str:
    """A trích yếu written for ``source`` rewritten for ``target``: its period and next period by name ("9 tháng
    năm 2024 - … quý IV năm 2024" → "năm 2024 - … năm 2025"), then the other years it names moved along."""
    marks = {"\x00P\x00": (source.label, target.label), "\x00N\x00": (source.next_label, target.next_label)}
    for mark, (old, _) in sorted(marks.items(), key=lambda kv: -len(kv[1][0])):
        summary = re.sub(re.escape(old), mark, summary, flags=re.IGNORECASE)
    summary = shift_years(summary, source.year, target.year - source.year)
    for mark, (_, new) in marks.items():
        summary = summary.replace(mark, new)
    return summary
