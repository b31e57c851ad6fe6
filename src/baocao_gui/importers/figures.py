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

from ..domain.figures import FIELDS, STATED, TOKEN, FigureWriter, MissingFigure, read_plan_words
from ..domain.model import (
    Block,
    BlockKind,
    Indicator,
    PlanDirection,
    PlanMeaning,
    Report,
    Workbook,
    plan_direction_name,
)
from ..domain.units import COMMON_UNITS

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
    # a plan stated with its words ("dưới 3%") that the indicator does not have yet: the catalogue's word for them
    # ("below"), set on the indicator when the citation is accepted (import_edit); "" otherwise
    direction: str = ""


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
            if field == "change" or field in STATED:  # a plan's words are read around its number (_stated)
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
    found: list[FoundFigure] = []
    matched: list[tuple[int, re.Match, str, str, str, tuple[int, int, str, str] | None]] = []
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
            stated = _stated(block.text, m, workbook.indicator(code)) if field in ("plan", "target") else None
            matched.append((index, m, code, field, printed, stated))
    # a text that states one indicator's plan in two directions ("giảm trên 2%" here, "giảm từ 2% trở lên" there)
    # sets neither: the numbers alone are offered, and the clerk chooses in “Thuộc tính chỉ tiêu”
    said: dict[str, set[str]] = {}
    for _, _, code, _, _, stated in matched:
        if stated is not None and stated[2]:
            said.setdefault(code, set()).add(stated[2])
    torn = {code for code, directions in said.items() if len(directions) > 1}
    for index, m, code, field, printed, stated in matched:
        text = blocks[index].text
        name = f"{names.get(code, code)} ({FIELD_WORDS.get(field, field)}: "
        if stated is not None and code not in torn:  # "dưới 3%": the words and the number become {{code.plan_text}}
            start, end, direction, words = stated
            label = name + words + ")" + (" — ghi cách đạt kế hoạch này vào chỉ tiêu" if direction else "")
            found.append(FoundFigure(index, start, end, text[start:end], "{{" + f"{code}.{field}_text" + "}}", label,
                                     direction))
        else:
            token = "{{" + code + ("" if field == "actual" else "." + field) + "}}"
            found.append(FoundFigure(index, m.start(), m.end(), m.group(0), token, name + printed + ")"))
    return found


# the words a report writes around a plan: before its number ("giảm", "dưới", "không quá", "từ" …) and after it
_WORDS_BEFORE = re.compile(r"(?:(?<!\w)giảm\s+)?(?<!\w)(?:từ|không vượt quá|không quá|tối đa|không dưới|ít nhất|tối thiểu|"
                           r"dưới|trên|hơn)\s+$", re.IGNORECASE)
_WORDS_AFTER = re.compile(r"\s+trở\s+(?:lên|xuống)(?!\w)", re.IGNORECASE)


def _stated(text: str, m: re.Match, indicator: Indicator | None) -> tuple[int, int, str, str] | None:
    """A plan's number written with its direction's words ("dưới 3%", "giảm từ 2% trở lên"): (start, end of the
    words and the number, the catalogue's word for a direction the indicator does not have yet or "", the words);
    None without such words, or with words that contradict a direction the indicator already has."""
    if indicator is None:
        return None
    before = _WORDS_BEFORE.search(text[:m.start()])
    after = _WORDS_AFTER.match(text, m.end())
    start = before.start() if before else m.start()
    end = after.end() if after else m.end()
    if start == m.start() and end == m.end():
        return None
    words = text[start:end]
    rest, meaning, direction = read_plan_words(words)
    if direction is None or " ".join(rest.split()) != " ".join(m.group(0).split()):
        return None  # "từ 3%" without "trở lên": a starting point, not a plan's words
    said = (meaning or PlanMeaning.LEVEL, direction)
    if said == (indicator.plan_meaning, indicator.plan_direction):
        return start, end, "", words
    if indicator.plan_direction != PlanDirection.REACH:
        return None  # the indicator says otherwise already: the number alone is offered
    return start, end, plan_direction_name(*said), words


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


