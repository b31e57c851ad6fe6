"""Tìm và thay thế (Ctrl+F, Ctrl+H; Sửa menu): every text of the report searched, the hits listed by place, a click
or Enter goes there (the findings' ``focus(place)``), one hit or all of them replaced as one undo step.

The search and the replacement are the application's (``domain.find``, ``app.edits.texts``); this dialog only
shows them. It does not block the window: the clerk reads a hit in its paragraph and comes back."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.edits import texts
from ...domain.find import FindOptions, Hit, find
from ..editors.binding import flush_all
from ..editors.table_editor import TableEditor
from ..workers import Worker

GREY = QColor("#6b7280")
RESEARCH_MS = 300  # after an edit, the list follows a moment behind (typing goes on in the window)


class _MiddleElided(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class FindReplaceDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_, self.session = window, window.session
        self.setObjectName("find-replace")
        self.setWindowTitle("Tìm và thay thế trong cả báo cáo")
        self.setModal(False)
        self.hits: list[Hit] = []
        self.query = QLineEdit()
        self.query.setObjectName("find-text")
        self.query.setPlaceholderText("chữ cần tìm, ví dụ: năm 2024")
        self.replacement = QLineEdit()
        self.replacement.setObjectName("replace-text")
        self.replacement.setPlaceholderText("thay bằng, ví dụ: năm 2025")
        self.match_case = QCheckBox("Phân biệt chữ &hoa, thường")
        self.whole_word = QCheckBox("Chỉ tìm cả &từ")
        self.ignore_marks = QCheckBox("Không phân biệt &dấu (hoa = hòa, hóa)")
        self.d_as_dd = QCheckBox("Coi “Đ” như “D”")
        for box in (self.match_case, self.whole_word, self.ignore_marks, self.d_as_dd):
            box.toggled.connect(self.search)
        self.find_button = QPushButton("&Tìm")
        self.find_button.clicked.connect(self.search)
        self.query.returnPressed.connect(self.search)
        self.replacement.returnPressed.connect(self.search)
        self.note = QLabel()
        self.note.setObjectName("find-note")
        self.note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("find-hits")
        self.tree.setAccessibleName("Các chỗ tìm thấy")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(0, _MiddleElided(self.tree))  # a long sector title, and still "› đoạn 3"
        self.tree.setHeaderLabels(["Ở đâu", "Chỗ tìm thấy"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(0, 330)
        self.tree.itemClicked.connect(lambda item, _col: self.go_to(item))
        self.tree.itemActivated.connect(lambda item, _col: self.go_to(item))
        self.replace_one_button = QPushButton("Thay &chỗ này")
        self.replace_one_button.clicked.connect(self.replace_current)
        self.replace_all_button = QPushButton("Thay tất &cả")
        self.replace_all_button.setObjectName("replace-all")
        self.replace_all_button.clicked.connect(self.replace_all)
        close = QPushButton("Đóng")
        close.clicked.connect(self.close)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.find_button)
        form.addRow("Tìm:", row)
        form.addRow("Thay bằng:", self.replacement)
        options = QHBoxLayout()
        for box in (self.match_case, self.whole_word, self.ignore_marks, self.d_as_dd):
            options.addWidget(box)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.replace_one_button, self.replace_all_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.resize(820, 440)
        self.timer = QTimer(self, singleShot=True, interval=RESEARCH_MS)
        self.timer.timeout.connect(self._search_in_background)
        self.worker = Worker(self)  # as the clerk types: a large report takes ~0,3 s, off the window's thread
        self.query.textChanged.connect(lambda _text: self.timer.start())  # the list follows the typing
        self.session.changed.connect(self._changed)
        # Ctrl+Z / Ctrl+Y here undo the report's last edit (a replacement), as in the window — except inside the
        # two text fields, where they undo what was typed there
        self.addActions([a for a in (getattr(window, "undo_action", None), getattr(window, "redo_action", None)) if a])

    # --- searching -----------------------------------------------------------------------------------------
    def options(self) -> FindOptions:
        return FindOptions(self.match_case.isChecked(), self.whole_word.isChecked(), self.ignore_marks.isChecked(),
                           self.d_as_dd.isChecked())

    def _changed(self) -> None:
        if self.isVisible():
            self.timer.start()

    def refused_because(self) -> str:
        """Why nothing can be replaced in the report in view ("" when it can)."""
        report = self.session.report
        if self.session.readonly:
            return "Sổ báo cáo đang mở chỉ đọc nên chỉ tìm được, không thay thế được."
        if report is not None and report.frozen:
            return texts.frozen_sentence(report)
        return ""

    def _search_in_background(self) -> None:
        report = self.session.report
        if report is None:
            return
        self.worker.run(find, self.session.workbook, report, self.query.text(), self.options(), done=self._show)

    def search(self) -> None:
        """Search now (Enter, Tìm, an option, before replacing): the list is this moment's."""
        self.timer.stop()
        self.worker.forget()  # a search still under way is older than this one
        report = self.session.report
        self._show(find(self.session.workbook, report, self.query.text(), self.options()) if report else [])

    def _show(self, hits: list[Hit]) -> None:
        current = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else 0
        self.hits = hits
        self.tree.clear()
        items = []
        for hit in self.hits:
            shown = f"…{hit.before}«{hit.found}»{hit.after}…"  # « »: in every font a clerk has
            if hit.in_citation:
                shown += "  (số liệu trích, không thay ở đây)"
            item = QTreeWidgetItem([hit.spot.where, shown])
            item.setToolTip(0, hit.spot.where)
            item.setToolTip(1, shown)
            if hit.in_citation:
                for col in (0, 1):
                    item.setForeground(col, QBrush(GREY))
            items.append(item)
        self.tree.addTopLevelItems(items)
        if items:
            self.tree.setCurrentItem(items[min(max(current, 0), len(items) - 1)])
        self._say()

    def _say(self, done: str = "") -> None:
        refused = self.refused_because()
        self.replace_one_button.setEnabled(not refused and any(h.replaceable for h in self.hits))
        self.replace_all_button.setEnabled(not refused)  # it searches again before it replaces
        self.replacement.setEnabled(not refused)
        lines = [done] if done else []
        if self.query.text():
            cited = sum(h.in_citation for h in self.hits)
            lines.append(f"Tìm thấy {len(self.hits)} chỗ." if self.hits else "Không tìm thấy chỗ nào.")
            if cited:
                lines.append(f"{cited} chỗ nằm trong số liệu trích. {texts.CITATION_NOTE}")
        if refused:
            lines.append(refused)
        self.note.setText(" ".join(lines))

    # --- going to a hit ------------------------------------------------------------------------------------
    def current_hit(self) -> Hit | None:
        index = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        return self.hits[index] if 0 <= index < len(self.hits) else None

    def go_to(self, item: QTreeWidgetItem | None) -> None:
        """The hit's field shown with the cursor in it (as a finding is), the hit selected there."""
        index = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        if not 0 <= index < len(self.hits):
            return
        hit = self.hits[index]
        self.window_.go_to(hit.spot.place)
        self._select_in_field(hit)

    def _select_in_field(self, hit: Hit) -> None:
        spot = hit.spot
        if spot.cell is not None and spot.cell[0] in ("header", "rows"):
            grids = [t for t in self.window_.tabs.findChildren(TableEditor) if t.isVisible()]
            if grids:
                section, r, c = spot.cell
                grid = grids[0].grid
                grid.setCurrentCell(r if section == "header" else len(grids[0].table.header) + r, c)
                grid.setFocus()
            return
        widget = self.window_.focusWidget()
        offset = 0
        if spot.cell is not None:  # a line of the recipients
            offset = sum(len(line) + 1 for line in self.session.report.recipients[:spot.cell[1]])
        start, end = offset + hit.start, offset + hit.end
        if isinstance(widget, QPlainTextEdit) and widget.toPlainText()[start:end] == spot.text[hit.start:hit.end]:
            cursor = widget.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)
            widget.ensureCursorVisible()
        elif isinstance(widget, QLineEdit) and widget.text()[start:end] == spot.text[hit.start:hit.end]:
            widget.setSelection(start, end - start)

    # --- replacing -----------------------------------------------------------------------------------------
    def replace_current(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        if hit.in_citation:
            self._say(texts.CITATION_NOTE)
            return
        self._replace([hit], "Đã thay 1 chỗ.")

    def replace_all(self) -> None:
        self._replace(None, "")

    def _replace(self, hits: list[Hit] | None, done: str) -> None:
        flush_all()  # what is being typed is saved first, and searched with the rest
        report = self.session.report
        if report is None:
            return
        if hits is None:
            hits = find(self.session.workbook, report, self.query.text(), self.options())
        edit = self.session.edit(texts.replace_hits, hits, self.replacement.text())
        self.search()
        if edit is not None:
            self._say(done or f"Đã thay {edit.created['replaced']} chỗ (Ctrl+Z để hoàn tác).")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.search()


def open_find(window, replace: bool = False) -> FindReplaceDialog:
    """Sửa › Tìm… (Ctrl+F) or Thay thế… (Ctrl+H): the window's one dialog shown, the cursor in the field to type,
    the words selected in the window's field as what to find."""
    dialog = getattr(window, "find_dialog", None)
    if dialog is None:
        dialog = window.find_dialog = FindReplaceDialog(window)
    selected = _selected_text(window.focusWidget())
    if selected:
        dialog.query.setText(selected)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    field = dialog.replacement if replace and dialog.query.text() else dialog.query
    field.setFocus()
    field.selectAll()
    return dialog


def _selected_text(widget: QWidget | None) -> str:
    if isinstance(widget, QPlainTextEdit):
        text = widget.textCursor().selectedText()
    elif isinstance(widget, QLineEdit):
        text = widget.selectedText()
    else:
        return ""
    return text if "\u2029" not in text and len(text) <= 200 else ""


__all__ = ["FindReplaceDialog", "open_find"]
