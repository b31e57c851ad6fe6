"""“Thuộc tính chỉ tiêu”: what a catalogue gives an indicator, given in the window to one the clerk added."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import MAX_PRECISION, Indicator, PlanMeaning
from ...domain.units import COMMON_UNITS
from ..editors import spelling, typing

DEFAULT_PRECISION = "mặc định của báo cáo"


class IndicatorDialog(QDialog):
    """Name, unit (a list plus free text), precision, parts that add up, a reduction plan, default sentence."""

    def __init__(self, indicator: Indicator, has_parts: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator = indicator
        self.setWindowTitle("Thuộc tính chỉ tiêu")
        self.setObjectName("indicator-dialog")
        self.name = QLineEdit(indicator.name)
        self.name.setObjectName("name")
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        self.unit.setEditable(True)
        self.unit.addItems(COMMON_UNITS)
        self.unit.setCurrentText(indicator.unit)
        self.precision = QSpinBox()
        self.precision.setObjectName("precision")
        self.precision.setRange(-1, MAX_PRECISION)
        self.precision.setSpecialValueText(DEFAULT_PRECISION)  # shown for -1: no precision of its own
        self.precision.setValue(-1 if indicator.precision is None else indicator.precision)
        self.precision.setToolTip("Số chữ số sau dấu phẩy khi in tỷ lệ phần trăm, mức tăng giảm của chỉ tiêu này.")
        self.parts_complete = QCheckBox("Các số “trong đó” cộng lại bằng tổng")
        self.parts_complete.setObjectName("parts_complete")
        self.parts_complete.setChecked(indicator.parts_complete)
        self.parts_complete.setEnabled(has_parts or indicator.parts_complete)
        self.decrease = QCheckBox("Kế hoạch là mức giảm (ví dụ: giảm tỷ lệ hộ nghèo 1–1,5%)")
        self.decrease.setObjectName("decrease")
        self.decrease.setChecked(indicator.plan_meaning == PlanMeaning.DECREASE)
        self.sentence = QPlainTextEdit(indicator.sentence)
        self.sentence.setObjectName("sentence")
        self.sentence.setPlaceholderText("Câu mặc định cho báo cáo mới, ví dụ: Khám bệnh cho {{"
                                         + indicator.code + "}} lượt người.")
        self.sentence.setFixedHeight(70)
        for field in (self.name, self.sentence):  # typed like the report's fields: words undone, spelling shown
            typing.group_words(field)
            spelling.watch(field)
        form = QFormLayout()
        form.addRow("&Tên chỉ tiêu:", self.name)
        form.addRow("Đơn &vị tính:", self.unit)
        form.addRow("Số chữ số &thập phân:", self.precision)
        form.addRow("", self.parts_complete)
        form.addRow("", self.decrease)
        form.addRow("&Câu mặc định:", self.sentence)
        code = QLabel(f"Mã trích dẫn: {{{{{indicator.code}}}}}")
        code.setObjectName("code")
        code.setToolTip("Gõ mã này trong đoạn văn để trích số liệu của chỉ tiêu (hoặc dùng “Chèn số liệu”).")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(code)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, Any]:
        """The properties the clerk changed, as the workbook stores them."""
        ind = self.indicator
        chosen = {
            "name": self.name.text().strip(),
            "unit": " ".join(self.unit.currentText().split()),
            "precision": None if self.precision.value() < 0 else self.precision.value(),
            "parts_complete": int(self.parts_complete.isChecked()),
            "plan_meaning": str(PlanMeaning.DECREASE if self.decrease.isChecked() else PlanMeaning.LEVEL),
            "sentence": self.sentence.toPlainText().strip(),
        }
        now = {"name": ind.name, "unit": ind.unit, "precision": ind.precision,
               "parts_complete": int(ind.parts_complete), "plan_meaning": str(ind.plan_meaning),
               "sentence": ind.sentence}
        return {k: v for k, v in chosen.items() if v != now[k]}
