"""Before export the findings come first: warnings can be passed, errors need an explicit confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.checks import Finding, Severity


class ExportGate(QDialog):
    def __init__(self, findings: list[Finding], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Kiểm tra trước khi xuất")
        errors = [f for f in findings if f.severity == Severity.ERROR]
        text = (f"Báo cáo còn {len(errors)} lỗi và {len(findings) - len(errors)} cảnh báo. "
                "Một báo cáo có lỗi về số liệu không nên đưa đi ký.") if errors else (
                f"Báo cáo còn {len(findings)} cảnh báo. Bạn vẫn có thể xuất.")
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.list = QListWidget()
        for f in findings:
            self.list.addItem(f.line())
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Vẫn xuất", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("&Quay lại sửa", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        self.confirm = QCheckBox("Tôi đã đọc các &lỗi trên và vẫn muốn xuất (bản nháp, chưa đưa đi ký)")
        if errors:
            layout.addWidget(self.confirm)
            self.export_button.setEnabled(False)
            self.confirm.toggled.connect(self.export_button.setEnabled)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

    @staticmethod
    def ask(parent: QWidget | None, findings: list[Finding]) -> bool:
        """True when the clerk chooses to export anyway (no findings: True without asking)."""
        if not findings:
            return True
        return ExportGate(findings, parent).exec() == QDialog.DialogCode.Accepted
