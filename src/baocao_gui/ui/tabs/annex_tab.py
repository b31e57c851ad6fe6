"""Phụ lục số liệu: whether the report carries its figures annex, and which sectors and columns it shows; and the
signature and seal pictures for a printed copy. Every click is saved at once (and undone with Ctrl+Z)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...app.edits import report_fields
from ...app.views import ANNEX_COLUMN_LABELS, annex_prints
from ...domain.model import ANNEX_COLUMNS, AnnexChoice, SignImages
from ...domain.pictures import PictureError, png_size
from ..session import WorkbookSession

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
            item = QListWidgetItem(ANNEX_COLUMN_LABELS[code])
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
        layout.addWidget(self._pictures_box())
        self.setWidget(inner)
        self._filling = False
        self.refresh()

    def _pictures_box(self) -> QGroupBox:
        box = QGroupBox("Ảnh chữ ký và con dấu cho bản in (không thay cho chữ ký số)")
        grid = QGridLayout(box)
        self.previews: dict[str, QLabel] = {}
        for row, (kind, label) in enumerate((("signature", "Ảnh chữ ký của người ký"),
                                             ("seal", "Ảnh con dấu của cơ quan"))):
            shown = QLabel()
            shown.setObjectName(f"{kind}-picture")
            shown.setFixedSize(120, 60)
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shown.setStyleSheet("border: 1px solid #bbb; background: white;")
            self.previews[kind] = shown
            choose = QPushButton(f"Chọn {label[0].lower() + label[1:]}…")
            choose.setObjectName(f"choose-{kind}")
            choose.clicked.connect(lambda _=False, k=kind: self.choose_picture(k))
            remove = QPushButton("Bỏ ảnh")
            remove.setObjectName(f"remove-{kind}")
            remove.clicked.connect(lambda _=False, k=kind: self._save_pictures(**{k: None}))
            grid.addWidget(QLabel(label + ":"), row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(choose, row, 2)
            grid.addWidget(remove, row, 3)
        self.seal_mm = QDoubleSpinBox()
        self.seal_mm.setObjectName("seal-mm")
        self.seal_mm.setRange(10, 80)
        self.seal_mm.setDecimals(1)
        self.seal_mm.setSuffix(" mm")
        self.seal_mm.editingFinished.connect(lambda: self._save_pictures(seal_mm=self.seal_mm.value()))
        grid.addWidget(QLabel("Đường kính thật của con dấu:"), 2, 0)
        grid.addWidget(self.seal_mm, 2, 1)
        self.printed = QCheckBox("&In hai ảnh này vào tệp xuất (bản in; khi ký số, phần mềm ký số tự đặt ảnh)")
        self.printed.setObjectName("print-pictures")
        self.printed.toggled.connect(lambda on: self._save_pictures(printed=on))
        grid.addWidget(self.printed, 3, 0, 1, 4)
        self.picture_message = QLabel()
        self.picture_message.setStyleSheet("color: #b91c1c;")
        self.picture_message.setWordWrap(True)
        grid.addWidget(self.picture_message, 4, 0, 1, 4)
        grid.setColumnStretch(4, 1)
        self.pictures_box = box
        return box

    def choose_picture(self, kind: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn ảnh PNG nền trong suốt", "", "Ảnh PNG (*.png)")
        if name:
            self.set_picture(kind, Path(name))

    def set_picture(self, kind: str, path: Path) -> bool:
        """Read a picture file; one sentence and nothing saved when it is not a transparent PNG."""
        try:
            data = path.read_bytes()
            png_size(data, path.name)
        except OSError:
            self.picture_message.setText(f"Không đọc được tệp “{path.name}”; ảnh chưa được lưu.")
            return False
        except PictureError as exc:
            self.picture_message.setText(exc.message + " Ảnh chưa được lưu.")
            return False
        return self._save_pictures(**{kind: data})

    def _save_pictures(self, **changes) -> bool:
        report = self.session.report
        if self._filling or report is None:
            return False
        images = dataclasses.replace(report.images, **changes)
        if images == report.images:
            return True
        self.picture_message.clear()
        return self.session.edit(report_fields.set_sign_images, images) is not None

    def _show_pictures(self, images: SignImages) -> None:
        for kind, label in self.previews.items():
            data = getattr(images, kind)
            pixmap = QPixmap()
            if data and pixmap.loadFromData(data):
                label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
            else:
                label.setPixmap(QPixmap())
                label.setText("(chưa có)")
        self.seal_mm.setValue(images.seal_mm)
        self.printed.setChecked(images.printed)

    def refresh(self) -> None:
        """Show the report's choice (after an edit, an undo, another report chosen)."""
        report = self.session.report
        choice = report.annex if report is not None else None
        shown = choice or AnnexChoice()
        self._filling = True
        try:
            self.on.setChecked(choice is not None)
            self.sectors.clear()
            for sector in self.session.workbook.sectors_of(report):
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
        self._filling = True
        try:
            self._show_pictures(report.images if report is not None else SignImages())
        finally:
            self._filling = False
        editable = report is not None and not self.session.readonly and not report.frozen  # sent: as it was sent
        self.pictures_box.setEnabled(editable)
        self.on.setEnabled(editable)
        self.choices.setEnabled(editable and choice is not None)
        self.message.clear()
        if choice is not None and not annex_prints(self.session.workbook, report, choice):
            self.message.setText("Các lĩnh vực và cột đã chọn chưa có số liệu nào, nên phụ lục sẽ không được in.")

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
            self.session.edit(report_fields.set_annex, choice)

    def refresh_later(self) -> None:
        from PySide6.QtCore import QTimer

        message = self.message.text()
        QTimer.singleShot(0, lambda: (self.refresh(), self.message.setText(message)))
