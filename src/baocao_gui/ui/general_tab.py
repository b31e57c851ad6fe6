"""Thông tin chung: agency, number, place and date, type name, summary, signer, recipients."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .binding import TextBinding
from .session import WorkbookSession
from .text_edit import UnicodeTextEdit

AUTHORITIES = ("", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC", "TL. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC")


class GeneralTab(QScrollArea):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("tab-general")
        self.setWidgetResizable(True)
        inner = QWidget()
        form = QFormLayout()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.bindings: dict[str, TextBinding] = {}

        def line(key: str, label: str, save, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            self.fields[key] = edit
            self.bindings[key] = TextBinding(edit, save, session.readonly)
            form.addRow(label, edit)
            return edit

        agency = self.session.set_agency_field
        line("parent_name", "Cơ quan chủ &quản:", lambda t: agency("parent_name", t), "UBND TỈNH …")
        line("agency_name", "Cơ quan &ban hành:", lambda t: agency("name", t), "SỞ …")
        line("abbreviation", "Chữ viết &tắt tên cơ quan:", lambda t: agency("abbreviation", t), "SLĐTBXH")
        line("place", "Địa &danh:", lambda t: agency("place", t), "Đắk Nông")
        self.rename = QPushButton("Đổi tên cơ quan từ &kỳ này…")
        self.rename.setObjectName("rename_agency")
        self.rename.setToolTip("Cơ quan được sáp nhập, đổi tên: báo cáo này và các báo cáo sau dùng tên mới; "
                               "các báo cáo trước giữ nguyên tên đã ký.")
        self.rename_note = QLabel("Sửa ở đây chỉ đổi báo cáo đang mở.")
        rename_row = QHBoxLayout()
        rename_row.addWidget(self.rename_note)
        rename_row.addStretch(1)
        rename_row.addWidget(self.rename)
        form.addRow("", rename_row)
        number = line("number", "&Số văn bản:", self._save_number, "để trống nếu văn thư điền số")
        number.setMaxLength(6)

        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.dateChanged.connect(self._save_date)
        self.no_date = QCheckBox("Chưa ghi ngày")
        self.no_date.toggled.connect(self._save_date)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)
        date_label = QLabel("&Ngày ban hành:")
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)

        report = self.session.set_report_field
        line("type_name", "Tên &loại văn bản:", lambda t: report("type_name", t), "BÁO CÁO")
        summary = UnicodeTextEdit()
        summary.setObjectName("summary")
        summary.setFixedHeight(70)
        self.fields["summary"] = summary
        self.bindings["summary"] = TextBinding(summary, lambda t: report("summary", t), session.readonly)
        form.addRow("T&rích yếu nội dung:", summary)

        self.authority = QComboBox()
        self.authority.setObjectName("signer_authority")
        self.authority.setEditable(True)
        self.authority.addItems(AUTHORITIES)
        self.fields["signer_authority"] = self.authority.lineEdit()
        self.bindings["signer_authority"] = TextBinding(self.authority.lineEdit(),
                                                        lambda t: report("signer_authority", t), session.readonly)
        form.addRow("Thẩm &quyền ký:", self.authority)
        line("signer_title", "&Chức vụ người ký:", lambda t: report("signer_title", t), "PHÓ GIÁM ĐỐC")
        line("signer_name", "&Họ tên người ký:", lambda t: report("signer_name", t), "không ghi học hàm, học vị")
        recipients = UnicodeTextEdit()
        recipients.setObjectName("recipients")
        recipients.setPlaceholderText("Mỗi nơi nhận một dòng; dòng cuối: Lưu: VT, …")
        self.fields["recipients"] = recipients
        self.bindings["recipients"] = TextBinding(recipients, lambda t: self.session.set_recipients(t.splitlines()),
                                                  session.readonly)
        form.addRow("Nơi &nhận:", recipients)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b91c1c;")
        layout = QVBoxLayout(inner)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setWidget(inner)
        self.refresh()

    def refresh(self) -> None:
        wb, r = self.session.workbook, self.session.report
        a = r.agency if r is not None else wb.agency
        shown = {"parent_name": a.parent_name, "agency_name": a.name, "abbreviation": a.abbreviation,
                 "place": a.place}
        if r is not None:
            shown.update({"number": "" if r.number is None else str(r.number), "type_name": r.type_name,
                          "summary": r.summary, "signer_authority": r.signer_authority,
                          "signer_title": r.signer_title, "signer_name": r.signer_name,
                          "recipients": "\n".join(r.recipients)})
        for key, text in shown.items():
            self.bindings[key].show(text)
        for w in (self.date, self.no_date):
            w.blockSignals(True)
        if r is not None and r.date is not None:
            self.date.setDate(QDate(r.date.year, r.date.month, r.date.day))
        self.no_date.setChecked(r is None or r.date is None)
        self.date.setEnabled(r is not None and r.date is not None)
        for w in (self.date, self.no_date):
            w.blockSignals(False)

    def focus(self, place) -> None:
        """Put the cursor in the field a finding is about."""
        widget = {"date": self.date, "signer_authority": self.authority}.get(place.field or "",
                                                                             self.fields.get(place.field or ""))
        if widget is not None:
            widget.setFocus()

    def _save_number(self, text: str) -> bool | None:
        text = text.strip()
        if text and not text.isdigit():
            self.message.setText(f"Số văn bản “{text}” không hợp lệ, chưa được lưu: chỉ gõ chữ số, ví dụ 15.")
            return
        self.message.clear()
        return self.session.set_report_field("number", int(text) if text else None)

    def _save_date(self, *_args) -> None:
        if self.no_date.isChecked():
            self.date.setEnabled(False)
            value = None
        else:
            self.date.setEnabled(True)
            q = self.date.date()
            value = dt.date(q.year(), q.month(), q.day()).isoformat()
        if self.session.report and (self.session.report.date.isoformat() if self.session.report.date else None) != value:
            self.session.set_report_field("date", value)
