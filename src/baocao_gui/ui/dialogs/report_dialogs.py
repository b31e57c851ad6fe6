"""Dialogs of the reports of a workbook: a new report of any period, another period for an empty one, the
agency renamed from a report on, and what changed in a report since it was sent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import Agency, Period, PeriodKind, Workbook


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    box.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PeriodPicker(QWidget):
    """The kind of period (năm, 9 tháng, 6 tháng, quý I…IV, tháng 1…12) and the year."""

    def __init__(self, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("period_kind")
        for kind in PeriodKind:
            self.kind.addItem(kind.title, kind.value)
        self.year = QSpinBox()
        self.year.setObjectName("period_year")
        self.year.setRange(1990, 2200)
        self.year.setGroupSeparatorShown(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind, 1)
        layout.addWidget(QLabel("năm"))
        layout.addWidget(self.year)
        self.setFocusProxy(self.kind)  # the label's mnemonic reaches the period box
        self.set(period)

    def set(self, period: Period) -> None:
        self.kind.setCurrentIndex(self.kind.findData(period.kind.value))
        self.year.setValue(period.year)

    def period(self) -> Period:
        return Period(PeriodKind(self.kind.currentData()), self.year.value())


class NewReportDialog(QDialog):
    """"Báo cáo mới…": any period and year, starting from the report before it, the same period a year earlier,
    or empty. Plans and last year's figures are carried by the regime's rules in every case."""

    STARTS = (("previous", "Chép thông tin chung, nơi nhận và các đoạn văn của báo cáo liền trước"),
              ("year_before", "Chép từ báo cáo cùng kỳ năm trước"),
              ("empty", "Để trống các đoạn văn (chỉ chép thông tin chung và nơi nhận)"))

    def __init__(self, workbook: Workbook, suggested: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Báo cáo mới")
        self.workbook = workbook
        self.picker = PeriodPicker(suggested)
        self.starts = QButtonGroup(self)
        form = QFormLayout()
        form.addRow("&Kỳ báo cáo:", self.picker)
        column = QVBoxLayout()
        for i, (key, label) in enumerate(self.STARTS):
            button = QRadioButton(label)
            button.setObjectName(f"start-{key}")
            self.starts.addButton(button, i)
            column.addWidget(button)
        self.starts.button(0).setChecked(True)
        form.addRow("Bắt đầu từ:", column)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("note")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Kế hoạch lấy từ chỉ tiêu năm do báo cáo năm trước đặt ra (hoặc kế hoạch của báo cáo "
                                "cùng năm); số cùng kỳ lấy từ số thực hiện của báo cáo cùng kỳ năm trước."))
        layout.itemAt(layout.count() - 1).widget().setWordWrap(True)
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self, "&Tạo báo cáo"))
        self.picker.kind.currentIndexChanged.connect(self._update)
        self.picker.year.valueChanged.connect(self._update)
        self._update()

    def start(self) -> str:
        return self.STARTS[self.starts.checkedId()][0]

    def _update(self) -> None:
        period = self.picker.period()
        exists = self.workbook.find(period) is not None
        earlier = self.workbook.find(Period(period.kind, period.year - 1)) is not None
        self.starts.button(1).setEnabled(earlier)
        if not earlier and self.starts.checkedId() == 1:
            self.starts.button(0).setChecked(True)
        self.note.setText(f"Sổ đã có báo cáo {period.label}." if exists else "")
        self.note.setStyleSheet("color: #b91c1c;" if exists else "")


class ChangePeriodDialog(QDialog):
    def __init__(self, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đổi kỳ báo cáo")
        self.picker = PeriodPicker(period)
        layout = QVBoxLayout(self)
        text = QLabel(f"Báo cáo {period.label} chưa có số liệu hay đoạn văn nào nên đổi được kỳ. Kỳ mới:")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(self.picker)
        layout.addWidget(_buttons(self, "Đổi &kỳ"))


class RenameAgencyDialog(QDialog):
    """"Đổi tên cơ quan từ kỳ này…": this report and later ones take the new header; earlier ones keep theirs."""

    FIELDS = (("parent_name", "Cơ quan chủ &quản:"), ("name", "Cơ quan &ban hành:"),
              ("abbreviation", "Chữ viết &tắt:"), ("place", "Địa &danh:"))

    def __init__(self, agency: Agency, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đổi tên cơ quan từ kỳ này")
        self.agency = agency
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = QLineEdit(getattr(agency, key))
            edit.setObjectName(key)
            edit.setMinimumWidth(420)
            self.edits[key] = edit
            form.addRow(label, edit)
        layout = QVBoxLayout(self)
        text = QLabel(f"Tên mới dùng cho báo cáo {period.label} và các báo cáo sau; các báo cáo trước giữ "
                      "nguyên tên đã ký.")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Đổi &tên"))

    def changed(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.edits.items() if e.text().strip() != getattr(self.agency, k)}


class ChangesDialog(QDialog):
    """What changed in a report since it was sent: each figure and paragraph, before and now, side by side."""

    def __init__(self, label: str, sent_at: str, changes, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Thay đổi từ khi gửi — báo cáo {label}")
        try:
            when = dt.datetime.fromisoformat(sent_at).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = sent_at
        self.table = QTableWidget(len(changes), 3)
        self.table.setObjectName("changes")
        self.table.setHorizontalHeaderLabels(["Chỗ thay đổi", f"Khi gửi ({when})", "Bây giờ"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, c in enumerate(changes):
            for col, text in enumerate((c.where, c.before or "(không có)", c.after or "(đã xóa)")):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout = QVBoxLayout(self)
        summary = QLabel(f"{len(changes)} chỗ khác với bản đã gửi." if changes else "Không có gì khác với bản đã gửi.")
        summary.setObjectName("summary")
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        close = QDialogButtonBox()
        close.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(900, 480)
        self.setWindowModality(Qt.WindowModality.WindowModal)
