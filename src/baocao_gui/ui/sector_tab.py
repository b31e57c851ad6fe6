"""One generic tab for every sector of the catalogue: its titles, its figures, its results and its tasks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Part
from .binding import TextBinding
from .blocks_editor import BlocksEditor
from .indicator_table import FIELD_COLUMN, IndicatorTable
from .session import WorkbookSession


class SectorTab(QWidget):
    def _say(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)

    def __init__(self, session: WorkbookSession, sector: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.sector = session, sector
        self.setObjectName(f"tab-{sector}")

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.task_title = QLineEdit()
        self.task_title.setObjectName("task_title")
        self.title_binding = TextBinding(self.title, lambda t: session.set_sector_field(sector, "title", t),
                                         session.readonly)
        self.task_binding = TextBinding(self.task_title, lambda t: session.set_sector_field(sector, "task_title", t),
                                        session.readonly)
        titles = QFormLayout()
        titles.addRow("Tên &lĩnh vực (phần kết quả):", self.title)
        titles.addRow("Tên phần nhiệ&m vụ:", self.task_title)

        self.table = IndicatorTable(session, sector)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.table.refused.connect(lambda text: self._say(text, "#b91c1c"))
        self.table.noted.connect(lambda text: self._say(text, "#1d4ed8"))
        add = QPushButton("Thêm &chỉ tiêu…")
        add.clicked.connect(lambda: self.add_indicator(child=False))
        add_child = QPushButton("Thêm chỉ tiêu &trong đó…")
        add_child.clicked.connect(lambda: self.add_indicator(child=True))
        remove = QPushButton("Xóa chỉ tiêu")
        remove.clicked.connect(self.delete_indicator)
        up = QPushButton("Chuyển lên")
        up.clicked.connect(lambda: self.move_indicator(-1))
        down = QPushButton("Chuyển xuống")
        down.clicked.connect(lambda: self.move_indicator(+1))
        buttons = QHBoxLayout()
        for b in (add, add_child, remove, up, down):
            buttons.addWidget(b)
        buttons.addStretch(1)
        figures = QWidget()
        fl = QVBoxLayout(figures)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addLayout(buttons)
        fl.addWidget(self.table, 1)
        fl.addWidget(self.message)

        self.parts = QTabWidget()
        self.results = BlocksEditor(session, Part.RESULTS, sector)
        self.tasks = BlocksEditor(session, Part.TASKS, sector)
        self.parts.addTab(self.results, "Kết quả thực hiện")
        self.parts.addTab(self.tasks, "Nhiệm vụ kỳ tới")

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(figures)
        split.addWidget(self.parts)
        split.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(titles)
        layout.addWidget(split, 1)
        self._show_titles()  # the table and the editors filled themselves

    def focus(self, place) -> None:
        """The figure or the paragraph a finding is about."""
        if place.indicator:
            codes = self.table.codes()
            if place.indicator in codes:
                column = FIELD_COLUMN.get(place.field or "actual", FIELD_COLUMN["actual"])
                self.table.setCurrentCell(codes.index(place.indicator), column)
                self.table.setFocus()
            return
        editor = self.tasks if place.part == Part.TASKS else self.results
        self.parts.setCurrentWidget(editor)
        editor.focus(place.block_id)

    def sector_info(self):
        return next((s for s in self.session.workbook.sectors if s.code == self.sector), None)

    def _show_titles(self) -> None:
        info = self.sector_info()
        if info is not None:
            self.title_binding.show(info.title)
            self.task_binding.show(info.task_title)

    def refresh(self) -> None:
        if self.sector_info() is None:  # removed (or its removal undone later): the window rebuilds its tabs
            return
        self._show_titles()
        self.table.refresh()
        self.results.refresh()
        self.tasks.refresh()
        self.message.clear() if not self.table.hasFocus() else None

    def add_indicator(self, child: bool) -> None:
        parent = None
        if child:
            parent = self.table.current_code()
            if parent is None:
                self.message.setText("Chọn chỉ tiêu tổng trước khi thêm chỉ tiêu “trong đó”.")
                return
            ind = self.session.workbook.indicator(parent)
            parent = ind.parent or ind.code  # a breakdown of a breakdown goes under the same total
        name, ok = QInputDialog.getText(self, "Thêm chỉ tiêu", "Tên chỉ tiêu:")
        if not ok or not name.strip():
            return
        unit, ok = QInputDialog.getText(self, "Thêm chỉ tiêu", "Đơn vị tính (ví dụ: người, đồng, %):")
        if not ok:
            return
        code = self.session.add_indicator(self.sector, name, unit, parent)
        if code:
            self.table.setCurrentCell(self.table.codes().index(code), 2)
            self.table.setFocus()

    def delete_indicator(self) -> None:
        code = self.table.current_code()
        if code is None:
            return
        ind = self.session.workbook.indicator(code)
        answer = QMessageBox.question(self, "Xóa chỉ tiêu",
                                      f"Xóa chỉ tiêu “{ind.name}” cùng số liệu của nó? (Có thể hoàn tác bằng Ctrl+Z.)")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.delete_indicator(code)

    def move_indicator(self, step: int) -> None:
        code = self.table.current_code()
        if code is None:
            return
        row = self.table.currentRow()
        if self.session.move_indicator(code, row + step):
            self.table.setCurrentCell(max(0, min(row + step, self.table.rowCount() - 1)), self.table.currentColumn())
