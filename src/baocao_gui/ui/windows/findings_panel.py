"""The findings of the checks, updated as the clerk types; activating one jumps to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.edits import own_step, paragraphs, report_fields, texts
from ...app.views import findings as report_findings
from ...domain import legacy
from ...domain.checks import STALE_FIX, TONE_FIX, Finding, Severity, tidy_text
from ...domain.report_text import majority_style
from ...domain.stale import cite_period
from ...domain.tone import NEW, OLD, STYLE_NAMES
from ..editors.binding import flush_all
from ..editors.spelling import dictionary, known_words
from ..session import WorkbookSession
from ..workers import Worker

CHECK_DELAY_MS = 1000  # the findings follow the clerk, a moment behind: checking competes with typing
FIXES = {"legacy-encoding": "Chuyển sang &Unicode", "normalize": "C&huẩn hóa", "stale-period": "&" + STALE_FIX,
         "tone-style": "&" + TONE_FIX}


class FindingsPanel(QWidget):
    go_to = Signal(object)  # a domain.checks.Place

    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("findings")
        self.findings: list[Finding] = []
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Kết quả kiểm tra")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Mức độ", "Ở đâu", "Vấn đề", "Cách sửa"])
        # One line a finding, and the severity column as wide as its two words once: a column fitted to its contents
        # and rows of measured heights made each changed line cost the window ~5 ms on a list of 1.800 findings.
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        words = max(self.tree.fontMetrics().horizontalAdvance(s.capitalize()) for s in Severity)
        header.resizeSection(0, max(header.sectionSizeHint(0), words + 12))  # 12: the item's margins
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 320)
        self.tree.itemActivated.connect(lambda item, _col: self.jump(item))
        self.tree.currentItemChanged.connect(lambda *_: self._update_fix_button())
        self.summary = QLabel()
        self.fix_button = QPushButton(FIXES["normalize"])
        self.fix_button.clicked.connect(self.fix_current)
        # a "tone-style" finding: the fix button writes the report in the style suggested, this one in the other
        self.tone_styles = (NEW, OLD)  # (the fix button's, this button's)
        self.other_style_button = QPushButton()
        self.other_style_button.setObjectName("other-tone-style")
        self.other_style_button.hide()
        self.other_style_button.clicked.connect(lambda: self._one_tone_style(self.tone_styles[1]))
        go = QPushButton("Đến &chỗ cần sửa")
        go.clicked.connect(lambda: self.jump(self.tree.currentItem()))
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(go)
        bar.addWidget(self.fix_button)
        bar.addWidget(self.other_style_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.timer.timeout.connect(self._check_in_background)
        self.worker = Worker(self)
        dictionary().changed.connect(self.schedule)  # a word added to the dictionary leaves the findings
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def _check_in_background(self) -> None:
        # a report signed and sent is checked as sent; the worker gets this moment's model, never the session
        self.worker.run(report_findings, self.session.workbook, self.session.report, known_words(),
                        done=self._show)

    def update_now(self) -> None:
        """Check at once (F8, the export gate, tests)."""
        self.timer.stop()
        self.worker.forget()  # a check still under way is older than this one
        self._show(report_findings(self.session.workbook, self.session.report, known_words()))

    def _show(self, findings: list[Finding]) -> None:
        old, self.findings = self.findings, findings
        current = self.tree.currentIndex().row()
        # A keystroke changes no finding, or a few lines in one place (a paragraph's findings appear or go, the
        # rest shift): keep the unchanged head and tail, rewrite only the lines between. Rebuilding 1.800 lines
        # when three appeared held the window 40–90 ms (each Qt call also waits for the GIL if a worker composes).
        if self.tree.topLevelItemCount() != len(old):  # not expected: the list anew
            self.tree.clear()
            old = []
        head, limit = 0, min(len(old), len(findings))
        while head < limit and old[head] == findings[head]:
            head += 1
        end_old, end_new = len(old), len(findings)
        while end_old > head and end_new > head and old[end_old - 1] == findings[end_new - 1]:
            end_old, end_new = end_old - 1, end_new - 1
        if end_old - head > len(old) // 2:  # most lines differ (another report): the list anew
            self.tree.clear()
            head, end_old, end_new = 0, 0, len(findings)
        kept, added = min(end_old, end_new), []
        for index in range(head, end_new):
            finding = findings[index]
            if index < kept and old[index] == finding:
                continue
            texts = [finding.severity.capitalize(), finding.where, finding.message, finding.fix]
            item = self.tree.topLevelItem(index) if index < kept else QTreeWidgetItem(texts)
            colour = QColor("#b91c1c") if finding.severity == Severity.ERROR else QColor("#a16207")
            item.setForeground(0, QBrush(colour))
            for col in range(4):
                item.setText(col, texts[col])
                item.setToolTip(col, texts[col])
            if index >= kept:
                added.append(item)
        if added:
            self.tree.insertTopLevelItems(kept, added)
        for _ in range(end_old - kept):  # lines that went
            self.tree.takeTopLevelItem(end_new)
        if 0 <= current < self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(current))
        errors = sum(f.severity == Severity.ERROR for f in self.findings)
        warnings = len(self.findings) - errors
        self.summary.setText("Không phát hiện vấn đề nào." if not self.findings
                             else f"{errors} lỗi, {warnings} cảnh báo — bấm đúp vào một dòng để đến chỗ cần sửa.")
        self._update_fix_button()

    def finding(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        index = self.tree.indexOfTopLevelItem(item)
        return self.findings[index] if 0 <= index < len(self.findings) else None

    def jump(self, item: QTreeWidgetItem | None) -> None:
        finding = self.finding(item)
        if finding is not None:
            self.go_to.emit(finding.place)

    def _update_fix_button(self) -> None:
        finding = self.finding(self.tree.currentItem())
        kind = finding.kind if finding else ""
        self.fix_button.setVisible(kind in FIXES)
        if kind in FIXES:
            self.fix_button.setText(FIXES[kind])
        report = self.session.report
        tone = kind == "tone-style" and report is not None
        if tone:  # one click for either style: the one the report keeps (or most of its words have) first
            chosen = report.tone_style or majority_style(self.session.workbook, report)
            self.tone_styles = (chosen, OLD if chosen == NEW else NEW)
            self.fix_button.setText(f"Viết cả báo cáo {STYLE_NAMES[self.tone_styles[0]]}")
            self.other_style_button.setText(f"Viết {STYLE_NAMES[self.tone_styles[1]]}")
        self.other_style_button.setVisible(tone)

    def fix_current(self) -> None:
        """The one-click fixes: a legacy-encoded or untidy paragraph rewritten in clean Unicode; years and
        periods left from another report replaced by citations of this report's own."""
        finding = self.finding(self.tree.currentItem())
        if finding is not None and finding.kind == "stale-period":
            self._cite_period(finding)
            return
        if finding is not None and finding.kind == "tone-style":
            self._one_tone_style(self.tone_styles[0])
            return
        if finding is None or finding.kind not in FIXES or finding.place.block_id is None:
            return
        report = self.session.report
        text = next((b.text for blocks in report.blocks.values() for b in blocks if b.id == finding.place.block_id),
                    None) if report else None
        if text is None:
            return
        fixed = tidy_text(legacy.to_unicode(text) if finding.kind == "legacy-encoding" else text)
        if fixed != text:
            self.session.edit(paragraphs.set_block_text, finding.place.block_id, fixed)
        self.update_now()


    def _one_tone_style(self, style: str) -> None:
        """The whole report written in the tone-mark style clicked (one undo step); the report keeps it for what is
        pasted or imported later."""
        if self.session.report is None:
            return
        flush_all()  # what is being typed is saved first, and rewritten with the rest
        self.session.edit(texts.write_in_style, style)
        self.update_now()

    def _cite_period(self, finding: Finding) -> None:
        """One undo step of its own (not merged with typing in the same paragraph a moment before)."""
        flush_all()  # what is being typed in that paragraph is saved first, and rewritten with the rest
        report, place = self.session.report, finding.place
        if report is None:
            return
        if place.block_id is not None:
            text = next((b.text for blocks in report.blocks.values() for b in blocks if b.id == place.block_id), None)
            fixed = cite_period(text, report.period) if text is not None else None
            fix = (paragraphs.set_block_text, place.block_id, fixed) if fixed not in (None, text) else None
        elif place.field == "summary":
            fixed = cite_period(report.summary, report.period)
            fix = (report_fields.set_report_field, "summary", fixed) if fixed != report.summary else None
        else:
            fix = None
        if fix is not None:
            build, *args = fix
            self.session.edit(own_step(build, STALE_FIX), *args)
        self.update_now()


__all__ = ["FindingsPanel", "Qt"]
