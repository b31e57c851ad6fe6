"""Figures in from a spreadsheet ("Nhập số liệu từ tệp Excel…", ``baocao-gui import-figures``): the file read
(``importers.sheets``, on the window's ``files`` worker), its rows matched to the workbook's indicators — by code,
else by name (NFC, case- and diacritics-insensitive, when only one indicator answers), else offered as new
indicators —, and what would change said figure by figure (indicator, field, old → new). ``app.edits.figures
.take_figures`` applies the accepted ones as one edit.

An empty cell never clears a figure: an office's sheet without "cùng kỳ" says nothing about it. A sheet exported
then imported unchanged changes nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.model import RANGE_FIELDS, Period, PeriodKind, Report, Workbook
from ..domain.vnformat import format_number, format_range
from ..errors import UserError
from ..importers.sheets import (
    FIELD_LABELS,
    SheetContent,
    SheetFileError,
    SheetRow,
    fold,
    read_sheet,
    strip_numbering,
)

log = logging.getLogger(__name__)
Figure = float | tuple[float, float] | None
FIELDS = ("actual", "plan", "last", "target")
WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau"}
NOTHING_CHANGED = "không có số liệu nào thay đổi"


@dataclass(frozen=True)
class FigureChange:
    """One figure that would change: the indicator, the field, what the workbook holds and what the sheet has."""

    code: str
    field: str  # actual, plan, last, target (a range's upper end travels with its plan or target)
    old: Figure
    new: Figure
    line: int  # the sheet's row


@dataclass(frozen=True)
class NewIndicator:
    """A row that names no indicator of the workbook: offered as a new one (its name, unit and figures)."""

    name: str
    unit: str
    figures: dict[str, Figure]
    line: int
    sector: str = ""  # the sector's code the sheet gives (the program's own file), if the workbook has it


@dataclass(frozen=True)
class FiguresPlan:
    file: str
    sheet: str
    ours: bool
    changes: tuple[FigureChange, ...]
    new: tuple[NewIndicator, ...]
    findings: tuple[str, ...]  # one sentence each: a cell or row not taken, and why
    matched: int  # rows matched to an indicator
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.new


def read_sheet_file(path: Path) -> SheetContent | str:
    """Read a spreadsheet (on a worker thread): its rows, or one Vietnamese sentence saying why it cannot be read.
    Never writes."""
    try:
        return read_sheet(path)
    except SheetFileError as exc:
        log.warning("sheet import refused: %s", exc.gloss)
        return exc.message
    except Exception:
        log.exception("sheet import failed")
        return (f"Không đọc được tệp “{Path(path).name}”; chi tiết đã được ghi vào tệp nhật ký. "
                "Chưa có gì được ghi vào sổ báo cáo.")


def read_figures(path: str | Path) -> SheetContent:
    """The same for the command line: ``SheetFileError`` (a UserError) when it cannot be read."""
    return read_sheet(path)


def name_key(name: str) -> str:
    """An indicator's name as rows are matched by: its typed numbering and bullets off, NFC, case folded."""
    name = strip_numbering(name)
    return " ".join(re.findall(r"\w+|%", name.casefold()))


def _figure(values, f: str) -> Figure:
    if values is None:
        return None
    low = getattr(values, f)
    high = values.high(f) if f in RANGE_FIELDS else None
    return (low, high) if low is not None and high is not None else low


def _sheet_figure(row: SheetRow, f: str) -> Figure:
    low = row.figures.get(f)
    high = row.figures.get(RANGE_FIELDS[f]) if f in RANGE_FIELDS else None
    if low is None:
        return None
    return (low, high) if high is not None and high != low else low


