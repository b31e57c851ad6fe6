"""Figures in imported text: a number that equals a figure of the sector, written any Vietnamese way ("18.498",
"18498", "101,64%"), offered as a citation (``{{code}}``, ``{{code.field}}``) so that the sentence follows the figure
from then on. Nothing is replaced unless the clerk accepts it (``cite``).

A number is offered only when one figure of the sector fits it: the same value as the report prints it, a "%"
exactly where the figure has one, and for small counts (below 10) the indicator's unit right after the number.
Years, dates, document numbers ("30/2020/NĐ-CP") and numbers already inside a citation are never offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from ..domain.figures import FIELDS, TOKEN, FigureWriter, MissingFigure
from ..domain.model import Block, BlockKind, Report, Workbook

# the order in which a figure is preferred when two fields of one indicator print the same number
FIELD_ORDER = ("actual", "pct_plan", "pct_last", "plan", "last", "target", "delta", "pct_parent")
FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau",
               "pct_plan": "% so với kế hoạch", "pct_last": "% so với cùng kỳ", "pct_parent": "% so với tổng",
               "delta": "mức tăng/giảm"}
_NUMBER = re.compile(r"(?<![\w.,/{-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)(\s?%)?")
_YEAR_WORDS = re.compile(r"(?:năm|tháng|quý|ngày|giai đoạn|kỳ|khóa|số|Số)\s*$")


@dataclass(frozen=True)
class FoundFigure:
    block: int  # index of the block in the imported blocks
    start: int  # the number's place in the block's text (a "%" included)
    end: int
    written: str  # as the text has it: "18498"
    token: str  # "{{viec_lam}}", "{{viec_lam.pct_plan}}"
    label: str  # "Số lao động được tạo việc làm (thực hiện: 18.498)"


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _figures(workbook: Workbook, report: Report, sector: str) -> list[tuple[Decimal, bool, str, str, str, str]]:
    """(value as printed, has %, code, field, printed, unit) of every figure of the sector that the report has."""
    writer = FigureWriter(workbook, report, missing="raise")
    out = []
    for indicator in workbook.indicators:
        if indicator.sector != sector:
            continue
        for field in FIELDS:
            if field == "change":
                continue
            try:
                printed = writer.figure(indicator.code, field)
            except (MissingFigure, ArithmeticError):
                continue
            value = _value(printed.rstrip("%"))
            if value is not None and value != 0:
                out.append((value, printed.endswith("%"), indicator.code, field, printed, indicator.unit))
    return out


def find_figures(blocks: Sequence[Block], workbook: Workbook, report: Report | None,
                 sector: str | None) -> list[FoundFigure]:
    """The numbers of ``blocks`` (not tables) that equal one figure of ``sector`` in ``report``, in text order."""
    if report is None or not sector:
        return []
    figures = _figures(workbook, report, sector)
    if not figures:
        return []
    names = {i.code: i.name for i in workbook.indicators}
    found = []
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.TABLE:
            continue
        cited = [(m.start(), m.end()) for m in TOKEN.finditer(block.text)]
        for m in _NUMBER.finditer(block.text):
            if any(a <= m.start() < b for a, b in cited):
                continue
            number, percent = m.group(1), bool(m.group(2))
            value = _value(number)
            if value is None:
                continue
            if not percent and "." not in number and "," not in number and 1900 <= value <= 2100 \
                    and _YEAR_WORDS.search(block.text[:m.start()]):
                continue  # "năm 2023", "Số 2024"
            after = block.text[m.end():].lstrip().lower()
            fits = []
            for fvalue, fpercent, code, field, printed, unit in figures:
                if fvalue != value or fpercent != percent:
                    continue
                unit_after = bool(unit) and unit != "%" and after.startswith(unit.lower())
                if not percent and value < 10 and not unit_after:
                    continue  # "3 nội dung": a small count must be followed by its unit
                fits.append((not unit_after, FIELD_ORDER.index(field), code, field, printed))
            if not fits:
                continue
            fits.sort()
            best = fits[0]
            if any(f[:2] == best[:2] and f[2] != best[2] for f in fits[1:]):
                continue  # two indicators fit as well: do not guess
            code, field, printed = best[2], best[3], best[4]
            token = "{{" + code + ("" if field == "actual" else "." + field) + "}}"
            label = f"{names.get(code, code)} ({FIELD_WORDS.get(field, field)}: {printed})"
            found.append(FoundFigure(index, m.start(), m.end(), m.group(0), token, label))
    return found


def cite(blocks: Sequence[Block], accepted: Iterable[FoundFigure]) -> tuple[Block, ...]:
    """The blocks with the accepted numbers replaced by their citations."""
    by_block: dict[int, list[FoundFigure]] = {}
    for f in accepted:
        by_block.setdefault(f.block, []).append(f)
    out = list(blocks)
    for index, found in by_block.items():
        text = out[index].text
        for f in sorted(found, key=lambda f: f.start, reverse=True):
            if text[f.start:f.end] == f.written:  # the text it was found in
                text = text[:f.start] + f.token + text[f.end:]
        out[index] = replace(out[index], text=text)
    return tuple(out)
