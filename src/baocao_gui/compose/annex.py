"""The figures annex (Phụ lục: kết quả thực hiện các chỉ tiêu chủ yếu) composed from the report's own figures.

Every cell is written by the report's figure sheet (``domain.figures.sheet``), the same writer the text's
citations go through: a figure in the annex is the figure the text prints, to the digit, with its precision,
its unit's way of writing and its reductions ("giảm 2,79%"). A figure not typed is an empty cell, never 0.
"""

from __future__ import annotations

import re

from ..domain.figures import MissingFigure, sheet
from ..domain.model import (
    ANNEX_COLUMNS,
    DEFAULT_ANNEX_COLUMNS,
    AnnexChoice,
    Indicator,
    Period,
    Report,
    Workbook,
)
from ..domain.vnformat import format_doc_number, format_number
from .outline import Annex, AnnexRow
from .text import nfc, upper

DEFAULT_TITLE = "Kết quả thực hiện các chỉ tiêu chủ yếu {{period}}"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
BLANK = "\u00a0" * 4  # room for the văn thư to write a number or a day by hand


def column_names(period: Period) -> dict[str, str]:
    """Each column's heading for ``period`` ("Thực hiện năm 2023", "Cùng kỳ năm 2022")."""
    last = Period(period.kind, period.year - 1)
    return {
        "unit": "Đơn vị tính",
        "plan": f"Kế hoạch năm {period.year}",
        "actual": f"Thực hiện {period.label}",
        "pct_plan": "So với kế hoạch",
        "last": f"Cùng kỳ {last.label}",
        "pct_last": "So với cùng kỳ",
        "target": f"Kế hoạch {period.next_label}",
    }


COLUMN_LABELS = {  # what the window calls each column
    "unit": "Đơn vị tính", "plan": "Kế hoạch", "actual": "Thực hiện", "pct_plan": "Tỷ lệ so với kế hoạch",
    "last": "Cùng kỳ năm trước", "pct_last": "So với cùng kỳ", "target": "Kế hoạch kỳ sau",
    "parts": "Thực hiện của từng sổ đã tổng hợp",
}
PART_COLUMN = "part"  # "part0", "part1"…: the "parts" column, one per workbook a roll-up summed

_ACRONYM = re.compile(r"^[^aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$")
_ACRONYMS = {"ubnd", "đbqh"}  # acronyms with a vowel in them
_ORGANS = {"sở", "ban", "phòng", "cục", "chi cục", "bộ", "văn phòng", "trung tâm", "thanh tra", "ủy ban nhân dân"}


_PLACES = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")


def agency_in_sentence(name: str) -> str:
    """The issuing agency as a sentence names it: "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" → "Sở Lao động -
    Thương binh và Xã hội". A name not typed in upper case is taken as typed. Vietnamese capitalises the organ
    ("Sở") and the first word of each field it governs ("Lao động", "Thương binh", "Xã hội"), writes the kind of
    place in lower case and its name capitalised ("tỉnh Đắk Nông"); acronyms (UBND) stay upper case."""
    name = " ".join(name.split())
    if not name or name != name.upper():
        return name
    words = name.lower().split(" ")
    organ = next((len(o.split()) for o in sorted(_ORGANS, key=len, reverse=True)
                  if " ".join(words[:len(o.split())]) == o), 1)
    out: list[str] = []
    place_from = None  # the words after "tỉnh", "huyện"… are a place's name
    i = 0
    while i < len(words):
        place = next((p for p in _PLACES if " ".join(words[i:i + len(p.split())]) == p), None)
        if place == "xã" and words[i + 1:i + 2] == ["hội"]:
            place = None  # "xã hội" (social), not a commune
        if place is not None and i > 0 and place_from is None and i + len(place.split()) < len(words):
            out += place.split()
            i += len(place.split())
            place_from = i
            continue
        word = words[i]
        after_break = i == 0 or i == organ or words[i - 1] in ("-", "–", "và") or words[i - 1].endswith(",")
        if word in _ACRONYMS or (_ACRONYM.match(word) and any(c.isalpha() for c in word) and len(word) > 1):
            out.append(word.upper())
        elif after_break or place_from is not None:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        i += 1
    return " ".join(out)


def attached_line(report: Report) -> str:
    """"(Kèm theo Báo cáo số 15/BC-SLĐTBXH ngày 18/01/2024 của Sở …)", the number and day left blank when the
    văn thư fills them in."""
    kind = " ".join(report.type_name.split()).capitalize() or "Báo cáo"
    number = format_doc_number(report.number, " ".join(report.agency.abbreviation.split()).upper())
    number = number.removeprefix("Số: ").replace("\u00a0" * 6, BLANK)
    if report.date is not None:
        date = f"{report.date.day:02d}/{report.date.month:02d}/{report.date.year}"
    else:
        date = f"{BLANK}/{BLANK}/{report.period.year + 1 if report.period.kind == 'year' else report.period.year}"
    issuer = agency_in_sentence(report.agency.name)
    return f"(Kèm theo {kind} số {number} ngày {date}{' của ' + issuer if issuer else ''})"


