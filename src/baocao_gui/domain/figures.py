"""Figures cited in text with ``{{code.field}}`` and the derived figures computed from raw values.

Percentages are computed in exact decimal arithmetic and rounded half up to two decimals; a figure
typed by the clerk (an override) wins, so a printed report can be reproduced exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .model import Indicator, Report, Values, Workbook
from .vnformat import MAX_ABS, format_number, format_percent, round_half_up, to_decimal

TOKEN = re.compile(r"\{\{\s*([a-z0-9_]+)(?:\.([a-z_]+))?\s*\}\}")

FIELDS = ("actual", "plan", "last", "target", "pct_plan", "pct_last", "pct_parent", "delta", "change")
PERIOD_NAMES = ("year", "last_year", "next_year", "period", "next_period", "period_start", "period_end")


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


def citations(text: str) -> list[Citation]:
    return [Citation(m.group(1), m.group(2) or "actual", m.start(), m.end()) for m in TOKEN.finditer(text)]


def _percent(numerator: float | None, denominator: float | None) -> Decimal | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    try:
        ratio = to_decimal(numerator) * 100 / to_decimal(denominator)
        if abs(ratio) >= MAX_ABS:
            raise Uncomputable(f"{numerator} / {denominator}")
        return round_half_up(ratio)
    except (InvalidOperation, ValueError, OverflowError) as exc:
        raise Uncomputable(f"{numerator} / {denominator}") from exc


def derived(field: str, values: Values, parent: Values | None = None) -> Decimal | None:
    """The computed value of a derived field, before any override; None when a figure is missing,
    ``Uncomputable`` when the result cannot be written."""
    if field == "pct_plan":
        return _percent(values.actual, values.plan)
    if field == "pct_last":
        return _percent(values.actual, values.last)
    if field == "pct_parent":
        return _percent(values.actual, parent.actual if parent else None)
    if field == "delta":
        if values.actual is None or values.last is None:
            return None
        return abs(to_decimal(values.actual) - to_decimal(values.last))
    raise KeyError(field)


def figure_value(field: str, values: Values, parent: Values | None = None) -> Decimal | None:
    """The number a citation stands for: raw, typed override, or computed."""
    if field in ("actual", "plan", "last", "target"):
        raw = getattr(values, field)
        return None if raw is None else to_decimal(raw)
    if field in values.overrides:
        return to_decimal(values.overrides[field])
    return derived(field, values, parent)


class FigureWriter:
    """Writes the citations of one report: ``render("đạt {{viec_lam.pct_plan}}")`` → "đạt 101,64%"."""

    def __init__(self, workbook: Workbook, report: Report, missing: str = "raise"):
        self.workbook = workbook
        self.report = report
        self.missing = missing  # "raise", or "mark" to write a visible placeholder (preview, drafts)
        self._written: dict[tuple[str, str], str | MissingFigure] = {}  # the report is immutable

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

    def figure(self, code: str, field: str) -> str:
        key = (code, field)
        if key not in self._written:
            try:
                self._written[key] = self._figure(code, field)
            except MissingFigure as exc:
                self._written[key] = exc
        written = self._written[key]
        if isinstance(written, MissingFigure):
            raise written
        return written

    def _figure(self, code: str, field: str) -> str:
        if field == "actual" and code in PERIOD_NAMES:
            return self.period_word(code)
        indicator = self.workbook.indicator(code)
        if indicator is None:
            raise MissingFigure(code, field, "không có chỉ tiêu này")
        if field not in FIELDS:
            raise MissingFigure(code, field, "không có loại số liệu này")
        values = self.values(code)
        parent = self.values(indicator.parent) if indicator.parent else None
        if field == "change":
            return self._change(indicator, values, parent)
        try:
            number = figure_value(field, values, parent)
        except Uncomputable:
            raise MissingFigure(code, field, "không tính được (kết quả quá lớn; kiểm tra số liệu gốc)") from None
        if number is None:
            raise MissingFigure(code, field, "chưa có số liệu")
        if field.startswith("pct_"):
            return format_percent(number)
        return self._in_unit(indicator, number)

    def _in_unit(self, indicator: Indicator, number: Decimal) -> str:
        if indicator.is_rate:
            return format_number(number) + "%"
        return format_number(number, pad=indicator.pad)

    def _change(self, indicator: Indicator, values: Values, parent: Values | None) -> str:
        try:
            delta = figure_value("delta", values, parent)
        except Uncomputable:
            raise MissingFigure(indicator.code, "change", "không tính được") from None
        if delta is None or values.actual is None or values.last is None:
            raise MissingFigure(indicator.code, "change", "chưa có số liệu")
        if values.actual == values.last:
            return "không đổi"
        word = "giảm" if values.actual < values.last else "tăng"
        return f"{word} {self._in_unit(indicator, delta)}"

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
                out.append((self.figure(code, field), None))
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
