"""Figures cited in text with ``{{code.field}}`` and the derived figures computed from raw values.

Percentages are computed in exact decimal arithmetic and rounded half up at the precision they are printed
with: the citation's own (``{{x.pct_plan:1}}``), else the indicator's, else the report's default, else two
decimals. A figure typed by the clerk (an override) wins, so a printed report can be reproduced exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .model import (
    MAX_PRECISION,
    PLAN_WORDS,
    RANGE_FIELDS,
    Indicator,
    PlanDirection,
    PlanMeaning,
    Report,
    Values,
    Workbook,
)
from .units import Unit, convert, convertible, parse_unit
from .vnformat import (
    MAX_ABS,
    MAX_DECIMALS,
    PERCENT_PLACES,
    format_number,
    round_half_up,
    to_decimal,
    typed_places,
)

# {{code}}, {{code.field}}, then optionally @unit (print in a larger unit) and :n (decimals)
TOKEN = re.compile(r"\{\{\s*([a-z0-9_]+)(?:\.([a-z_]+))?(?:\s*@\s*([^{}:@]+?))?(?:\s*:\s*(\d))?\s*\}\}")

VALUE_CITED = ("actual", "plan", "last", "target")
STATED = {"plan_text": "plan", "target_text": "target"}  # the plan and the target in their direction's words
FIELDS = (*VALUE_CITED, *STATED, "pct_plan", "pct_last", "pct_parent", "delta", "change", "growth", "pct_growth",
          "vs_plan", "targets_met")
PERIOD_NAMES = ("year", "last_year", "next_year", "period", "next_period", "period_start", "period_end",
                "targets_met")
EN_DASH = "\u2013"


class MissingFigure(LookupError):
    """A citation whose figure is unknown or empty."""

    def __init__(self, code: str, field: str, reason: str):
        super().__init__(f"{code}.{field}: {reason}")
        self.code, self.field, self.reason = code, field, reason


class Uncomputable(ArithmeticError):
    """A derived figure that cannot be written: beyond ±10^15 (a plan of 0,000001, a damaged cell)."""


@dataclass(frozen=True)
class Citation:
    code: str
    field: str
    start: int
    end: int
    unit: str | None = None  # "tỷ đồng" in {{chi_tra@tỷ đồng}}
    precision: int | None = None  # 1 in {{x.pct_plan:1}}


def citations(text: str) -> list[Citation]:
    return [Citation(m.group(1), m.group(2) or "actual", m.start(), m.end(), m.group(3),
                     int(m.group(4)) if m.group(4) else None) for m in TOKEN.finditer(text)]


def _percent(numerator: float | None, denominator: float | None) -> Decimal | None:
    """numerator ÷ denominator × 100, exact (rounded only when written)."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    try:
        ratio = to_decimal(numerator) * 100 / to_decimal(denominator)
        if abs(ratio) >= MAX_ABS:
            raise Uncomputable(f"{numerator} / {denominator}")
        return ratio
    except (InvalidOperation, ValueError, OverflowError) as exc:
        raise Uncomputable(f"{numerator} / {denominator}") from exc


def typed(values: Values, field: str) -> Decimal | None:
    """A raw figure as the clerk typed it, its trailing zeros included: a plan typed "1,0" is Decimal("1.0")."""
    raw = getattr(values, field)
    if raw is None:
        return None
    number = to_decimal(raw)
    places = values.places.get(field)
    if type(places) is int and decimals(number) < places <= MAX_DECIMALS:
        return number.quantize(Decimal(1).scaleb(-places))
    return number.normalize() if number else Decimal(0)


def typed_text(values: Values, field: str) -> str:
    """A raw figure as the window shows it for editing, with the decimals it was typed with: "1,0", "0,6–1,0";
    "" when there is none."""
    low = typed(values, field)
    if low is None:
        return ""
    high = values.high(field)
    text = format_number(low, places=typed_places(low))
    if high is None:
        return text
    upper = typed(values, RANGE_FIELDS[field])
    return text + EN_DASH + format_number(upper, places=typed_places(upper))


