"""The "Chèn số liệu" menu: the clerk picks an indicator and a figure, the paragraph gets its citation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QMenu

from ...domain.figures import FigureWriter, MissingFigure
from ...domain.model import Indicator, PlanDirection, PlanMeaning
from ...domain.units import parse_unit

FIELD_LABELS = (
    ("actual", "Thực hiện"),
    ("plan", "Kế hoạch"),
    ("last", "Cùng kỳ năm trước"),
    ("target", "Chỉ tiêu kỳ sau"),
    ("plan_text", "Kế hoạch kèm chữ (“dưới 3%”, “giảm từ 2% trở lên”)"),
    ("target_text", "Chỉ tiêu kỳ sau kèm chữ (“dưới 3%”, “giảm từ 2% trở lên”)"),
    ("pct_plan", "% so với kế hoạch"),
    ("pct_last", "% so với cùng kỳ"),
    ("pct_parent", "% trên tổng số"),
    ("delta", "Mức chênh lệch với cùng kỳ"),
    ("change", "Tăng/giảm so với cùng kỳ (có chữ “tăng/giảm”)"),
    ("growth", "Tăng/giảm bao nhiêu phần trăm so với cùng kỳ (“tăng 12,5%”)"),
    ("vs_plan", "So với kế hoạch (“vượt 5,4% kế hoạch”, “đạt 94,6% kế hoạch”)"),
)
FIELD_NAMES = {field: label for field, label in FIELD_LABELS} | {"pct_growth": "% tăng/giảm so với cùng kỳ"}


def describe_citation(writer: FigureWriter, token_text: str) -> str:
    """"Số lao động được tạo việc làm (lượt người) — % so với kế hoạch: 101,64%": what a citation stands for."""
    from ...domain.figures import citations

    found = citations(token_text)
    if not found:
        return ""
    c = found[0]
    try:
        shown = writer.figure(c.code, c.field, c.precision, c.unit)
    except MissingFigure as exc:
        shown = f"chưa có ({exc.reason})"
    sector = next((s for s in writer.workbook.sectors if s.code == c.code), None)
    if c.code == "targets_met" or (sector and c.field == "targets_met"):
        where = f" của “{sector.title}”" if sector else ""
        return f"Số chỉ tiêu đạt và vượt kế hoạch{where}: {shown}"
    indicator = writer.workbook.indicator(c.code)
    if indicator is None:
        return f"Kỳ báo cáo: {shown}" if c.field == "actual" else f"Không có chỉ tiêu “{c.code}”"
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return f"{indicator.name}{unit} — {FIELD_NAMES.get(c.field, c.field)}: {shown}"


def token(code: str, field: str) -> str:
    return "{{" + code + ("" if field == "actual" else "." + field) + "}}"


def _fields_menu(menu: QMenu, indicator: Indicator, writer: FigureWriter, insert: Callable[[str], None]) -> None:
    for field, label in FIELD_LABELS:
        if field == "pct_parent" and not indicator.parent:
            continue
        if field in ("plan_text", "target_text") and indicator.plan_direction == PlanDirection.REACH \
                and indicator.plan_meaning == PlanMeaning.LEVEL:
            continue  # a bare plan has no words: the same as "Kế hoạch"
        try:
            shown = writer.figure(indicator.code, field)
        except MissingFigure:
            shown = "chưa có số liệu"
        action = menu.addAction(f"{label}  ({shown})")
        action.triggered.connect(lambda _=False, c=indicator.code, f=field: insert(token(c, f)))
    for unit in larger_units(indicator.unit):  # "315,6 tỷ đồng" from a figure kept in đồng
        cited = "{{" + indicator.code + "@" + unit + "}}"
        try:
            shown = writer.figure(indicator.code, "actual", unit=unit)
        except MissingFigure:
            shown = "chưa có số liệu"
        action = menu.addAction(f"Thực hiện, tính bằng {unit}  ({shown} {unit})")
        action.triggered.connect(lambda _=False, t=cited, u=unit: insert(f"{t} {u}"))


def larger_units(unit: str) -> list[str]:
    """The usual larger units a figure kept in ``unit`` can be printed in: đồng → nghìn/triệu/tỷ đồng."""
    own = parse_unit(unit)
    if own.base not in ("đồng", "người"):
        return []
    names = {3: "nghìn", 6: "triệu", 9: "tỷ"} if own.base == "đồng" else {3: "nghìn"}
    return [f"{word} {own.base}" for scale, word in names.items() if scale > own.scale]


def fill_figure_menu(menu: QMenu, writer: FigureWriter, sector: str | None, insert: Callable[[str], None]) -> None:
    """This sector's indicators first, the others under "Lĩnh vực khác"."""
    menu.clear()
    wb = writer.workbook
    own = [i for i in wb.indicators if i.sector == sector]
    for indicator in own:
        sub = menu.addMenu(("    – " if indicator.parent else "") + indicator.name)
        _fields_menu(sub, indicator, writer, insert)
    others = menu.addMenu("Lĩnh vực khác") if own else menu
    for s in wb.sectors_of(writer.report):
        if s.code == sector:
            continue
        sector_menu = others.addMenu(s.title)
        for indicator in (i for i in wb.indicators if i.sector == s.code):
            _fields_menu(sector_menu.addMenu(indicator.name), indicator, writer, insert)
    met = menu.addAction("Số chỉ tiêu đạt và vượt kế hoạch (“7/9”)")
    met.triggered.connect(lambda _=False: insert("{{targets_met}}"))
    period = menu.addMenu("Năm, kỳ báo cáo")
    for name, label in (("year", "Năm báo cáo"), ("last_year", "Năm trước"), ("next_year", "Năm sau"),
                        ("period", "Kỳ báo cáo"), ("next_period", "Kỳ tiếp theo"),
                        ("period_start", "Ngày bắt đầu lấy số liệu"), ("period_end", "Ngày chốt số liệu")):
        action = period.addAction(f"{label}  ({writer.period_word(name)})")
        action.triggered.connect(lambda _=False, n=name: insert("{{" + n + "}}"))


class CitationHighlighter(QSyntaxHighlighter):
    """Citations stand out in the editor, so the clerk sees which words are figures."""

    PATTERN = QRegularExpression(r"\{\{[^{}]*\}\}")

    def __init__(self, document):
        super().__init__(document)
        self.format = QTextCharFormat()
        self.format.setBackground(QColor("#dbeafe"))
        self.format.setForeground(QColor("#1e3a8a"))

    def highlightBlock(self, text: str) -> None:
        matches = self.PATTERN.globalMatch(text)
        while matches.hasNext():
            m = matches.next()
            self.setFormat(m.capturedStart(), m.capturedLength(), self.format)
