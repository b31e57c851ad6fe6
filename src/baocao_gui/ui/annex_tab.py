"""Phụ lục số liệu: whether the report carries its figures annex, and which sectors and columns it shows.
Every click is saved at once (and undone with Ctrl+Z), like any edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..compose.annex import COLUMN_LABELS
from ..domain.model import ANNEX_COLUMNS, AnnexChoice
from .session import WorkbookSession

NOTE = ("Phụ lục được in sau phần chữ ký, trên trang riêng (khổ ngang khi bảng nhiều cột), đánh số trang riêng, "
        "với tiêu đề “Phụ lục”, “KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU …” và dòng “(Kèm theo Báo cáo số … ngày … "
        "của …)”. Số liệu lấy đúng như trong bài báo cáo; ô chưa có số liệu để trống; chỉ tiêu không có số liệu ở "
        "các cột đã chọn thì không in.")


def _checklist(name: str) -> QListWidget:
    items = QListWidget()
    items.setObjectName(name)
    items.setMinimumHeight(120)
    return items


class AnnexTab(QScrollArea):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("tab-annex")
        self.setWidgetResizable(True)
        inner = QWidget()
        self.on = QCheckBox("&Kèm phụ lục số liệu: kết quả thực hiện các chỉ tiêu chủ yếu")
        self.on.setObjectName("annex-on")
        self.on.toggled.connect(self._save)
        note = QLabel(NOTE)
        note.setWordWrap(True)
        self.sectors = _checklist("annex-sectors")
        self.columns = _checklist("annex-columns")
        for code in ANNEX_COLUMNS:
            item = QListWidgetItem(COLUMN_LABELS[code])
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.columns.addItem(item)
        self.sectors.itemChanged.connect(self._save)
        self.columns.itemChanged.connect(self._save)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        sector_box, column_box = QGroupBox("Các &lĩnh vực in trong phụ lục"), QGroupBox("Các &cột")
        QVBoxLayout(sector_box).addWidget(self.sectors)
        QVBoxLayout(column_box).addWidget(self.columns)
        self.choices = QWidget()
        row = QHBoxLayout(self.choices)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(sector_box, 3)
        row.addWidget(column_box, 2)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.on)
        layout.addWidget(note)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.message)
        self.setWidget(inner)
        self._filling = False
        self.refresh()

    def refresh(self) -> None:
        """Show the report's choice (after an edit, an undo, another report chosen)."""
        report = self.session.report
        choice = report.annex if report is not None else None
        shown = choice or AnnexChoice()
        self._filling = True
        try:
            self.on.setChecked(choice is not None)
            self.sectors.clear()
            for sector in self.session.workbook.sectors:
                item = QListWidgetItem(sector.title)
                item.setData(Qt.ItemDataRole.UserRole, sector.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                chosen = shown.sectors is None or sector.code in shown.sectors
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self.sectors.addItem(item)
            for i in range(self.columns.count()):
                item = self.columns.item(i)
                chosen = item.data(Qt.ItemDataRole.UserRole) in shown.columns
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        finally:
            self._filling = False
        editable = report is not None and not self.session.readonly and not report.frozen  # sent: as it was sent
        self.on.setEnabled(editable)
        self.choices.setEnabled(editable and choice is not None)
        self.message.clear()

    def focus(self, place) -> None:
        self.on.setFocus()

    @staticmethod
    def _checked(items: QListWidget) -> list[str]:
        return [items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(items.count())
                if items.item(i).checkState() == Qt.CheckState.Checked]

    def choice(self) -> AnnexChoice | None:
        if not self.on.isChecked():
            return None
        sectors = self._checked(self.sectors)
        every = len(sectors) == self.sectors.count()  # every sector, and those added later
        return AnnexChoice(None if every else tuple(sectors), tuple(self._checked(self.columns)))

    def _save(self, *_args) -> None:
        if self._filling:
            return
        choice = self.choice()
        if choice is not None and not choice.columns:
            self.message.setText("Phụ lục phải có ít nhất một cột; cột vừa bỏ chọn chưa được lưu.")
            self.refresh_later()
            return
        report = self.session.report
        if report is not None and choice != report.annex:
            self.session.set_annex(choice)

    def refresh_later(self) -> None:
        from PySide6.QtCore import QTimer

        message = self.message.text()
        QTimer.singleShot(0, lambda: (self.refresh(), self.message.setText(message)))