def derived(field: str, values: Values, parent: Values | None = None,
            indicator: Indicator | None = None) -> Decimal | None:
    """The exact value of a derived field, before any override and before rounding; None when a figure is
    missing, ``Uncomputable`` when the result cannot be written. The % of plan of a reduction plan is the fall
    achieved over the fall planned; a ceiling ("dưới 3%", "không quá 5%") has none (see ``pct_plan_of``)."""
    if field == "pct_plan":
        if values.plan_high is not None:
            return None  # a range plan has no one ratio: {{x.vs_plan}} says where the actual stands
        if indicator is not None and indicator.plan_direction.is_limit:
            return None  # a ceiling: being under it is the aim, a ratio to it would read backwards
        if indicator is not None and indicator.plan_meaning == PlanMeaning.DECREASE:
            return _percent(plan_progress(indicator, values), values.plan)
        return _percent(values.actual, values.plan)
    if field == "pct_last":
        return _percent(values.actual, values.last)
    if field == "pct_parent":
        return _percent(values.actual, parent.actual if parent else None)
    if field == "delta":
        if values.actual is None or values.last is None:
            return None
        return abs(typed(values, "actual") - typed(values, "last"))
    raise KeyError(field)


def figure_value(field: str, values: Values, parent: Values | None = None,
                 indicator: Indicator | None = None) -> Decimal | None:
    """The number a citation stands for, unrounded: raw (as typed), typed override, or computed."""
    if field in VALUE_CITED:
        return typed(values, field)
    if field in values.overrides:
        return to_decimal(values.overrides[field]).normalize()
    return derived(field, values, parent, indicator)


def decimals(value: float | Decimal) -> int:
    """How many decimals a number shows: 97.3 → 1, 97.0 → 0."""
    exponent = to_decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def override_agrees(typed: float, computed: Decimal, precision: int) -> bool:
    """Is a typed figure the computed one as printed? It is compared at the decimals it is printed with (its
    own, at most ``precision``): 97,3 for 97,333… agrees, and so does 212,27 for 212,275 (a tie rounded
    down); 76,1 for 76,19… does not."""
    printed = round_half_up(to_decimal(typed), precision)
    places = decimals(printed)
    return abs(printed - computed) <= Decimal(5).scaleb(-places - 1)


class PlanStatus(StrEnum):
    SHORT = "chưa đạt"
    WITHIN = "đạt"
    BEYOND = "vượt"


def plan_progress(indicator: Indicator, values: Values) -> Decimal | None:
    """What is compared with the plan: the actual, or for a reduction plan the fall since last year."""
    if values.actual is None:
        return None
    if indicator.plan_meaning == PlanMeaning.DECREASE:
        if values.last is None:
            return None
        return to_decimal(values.last) - to_decimal(values.actual)
    return to_decimal(values.actual)


def plan_status(indicator: Indicator, values: Values) -> PlanStatus | None:
    """Where the actual (or the fall) stands against the plan, in the plan's direction: short of it, within it
    (reached, or inside a range), beyond it. A floor ("từ 2% trở lên", or a bare plan) is reached at the plan
    and passed above it; "trên 2%" is reached only above it; a ceiling is met under it ("dưới 3%": 2,9 is met,
    3 is not; "không quá 3%": 3 is met) and never passed. None without a plan or without the figures to tell."""
    if values.plan is None:
        return None
    progress = plan_progress(indicator, values)
    if progress is None:
        return None
    low = to_decimal(values.plan)
    if values.plan_high is not None:  # a range, whatever the direction
        high = to_decimal(values.plan_high)
        return PlanStatus.SHORT if progress < low else PlanStatus.BEYOND if progress > high else PlanStatus.WITHIN
    direction = indicator.plan_direction
    if direction == PlanDirection.BELOW:
        return PlanStatus.WITHIN if progress < low else PlanStatus.SHORT
    if direction == PlanDirection.AT_MOST:
        return PlanStatus.WITHIN if progress <= low else PlanStatus.SHORT
    if direction == PlanDirection.ABOVE:
        return PlanStatus.WITHIN if progress > low else PlanStatus.SHORT
    if progress < low:
        return PlanStatus.SHORT
    return PlanStatus.BEYOND if progress > low else PlanStatus.WITHIN


def plan_words(indicator: Indicator, figure: str, ranged: bool = False) -> str:
    """A plan or a target as a report states it, in its direction: "dưới 3%", "không quá 5%", "trên 2%",
    "từ 2% trở lên", "giảm từ 2% trở lên", "giảm 1–1,5%"; a bare plan as its figure. A range keeps its dash."""
    words = figure if ranged else PLAN_WORDS[indicator.plan_direction].format(figure)
    return f"giảm {words}" if indicator.plan_meaning == PlanMeaning.DECREASE else words


# Words a clerk or a report writes around a plan, read back to its direction (the first that fits, longest first)
_BEFORE = (("không vượt quá", PlanDirection.AT_MOST), ("không quá", PlanDirection.AT_MOST),
           ("tối đa", PlanDirection.AT_MOST), ("không dưới", PlanDirection.AT_LEAST),
           ("ít nhất", PlanDirection.AT_LEAST), ("tối thiểu", PlanDirection.AT_LEAST), ("dưới", PlanDirection.BELOW),
           ("trên", PlanDirection.ABOVE), ("hơn", PlanDirection.ABOVE))
