"""A new workbook in one dialog: the catalogue, the agency's header, the period and year, and the file."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...app import UserError, catalogues, new_workbook
from ...domain.model import Period, PeriodKind
from ..flows.catalogue_actions import import_catalogue_dialog
from .report_dialogs import PeriodPicker

log = logging.getLogger(__name__)
FILTER = "Sổ báo cáo (*.baocao)"


def _file_name(agency: str) -> str:
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", agency).strip().rstrip(".") or "Sổ báo cáo"
    return f"{name}.baocao"


class NewWorkbookDialog(QDialog):
    """Everything the first report needs before the window opens on it; nothing is written until "Tạo sổ"."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tạo sổ báo cáo mới")
        self.folder = folder
        self.created: Path | None = None
        self.catalogue = QComboBox()
        self.catalogue.setObjectName("catalogue")
        self._fill_catalogues()
        self.import_button = QPushButton("Nhập danh &mục…")
        self.import_button.setObjectName("import-catalogue")
        self.import_button.setToolTip("Nhập danh mục (tệp .toml) của cơ quan khác hoặc do bạn soạn")
        self.import_button.clicked.connect(self.import_catalogue)
        catalogue_row = QHBoxLayout()
        catalogue_row.addWidget(self.catalogue, 1)
        catalogue_row.addWidget(self.import_button)
        catalogue_label = QLabel("&Danh mục:")
        catalogue_label.setBuddy(self.catalogue)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(catalogue_label, catalogue_row)
        for key, label, hint in (("parent_name", "Cơ quan chủ &quản:", "UBND TỈNH …"),
                                 ("name", "Cơ quan &ban hành:", "SỞ …"),
                                 ("abbreviation", "Chữ viết &tắt:", "dùng trong ký hiệu, ví dụ SLĐTBXH"),
                                 ("place", "Địa da&nh:", "tên tỉnh, ví dụ Lai Châu")):
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(hint)
            edit.setMinimumWidth(380)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.picker = PeriodPicker(Period(PeriodKind.YEAR, dt.date.today().year))
        form.addRow("&Kỳ báo cáo:", self.picker)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton("C&họn…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        where = QLabel("Lưu &tại:")
        where.setBuddy(self.path)
        form.addRow(where, row)
        self.fields["name"].textChanged.connect(self._suggest_path)
        self._typed_path = False
        self.path.textEdited.connect(lambda _: setattr(self, "_typed_path", True))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton("&Tạo sổ", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._suggest_path()

    def _fill_catalogues(self, chosen: str | None = None) -> None:
        """Bundled catalogues, then those the clerk imported."""
        self.catalogue.clear()
        for cid, name in catalogues():
            self.catalogue.addItem(name, cid)
        if chosen is not None and self.catalogue.findData(chosen) >= 0:
            self.catalogue.setCurrentIndex(self.catalogue.findData(chosen))

    def import_catalogue(self) -> None:
        imported = import_catalogue_dialog(self)
        if imported is not None:
            self._fill_catalogues(imported.id)

    def _suggest_path(self) -> None:
        if not self._typed_path:
            self.path.setText(str(self.folder / _file_name(self.fields["name"].text())))

    def browse(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, "Lưu sổ báo cáo mới tại", self.path.text(), FILTER)
        if target:
            self._typed_path = True
            self.path.setText(target if target.endswith(".baocao") else target + ".baocao")

    def create(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.message.setText("Hãy chọn nơi lưu sổ báo cáo.")
            return
        path = Path(text if text.endswith(".baocao") else text + ".baocao")
        agency = {k: e.text().strip() for k, e in self.fields.items()}
        period = self.picker.period()
        try:
            self.created = new_workbook(path, self.catalogue.currentData(), period.year, period.kind, agency)
        except UserError as exc:
            log.warning("new workbook refused: %s", exc.gloss)
            self.message.setText(exc.message)
            return
        self.accept()
