"""The workbook as plain data: agency, sectors, indicators, reports and their figures and paragraphs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .period_kinds import PeriodKind


class Role(StrEnum):
    STAFF = "staff"  # công tác tham mưu: results in A.I, tasks in B.II.1
    SECTOR = "sector"  # a lĩnh vực: results in A.II.n, tasks in B.II.2.n


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


class PlanDirection(StrEnum):
    """How the actual (for a reduction plan: the fall since last year) is held against the plan, and the words
    the plan is printed with. A plan typed as a range ("1–1,5") is checked as a range whatever its direction."""

    REACH = "reach"  # ≥ the plan, printed bare: "18.200", "giảm 3%"
    AT_LEAST = "at_least"  # ≥, "từ 2% trở lên"
    ABOVE = "above"  # >, "trên 2%"
    AT_MOST = "at_most"  # ≤, "không quá 5%"
    BELOW = "below"  # <, "dưới 3%"

    @property
    def is_limit(self) -> bool:
        """A ceiling: the figure must stay at or under the plan (met when it is lower)."""
        return self in (PlanDirection.AT_MOST, PlanDirection.BELOW)


# The catalogue's ``plan_direction`` names (docs/data-format.md): the meaning and the direction in one word.
def _direction_names() -> dict[str, tuple[PlanMeaning, PlanDirection]]:
    names = {}
    for meaning in PlanMeaning:
        for direction in PlanDirection:
            word = "level" if direction == PlanDirection.REACH else direction.value
            if meaning == PlanMeaning.DECREASE:
                word = "decrease" if direction == PlanDirection.REACH else f"decrease_{word}"
            names[word] = (meaning, direction)
    return names


# The catalogue's ``plan_direction`` words (docs/data-format.md), the meaning and the direction in one:
# level, at_least, above, at_most, below, decrease, decrease_at_least, decrease_above, decrease_at_most, decrease_below
PLAN_DIRECTIONS = _direction_names()
PLAN_WORDS = {  # how a plan is printed in its direction; {} is the figure
    PlanDirection.REACH: "{}", PlanDirection.AT_LEAST: "từ {} trở lên", PlanDirection.ABOVE: "trên {}",
    PlanDirection.AT_MOST: "không quá {}", PlanDirection.BELOW: "dưới {}",
}


def plan_direction_name(meaning: PlanMeaning, direction: PlanDirection) -> str:
    """"decrease_at_least", "below", "level": the catalogue's word for a plan's meaning and direction."""
    return next(name for name, pair in PLAN_DIRECTIONS.items() if pair == (meaning, direction))


VALUE_FIELDS = ("actual", "plan", "last", "target")
# a plan or a target may be a range ("giảm 1–1,5%"): its upper end, stored beside the lower one
RANGE_FIELDS = {"plan": "plan_high", "target": "target_high"}
MAX_PRECISION = 4  # decimals a percentage may be printed with
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
    precision: int | None = None  # decimals of its percentages and converted figures; None: the report's default
    plan_direction: PlanDirection = PlanDirection.REACH  # at least / above / at most / below the plan (m011)
    # a rate (unit "%") as numerator ÷ denominator × 100 of two indicators' codes: what a roll-up recomputes it from
    rate_of: tuple[str, str] | None = None
    # where its figures go in DHIS2 (domain/dhis2.py): (field, "DE_UID" or "DE_UID.COC_UID") pairs, and ("coc", UID)
    dhis2: tuple[tuple[str, str], ...] = ()

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
    plan_high: float | None = None  # the upper end of a plan typed as a range ("1–1,5"), else None
    target_high: float | None = None  # the same for the target
    # decimals typed beyond what the number shows, by field (actual … target_high): "1,0" typed as a plan's upper
    # end is {"plan_high": 1}, so it prints "0,6–1,0" as typed, not "0,6–1" (m011_plan_direction)
    places: dict[str, int] = field(default_factory=dict)

    def high(self, field: str) -> float | None:
        """The upper end of a range plan or target (None for a single figure)."""
        return getattr(self, RANGE_FIELDS[field]) if field in RANGE_FIELDS else None


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
        """"năm 2024", "9 tháng năm 2024", "6 tháng đầu năm 2024", "quý III năm 2024", "tháng 10 năm 2024"."""
        return self.kind.row.label.format(year=self.year, next_year=self.year + 1)

    @property
    def next_label(self) -> str:
        """What section B plans for: the year after, the rest of the year, the next quarter or month."""
        return self.kind.row.next.format(year=self.year, next_year=self.year + 1)

    @property
    def cutoff(self) -> tuple[dt.date, dt.date]:
        """The data the report counts (Decree 09/2019/NĐ-CP, art. 12): from the 15th of the month before the
        period to the 14th of its last month; a year, 6 or 9 months (and quý I, tháng 1) count from 15 December
        of the year before."""
        end = dt.date(self.year, self.kind.end_month, 14)
        before = self.kind.first_month - 1  # the month before the period; 0 is December of the year before
        return (dt.date(self.year, before, 15) if before else dt.date(self.year - 1, 12, 15)), end

    @property
    def order(self) -> tuple[int, int, int]:
        """Reports in time order: by the month the period ends, the shorter period first (quý III, then 9 tháng;
        tháng 12, quý IV, then the year)."""
        return (self.year, self.kind.end_month, self.kind.months)

    @property
    def code(self) -> str:
        """As the command line writes it: ``year``, ``9m``, ``6m``, ``q1``…``q4``, ``m1``…``m12``."""
        return self.kind.value


@dataclass(frozen=True)
class SentFile:
    """A file as it was sent, kept in the workbook: its bytes zlib-compressed (``data``), their SHA-256 and size
    once uncompressed."""

    suffix: str  # ".docx" or ".pdf"
    name: str
    sha256: str
    size: int
    data: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class Sent:
    """A report marked signed and sent: when, the file sent and its SHA-256, and what it said then."""

    at: str  # ISO date and time, local
    file: str = ""  # the exported file's name
    sha256: str = ""
    snapshot: str = ""  # the report as it was sent (app.sent's JSON)
    locked: bool = True  # False once "Mở khóa để sửa" was confirmed (the snapshot is kept)
    # SHA-256 of the record above (when, file, the file's SHA-256, snapshot: app.sent.record_sha256), written when it
    # was marked sent; "" for a report marked sent before the workbook kept it (m009)
    record_sha256: str = ""
    # the files as sent (m010): the one chosen when marking it sent, and the .docx a sent PDF was made from; () for a
    # report marked sent before the workbook kept them, or read without its content (load_workbook's ``only``)
    files: tuple[SentFile, ...] = ()

    def kept(self, suffix: str) -> SentFile | None:
        return next((f for f in self.files if f.suffix == suffix), None)


# The figure columns a report's annex (phụ lục số liệu) may show, in their printed order; "parts": one column of
# "Thực hiện" per workbook a roll-up summed (its sources), shown only when chosen.
ANNEX_COLUMNS = ("unit", "plan", "actual", "pct_plan", "last", "pct_last", "target", "parts")
DEFAULT_ANNEX_COLUMNS = ANNEX_COLUMNS[:-1]


@dataclass(frozen=True)
class AnnexChoice:
    """The report's figures annex: which sectors (None: every sector with figures) and which columns, in order."""

    sectors: tuple[str, ...] | None = None
    columns: tuple[str, ...] = DEFAULT_ANNEX_COLUMNS


