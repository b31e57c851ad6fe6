"""“Thuộc tính chỉ tiêu”: what a catalogue gives an indicator, given in the window to one the clerk added."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.dhis2 import KEYS as DHIS2_KEYS
from ...domain.dhis2 import MappingError, mapping_json, parse_mapping
from ...domain.model import MAX_PRECISION, PLAN_DIRECTIONS, Indicator, plan_direction_name
from ...domain.units import COMMON_UNITS
from ..editors import spelling, typing

DEFAULT_PRECISION = "mặc định của báo cáo"
DIRECTION_LABELS = {  # the catalogue's plan_direction words, as the clerk chooses them
    "level": "thực hiện bằng hoặc cao hơn kế hoạch (in: 18.200)",
    "at_least": "từ mức kế hoạch trở lên (in: từ 2% trở lên)",
    "above": "cao hơn kế hoạch (in: trên 2%)",
    "at_most": "không vượt kế hoạch (in: không quá 5%)",
    "below": "thấp hơn kế hoạch (in: dưới 3%)",
    "decrease": "giảm so với cùng kỳ đạt mức kế hoạch (in: giảm 1–1,5%)",
    "decrease_at_least": "giảm từ mức kế hoạch trở lên (in: giảm từ 2% trở lên)",
    "decrease_above": "giảm nhiều hơn kế hoạch (in: giảm trên 2%)",
    "decrease_at_most": "giảm không quá kế hoạch (in: giảm không quá 1%)",
    "decrease_below": "giảm ít hơn kế hoạch (in: giảm dưới 1%)",
}
DHIS2_LABELS = {"actual": "Thực hiện", "plan": "Kế hoạch", "plan_high": "Kế hoạch (cận trên)", "last": "Cùng kỳ",
                "target": "Chỉ tiêu kỳ sau", "target_high": "Chỉ tiêu kỳ sau (cận trên)",
                "coc": "Tổ hợp phân tổ (COC)"}


class IndicatorDialog(QDialog):
    """Name, unit (a list plus free text), precision, parts that add up, the plan's direction (at least, above, at
    most, below, a reduction), default sentence."""

    def __init__(self, indicator: Indicator, has_parts: bool, parent: QWidget | None = None,
                 others: tuple[Indicator, ...] = ()):
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
        self.direction = QComboBox()  # how the plan is met and printed: at least, above, at most, below, a reduction
        self.direction.setObjectName("plan_direction")
        for name, label in DIRECTION_LABELS.items():
            self.direction.addItem(label, name)
        self.direction.setCurrentIndex(self.direction.findData(
            plan_direction_name(indicator.plan_meaning, indicator.plan_direction)))
        self.direction.setToolTip("Kế hoạch đạt khi nào và được in thế nào: “dưới 3%” đạt khi số thực hiện nhỏ hơn "
                                  "3; “giảm từ 2% trở lên” đạt khi tỷ lệ giảm so với cùng kỳ từ 2 điểm trở lên. "
                                  "Kế hoạch gõ dạng khoảng (1–1,5) được xét là khoảng.")
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
        form.addRow("&Kế hoạch đạt khi:", self.direction)
        form.addRow("&Câu mặc định:", self.sentence)
        # a rate (unit %) made of two indicators: what a roll-up of several workbooks recomputes it from
        self.others = tuple(i for i in others if i.code != indicator.code)
        self.numerator, self.denominator = QComboBox(), QComboBox()
        for box, name, now in ((self.numerator, "rate-numerator", 0), (self.denominator, "rate-denominator", 1)):
            box.setObjectName(name)
            box.addItem("(không)", None)
            for other in self.others:
                box.addItem(other.name, other.code)
            if indicator.rate_of:
                box.setCurrentIndex(max(0, box.findData(indicator.rate_of[now])))
        rate = QWidget()
        rate_row = QHBoxLayout(rate)
        rate_row.setContentsMargins(0, 0, 0, 0)
        rate_row.addWidget(self.numerator, 1)
        rate_row.addWidget(QLabel("÷"))
        rate_row.addWidget(self.denominator, 1)
        rate.setToolTip("Tỷ lệ này bằng chỉ tiêu thứ nhất chia chỉ tiêu thứ hai × 100: khi tổng hợp số liệu từ các "
                        "sổ, tỷ lệ được tính lại từ tổng của hai chỉ tiêu đó.")
        if self.others:
            form.addRow("Tỷ lệ &của:", rate)
        else:  # not a rate: nothing to choose (and the widgets are not kept)
            rate.deleteLater()
            self.numerator = self.denominator = None
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
        layout.addWidget(self._dhis2_box(indicator))
        layout.addWidget(buttons)

    def _dhis2_box(self, indicator: Indicator) -> QGroupBox:
        """Where each typed figure goes in DHIS2 (issue 23): a data element UID per field, "UID.COC" for a field
        with its own category option combo, and the combo of the others; usually set once in the catalogue."""
        box = QGroupBox("Mã DHIS2 (xuất số liệu cho DHIS2)")
        box.setObjectName("dhis2")
        form = QFormLayout(box)
        mapping = dict(indicator.dhis2)
        self.dhis2_fields: dict[str, QLineEdit] = {}
        for key in DHIS2_KEYS:
            field = QLineEdit(mapping.get(key, ""))
            field.setObjectName(f"dhis2_{key}")
            field.setPlaceholderText("mã phần tử dữ liệu, ví dụ f7n9E0hX8qk" if key != "coc" else "mặc định của DHIS2")
            self.dhis2_fields[key] = field
            form.addRow(DHIS2_LABELS[key] + ":", field)
        self.dhis2_error = QLabel("")
        self.dhis2_error.setObjectName("dhis2_error")
        self.dhis2_error.setStyleSheet("color: #b91c1c")
        self.dhis2_error.setWordWrap(True)
        form.addRow(self.dhis2_error)
        return box

    def dhis2_mapping(self) -> tuple[tuple[str, str], ...]:
        return parse_mapping({k: f.text().strip() for k, f in self.dhis2_fields.items() if f.text().strip()},
                             "Mã DHIS2")

    def accept(self) -> None:
        """A DHIS2 code DHIS2 would not take keeps the box open with the sentence under the codes."""
        try:
            self.dhis2_mapping()
        except MappingError as exc:
            self.dhis2_error.setText(exc.message)
            return
        super().accept()

    def changes(self) -> dict[str, Any]:
        """The properties the clerk changed, as the workbook stores them."""
        ind = self.indicator
        chosen = {
            "name": self.name.text().strip(),
            "unit": " ".join(self.unit.currentText().split()),
            "precision": None if self.precision.value() < 0 else self.precision.value(),
            "parts_complete": int(self.parts_complete.isChecked()),
            "plan_meaning": str(PLAN_DIRECTIONS[self.direction.currentData()][0]),
            "plan_direction": str(PLAN_DIRECTIONS[self.direction.currentData()][1]),
            "sentence": self.sentence.toPlainText().strip(),
            "rate_of": self._rate_of(),
        }
        now = {"name": ind.name, "unit": ind.unit, "precision": ind.precision,
               "parts_complete": int(ind.parts_complete), "plan_meaning": str(ind.plan_meaning),
               "plan_direction": str(ind.plan_direction), "sentence": ind.sentence,
               "rate_of": json.dumps(list(ind.rate_of)) if ind.rate_of else None}
        try:  # the DHIS2 codes, when they read (accept() has said why when they do not)
            chosen["dhis2"], now["dhis2"] = mapping_json(self.dhis2_mapping()), mapping_json(ind.dhis2)
        except MappingError:
            pass
        return {k: v for k, v in chosen.items() if v != now[k]}

    def _rate_of(self) -> str | None:
        """Both halves chosen: the JSON pair the workbook stores; otherwise none."""
        if self.numerator is None:
            return json.dumps(list(self.indicator.rate_of)) if self.indicator.rate_of else None
        pair = [self.numerator.currentData(), self.denominator.currentData()]
        return json.dumps(pair) if all(pair) else None
