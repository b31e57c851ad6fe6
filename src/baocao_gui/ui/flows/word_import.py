"""“Nhập từ tệp Word…” on a sector's results or tasks: the file is read in the background (progress, never a
frozen window), what will land where is shown with the figures found, and only then is anything written — as one
edit, so one undo removes the whole import."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app.imports import (
    FoundFigure,
    NewFigure,
    WordContent,
    figures_offered,
    import_edit,
    not_read,
    read_word_file,
)
from ...domain.model import BlockKind, Part
from ...domain.tables import Table
from ...domain.vnformat import format_number
from ..workers import Worker

log = logging.getLogger(__name__)
TITLE = "Nhập từ tệp Word"
FILTER = "Tệp Word (*.docx *.docm);;Mọi tệp (*)"
KIND_WORDS = {BlockKind.PARAGRAPH: "Đoạn văn", BlockKind.HEADING: "Đề mục", BlockKind.BULLET: "Gạch đầu dòng",
              BlockKind.TABLE: "Bảng"}
PART_WORDS = {Part.RESULTS: "Kết quả thực hiện", Part.TASKS: "Nhiệm vụ kỳ tới"}


def block_line(kind: BlockKind, text: str) -> str:
    if kind == BlockKind.TABLE:
        table = Table.from_json(text).normalized()
        return f"{table.columns} cột × {len(table.rows)} dòng: " + " | ".join(c for c in table.header[0] if c)
    return text if len(text) <= 300 else text[:300] + " …"


class ImportDialog(QDialog):
    """What the file holds and where it will go: every block with its kind, what could not be read, and the
    numbers that equal a figure of the sector, each offered as a citation (none accepted unless ticked)."""

    def __init__(self, file_name: str, where: str, content: WordContent, found: list[FoundFigure],
                 parent: QWidget | None = None, new: list[NewFigure] | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.content, self.found, self.new = content, found, list(new or ())
        n = len(content.blocks)
        self.where = QLabel(f"Tệp “{file_name}”: {n} mục sẽ được thêm vào {where}. Chưa có gì được ghi; "
                            "bấm “Nhập” để ghi (Ctrl+Z bỏ cả lần nhập).")
        self.where.setWordWrap(True)
        self.blocks = QTableWidget(n, 2)
        self.blocks.setObjectName("blocks")
        self.blocks.setHorizontalHeaderLabels(["Loại", "Nội dung"])
        self.blocks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.blocks.setWordWrap(True)
        self.blocks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.blocks.verticalHeader().setVisible(False)
        for row, block in enumerate(content.blocks):
            kind = KIND_WORDS[block.kind] + (" (từ TCVN3/VNI)" if row in content.legacy else "")
            self.blocks.setItem(row, 0, QTableWidgetItem(kind))
            self.blocks.setItem(row, 1, QTableWidgetItem(block_line(block.kind, block.text)))
        self.blocks.resizeColumnToContents(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.blocks, 3)
        self.problems = QLabel("\n".join(f"• {p}" for p in content.problems))
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #92400e;")
        self.problems.setVisible(bool(content.problems))
        layout.addWidget(self.problems)

        self.figures = QListWidget()
        self.figures.setObjectName("figures")
        for f in found:
            item = QListWidgetItem(f"“{f.written}” → {f.label}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(content.blocks[f.block].text)
            self.figures.addItem(item)
        figures_box = QWidget()
        fl = QVBoxLayout(figures_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(QLabel(f"{len(found)} số trong tệp trùng với số liệu của lĩnh vực. Đánh dấu số nào muốn "
                            "trích dẫn: câu sẽ tự đổi theo khi số liệu đổi. Số không đánh dấu giữ nguyên như trong tệp."))
        fl.itemAt(0).widget().setWordWrap(True)
        fl.addWidget(self.figures, 1)
        row = QHBoxLayout()
        all_button = QPushButton("Trích dẫn &tất cả")
        all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        none_button = QPushButton("&Bỏ chọn tất cả")
        none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        fl.addLayout(row)
        figures_box.setVisible(bool(found))
        layout.addWidget(figures_box, 1)
        layout.addWidget(self._new_box(), 1)

        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("&Nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(bool(content.blocks))
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 640)

    def _new_box(self) -> QWidget:
        """Numbers that equal no figure of the sector, each offered as a new indicator (none made unless ticked)."""
        self.new_figures = QListWidget()
        self.new_figures.setObjectName("new_figures")
        for f in self.new:
            item = QListWidgetItem(f"{f.label}, số liệu thực hiện {format_number(f.value)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(self.content.blocks[f.block].text)
            self.new_figures.addItem(item)
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        head = QLabel(f"{len(self.new)} số không trùng số liệu nào của lĩnh vực. Đánh dấu số nào muốn tạo thành chỉ "
                      "tiêu mới (tên lấy từ các chữ đứng trước, đơn vị từ chữ đứng sau; sửa sau bằng “Thuộc tính…”): "
                      "câu sẽ trích dẫn chỉ tiêu đó. Ctrl+Z bỏ cả đoạn văn lẫn chỉ tiêu đã tạo.")
        head.setWordWrap(True)
        v.addWidget(head)
        v.addWidget(self.new_figures, 1)
        row = QHBoxLayout()
        make_all = QPushButton("Tạo &mọi chỉ tiêu mới")
        make_all.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked, self.new_figures))
        make_none = QPushButton("Không tạo chỉ tiêu nào")
        make_none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked, self.new_figures))
        row.addWidget(make_all)
        row.addWidget(make_none)
        row.addStretch(1)
        v.addLayout(row)
        box.setVisible(bool(self.new))
        return box

    def _check_all(self, state: Qt.CheckState, items: QListWidget | None = None) -> None:
        items = self.figures if items is None else items
        for i in range(items.count()):
            items.item(i).setCheckState(state)

    def accepted_new(self) -> list[NewFigure]:
        return [f for i, f in enumerate(self.new) if self.new_figures.item(i).checkState() == Qt.CheckState.Checked]

    def accepted_figures(self) -> list[FoundFigure]:
        return [f for i, f in enumerate(self.found) if self.figures.item(i).checkState() == Qt.CheckState.Checked]


class WordImport(QObject):
    """One import into one part of one sector, from choosing the file to the edit."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.session = editor.session
        self.worker = Worker(self, lane="files")
        self.stop = threading.Event()
        self.dialog: QProgressDialog | None = None
        self.path: Path | None = None

    def choose_and_read(self) -> None:
        from ..windows.start_dialog import documents_dir

        chosen, _ = QFileDialog.getOpenFileName(self.editor, TITLE, str(documents_dir()), FILTER)
        if chosen:
            self.read(Path(chosen))

    def read(self, path: Path) -> None:
        """Read in the background; the progress box shows itself when the read takes more than half a second."""
        self.path = path
        self.editor.word_button.setEnabled(False)  # one import at a time
        self.dialog = QProgressDialog(f"Đang đọc tệp “{path.name}”…", "Dừng", 0, 0, self.editor)
        self.dialog.setWindowTitle(TITLE)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.stop = threading.Event()  # a fresh one: an earlier Dừng does not stop this read
        self.dialog.canceled.connect(self.stop.set)
        self.worker.run(read_word_file, path, self.stop, done=self._read, progress=self._moved, failed=None)

    def _moved(self, moved: tuple[int, int]) -> None:
        done, total = moved
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _read(self, result) -> None:
        self.editor.word_button.setEnabled(not self.session.locked)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if result is None:  # stopped by the clerk
            return
        if isinstance(result, Exception):  # read_word_file says every failure it knows; this one is logged
            result = not_read(self.path)
        if isinstance(result, str):
            QMessageBox.warning(self.editor, TITLE, result)
            return
        self.offer(result)

    def offer(self, content: WordContent) -> None:
        editor, session = self.editor, self.session
        report = session.report
        if report is None:
            return
        sector = next((s for s in session.workbook.sectors if s.code == editor.sector), None)
        existing = len(report.part(editor.part, editor.sector or ""))
        where = f"cuối phần “{PART_WORDS.get(editor.part, editor.part.value)}”"
        if sector is not None:
            where += f" của lĩnh vực “{sector.title}”"
        where += f", báo cáo {report.period.label}" + (f", sau {existing} mục đang có" if existing else "")
        found, new = figures_offered(content, session.workbook, report, editor.sector)
        dialog = ImportDialog(self.path.name, where, content, found, editor, new)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not editor._flushed():
            return
        existing = len(session.report.part(editor.part, editor.sector or ""))  # the part now
        edit = session.edit(import_edit, editor.part.value, editor.sector, existing, content.blocks,
                            dialog.accepted_figures(), dialog.accepted_new(), f"Nhập từ tệp Word “{self.path.name}”")
        ids = edit.created.get("ids") if edit else None
        if ids:
            editor.refresh()
            editor.select_block(ids[0])
