"""What a new period's report starts from: rules of the reporting regime, not of the file that stores them."""

from __future__ import annotations

import re

from .model import Period, PeriodKind, Values


def carries_figures(source: Period, target: Period) -> bool:
    """This period's targets become the next one's plans, and its actual figures the next one's "same period
    last year", only from a period to the same kind of period a year later (annual → annual, 9 months → 9 months)."""
    return target.kind == source.kind and target.year == source.year + 1


def carried(values: Values) -> Values | None:
    """The figures a report of the next year starts with: plan from this target, last from this actual."""
    if values.target is None and values.actual is None:
        return None
    return Values(actual=None, plan=values.target, last=values.actual, target=None)


def shift_years(text: str, year: int) -> str:
    """"… năm 2023 - Phương hướng … năm 2024" → "… năm 2024 - … năm 2025" (only the report's own years)."""
    return re.sub(r"\b(\d{4})\b", lambda m: str(int(m.group(1)) + 1) if int(m.group(1)) in (year - 1, year, year + 1)
                  else m.group(1), text)


def next_period(source: Period, kind: PeriodKind | None = None, year: int | None = None) -> Period:
    return Period(PeriodKind(kind or source.kind), year or source.year + 1)