_AFTER = (("trở lên", PlanDirection.AT_LEAST), ("trở xuống", PlanDirection.AT_MOST))


def read_plan_words(text: str) -> tuple[str, PlanMeaning | None, PlanDirection | None]:
    """A plan as typed or printed with its words, read back: "giảm từ 2% trở lên" → ("2%", DECREASE, AT_LEAST),
    "dưới 3" → ("3", None, BELOW), "1–1,5" → ("1–1,5", None, None). The meaning is None without "giảm", the
    direction None without words (a bare plan)."""
    rest = " ".join(unicodedata.normalize("NFC", text).split())
    lower = rest.lower()
    meaning = direction = None
    if lower.startswith("giảm "):
        meaning, rest, lower = PlanMeaning.DECREASE, rest[5:], lower[5:]
    for words, found in _AFTER:
        if lower.endswith(" " + words):
            direction, rest, lower = found, rest[:-len(words) - 1].rstrip(), lower[:-len(words) - 1].rstrip()
            if lower.startswith("từ "):
                rest, lower = rest[3:], lower[3:]
            break
    else:
        for words, found in _BEFORE:
            if lower.startswith(words + " "):
                direction, rest = found, rest[len(words) + 1:]
                break
    return rest.strip(), meaning, direction


def targets_met(workbook: Workbook, report: Report, sector: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """(met, not met, not yet known): codes of the report's indicators that have a plan, in one sector or all.
    A reduction plan is met when the fall reaches it; a range when the actual is in it or beyond it."""
    met: list[str] = []
    short: list[str] = []
    unknown: list[str] = []
    for ind in workbook.indicators:
        if sector is not None and ind.sector != sector:
            continue
        values = report.values.get(ind.code)
        if values is None or values.plan is None:
            continue
        status = plan_status(ind, values)
        (unknown if status is None else short if status == PlanStatus.SHORT else met).append(ind.code)
    return met, short, unknown


class FigureWriter:
    """Writes the citations of one report: ``render("đạt {{viec_lam.pct_plan}}")`` → "đạt 101,64%"."""

    def __init__(self, workbook: Workbook, report: Report, missing: str = "raise"):
        self.workbook = workbook
        self.report = report
        self.missing = missing  # "raise", or "mark" to write a visible placeholder (preview, drafts)
        self._written: dict[tuple, str | MissingFigure] = {}  # the report is immutable

    def period_word(self, name: str) -> str:
        period = self.report.period
        return {
            "year": str(period.year),
            "last_year": str(period.year - 1),
            "next_year": str(period.year + 1),
            "period": period.label,
            "next_period": period.next_label,
            "period_start": period.cutoff[0].strftime("%d/%m/%Y"),  # the data cut-off (Decree 09/2019, art. 12)
            "period_end": period.cutoff[1].strftime("%d/%m/%Y"),
        }[name]

    def values(self, code: str) -> Values:
        return self.report.values.get(code) or Values()

    def precision(self, indicator: Indicator | None, cited: int | None = None) -> int:
        """Decimals of a percentage: the citation's, the indicator's, the report's, or two."""
        chosen = self.precision_set(indicator, cited)
        return PERCENT_PLACES if chosen is None else chosen

    def precision_set(self, indicator: Indicator | None, cited: int | None = None) -> int | None:
        """The decimals asked for (the citation's, the indicator's, the report's), written exactly: "tăng 5,0%"
        at one; None when none is set (two at most, trailing zeros dropped: "301%", "40,8%")."""
        for p in (cited, indicator.precision if indicator else None, self.report.pct_precision):
            if p is not None:
                return max(0, min(int(p), MAX_PRECISION))
        return None

    def _rounded(self, number: Decimal, indicator: Indicator | None, cited: int | None) -> str:
        """A percentage's number at its precision: exactly the decimals set, else two at most."""
        chosen = self.precision_set(indicator, cited)
        if chosen is None:
            return format_number(round_half_up(number, PERCENT_PLACES))
        return format_number(number, places=chosen)

    def figure(self, code: str, field: str, precision: int | None = None, unit: str | None = None) -> str:
        key = (code, field, precision, unit)
        if key not in self._written:
            try:
                self._written[key] = self._figure(code, field, precision, unit)
            except MissingFigure as exc:
                self._written[key] = exc
        written = self._written[key]
        if isinstance(written, MissingFigure):
            raise written
        return written

    def _figure(self, code: str, field: str, precision: int | None, unit: str | None) -> str:
        if field == "actual" and code in PERIOD_NAMES:
            if code == "targets_met":
                return self._targets_met(None)
            return self.period_word(code)
        if field == "targets_met" and any(s.code == code for s in self.workbook.sectors):
            return self._targets_met(code)
        indicator = self.workbook.indicator(code)
        if indicator is None:
            raise MissingFigure(code, field, "không có chỉ tiêu này")
        if field not in FIELDS or field == "targets_met":
            raise MissingFigure(code, field, "không có loại số liệu này")
        values = self.values(code)
        parent = self.values(indicator.parent) if indicator.parent else None
        try:
            if field == "change":
                return self._change(indicator, values, parent, precision, unit)
            if field in ("growth", "pct_growth"):
                return self._growth(indicator, values, parent, field, precision)
            if field == "vs_plan":
                return self._vs_plan(indicator, values, parent, precision)
            number = figure_value(STATED.get(field, field), values, parent, indicator)
        except Uncomputable:
            raise MissingFigure(code, field, "không tính được (kết quả quá lớn; kiểm tra số liệu gốc)") from None
        if number is None:
            if field == "pct_plan" and values.plan_high is not None:
                raise MissingFigure(code, field, "kế hoạch là một khoảng; dùng “so với kế hoạch” (vs_plan)")
            if field == "pct_plan" and values.plan is not None and indicator.plan_direction.is_limit:
                raise MissingFigure(code, field, "kế hoạch là mức không được vượt; dùng “so với kế hoạch” (vs_plan)")
            if (field == "pct_plan" and indicator.plan_meaning == PlanMeaning.DECREASE and values.last is None
                    and values.plan is not None and values.actual is not None):
                raise MissingFigure(code, field, "chưa có số liệu cùng kỳ để tính mức giảm")
            raise MissingFigure(code, field, "chưa có số liệu")
        if field.startswith("pct_"):
            return self._percent(indicator, number, precision)
        source = STATED.get(field, field)
        high = values.high(source)
        if high is not None:  # a range: "1–1,5"
            written = (self._in_unit(indicator, number, precision, unit, sign=False) + EN_DASH
                       + self._in_unit(indicator, typed(values, RANGE_FIELDS[source]), precision, unit))
        else:
            written = self._in_unit(indicator, number, precision, unit)
        return plan_words(indicator, written, high is not None) if field in STATED else written

    def _percent(self, indicator: Indicator, number: Decimal, cited: int | None) -> str:
        return self._rounded(number, indicator, cited) + "%"

    def _in_unit(self, indicator: Indicator, number: Decimal, precision: int | None = None,
                 unit: str | None = None, sign: bool = True) -> str:
        places: int | None
        if unit is not None:
            source, target = parse_unit(indicator.unit), parse_unit(unit)
            if not convertible(source, target):
                raise MissingFigure(indicator.code, "actual",
                                    f"không đổi được “{indicator.unit}” sang “{unit.strip()}”")
            number = convert(number, source, target)
            chosen = self.precision_set(indicator, precision)
            if chosen is None:  # none set: two decimals at most, "315,61", "315,6"
                number, places = round_half_up(number, PERCENT_PLACES).normalize(), None
            else:
                places = chosen
        elif precision is not None:
            places = max(0, min(precision, MAX_PRECISION))  # asked for: exactly, "5,0"
        else:
            places = typed_places(number)  # as typed: "1,0" stays "1,0"
        if indicator.is_rate:
            return format_number(number, places=places) + ("%" if sign else "")
        return format_number(number, pad=indicator.pad and unit is None, places=places)

    def printed_unit(self, indicator: Indicator, unit: str | None = None) -> Unit:
        """The unit a citation's figure is printed in (for the check of the words after it)."""
        return parse_unit(unit if unit is not None else indicator.unit)

    def _change(self, indicator: Indicator, values: Values, parent: Values | None, precision: int | None,
                unit: str | None) -> str:
        delta = figure_value("delta", values, parent)
        if delta is None or values.actual is None or values.last is None:
            raise MissingFigure(indicator.code, "change", "chưa có số liệu")
        if values.actual == values.last:
            return "không đổi"
        word = "giảm" if values.actual < values.last else "tăng"
        return f"{word} {self._in_unit(indicator, delta, precision, unit)}"

    def _growth(self, indicator: Indicator, values: Values, parent: Values | None, field: str,
                cited: int | None) -> str:
        """The relative change against last year, "tăng 12,5%" / "giảm 3,2%" / "bằng cùng kỳ"; a rate's change
        stays in points ("giảm 2,79%"), as ``change``. A typed "% so với cùng kỳ" is followed."""
        if indicator.is_rate:
            if field == "pct_growth":
                delta = figure_value("delta", values, parent)
                if delta is None:
                    raise MissingFigure(indicator.code, field, "chưa có số liệu")
                return self._in_unit(indicator, delta, cited)
            return self._change(indicator, values, parent, cited, None)
        ratio = figure_value("pct_last", values, parent)
        if ratio is None:
            raise MissingFigure(indicator.code, field, "chưa có số liệu")
        growth = round_half_up(ratio - 100, self.precision(indicator, cited))
        written = self._rounded(abs(growth), indicator, cited) + "%"  # "tăng 5,0%" when one decimal is asked for
        if field == "pct_growth":
            return written
        if growth == 0:
            return "bằng cùng kỳ"
        return f"{'tăng' if growth > 0 else 'giảm'} {written}"

    def _vs_plan(self, indicator: Indicator, values: Values, parent: Values | None, cited: int | None) -> str:
        """"vượt 5,4% kế hoạch" / "đạt 94,6% kế hoạch", the ratio being ``pct_plan``'s (for a reduction plan the
        fall achieved over the fall planned); in words where there is no one ratio (a range, a ceiling, "trên 2%",
        a reduction that did not happen): "đạt kế hoạch", "vượt kế hoạch", "chưa đạt kế hoạch"."""
        if values.plan is None or values.actual is None:
            raise MissingFigure(indicator.code, "vs_plan", "chưa có số liệu")
        status = plan_status(indicator, values)
        if status is None:
            raise MissingFigure(indicator.code, "vs_plan", "chưa có số liệu cùng kỳ")
        progress = plan_progress(indicator, values)
        if (values.plan_high is not None or indicator.plan_direction in (PlanDirection.ABOVE, PlanDirection.AT_MOST,
                                                                         PlanDirection.BELOW)
                or (indicator.plan_meaning == PlanMeaning.DECREASE and progress is not None and progress <= 0)):
            return f"{status.value} kế hoạch"
        ratio = figure_value("pct_plan", values, parent, indicator)
        if ratio is None:
            raise MissingFigure(indicator.code, "vs_plan", "chưa có số liệu")
        rounded = round_half_up(ratio, self.precision(indicator, cited))
        if rounded > 100:
            return f"vượt {self._rounded(rounded - 100, indicator, cited)}% kế hoạch"
        return f"đạt {self._rounded(rounded, indicator, cited)}% kế hoạch"

    def _targets_met(self, sector: str | None) -> str:
        met, short, unknown = targets_met(self.workbook, self.report, sector)
        code = sector or "targets_met"
        field = "targets_met" if sector else "actual"
        if unknown:
            names = ", ".join(self.workbook.indicator(c).name for c in unknown[:3])
            raise MissingFigure(code, field, f"chưa đủ số liệu để biết đạt kế hoạch hay không: {names}")
        if not met and not short:
            raise MissingFigure(code, field, "chưa có chỉ tiêu nào có kế hoạch")
        return f"{len(met)}/{len(met) + len(short)}"

    def pieces(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` as written pieces: (piece, None) for text and figures, (mark, "code.field") for a citation
        whose figure is missing — its mark, "[code.field?]", is what a draft shows in its place."""
        out: list[tuple[str, str | None]] = []
        last = 0
        for match in TOKEN.finditer(text):
            if match.start() > last:
                out.append((text[last:match.start()], None))
            code, field = match.group(1), match.group(2) or "actual"
            try:
                out.append((self.figure(code, field, int(match.group(4)) if match.group(4) else None,
                                        match.group(3)), None))
            except MissingFigure:
                if self.missing == "raise":
                    raise
                out.append((f"[{code}.{field}?]" if field != "actual" else f"[{code}?]", f"{code}.{field}"))
            last = match.end()
        if last < len(text):
            out.append((text[last:], None))
        return out

    def render(self, text: str) -> str:
        return "".join(piece for piece, _ in self.pieces(text))


_sheets: dict[tuple[int, int], FigureWriter] = {}


def sheet(workbook: Workbook, report: Report) -> FigureWriter:
    """The figures of one report as its current model has them, computed once and shared by the table, the
    editors, the preview and the checks (a change gives a new model, so a new sheet). Missing figures are
    marked; ``FigureWriter(…, missing="raise")`` is for callers that must stop on one."""
    key = (id(workbook), id(report))
    found = _sheets.get(key)
    if found is None or found.workbook is not workbook or found.report is not report:
        if len(_sheets) > 8:  # the window holds one report; the worker may still be on the one before
            _sheets.clear()
        found = _sheets[key] = FigureWriter(workbook, report, missing="mark")
    return found
