"""Editing a table of the report's text as a clerk edits one in Word or Excel: type in a cell, Tab to the next
(Tab in the last cell adds a row), add or remove rows and columns, paste a block of cells copied from Excel,
insert a figure into the cell. Every change is one edit of the table block (and one undo step)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.tables import MAX_COLUMNS, MAX_ROWS, Table, parse_clipboard
from .pasting import pasted
from .spelling import CellDelegate

HEADER_BACKGROUND = QColor("#eef2f7")


class _Grid(QTableWidget):
    """The cells; Tab past the last cell asks for a new row, Ctrl+V pastes a block of cells."""

    tab_at_end = Signal()
    paste_cells = Signal(int, int, list)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and self.state() != QTableWidget.State.EditingState:
            text = QApplication.clipboard().text()
            if text:
                self.paste_cells.emit(self.currentRow(), self.currentColumn(),
                                      parse_clipboard(pasted(self, text)))
                return
        if (event.key() == Qt.Key.Key_Tab and self.currentRow() == self.rowCount() - 1
                and self.currentColumn() == self.columnCount() - 1):
            self.tab_at_end.emit()
            return
        super().keyPressEvent(event)


class TableEditor(QWidget):
    changed = Signal(object)  # the new domain.tables.Table, to be saved

    def __init__(self, parent: QWidget | None = None, readonly: bool = False):
        super().__init__(parent)
        self.table = Table()
        self.grid = _Grid()
        self.grid.setObjectName("table-cells")
        self.grid.setAccessibleName("Các ô của bảng")
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setTabKeyNavigation(True)
        self.grid.setItemDelegate(CellDelegate(self.grid))
        if readonly:
            self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.itemChanged.connect(self._edited)
        self.grid.tab_at_end.connect(self._tab_at_end)
        self.grid.paste_cells.connect(self._paste)
        self.add_row = QPushButton("Thêm &dòng")
        self.add_row.clicked.connect(lambda: self._change(self.table.with_row(self._body_row() + 1)))
        self.remove_row = QPushButton("Xóa dòng")
        self.remove_row.clicked.connect(self._remove_row)
        self.add_column = QPushButton("Thêm &cột")
        self.add_column.clicked.connect(lambda: self._change(self.table.with_column(self.grid.currentColumn() + 1)))
        self.remove_column = QPushButton("Xóa cột")
        self.remove_column.clicked.connect(
            lambda: self._change(self.table.without_column(max(self.grid.currentColumn(), 0))))
        self.total = QCheckBox("Dòng &tổng cuối bảng")
        self.total.setToolTip("Dòng cuối là dòng tổng (in đậm)")
        self.total.toggled.connect(lambda on: self._change(replace(self.table, total=on)))
        # the row of buttons over the cells, in the place a paragraph's text and its printed line take (the
        # paragraphs' own buttons, the kind and "Chèn số liệu" share one row above: a 1366×768 screen's height)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_row, self.remove_row, self.add_column, self.remove_column):
            b.setEnabled(not readonly)
            buttons.addWidget(b)
        buttons.addWidget(self.total)
        self.total.setEnabled(not readonly)
        self.grid.setMinimumHeight(40)
        # a hint, not a label: the window must still fit a 1366×768 screen
        self.grid.setToolTip("Dòng đầu (nền xanh) là dòng tiêu đề, lặp lại ở mỗi trang. Dán được một khối ô chép từ "
                             "Excel (Ctrl+V); số liệu chèn vào ô đang chọn bằng nút “Chèn số liệu”.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.buttons)
        layout.addWidget(self.grid, 1)

    # --- model → widget ------------------------------------------------------------------------------------
    def show_table(self, table: Table) -> None:
        table = table.normalized()
        if table == self.table and self.grid.rowCount():
            return
        self.table = table
        current = (self.grid.currentRow(), self.grid.currentColumn())
        grid = [*table.header, *table.rows]
        self.grid.blockSignals(True)
        self.grid.setRowCount(len(grid))
        self.grid.setColumnCount(table.columns)
        self.grid.setHorizontalHeaderLabels([_column_name(c) for c in range(table.columns)])
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(grid):
            header = r < len(table.header)
            for c, text in enumerate(row):
                item = self.grid.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.grid.setItem(r, c, item)
                if item.text() != text:
                    item.setText(text)
                item.setFont(bold if header or (table.total and r == len(grid) - 1 and table.rows) else QFont())
                item.setBackground(QBrush(HEADER_BACKGROUND) if header else QBrush())
                item.setTextAlignment((Qt.AlignmentFlag.AlignCenter if header else _QT_ALIGN[table.column_align(c)])
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.total.blockSignals(True)
        self.total.setChecked(table.total)
        self.total.blockSignals(False)
        self.grid.blockSignals(False)
        if 0 <= current[0] < self.grid.rowCount() and 0 <= current[1] < self.grid.columnCount():
            self.grid.setCurrentCell(*current)

    # --- widget → model ------------------------------------------------------------------------------------
    def _place(self, row: int) -> tuple[str, int]:
        header = len(self.table.header)
        return ("header", row) if row < header else ("body", row - header)

    def _body_row(self) -> int:
        section, row = self._place(max(self.grid.currentRow(), 0))
        return row if section == "body" else -1

    def _edited(self, item: QTableWidgetItem) -> None:
        section, row = self._place(item.row())
        self._change(self.table.with_cell(section, row, item.column(), item.text()))

    def _change(self, table: Table) -> None:
        table = table.normalized()
        if table != self.table:
            self.changed.emit(table)

    def _remove_row(self) -> None:
        row = self._body_row()
        if row >= 0:
            self._change(self.table.without_row(row))

    def _tab_at_end(self) -> None:
        if len(self.table.rows) < MAX_ROWS:
            self._change(self.table.with_row(len(self.table.rows)))
            self.grid.setCurrentCell(self.grid.rowCount() - 1, 0)

    def _paste(self, row: int, col: int, cells: list) -> None:
        section, body_row = self._place(max(row, 0))
        if section == "header":  # pasting on the header: the block goes into the header first, then the body
            table = self.table
            for r, line in enumerate(cells):
                for c, text in enumerate(line):
                    if col + c < MAX_COLUMNS:
                        target = ("header", row + r) if row + r < len(table.header) else \
                            ("body", row + r - len(table.header))
                        table = table.with_cell(target[0], target[1], max(col, 0) + c, text)
            self._change(table)
            return
        self._change(self.table.pasted(body_row, max(col, 0), cells))

    def insert_citation(self, token: str) -> None:
        """A figure into the cell in view (at the cursor when the cell is being typed in)."""
        editor = self.grid.focusWidget() if self.grid.state() == QTableWidget.State.EditingState else None
        if editor is not None and hasattr(editor, "insert"):
            editor.insert(token)
            return
        row, col = max(self.grid.currentRow(), 0), max(self.grid.currentColumn(), 0)
        section, r = self._place(row)
        self._change(self.table.with_cell(section, r, col, self.table.cell(section, r, col) + token))


_QT_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
             "right": Qt.AlignmentFlag.AlignRight}


def _column_name(col: int) -> str:
    return chr(ord("A") + col) if col < 26 else str(col + 1)