@dataclass(frozen=True)
class FigureSource:
    """Where one figure of a rolled-up report came from (tổng hợp từ các sổ): which workbook file (its name and
    identity), which report of it, that report's last edit, when it was taken, and that part's own figures."""

    code: str  # the indicator, in this workbook
    position: int  # the part's place in the roll-up (its annex column)
    file: str  # the part workbook's file name
    workbook: str = ""  # its identity (meta workbook_id)
    agency: str = ""  # the part's agency as its report prints it (its annex column's heading)
    report: str = ""  # the part's report, as "6m 2025"
    edited_at: str = ""  # when the part's report was last edited
    taken_at: str = ""  # when the roll-up read it
    actual: float | None = None
    plan: float | None = None
    last: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class SignImages:
    """The signer's signature and the agency's seal as pictures (transparent PNG), put in the exported document
    only when ``printed``: for a printed copy, never in place of the digital signature (whose own images the
    signing software places in the room the signature block keeps)."""

    signature: bytes | None = None
    seal: bytes | None = None
    seal_mm: float = 35.0  # the seal's real diameter: its image is printed at that size
    printed: bool = False


@dataclass(frozen=True)
class Report:
    id: int
    period: Period
    agency: Agency = Agency()  # the header as this report prints it (each report keeps its own)
    number: int | None = None
    date: dt.date | None = None
    type_name: str = "BÁO CÁO"
    summary: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    sent: Sent | None = None
    edited_at: str = ""  # when anything of the report last changed (UTC, SQLite's datetime)
    sectors_off: frozenset[str] = frozenset()  # sectors left out of this report (their content stays)
    values: dict[str, Values] = field(default_factory=dict)
    # narrative: (part, sector code or "") → blocks in order
    blocks: dict[tuple[Part, str], tuple[Block, ...]] = field(default_factory=dict)
    annex: AnnexChoice | None = None  # no annex unless the clerk chose one
    images: SignImages = SignImages()
    pct_precision: int | None = None  # decimals of this report's percentages; None: two
    sources: tuple[FigureSource, ...] = ()  # where its rolled-up figures came from (m012), by part
    tone_style: str = ""  # where oa/oe/uy carry their tone in this report: "old" (hòa), "new" (hoà), "" not chosen

    def part(self, part: Part, sector: str = "") -> tuple[Block, ...]:
        return self.blocks.get((Part(part), sector), ())

    @property
    def frozen(self) -> bool:
        """Signed and sent, and not unlocked: nothing of it may change."""
        return self.sent is not None and self.sent.locked


@dataclass(frozen=True)
class Dhis2Target:
    """Where a workbook's figures go in DHIS2: the data set and the agency's organisation unit (UIDs; "": not set)."""

    data_set: str = ""
    org_unit: str = ""


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
    identity: str = ""  # the workbook's own id (meta workbook_id): an export carries it, a merge checks it
    dhis2: Dhis2Target = Dhis2Target()  # the data set and the organisation unit the DHIS2 export names (issue 23)

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
        """The report of that year (a year report before the others); without a year, the report edited last."""
        if not self.reports:
            raise LookupError("workbook has no report")
        if year is None:
            return max(self.reports, key=lambda r: (r.edited_at, r.period.order))
        matching = [r for r in self.reports if r.period.year == year]
        if not matching:
            raise LookupError(f"no report for {year}")
        return max(matching, key=lambda r: (r.period.kind == PeriodKind.YEAR, r.period.order))

    def sectors_of(self, report: Report | None) -> tuple[Sector, ...]:
        """The sectors a report has (those left out of it are not printed, checked or shown)."""
        if report is None or not report.sectors_off:
            return self.sectors
        return tuple(s for s in self.sectors if s.code not in report.sectors_off)

    def find(self, period: Period) -> Report | None:
        return next((r for r in self.reports if r.period == period), None)

    def in_order(self) -> list[Report]:
        """The reports in time order (the period box, ``baocao-gui list``)."""
        return sorted(self.reports, key=lambda r: r.period.order)
