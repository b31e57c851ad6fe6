"""“Tổng hợp số liệu từ các sổ…”: the workbooks to roll up (chosen files), a preview of the figures that would change
(only those), what matched nothing and what is left for the clerk, then one click writes it as one undo step. The
parts are read on the ``files`` worker (``app.rollup.read_parts``: plain paths in, plain data out)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.edits.rollup import apply_rollup
from ...app.rollup import FIELD_WORDS, Rollup, figure_text, plan_rollup, read_parts, sources_differ
from ...errors import UserError
from ..session import WorkbookSession
from ..workers import Worker

TITLE = "Tổng hợp số liệu từ các sổ"
FILTER = "Sổ báo cáo (*.baocao)"


class RollupDialog(QDialog):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.plan: Rollup | None = None
        self.applied = False
        self.worker = Worker(self, lane="files")
        self.stop = threading.Event()
        report = session.report
        layout = QVBoxLayout(self)
        intro = QLabel(f"Số liệu báo cáo {report.period.label} được tính từ cùng báo cáo của các sổ chọn dưới đây (các "
                       "tỉnh cũ đã hợp nhất, các phòng, xã báo cáo lên): số lượng, số tiền được cộng; tỷ lệ được tính "
                       "lại từ hai chỉ tiêu của nó. Các sổ đó chỉ được đọc, không bị thay đổi.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.files = QListWidget()
        self.files.setObjectName("rollup-files")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMaximumHeight(120)
        layout.addWidget(self.files)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Thêm sổ…")
        self.remove_button = QPushButton("&Bỏ sổ đã chọn")
        self.preview_button = QPushButton("&Xem trước")
        for button in (self.add_button, self.remove_button, self.preview_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.preview_button.clicked.connect(self.preview)
        self.changes = QTableWidget(0, 4)
        self.changes.setObjectName("rollup-changes")
        self.changes.setHorizontalHeaderLabels(("Chỉ tiêu", "Số liệu", "Trong báo cáo", "Tổng hợp"))
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.changes, 1)
        layout.addWidget(QLabel("Không khớp, để nhập tay và các lưu ý:"))
        self.unmatched = QListWidget()
        self.unmatched.setObjectName("rollup-unmatched")
        self.unmatched.setWordWrap(True)
        self.unmatched.setMaximumHeight(140)
        layout.addWidget(self.unmatched)
        self.state = QLabel("Chọn các sổ rồi bấm “Xem trước”.")
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton("&Ghi vào báo cáo")
        self.apply_button.setEnabled(False)
        close = QPushButton("Đóng")
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.apply_button.clicked.connect(self.apply)
        close.clicked.connect(self.reject)
        self.resize(900, 620)
        self._known_files()

    def _known_files(self) -> None:
        """The parts of the last roll-up, when they are beside this workbook: running it again is one click."""
        report = self.session.report
        seen = []
        for source in sorted(report.sources, key=lambda s: s.position):
            path = self.session.path.parent / source.file
            if source.file not in seen and path.is_file():
                seen.append(source.file)
                self.add_paths([str(path)])

    def paths(self) -> list[str]:
        return [self.files.item(n).text() for n in range(self.files.count())]

    def add_paths(self, paths: list[str]) -> None:
        have = set(self.paths())
        for p in paths:
            if p not in have and Path(p) != self.session.path:
                self.files.addItem(p)
        self._stale()

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, "Chọn các sổ cần tổng hợp", str(self.session.path.parent),
                                                 FILTER)
        if chosen:
            self.add_paths(chosen)

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._stale()

    def _stale(self) -> None:
        self.plan = None
        self.apply_button.setEnabled(False)

    def preview(self) -> None:
        paths = self.paths()
        if not paths:
            self.state.setText("Chưa chọn sổ nào để tổng hợp.")
            return
        self.preview_button.setEnabled(False)
        self.state.setText(f"Đang đọc {len(paths)} sổ…")
        self.stop = threading.Event()
        self.worker.run(read_parts, paths, self.session.report.period, self.stop, done=self._read,
                        progress=self._moved, failed=None)

    def _moved(self, moved: tuple[int, int]) -> None:
        self.state.setText(f"Đang đọc sổ {moved[0]}/{moved[1]}…")

    def _read(self, result) -> None:
        self.preview_button.setEnabled(True)
        try:
            if isinstance(result, UserError):
                raise result
            if isinstance(result, Exception):
                raise UserError("Không đọc được các sổ đã chọn; chi tiết đã được ghi vào tệp nhật ký.", repr(result))
            self.plan = plan_rollup(self.session.doc, result)
        except UserError as exc:
            self.plan = None
            self.state.setText(exc.message)
            self.state.setStyleSheet("color: #b91c1c;")
            self.apply_button.setEnabled(False)
            return
        self.state.setStyleSheet("")
        self.show_plan(self.plan)

    def show_plan(self, plan: Rollup) -> None:
        workbook = self.session.workbook
        self.changes.setRowCount(len(plan.changes))
        for n, c in enumerate(plan.changes):
            unit = workbook.indicator(c.code).unit if workbook.indicator(c.code) else ""
            for col, text in enumerate((c.name, FIELD_WORDS[c.field], figure_text(c.old, unit),
                                        figure_text(c.new, unit))):
                item = QTableWidgetItem(text)
                if col >= 2:  # figures line up on the right, as in the figures table
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.changes.setItem(n, col, item)
        self.unmatched.clear()
        self.unmatched.addItems([*plan.unmatched, *plan.notes])
        provenance = sources_differ(self.session.report.sources, plan.sources)
        if plan.changes:
            self.state.setText(f"{len(plan.changes)} số liệu sẽ thay đổi (tổng hợp từ {len(plan.parts)} sổ); một lần "
                               "Hoàn tác (Ctrl+Z) bỏ tất cả.")
        else:
            self.state.setText(f"Số liệu báo cáo đã đúng như tổng hợp từ {len(plan.parts)} sổ; không số nào thay đổi."
                               + (" Nguồn số liệu sẽ được ghi lại." if provenance else ""))
        self.apply_button.setEnabled(bool(plan.changes) or provenance)

    def apply(self) -> None:
        if self.plan is None:
            return
        plan = self.plan
        label = f"Tổng hợp số liệu từ {len(plan.parts)} sổ"
        if self.session.edit(apply_rollup, plan, label) is not None:
            self.applied = True
            self.accept()

    def done(self, result: int) -> None:  # closed by any way: a read under way is stopped and its result dropped
        self.stop.set()
        self.worker.forget()
        super().done(result)
