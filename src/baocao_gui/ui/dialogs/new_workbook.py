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
from ...domain import places
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
        # the provinces valid on the period's last day (the 34 after 1 July 2025, the 63 before): choosing one
        # writes the header's parent agency and the date line's place, which the clerk may still retype
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.setToolTip("Tỉnh, thành phố có vào ngày cuối của kỳ báo cáo; báo cáo kỳ kết thúc trước "
                                 "01/7/2025 có thể ghi tên tỉnh trước khi hợp nhất")
        self._filled: dict[str, str] = {}  # what the last province chosen wrote, to replace it on the next choice
        province_label = QLabel("Tỉnh, thành &phố:")
        province_label.setBuddy(self.province)
        form.addRow(province_label, self.province)
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
        self._fill_provinces()
        self.province.currentIndexChanged.connect(self._province_chosen)
        self.picker.kind.currentIndexChanged.connect(self._fill_provinces)
        self.picker.year.valueChanged.connect(self._fill_provinces)
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

    def _fill_provinces(self, *_) -> None:
        """The provinces of the chosen period's last day, the one chosen kept when it still exists then."""
        chosen = self.province.currentData()
        self.province.blockSignals(True)
        self.province.clear()
        self.province.addItem("(tự ghi cơ quan chủ quản và địa danh)", None)
        for p in sorted(places.for_period(self.picker.period()), key=lambda p: places.key(p.name)):
            self.province.addItem(p.full_name[:1].upper() + p.full_name[1:], p.name)
        index = self.province.findData(chosen) if chosen else 0
        self.province.setCurrentIndex(max(index, 0))
        self.province.blockSignals(False)
        if chosen and index < 0:
            self._province_chosen()  # the former province is gone for this period: its header goes with it

    def _province_chosen(self, *_) -> None:
        name = self.province.currentData()
        found = places.resolve(name, places.period_end(self.picker.period())) if name else None
        wanted = {"parent_name": found.header, "place": found.place} if found else {}
        for key in ("parent_name", "place"):
            edit = self.fields[key]
            if not edit.text().strip() or edit.text() == self._filled.get(key):  # never over what the clerk typed
                edit.setText(wanted.get(key, ""))
        self._filled = wanted

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
            self.created = new_workbook(path, self.catalogue.currentData(), period.year, period.kind, agency,
                                        province=self.province.currentData())
        except UserError as exc:
            log.warning("new workbook refused: %s", exc.gloss)
            self.message.setText(exc.message)
            return
        self.accept()
