"""Thông tin chung: agency, number, place and date, type name, summary, signer, recipients."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from ...app.edits import report_fields
from ...domain.vnformat import format_date
from ..editors.binding import TextBinding
from ..editors.date_field import DateField
from ..editors.note import Note
from ..editors.text_edit import UnicodeTextEdit
from ..session import WorkbookSession

RED, BLUE = "#b91c1c", "#1d4ed8"
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
        self.message = Note()
        self.message.setObjectName("message")

        def report(field: str, value) -> bool:
            return self.session.edit(report_fields.set_report_field, field, value) is not None

        def line(key: str, label: str, save, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            self.fields[key] = edit
            self.bindings[key] = TextBinding(edit, save, session.readonly)
            form.addRow(label, edit)
            return edit

        def agency(field: str, value: str) -> bool:
            return self.session.edit(report_fields.set_agency_field, field, value) is not None

        def name(key: str, label: str, save, placeholder: str) -> None:
            """A header name: two lines high, Enter where the clerk wants the printed line to break."""
            edit = UnicodeTextEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            edit.setTabChangesFocus(True)
            edit.setToolTip("Tên in ở góc trái trang đầu. Chương trình tự xuống dòng giữa các cụm từ; muốn "
                            "xuống dòng ở chỗ khác thì bấm Enter ở chỗ đó.")
            lines = edit.fontMetrics().lineSpacing() * 2
            edit.setFixedHeight(lines + 2 * edit.frameWidth() + 2 * round(edit.document().documentMargin()) + 2)
            self.fields[key] = edit
            self.bindings[key] = TextBinding(edit, save, session.readonly)
            form.addRow(label, edit)

        name("parent_name", "Cơ quan chủ &quản:", lambda t: agency("parent_name", t),
             "UBND TỈNH … (Enter để xuống dòng ở chỗ muốn)")
        name("agency_name", "Cơ quan &ban hành:", lambda t: agency("name", t),
             "SỞ … (Enter để xuống dòng ở chỗ muốn)")
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

        self.date_field = DateField(lambda d: report("date", d.isoformat() if d else None), session.readonly)
        self.date_field.refused.connect(lambda text: self._say(text, RED))
        self.date_field.accepted.connect(self.message.clear)
        self.date = self.date_field.edit
        self.bindings["date"] = self.date_field.binding
        self.no_date = QCheckBox("Chưa ghi ngày (văn thư ghi tay)")
        self.no_date.setObjectName("no_date")
        self.no_date.setEnabled(not session.readonly)
        self.no_date.clicked.connect(self._no_date_clicked)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_field)
        date_row.addWidget(self.no_date)
        date_row.addStretch(1)
        date_label = QLabel("&Ngày ban hành:")
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)
        form.addRow("", self.message)  # beside the number and the date it is about

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
        self.bindings["recipients"] = TextBinding(
            recipients, lambda t: self.session.edit(report_fields.set_recipients, t.splitlines()) is not None,
            session.readonly)
        form.addRow("Nơi &nhận:", recipients)
        layout = QVBoxLayout(inner)
        layout.addLayout(form)
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
        self.date_field.show_date(r.date if r is not None else None)
        self.no_date.setChecked(r is None or r.date is None)

    def focus(self, place) -> None:
        """Put the cursor in the field a finding is about."""
        widget = {"date": self.date, "signer_authority": self.authority}.get(place.field or "",
                                                                             self.fields.get(place.field or ""))
        if widget is not None:
            widget.setFocus()

    def _save_number(self, text: str) -> bool | None:
        text = text.strip()
        if text and not text.isdigit():
            self._say(f"Số văn bản “{text}” không hợp lệ, chưa được lưu: chỉ gõ chữ số, ví dụ 15.", RED)
            return
        self.message.clear()
        number = int(text) if text else None
        return self.session.edit(report_fields.set_report_field, "number", number) is not None

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setText(text)

    def _no_date_clicked(self, checked: bool) -> None:
        """Ticked: no date, the văn thư writes it. Unticked: today's date, said aloud, for the clerk to correct;
        never a date the clerk cannot see (it used to be 01/01/2000, printed without a word)."""
        if checked:
            self.date_field.set_date(None)
            self._say("Ngày để trống: bản in có “ngày … tháng … năm …” để văn thư ghi tay.", BLUE)
            return
        today = dt.date.today()
        if self.date_field.set_date(today):
            self._say(f"Đã ghi ngày hôm nay, {format_date(today)}: sửa lại nếu ngày ký khác.", BLUE)
        self.date.setFocus()
        self.date.selectAll()
