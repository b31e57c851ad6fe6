"""The start screen: create a workbook from a catalogue, open one, open an example (the Đắk Nông 2023 reference, or
the Sở Nội vụ Lâm Đồng 2026 one with invented figures), recent files."""

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

from ...app import EXAMPLES, UserError, write_sample
from ..settings import app_settings, recent_workbooks

log = logging.getLogger(__name__)
FILTER = "Sổ báo cáo (*.baocao)"
EXAMPLE_NAME = "Ví dụ Đắk Nông 2023.baocao"
# the file each example is written to once, in the user's data folder (by the names of app.EXAMPLES)
EXAMPLE_FILES = {"dak-nong-2023": EXAMPLE_NAME,
                 "so-noi-vu-2026": "Ví dụ Sở Nội vụ Lâm Đồng 2026 (số liệu giả định).baocao"}


def documents_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def example_path(example: str = "dak-nong-2023") -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
                  or Path.home() / ".baocao-gui")
    return folder / EXAMPLE_FILES[example]


def ensure_example(example: str = "dak-nong-2023") -> Path:
    """A bundled example, written once into the user's data folder (never over the clerk's own edits)."""
    path = example_path(example)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_sample(path, example)
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
        example = QPushButton(f"Mở &ví dụ: {EXAMPLES['dak-nong-2023'][1]}")
        example.setToolTip("Báo cáo thật năm 2023 của Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông (trước khi "
                           "sắp xếp năm 2025), chép lại làm mẫu")
        example.clicked.connect(lambda: self.open_example())
        invented = QPushButton("Mở ví dụ: Sở &Nội vụ Lâm Đồng, năm 2026\n(số liệu giả định, không phải số liệu thật)")
        invented.setObjectName("example-so-noi-vu-2026")
        invented.setToolTip("Sở Nội vụ của tỉnh Lâm Đồng sau hợp nhất (Lâm Đồng, Đắk Nông, Bình Thuận) với các lĩnh "
                            "vực tiếp nhận từ ngành Lao động - Thương binh và Xã hội. Mọi số liệu là giả định, chỉ để "
                            "minh họa cách dùng chương trình.")
        invented.clicked.connect(lambda: self.open_example("so-noi-vu-2026"))
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
        for b in (new, from_word, open_, example, invented):
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

    def open_example(self, example: str = "dak-nong-2023") -> None:
        try:
            self.finish(ensure_example(example))
        except UserError as exc:
            QMessageBox.warning(self, "Chưa mở được ví dụ", exc.message)
