"""The workbook as plain data: agency, sectors, indicators, reports and their figures and paragraphs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"  # công tác tham mưu: results in A.I, tasks in B.II.1
    SECTOR = "sector"  # a lĩnh vực: results in A.II.n, tasks in B.II.2.n


class PeriodKind(StrEnum):
    YEAR = "year"
    SIX_MONTHS = "6m"
    NINE_MONTHS = "9m"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # a sub-heading inside a part, numbered a), b) … by the program
    BULLET = "bullet"  # a "- " list item
    TABLE = "table"  # a table (domain.tables.Table as JSON in the block's text)


class Part(StrEnum):
    """Where a narrative block belongs in the report."""

    INTRO = "intro"
    RESULTS = "results"  # of a sector
    TASKS = "tasks"  # of a sector
    ADVANTAGES = "advantages"
    DIFFICULTIES = "difficulties"
    CAUSES = "causes"
    OBJECTIVE = "objective"
    MAIN_TARGETS = "main_targets"
    TASKS_INTRO = "tasks_intro"


SECTOR_PARTS = (Part.RESULTS, Part.TASKS)


class PlanMeaning(StrEnum):
    LEVEL = "level"  # the plan is the value to reach
    DECREASE = "decrease"  # the plan is a reduction in points (poverty rate falls by ≥ 3%)


VALUE_FIELDS = ("actual", "plan", "last", "target")
OVERRIDE_FIELDS = ("pct_plan", "pct_last", "pct_parent", "delta")


@dataclass(frozen=True)
class Agency:
    parent_name: str = ""  # cơ quan chủ quản, e.g. UBND TỈNH ĐẮK NÔNG
    name: str = ""  # cơ quan ban hành
    abbreviation: str = ""  # in the document symbol BC-SLĐTBXH
    place: str = ""  # địa danh on the date line


@dataclass(frozen=True)
class Sector:
    code: str
    role: Role
    title: str
    task_title: str


@dataclass(frozen=True)
class Indicator:
    code: str
    sector: str
    name: str
    unit: str = ""
    parent: str | None = None
    parts_complete: bool = False
    plan_meaning: PlanMeaning = PlanMeaning.LEVEL
    pad: bool = True
    sentence: str = ""

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Values:
    """Raw figures of one indicator in one report; a typed override beats a computed figure."""

    actual: float | None = None
    plan: float | None = None
    last: float | None = None  # cùng kỳ năm trước
    target: float | None = None  # chỉ tiêu kỳ sau
    overrides: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    id: int | None = None  # the row in the workbook, for editing


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    year: int

    @property
    def label(self) -> str:
        return {
            PeriodKind.YEAR: f"năm {self.year}",
            PeriodKind.SIX_MONTHS: f"6 tháng đầu năm {self.year}",
            PeriodKind.NINE_MONTHS: f"9 tháng năm {self.year}",
        }[self.kind]

    @property
    def next_label(self) -> str:
        return {
            PeriodKind.YEAR: f"năm {self.year + 1}",
            PeriodKind.SIX_MONTHS: f"6 tháng cuối năm {self.year}",
            PeriodKind.NINE_MONTHS: f"quý IV năm {self.year}",
        }[self.kind]


@dataclass(frozen=True)
class Report:
    id: int
    period: Period
    number: int | None = None
    date: dt.date | None = None
    type_name: str = "BÁO CÁO"
    summary: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    values: dict[str, Values] = field(default_factory=dict)
    # narrative: (part, sector code or "") → blocks in order
    blocks: dict[tuple[Part, str], tuple[Block, ...]] = field(default_factory=dict)

    def part(self, part: Part, sector: str = "") -> tuple[Block, ...]:
        return self.blocks.get((Part(part), sector), ())


@dataclass(frozen=True)
class Workbook:
    agency: Agency
    labels: dict[str, str]
    sectors: tuple[Sector, ...]
    indicators: tuple[Indicator, ...]
    reports: tuple[Report, ...] = ()
    rules: tuple = ()  # domain.rules.Rule, checked before export
    # what could not be read from a damaged or odd file, one Vietnamese line each (the window opens it read-only)
    problems: tuple[str, ...] = ()

    def indicator(self, code: str) -> Indicator | None:
        return self._indicators_by_code.get(code)

    @property
    def _indicators_by_code(self) -> dict[str, Indicator]:
        cache = self.__dict__.get("_by_code")
        if cache is None:
            cache = {i.code: i for i in self.indicators}
            object.__setattr__(self, "_by_code", cache)
        return cache

    def report_for(self, year: int | None = None) -> Report:
        """The report of that year (a year report before a 6- or 9-month one); the latest without a year."""
        if not self.reports:
            raise LookupError("workbook has no report")
        if year is None:
            return max(self.reports, key=lambda r: (r.period.year, r.period.kind == PeriodKind.YEAR))
        matching = [r for r in self.reports if r.period.year == year]
        if not matching:
            raise LookupError(f"no report for {year}")
        return max(matching, key=lambda r: r.period.kind == PeriodKind.YEAR)