# --- numbers that match no figure: offered as new indicators -------------------------------------------------

# words that join a name to its number ("… là 18.498", "… đạt 95%"): not part of the name
_LINKS = {"là", "đạt", "được", "có", "gồm", "với", "cho", "khoảng", "trên", "gần", "hơn", "dưới", "tới", "đến",
          "lên", "xuống", "còn", "tổng", "cộng", "bằng", "thêm", "mới", "tăng", "giảm", "chiếm", "tỷ", "lệ", "số"}
_CLAUSE = re.compile(r"[.;:,()!?\[\]{}\"“”–]|\s-\s")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MAX_NAME_WORDS = 8


@dataclass(frozen=True)
class NewFigure:
    """A number of the imported text that equals no figure of the sector, offered as a new indicator whose
    actual figure it is: its name from the words before it, its unit from the word after it."""

    block: int
    start: int
    end: int
    written: str
    value: float
    name: str
    unit: str

    @property
    def label(self) -> str:
        return f"“{self.written}” → chỉ tiêu mới “{self.name}”" + (f", đơn vị “{self.unit}”" if self.unit else "")


def _name_before(text: str) -> str:
    """The words of the clause before a number, without the words that link them to it; "" when too short."""
    clause = _CLAUSE.split(text)[-1]
    words = clause.split()
    while words and (words[-1].lower() in _LINKS or not _WORD.fullmatch(words[-1])):
        words.pop()
    words = words[-MAX_NAME_WORDS:]
    while words and words[0].lower() in {"và", "trong", "đó", "thì", "còn"}:
        words.pop(0)
    if len(words) < 2:
        return ""
    name = " ".join(words)
    return name[0].upper() + name[1:]


def _unit_after(text: str, percent: bool) -> str:
    if percent:
        return "%"
    rest = text.lstrip()
    lower = rest.lower()
    for unit in sorted(COMMON_UNITS, key=len, reverse=True):  # "lượt người" before "người"
        if unit != "%" and lower.startswith(unit.lower()) and not lower[len(unit):len(unit) + 1].isalpha():
            return rest[:len(unit)]
    word = _WORD.match(rest)
    return word.group(0) if word else ""


def find_new_figures(blocks: Sequence[Block], workbook: Workbook, report: Report | None, sector: str | None,
                     found: Iterable[FoundFigure] = ()) -> list[NewFigure]:
    """The numbers of ``blocks`` (not tables) that ``find_figures`` did not match, with a name before them and
    not a year, a date or a document number: each offered as a new indicator of ``sector``."""
    if report is None or not sector:
        return []
    taken = [(f.block, f.start, f.end) for f in found]  # a plan's words and number are one offer: its span
    names = {i.name.lower() for i in workbook.indicators if i.sector == sector}
    out = []
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.TABLE:
            continue
        cited = [(m.start(), m.end()) for m in TOKEN.finditer(block.text)]
        for m in _NUMBER.finditer(block.text):
            if any(b == index and a <= m.start() < e for b, a, e in taken) or any(a <= m.start() < b for a, b in cited):
                continue
            number, percent = m.group(1), bool(m.group(2))
            value = _value(number)
            if value is None or value == 0:
                continue
            before = block.text[:m.start()]
            if not percent and "." not in number and "," not in number and 1900 <= value <= 2100:
                continue  # a year, whatever the words before it
            if _YEAR_WORDS.search(before) or re.search(r"\d[/.]\s*$", before):
                continue  # "tháng 3", "Số 15", a date
            name = _name_before(before)
            unit = _unit_after(block.text[m.end():], percent)
            if not name or name.lower() in names or (not percent and value < 10 and not unit):
                continue
            out.append(NewFigure(index, m.start(), m.end(), m.group(0), float(value), name, unit))
    return out
