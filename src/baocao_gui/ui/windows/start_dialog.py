"""The start screen: create a workbook from a catalogue, open one, open the Đắk Nông example, recent files."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...app import UserError, write_sample
from ..settings import app_settings, recent_workbooks

log = logging.getLogger(__name__)
FILTER = "Sổ báo cáo (*.baocao)"
EXAMPLE_NAME = "Ví dụ Đắk Nông 2023.baocao"


def documents_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def example_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
                  or Path.home() / ".baocao-gui")
    return folder / EXAMPLE_NAME


def ensure_example() -> Path:
    """The bundled example, written once into the user's data folder (never over the clerk's own edits)."""
    path = example_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_sample(path)
    return path


class StartDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("baocao-gui — Bắt đầu")
        self.chosen: Path | None = None
        self.settings = app_settings()
        title = QLabel("<h2>Soạn báo cáo theo Nghị định 30/2020/NĐ-CP</h2>")
        new = QPushButton("&Tạo sổ báo cáo mới…")
        new.clicked.connect(self.create)
        open_ = QPushButton("&Mở sổ báo cáo…")
        open_.clicked.connect(self.open_existing)
        example = QPushButton("Mở &ví dụ: Sở LĐTBXH Đắk Nông, năm 2023")
        example.clicked.connect(self.open_example)
        from_word = QPushButton("Tạo sổ từ &báo cáo Word…")
        from_word.setToolTip("Báo cáo năm trước chỉ còn tệp Word (.docx): phần đầu, các phần, lĩnh vực, nơi nhận, "
                             "người ký thành một sổ báo cáo mới")
        from_word.clicked.connect(self.create_from_word)
        self.recent = QListWidget()
        self.recent.setObjectName("recent")
        for path in recent_workbooks(self.settings):
            item = QListWidgetItem(Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        self.recent.itemActivated.connect(lambda item: self.finish(Path(item.data(Qt.ItemDataRole.UserRole))))
        buttons = QVBoxLayout()
        for b in (new, from_word, open_, example):
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        buttons.addStretch(1)
        recent_box = QVBoxLayout()
        recent_label = QLabel("Sổ báo cáo mở &gần đây (chọn rồi bấm Enter để mở):")
        recent_label.setBuddy(self.recent)  # a label's "&" is a shortcut only with a buddy; it printed as "&Enter"
        recent_box.addWidget(recent_label)
        recent_box.addWidget(self.recent)
        body = QHBoxLayout()
        body.addLayout(buttons)
        body.addLayout(recent_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body)
        self.resize(720, 360)

    def finish(self, path: Path) -> None:
        self.chosen = path
        self.accept()

    def create(self) -> None:
        from ..dialogs.new_workbook import NewWorkbookDialog

        dialog = NewWorkbookDialog(documents_dir(), self)
        self.new_dialog = dialog
        if dialog.exec() and dialog.created is not None:
            self.finish(dialog.created)

    def create_from_word(self) -> None:
        from ..flows.word_report import workbook_from_word

        created = workbook_from_word(self, documents_dir())
        if created is not None:
            self.finish(created)

    def open_existing(self) -> None:
        target, _ = QFileDialog.getOpenFileName(self, "Mở sổ báo cáo", str(documents_dir()), FILTER)
        if target:
            self.finish(Path(target))

    def open_example(self) -> None:
        try:
            self.finish(ensure_example())
        except UserError as exc:
            QMessageBox.warning(self, "Chưa mở được ví dụ", exc.message)
