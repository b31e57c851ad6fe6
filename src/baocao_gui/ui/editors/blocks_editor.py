"""Paragraphs, sub-headings and list items of one part of the report: list, editor, add/move/remove."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...app.edits import paragraphs
from ...domain.figures import FigureWriter, sheet
from ...domain.model import Block, BlockKind, Part
from ...domain.tables import Table, new_table
from ..session import WorkbookSession
from ..settings import remember_splitter
from .binding import TextBinding
from .figure_menu import describe_citation, fill_figure_menu
from .spelling import SpellingHighlighter
from .table_editor import TableEditor
from .text_edit import UnicodeTextEdit

KINDS = ((BlockKind.PARAGRAPH, "Đoạn văn"), (BlockKind.HEADING, "Đề mục (a, b, c…)"),
         (BlockKind.BULLET, "Gạch đầu dòng (-)"))
PREFIX = {BlockKind.PARAGRAPH: "", BlockKind.HEADING: "▸ ", BlockKind.BULLET: "- ", BlockKind.TABLE: "▦ "}
SHOWN_CHARS = 600  # a list line or the "Sẽ in" line shows this much of a very long paragraph


def shortened(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + " …"


class BlocksEditor(QWidget):
    def __init__(self, session: WorkbookSession, part: Part, sector: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.part, self.sector = session, Part(part), sector
        self.setObjectName(f"blocks-{self.part.value}-{sector or ''}")
        self.blocks: list[Block] = []

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setAccessibleName("Danh sách đoạn văn")
        self.list.currentRowChanged.connect(self._select)

        self.kind = QComboBox()
        for kind, label in KINDS:
            self.kind.addItem(label, kind.value)
        self.kind.activated.connect(self._kind_chosen)
        self.editor = UnicodeTextEdit()
        self.editor.setAccessibleName("Nội dung đoạn văn")
        self.editor.setPlaceholderText("Chọn hoặc thêm một đoạn để soạn. Số liệu chèn từ nút “Chèn số liệu”.")
        self.highlighter = SpellingHighlighter(self.editor.document())  # citations, and unknown words
        self.editor.describe = lambda token: describe_citation(self.writer(), token) if self.session.report else ""
        self.binding = TextBinding(self.editor, self._save_text, self.session.readonly)
        self.editor.textChanged.connect(self._show_rendered)
        self.rendered = QLabel()
        self.rendered.setWordWrap(True)
        # two lines (the preview beside shows the whole page; the tooltip has it whole): a laptop keeps its height
        self.rendered.setFixedHeight(self.rendered.fontMetrics().lineSpacing() * 2)
        self.rendered.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.rendered.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rendered.setStyleSheet("color: #374151;")

        self.add_button = QPushButton("&Thêm đoạn")
        self.add_button.clicked.connect(self.add_block)
        self.table_button = QPushButton("Thêm &bảng")
        self.table_button.clicked.connect(self.add_table)
        self.table_editor = TableEditor(readonly=self.session.readonly)
        self.table_editor.changed.connect(self._save_table)
        self.delete_button = QPushButton("&Xóa đoạn")
        self.delete_button.clicked.connect(self.delete_block)
        # arrows, not words: the paragraphs' buttons, the kind and "Chèn số liệu" share one row (a laptop's height)
        self.up_button = QToolButton()
        self.up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.up_button.setToolTip("Chuyển đoạn đang chọn lên trên (Alt+Mũi tên lên)")
        self.up_button.setAccessibleName("Lên")
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_block(-1))
        self.down_button = QToolButton()
        self.down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.down_button.setToolTip("Chuyển đoạn đang chọn xuống dưới (Alt+Mũi tên xuống)")
        self.down_button.setAccessibleName("Xuống")
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.clicked.connect(lambda: self.move_block(+1))
        self.figure_button = QToolButton()
        self.figure_button.setText("Chèn &số liệu")
        self.figure_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.figure_menu = QMenu(self.figure_button)
        self.figure_menu.aboutToShow.connect(self._fill_figure_menu)
        self.figure_button.setMenu(self.figure_menu)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.add_block)
        self.word_button = QPushButton("Nhập từ tệp &Word…")
        self.word_button.setObjectName("import_word")
        self.word_button.setToolTip("Đoạn văn, đề mục, gạch đầu dòng và bảng của một tệp Word (.docx) gửi về, "
                                    "thêm vào cuối phần này sau khi xem trước")
        self.word_button.clicked.connect(self.import_word)

        buttons = self.tools = QHBoxLayout()
        for w in (self.add_button, self.table_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(w)
        buttons.addWidget(self.word_button)
        if self.sector is None:  # hide(), never setVisible(True): a widget shown before it has a parent is a window
            self.word_button.hide()
        buttons.addStretch(1)
        self.kind_label = QLabel("Loại:")
        buttons.addWidget(self.kind_label)
        buttons.addWidget(self.kind)
        buttons.addWidget(self.figure_button)
        text_page = QWidget()
        tl = QVBoxLayout(text_page)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.editor, 1)
        tl.addWidget(self.rendered)
        self.pages = QStackedWidget()  # a paragraph's text, or a table's cells
        self.pages.addWidget(text_page)
        self.pages.addWidget(self.table_editor)
        # two lines of each at least: on a laptop the figures table above keeps its ten rows
        two_lines = self.fontMetrics().lineSpacing() * 2 + 12
        self.list.setMinimumHeight(two_lines)
        self.editor.setMinimumHeight(two_lines)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.pages)
        split.setSizes([220, 260])
        remember_splitter(split, "splitter/paragraphs")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.refresh()

    # --- model → widgets -------------------------------------------------------------------------------------
    def writer(self) -> FigureWriter:
        return sheet(self.session.workbook, self.session.report)

    def refresh(self) -> None:
        report = self.session.report
        self.blocks = list(report.part(self.part, self.sector or "")) if report else []
        current, current_row = self.current_block_id(), self.list.currentRow()
        writer = self.writer() if report else None
        lines = [PREFIX[b.kind] + shortened(self._line(b, writer)) for b in self.blocks]
        ids = [b.id for b in self.blocks]
        self.list.blockSignals(True)
        if ids == [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]:
            for i, line in enumerate(lines):  # the same paragraphs: rewrite only the lines that changed
                if self.list.item(i).text() != line:
                    self.list.item(i).setText(line)
        else:
            self.list.clear()
            for block_id, line in zip(ids, lines, strict=True):
                item = QListWidgetItem(line)
                item.setData(Qt.ItemDataRole.UserRole, block_id)
                self.list.addItem(item)
        # the paragraph selected before, else (it was deleted) the one now at its place: never back to the first,
        # where the next "Xóa đoạn" would delete a paragraph the clerk did not choose
        row = next((i for i, b in enumerate(self.blocks) if b.id == current),
                   min(max(current_row, 0), self.list.count() - 1))
        if self.list.currentRow() != row:
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._load_current()

    @staticmethod
    def _line(block: Block, writer) -> str:
        if block.kind == BlockKind.TABLE:
            table = Table.from_json(block.text).normalized()
            head = " | ".join(c for c in table.header[0] if c) if table.header else ""
            return f"Bảng {table.columns} cột × {len(table.rows)} dòng: {head}"
        return writer.render(block.text) if writer else block.text

    def current_block_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_block(self) -> Block | None:
        bid = self.current_block_id()
        return next((b for b in self.blocks if b.id == bid), None)

    def _select(self, _row: int) -> None:
        if not self._flushed():
            return
        self._load_current()

    def _flushed(self) -> bool:
        """Save the paragraph being typed; if it cannot be saved, stay on it (its text is kept and retried)."""
        if self.binding.flush():
            return True
        row = next((i for i in range(self.list.count())
                    if self.list.item(i).data(Qt.ItemDataRole.UserRole) == self.binding_block), -1)
        if row >= 0 and self.list.currentRow() != row:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        return False

    def _load_current(self) -> None:
        block = self.current_block()
        self.editor.setEnabled(block is not None)
        self.kind.setEnabled(block is not None)
        for w in (self.delete_button, self.up_button, self.down_button, self.figure_button):
            w.setEnabled(block is not None)
        if self.binding.unsaved and any(b.id == self.binding_block for b in self.blocks):
            return  # the paragraph being typed stays in the editor until the workbook holds it
        is_table = block is not None and block.kind == BlockKind.TABLE
        self.pages.setCurrentWidget(self.table_editor if is_table else self.pages.widget(0))
        self.table_editor.buttons.setVisible(is_table)
        self.kind_label.setVisible(not is_table)  # a table's buttons take the kind's place: the row stays narrow
        self.kind.setVisible(not is_table)
        self.tools.invalidate()  # a page not in view keeps its row's old width otherwise (and widens the window)
        self.kind.setEnabled(block is not None and not is_table)
        self.binding_block = block.id if block and not is_table else None
        self.binding.show(block.text if block and not is_table else "")
        if is_table:
            self.table_editor.show_table(Table.from_json(block.text))
        elif block:
            self.kind.setCurrentIndex(self.kind.findData(block.kind.value))
        self._show_rendered()

    def _show_rendered(self) -> None:
        report = self.session.report
        text = self.editor.toPlainText()
        self.rendered.setText(("Sẽ in: " + shortened(self.writer().render(text))) if report and text.strip() else "")
        self.rendered.setToolTip(self.rendered.text() if len(self.rendered.text()) > 120 else "")

    # --- widgets → model -------------------------------------------------------------------------------------
    def _save_text(self, text: str) -> bool | None:
        if self.binding_block is not None:
            return self.session.edit(paragraphs.set_block_text, self.binding_block, text) is not None
        return None

    def _save_table(self, table: Table) -> None:
        block = self.current_block()
        if block is not None and block.kind == BlockKind.TABLE:
            self.session.edit(paragraphs.set_block_table, block.id, table)

    def add_table(self) -> None:
        if not self._flushed():
            return
        index = self.list.currentRow() + 1 if self.list.count() else 0
        edit = self.session.edit(paragraphs.insert_block, self.part.value, self.sector, index,
                                 BlockKind.TABLE.value, new_table().to_json())
        if edit is not None:
            new_id = edit.created["id"]
            if all(b.id != new_id for b in self.blocks):
                self.refresh()
            self.select_block(new_id)
            self.table_editor.grid.setFocus()
            self.table_editor.grid.setCurrentCell(1, 0)

    def _kind_chosen(self, _index: int) -> None:
        block = self.current_block()
        if block and self.kind.currentData() != block.kind.value:
            self.session.edit(paragraphs.set_block_kind, block.id, self.kind.currentData())

    def import_word(self) -> None:
        from ..flows.word_import import WordImport

        if self._flushed():
            WordImport(self).choose_and_read()

    def add_block(self) -> None:
        if not self._flushed():
            return
        index = self.list.currentRow() + 1 if self.list.count() else 0
        edit = self.session.edit(paragraphs.insert_block, self.part.value, self.sector, index)
        if edit is not None:
            new_id = edit.created["id"]
            if all(b.id != new_id for b in self.blocks):
                self.refresh()  # the window redraws only the tab in view; this editor asked, so it redraws
            self.select_block(new_id)
            self.editor.setFocus()

    def delete_block(self) -> None:
        block = self.current_block()
        if block and self.session.edit(paragraphs.delete_block, block.id) and block.id == self.binding_block:
            self.binding.discard()  # what was typed into the deleted paragraph goes with it (undo brings both)
            self._load_current()

    def move_block(self, step: int) -> None:
        block = self.current_block()
        if block and self._flushed():
            self.session.edit(paragraphs.move_block, block.id, self.list.currentRow() + step)

    def focus(self, block_id: int | None) -> None:
        """The paragraph a finding is about, with the cursor in it; or the list of paragraphs."""
        if block_id is not None:
            self.select_block(block_id)
            self.editor.setFocus()
        else:
            self.list.setFocus()

    def select_block(self, block_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == block_id:
                self.list.setCurrentRow(row)
                return

    def _fill_figure_menu(self) -> None:
        fill_figure_menu(self.figure_menu, self.writer(), self.sector, self.insert_citation)

    def insert_citation(self, token: str) -> None:
        block = self.current_block()
        if block is not None and block.kind == BlockKind.TABLE:
            self.table_editor.insert_citation(token)
            return
        self.editor.insertPlainText(token)
        self.editor.setFocus()
        self.binding.flush()