class _Annex:
    def __init__(self, workbook: Workbook, report: Report, choice: AnnexChoice):
        self.workbook, self.report = workbook, report
        self.writer = sheet(workbook, report)
        chosen = tuple(c for c in choice.columns if c in ANNEX_COLUMNS) or DEFAULT_ANNEX_COLUMNS
        self.parts: dict[int, str] = {}  # position → the part's heading (its agency, else its file)
        self.by_part: dict[tuple[int, str], float] = {}
        for s in report.sources:
            self.parts.setdefault(s.position, s.agency or s.file.removesuffix(".baocao"))
            if s.actual is not None:
                self.by_part[(s.position, s.code)] = s.actual
        columns: list[str] = []
        for c in chosen:
            columns += [f"{PART_COLUMN}{n}" for n in sorted(self.parts)] if c == "parts" else [c]
        self.columns = tuple(columns)
        self.sectors = choice.sectors

    def figure(self, code: str, field: str) -> str:
        try:
            return self.writer.figure(code, field)
        except MissingFigure:
            return ""

    def cell(self, indicator: Indicator, column: str) -> str:
        code = indicator.code
        if column == "unit":
            return indicator.unit
        if column.startswith(PART_COLUMN):
            value = self.by_part.get((int(column.removeprefix(PART_COLUMN)), code))
            if value is None:
                return ""
            return format_number(value) + ("%" if indicator.is_rate else "")
        if column in ("plan", "target"):
            # in its direction, as the text states it: "giảm từ 3% trở lên", "dưới 5%", "0,6–1,0%"
            return self.figure(code, f"{column}_text")
        # pct_plan: the writer's, as the text cites it (a reduction plan's is the fall over the fall planned; a range
        # or a ceiling has none)
        if column == "pct_last" and indicator.is_rate:
            return self.figure(code, "change")  # a rate is compared in points, as the text does: "giảm 2,79%"
        return self.figure(code, column)

    def rows_of(self, indicator: Indicator, depth: int, number: str, children: dict[str, list[Indicator]]) \
            -> list[AnnexRow]:
        cells = tuple(self.cell(indicator, c) for c in self.columns)
        below: list[AnnexRow] = []
        for child in children.get(indicator.code, []):
            below += self.rows_of(child, depth + 1, "-" if depth == 0 else "+", children)
        if not any(cells[i] for i, c in enumerate(self.columns) if c != "unit") and not below:
            return []
        return [AnnexRow((number, indicator.name.strip(), *cells), depth=depth, code=indicator.code), *below]

    def rows(self) -> list[AnnexRow]:
        out: list[AnnexRow] = []
        known = {i.code for i in self.workbook.indicators}
        children: dict[str, list[Indicator]] = {}
        for i in self.workbook.indicators:
            if i.parent in known and i.parent != i.code:
                children.setdefault(i.parent, []).append(i)
        groups = 0
        for sector in self.workbook.sectors_of(self.report):  # a sector left out of the report is not in its annex
            if self.sectors is not None and sector.code not in self.sectors:
                continue
            tops = [i for i in self.workbook.indicators if i.sector == sector.code and i.parent not in known]
            rows: list[AnnexRow] = []
            n = 0
            for indicator in tops:
                found = self.rows_of(indicator, 0, str(n + 1), children)
                n += bool(found)
                rows += found
            if rows:
                groups += 1
                title = sector.title.strip()
                out.append(AnnexRow((ROMAN[groups - 1] if groups <= len(ROMAN) else str(groups), title,
                                     *("" for _ in self.columns)), sector=True))
                out += rows
        return out


def compose_annex(workbook: Workbook, report: Report, choice: AnnexChoice) -> Annex | None:
    """The annex of ``report`` as ``choice`` has it; None when no chosen sector has a figure."""
    annex = _Annex(workbook, report, choice)
    rows = annex.rows()
    if not rows:
        return None
    writer = annex.writer
    title = writer.render(workbook.labels.get("annex_title", DEFAULT_TITLE))
    names = column_names(report.period)
    return Annex(
        label="Phụ lục",
        title=upper(title),
        attached=nfc(attached_line(report)),
        columns=annex.columns,
        header=("STT", "Chỉ tiêu", *(names.get(c) or f"Thực hiện của {annex.parts[int(c.removeprefix(PART_COLUMN))]}"
                                       for c in annex.columns)),
        rows=tuple(AnnexRow(tuple(nfc(c) for c in r.cells), r.sector, r.depth, r.code) for r in rows),
    )
