"""The figures of one sector: raw values typed once, derived columns computed live, typed overrides marked."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...app.edits import figures, sectors
from ...domain.figures import (
    MissingFigure,
    PlanStatus,
    Uncomputable,
    derived,
    plan_status,
    plan_words,
    read_plan_words,
    sheet,
    typed_text,
)
from ...domain.model import RANGE_FIELDS, PlanDirection, PlanMeaning
from ...domain.vnformat import (
    NumberError,
    ambiguous_decimal,
    format_number,
    format_percent,
    parse_number,
    parse_range,
)
from ..session import WorkbookSession
from .binding import RetriedEdit, field_save
from .spelling import CellDelegate

COLUMNS = (
    ("name", "Chỉ tiêu"), ("unit", "Đơn vị"), ("actual", "Thực hiện"), ("plan", "Kế hoạch"),
    ("last", "Cùng kỳ"), ("target", "Chỉ tiêu\nkỳ sau"), ("pct_plan", "% so KH"), ("pct_last", "% so\ncùng kỳ"),
    ("change", "Tăng/giảm"), ("status", "So với\nKH"),
)
NAME_CHARS = 34  # the name column keeps room for about this many characters, whatever the window's width
MIN_FIGURE_PX = 56  # a figures column at least (its header and figures fit: the width of a laptop's pane)
FIGURE_MAX_CHARS = 16  # a figures column is no wider than this (a long figure shows in full in its tooltip)
FIELD_COLUMN = {field: i for i, (field, _) in enumerate(COLUMNS)}
RAW = ("actual", "plan", "last", "target")
DERIVED_EDITABLE = ("pct_plan", "pct_last")
CODE_ROLE = Qt.ItemDataRole.UserRole
NUMBER_HINT = "Nhập số kiểu Việt Nam, ví dụ 18.498 hoặc 101,64 (kế hoạch, chỉ tiêu có thể là khoảng: 1–1,5)."
COMPUTED = ("pct_plan", "pct_last", "change", "status")  # columns the program fills
STATUS_COLOURS = {PlanStatus.SHORT: "#b91c1c", PlanStatus.WITHIN: "#15803d", PlanStatus.BEYOND: "#15803d"}
UNSAVED_BACKGROUND = "#fee2e2"
UNSAVED_TIP = ("Chưa lưu được vào sổ báo cáo (tệp đang bị chương trình khác giữ hoặc ổ đĩa đầy); số vừa gõ được giữ "
               "ở đây và chương trình đang tự thử lại.")


class IndicatorTable(QTableWidget):
    refused = Signal(str)  # a Vietnamese sentence: what was typed and why it was not stored
    noted = Signal(str)  # a Vietnamese sentence: how an ambiguous number was read (it was stored)

    def __init__(self, session: WorkbookSession, sector: str, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.session, self.sector = session, sector
        self.setObjectName(f"indicators-{sector}")
        self.setAccessibleName("Bảng số liệu chỉ tiêu")
        self.setHorizontalHeaderLabels([label for _, label in COLUMNS])
        header = self.horizontalHeader()
        # the name takes what the figures leave, but never less than its room (it was ~10 px on a laptop, where
        # a stretched column got what wide figures columns left): below that the table scrolls sideways instead
        # measured once after the first fill, not on every change (re-measuring 50 rows per keystroke is slow)
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._measured = False
        self.verticalHeader().setVisible(False)
        # one line of text a row, a long name ending in "…" (its tooltip has it whole): ten rows and more in view on a
        # laptop's screen (issue 21.7; wrapped names made rows twice as tall)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        # like a spreadsheet: typing replaces the cell, F2 or a double click edits it, arrows move
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setItemDelegate(CellDelegate(self, spelling=False))  # figures: typing grouped, no spelling
        self.setToolTip("Gõ số liệu gốc; các cột tỷ lệ tự tính. Gõ vào cột tỷ lệ để ghi đè số in sẵn; xóa để tính lại.")
        self.unsaved: dict[tuple[str, str], tuple[str, RetriedEdit]] = {}  # (code, field) → typed text, its retry
        self.itemChanged.connect(self._edited)
        self._drawn_from: tuple | None = None  # the model's parts the cells were last written from
        self.refresh()

    def codes(self) -> list[str]:
        return [self.item(r, 0).data(CODE_ROLE) for r in range(self.rowCount())]

    def current_code(self) -> str | None:
        row = self.currentRow()
        return self.item(row, 0).data(CODE_ROLE) if 0 <= row < self.rowCount() else None

    def refresh(self) -> None:
        wb, report = self.session.workbook, self.session.report
        # a paragraph saved in this tab gives a new model whose figures are the same objects: the cells would come
        # out the same, and reading back 500 of them cost the save 3–14 ms on the window's thread
        source = (wb.indicators, wb.sectors, report.id, report.values, report.pct_precision) if report else None
        drawn, self._drawn_from = self._drawn_from, source
        if source is not None and drawn is not None and all(a is b or a == b for a, b in zip(source, drawn)):
            return
        indicators = [i for i in wb.indicators if i.sector == self.sector]
        writer = sheet(wb, report) if report else None
        current = (self.currentRow(), self.currentColumn())
        self.blockSignals(True)
        self.setRowCount(len(indicators))
        italic = QFont()
        italic.setItalic(True)
        for row, ind in enumerate(indicators):
            values = report.values.get(ind.code) if report else None
            parent_values = report.values.get(ind.parent) if report and ind.parent else None
            cells = {"name": ("    – " if ind.parent else "") + ind.name, "unit": ind.unit}
            for field in RAW:  # as typed ("1,0" stays "1,0"); a plan and a target in their direction ("dưới 3")
                written = typed_text(values, field) if values else ""
                cells[field] = plan_words(ind, written, values.high(field) is not None) \
                    if written and field in RANGE_FIELDS else written
            held = {field: typed for (code, field), (typed, _) in self.unsaved.items() if code == ind.code}
            cells.update(held)  # typed, refused for a while, being retried: shown as typed, never the stored figure
            status = plan_status(ind, values) if values else None
            cells["status"] = status.value if status else ""
            for field in ("pct_plan", "pct_last", "change"):
                try:
                    cells[field] = writer.figure(ind.code, field) if writer else ""
                except MissingFigure as exc:  # "—": the figures are there but the result cannot be written
                    cells[field] = "—" if exc.reason.startswith("không tính được") else ""
            for col, (field, _) in enumerate(COLUMNS):
                item = self.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if field not in ("change", "status") else flags)
                    if col >= 2:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(row, col, item)
                # every change to an item makes the view re-measure its columns: touch only what differs
                if item.text() != cells[field]:
                    item.setText(cells[field])
                if item.data(CODE_ROLE) != ind.code:
                    item.setData(CODE_ROLE, ind.code)
                typed = values is not None and field in values.overrides
                if item.font().italic() != typed:
                    item.setFont(italic if typed else QFont())
                    item.setForeground(QBrush(QColor("#1d4ed8")) if typed else QBrush())
                if typed:
                    try:
                        computed = derived(field, values, parent_values, ind)
                    except Uncomputable:
                        computed = None
                    tip = ("Số ghi tay theo báo cáo in; tính từ số liệu: "
                           + (format_percent(computed, writer.precision(ind) if writer else 2)
                              if computed is not None else "chưa đủ số liệu")
                           + ". Xóa ô để dùng số tính.")
                elif field == "status":
                    tip = ("Chưa đủ số liệu để so với kế hoạch" if status is None and values and values.plan is not None
                           else "So số thực hiện (chỉ tiêu giảm: mức giảm so với cùng kỳ) với kế hoạch" if status
                           else "")
                    colour = QBrush(QColor(STATUS_COLOURS[status])) if status else QBrush()
                    if item.foreground() != colour:
                        item.setForeground(colour)
                elif field == "name":
                    tip = ind.name
                elif field in COMPUTED:
                    tip = "Tự tính từ số liệu"
                else:
                    tip = ""
                if field in held:
                    tip = UNSAVED_TIP
                background = QBrush(QColor(UNSAVED_BACKGROUND)) if field in held else QBrush()
                if item.background() != background:
                    item.setBackground(background)
                if item.toolTip() != tip:
                    item.setToolTip(tip)
        self.blockSignals(False)
        if not self._measured and self.rowCount():
            widest = self.fontMetrics().horizontalAdvance("0" * FIGURE_MAX_CHARS)
            for col in range(1, len(COLUMNS)):
                self.resizeColumnToContents(col)
                self.setColumnWidth(col, min(max(self.columnWidth(col), MIN_FIGURE_PX), widest))
            self._measured = True
            self.fit_name_column()
        if 0 <= current[0] < self.rowCount():
            self.setCurrentCell(*current)

    def name_room(self) -> int:
        return self.fontMetrics().averageCharWidth() * NAME_CHARS

    def fit_name_column(self) -> None:
        figures = sum(self.columnWidth(col) for col in range(1, len(COLUMNS)))
        self.setColumnWidth(0, max(self.name_room(), self.viewport().width() - figures))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_name_column()

    def _edited(self, item: QTableWidgetItem) -> None:
        self._drawn_from = None  # the cell holds what was typed: the next refresh writes it from the model
        field = COLUMNS[item.column()][0]
        code = item.data(CODE_ROLE)
        text = item.text().strip()
        if field == "name":
            name = text.lstrip("– ").strip()
            if not name:
                self.refused.emit("Tên chỉ tiêu không được để trống.")
                self.refresh()
                return
            if not self._save_cell(code, field, item.text(), sectors.set_indicator_field, code, "name", name):
                self.refresh()
            return
        if field == "unit":
            if not self._save_cell(code, field, item.text(), sectors.set_indicator_field, code, "unit", text):
                self.refresh()
            return
        value = None
        if text:
            typed = text.rstrip("%").strip()
            if field in RANGE_FIELDS:  # "dưới 3", "giảm từ 2 trở lên": the words the cell shows, read back
                typed, meaning, direction = read_plan_words(typed)
                typed = typed.rstrip("%").strip()
                ind = self.session.workbook.indicator(code)
                said = (meaning or PlanMeaning.LEVEL, direction or PlanDirection.REACH)
                if ind is not None and (meaning or direction) and said != (ind.plan_meaning, ind.plan_direction):
                    self.refused.emit(f"Kế hoạch của chỉ tiêu “{ind.name}” được ghi là "
                                      f"“{plan_words(ind, '…')}”, không phải “{text}”: đổi cách ghi kế hoạch trong "
                                      "“Thuộc tính chỉ tiêu…”, rồi gõ lại số. Số liệu chưa được lưu.")
                    self.refresh()
                    return
            try:
                both = parse_range(typed) if field in RANGE_FIELDS else None
                # Decimals, not floats: a figure typed "1,0" keeps its decimal and prints "1,0"
                value = (both[0], both[1]) if both else parse_number(typed)
            except NumberError as exc:
                self.refused.emit(f"{exc.message} Số liệu không hợp lệ, chưa được lưu. {NUMBER_HINT}")
                self.refresh()
                return
        ok = self._save_cell(code, field, item.text(), figures.set_value if field in RAW else figures.set_override,
                             code, field, value)
        if not ok:
            self.refresh()
        elif isinstance(value, Decimal) and ambiguous_decimal(typed):
            self.noted.emit(f"Đã hiểu “{typed}” là {format_number(value)} (dấu phẩy trước phần thập phân). "
                            f"Nếu là {format_number(parse_number(typed.replace(',', '.')))}, hãy gõ "
                            f"{typed.replace(',', '.')}.")

    def _save_cell(self, code: str, field: str, typed: str, build, *args) -> bool:
        """Store what was typed in a cell (a figure, a name, a unit) by ``session.edit(build, *args)``; False when
        it was refused for good (the box said why). Refused for a while (a held file, a full disk): the cell keeps
        what was typed, marked, and it is retried until it is stored or refused for good (then the cell shows the
        stored value again). Typing over such a cell replaces what is retried."""
        if (code, field) in self.unsaved:
            self.unsaved.pop((code, field))[1].discard()

        def attempt() -> str:
            with field_save():
                done = self.session.edit(build, *args)
            if done is not None:
                return "saved"
            refusal = self.session.last_refusal
            return "again" if refusal is not None and refusal.retryable else "refused"

        outcome = attempt()
        if outcome == "again":
            self.unsaved[(code, field)] = (typed, RetriedEdit(self, lambda: attempt() != "again",
                                                              lambda: self._settled(code, field), typed))
            self._drawn_from = None  # the cell is drawn as unsaved, whatever the model
            self.refresh()
        return outcome != "refused"

    def _settled(self, code: str, field: str) -> None:
        self.unsaved.pop((code, field), None)
        self._drawn_from = None  # the cell is drawn from the model again, unmarked
        self.refresh()
