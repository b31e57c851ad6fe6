"""Tệp › “Thiết lập DHIS2…”: the data set and the agency's organisation unit the DHIS2 export names (issue 23).
Usually the catalogue sets them once for the province; here a clerk sets or corrects them for this workbook."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.dhis2 import MappingError, check_uid
from ...domain.model import Dhis2Target


class Dhis2Dialog(QDialog):
    def __init__(self, target: Dhis2Target, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Thiết lập DHIS2")
        self.setObjectName("dhis2-dialog")
        self.data_set = QLineEdit(target.data_set)
        self.data_set.setObjectName("data_set")
        self.org_unit = QLineEdit(target.org_unit)
        self.org_unit.setObjectName("org_unit")
        for field in (self.data_set, self.org_unit):
            field.setPlaceholderText("11 ký tự, ví dụ pBOMPrpg1QX")
            field.setMaxLength(11)
        note = QLabel("Mã (UID) lấy từ hệ thống DHIS2 của tỉnh. Tệp xuất cho DHIS2 được nhập vào DHIS2 qua ứng "
                      "dụng Import/Export; chương trình không gửi gì qua mạng.")
        note.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b91c1c")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Tập dữ liệu (data set):", self.data_set)
        form.addRow("Đơ&n vị (organisation unit):", self.org_unit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, str]:
        return self.data_set.text().strip(), self.org_unit.text().strip()

    def accept(self) -> None:
        """A code DHIS2 would not take keeps the box open with the sentence under it."""
        for value, what in zip(self.chosen(), ("tập dữ liệu (data set)", "đơn vị (organisation unit)"), strict=True):
            if value:
                try:
                    check_uid(value, "Thiết lập DHIS2", what)
                except MappingError as exc:
                    self.error.setText(exc.message)
                    return
        super().accept()