def plan_figures(workbook: Workbook, report: Report | None, content: SheetContent) -> FiguresPlan:
    """What taking the sheet into ``report`` would change, or one sentence why it cannot be taken."""
    if report is None:
        raise UserError("Sổ báo cáo chưa có báo cáo nào.", "no report")
    if report.frozen:
        raise UserError(f"Báo cáo {report.period.label} đã ký, đã gửi nên không nhập số liệu vào được; muốn sửa, "
                        "chọn “Mở khóa để sửa”.", "frozen report")
    by_code = {i.code: i for i in workbook.indicators}
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for i in workbook.indicators:
        exact.setdefault(name_key(i.name), []).append(i.code)
        loose.setdefault(fold(name_key(i.name)), []).append(i.code)
    sectors = {s.code for s in workbook.sectors}
    changes: list[FigureChange] = []
    new: list[NewIndicator] = []
    findings: list[str] = []
    taken: dict[str, int] = {}
    findings += content.notes
    written = _period_written(content.heading)  # the program's file names its period above the table
    if written is not None and written != report.period:
        findings.append(f"Tệp là số liệu {written.label}, không phải của báo cáo {report.period.label} đang chọn; "
                        "hãy kiểm tra đúng tệp, đúng kỳ trước khi nhận.")
    for row in content.rows:
        where = f"Dòng {row.line}" + (f" (“{_short(row.name)}”)" if row.name else f" (mã “{row.code}”)")
        findings += [f"{where}: {p}; ô này không được nhận." for p in row.problems]
        code = row.code if row.code in by_code else None
        if code is None and row.name and not (content.ours and row.code):
            key = name_key(row.name)
            hits = exact.get(key) or loose.get(fold(key)) or []
            if len(hits) > 1:
                findings.append(f"{where}: tên trùng với {len(hits)} chỉ tiêu trong sổ nên không biết là chỉ tiêu "
                                "nào; hãy ghi mã chỉ tiêu vào tệp hoặc gõ số trong cửa sổ.")
                continue
            code = hits[0] if hits else None
        if code is None:
            if row.code and not row.name:
                findings.append(f"{where}: sổ không có chỉ tiêu mã “{row.code}”.")
                continue
            figures = {f: _sheet_figure(row, f) for f in FIELDS if _sheet_figure(row, f) is not None}
            if figures and row.name:
                new.append(NewIndicator(row.name, row.unit, figures, row.line,
                                        row.sector if row.sector in sectors else ""))
            continue
        if code in taken:
            findings.append(f"{where}: chỉ tiêu “{_short(by_code[code].name)}” đã có ở dòng {taken[code]}; "
                            "dòng này không được nhận.")
            continue
        taken[code] = row.line
        indicator = by_code[code]
        if row.unit and indicator.unit and fold(row.unit) != fold(indicator.unit):
            findings.append(f"{where}: đơn vị trong tệp là “{row.unit}”, trong sổ là “{indicator.unit}”; số liệu của "
                            "dòng này không được nhận (hãy đổi về cùng đơn vị).")
            continue
        values = report.values.get(code)
        for f in FIELDS:
            new_figure = _sheet_figure(row, f)
            if new_figure is None:
                continue
            old = _figure(values, f)
            if old != new_figure:
                changes.append(FigureChange(code, f, old, new_figure, row.line))
    return FiguresPlan(content.file, content.sheet, content.ours, tuple(changes), tuple(new), tuple(findings),
                       len(taken), dict(content.columns))


def _period_written(heading: tuple[str, ...]) -> Period | None:
    """The period the title of the program's printed sheet names ("KẾT QUẢ … NĂM 2024", "… QUÝ III NĂM 2024"): the
    longest period label of its year found in its last line that has a year."""
    line = next((t.upper() for t in reversed(heading) if re.search(r"\b(19|20)\d\d\b", t)), None)
    if line is None:
        return None
    year = int(re.findall(r"\b((?:19|20)\d\d)\b", line)[-1])
    found = [Period(kind, year) for kind in PeriodKind if Period(kind, year).label.upper() in line]
    return max(found, key=lambda p: len(p.label), default=None)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width].rstrip() + "…"


def figure_text(value: Figure, unit: str = "") -> str:
    """A figure as the clerk reads it: 18.498 người; 1–1,5%; "" when there is none."""
    if value is None:
        return ""
    text = format_range(*value) if isinstance(value, tuple) else format_number(value)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()


def describe(change: FigureChange, workbook: Workbook) -> str:
    """"Số liệu: Số lao động được tạo việc làm (thực hiện): 18.200 → 18.498 người"."""
    indicator = workbook.indicator(change.code)
    name, unit = (indicator.name, indicator.unit) if indicator else (change.code, "")
    old = figure_text(change.old, unit) or "(trống)"
    return f"Số liệu: {name} ({WORDS[change.field]}): {old} → {figure_text(change.new, unit)}"


def describe_new(item: NewIndicator) -> str:
    figures = "; ".join(f"{WORDS[f]} {figure_text(v, item.unit)}" for f, v in item.figures.items())
    return f"Chỉ tiêu mới (dòng {item.line}): {item.name}" + (f" ({item.unit})" if item.unit else "") + f": {figures}"


__all__ = ["FIELD_LABELS", "NOTHING_CHANGED", "WORDS", "FigureChange", "FiguresPlan", "NewIndicator", "SheetContent",
           "describe", "describe_new", "figure_text", "name_key", "plan_figures", "read_figures", "read_sheet_file"]
