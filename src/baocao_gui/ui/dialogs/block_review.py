"""The side-by-side review of changes coming back into the workbook (a part from an office, an edited export):
each changed, added or deleted paragraph and each changed figure on one row, what the workbook holds on the left,
what came back on the right. A plain change is ticked to be taken (untick to leave it); a **conflict** (changed on
both sides since it was sent) shows both versions and waits for the clerk to pick one: "Nhận" stays off until
every conflict has a choice, so nothing is overwritten without it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.vnformat import format_number

GRID_ROWS = 300  # more changes than this (and no conflict) are shown as a table


@dataclass(frozen=True)
class ReviewRow:
    """One change as the clerk reads it; ``item`` is what the caller applies when it is taken."""

    what: str  # "Đoạn sửa", "Đoạn thêm", "Đoạn xóa", "Số liệu: …"
    ours: str  # the workbook's version ("" where it has none)
    theirs: str  # the version that came back ("" where it has none)
    item: object
    conflict: bool = False
    taken: bool = True  # ticked when the review opens (a new indicator offered waits for its tick)


class BlockReview(QDialog):
    def __init__(self, title: str, intro: str, rows: list[ReviewRow], theirs_label: str = "Bản nhận về",
                 parent: QWidget | None = None, notes: tuple[str, ...] = (), extra: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rows = rows
        self.checks: dict[int, QCheckBox] = {}
        self.choices: dict[int, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        head = QLabel(intro)
        head.setWordWrap(True)
        layout.addWidget(head)
        for note in notes:
            label = QLabel(note)
            label.setWordWrap(True)
            label.setStyleSheet("color: #92400e;")
            layout.addWidget(label)
        self.table: QTableWidget | None = None
        if len(rows) > GRID_ROWS and not any(r.conflict for r in rows):
            layout.addWidget(self._table(rows, theirs_label), 1)  # thousands of figures from a sheet
        else:
            layout.addWidget(self._grid(rows, theirs_label), 1)
        self.state = QLabel()
        self.state.setObjectName("state")
        if self.checks or self.table is not None:  # "accept all or one by one": every plain change (un)ticked at once
            row = QHBoxLayout()
            take_all, take_none = QPushButton("Nhận &tất cả"), QPushButton("&Bỏ tất cả")
            take_all.clicked.connect(lambda: self.tick_all(True))
            take_none.clicked.connect(lambda: self.tick_all(False))
            row.addWidget(take_all)
            row.addWidget(take_none)
            row.addStretch(1)
            layout.addLayout(row)
        if extra is not None:  # what the caller asks besides (the sector new indicators go to)
            layout.addWidget(extra)
        layout.addWidget(self.state)
        buttons = QDialogButtonBox()
        self.take_button = QPushButton("Nhận các thay đổi đã chọn")
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self._update()

    def _grid(self, rows: list[ReviewRow], theirs_label: str) -> QWidget:
        """One row of widgets per change: radio buttons for a conflict, a tick box otherwise."""
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for col, text in enumerate(("Nhận?", "Thay đổi", "Trong sổ", theirs_label)):
            label = QLabel(f"<b>{text}</b>")
            grid.addWidget(label, 0, col)
        for n, row in enumerate(rows, start=1):
            if row.conflict:
                box = QWidget()
                v = QVBoxLayout(box)
                v.setContentsMargins(0, 0, 0, 0)
                group = QButtonGroup(box)
                keep, take = QRadioButton("Giữ bản trong sổ"), QRadioButton("Lấy bản nhận về")
                keep.setObjectName(f"keep-{n - 1}")
                take.setObjectName(f"take-{n - 1}")
                for i, b in enumerate((keep, take)):
                    group.addButton(b, i)
                    v.addWidget(b)
                group.buttonClicked.connect(lambda *_: self._update())
                self.choices[n - 1] = group
                grid.addWidget(box, n, 0)
            else:
                check = QCheckBox()
                check.setObjectName(f"take-{n - 1}")
                check.setChecked(row.taken)
                check.toggled.connect(lambda *_: self._update())
                self.checks[n - 1] = check
                grid.addWidget(check, n, 0, Qt.AlignmentFlag.AlignTop)
            what = QLabel(("<b style='color:#b91c1c'>Khác nhau ở hai bên</b><br>" if row.conflict else "") + row.what)
            what.setWordWrap(True)
            grid.addWidget(what, n, 1, Qt.AlignmentFlag.AlignTop)
            for col, text in ((2, row.ours), (3, row.theirs)):
                label = QLabel(text or "—")
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setMinimumWidth(260)
                grid.addWidget(label, n, col, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(rows) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        return scroll

    def _table(self, rows: list[ReviewRow], theirs_label: str) -> QWidget:
        """The same as a table (one tick box per row): a grid of widgets for thousands of rows takes seconds."""
        table = self.table = QTableWidget(len(rows), 4)
        table.setObjectName("review-table")
        table.setHorizontalHeaderLabels(["Nhận?", "Thay đổi", "Trong sổ", theirs_label])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for n, row in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if row.taken else Qt.CheckState.Unchecked)
            table.setItem(n, 0, check)
            for col, text in ((1, row.what), (2, row.ours or "—"), (3, row.theirs or "—")):
                table.setItem(n, col, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        table.itemChanged.connect(lambda *_: self._update())
        return table

    def tick_all(self, on: bool) -> None:
        """Tick (take) or untick every plain change; a conflict still waits for its own choice."""
        for check in self.checks.values():
            check.setChecked(on)
        if self.table is not None:
            self.table.blockSignals(True)
            state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            for n in range(self.table.rowCount()):
                self.table.item(n, 0).setCheckState(state)
            self.table.blockSignals(False)
        self._update()

    def open_conflicts(self) -> int:
        return sum(g.checkedId() < 0 for g in self.choices.values())

    def _update(self) -> None:
        left = self.open_conflicts()
        taken = len(self.taken())
        self.take_button.setEnabled(left == 0 and taken > 0)
        if left:
            self.state.setText(f"Còn {left} chỗ khác nhau ở hai bên chưa chọn bản nào.")
            self.state.setStyleSheet("color: #b91c1c;")
        else:
            self.state.setText(f"Sẽ nhận {format_number(taken)} thay đổi; một lần Hoàn tác (Ctrl+Z) bỏ tất cả.")
            self.state.setStyleSheet("")

    def taken(self) -> list[object]:
        """The items to apply: the ticked changes, and the conflicts whose version that came back was chosen."""
        ticked = {n for n, c in self.checks.items() if c.isChecked()}
        if self.table is not None:
            ticked = {n for n in range(self.table.rowCount())
                      if self.table.item(n, 0).checkState() == Qt.CheckState.Checked}
        chosen = {n for n, g in self.choices.items() if g.checkedId() == 1}
        return [row.item for n, row in enumerate(self.rows) if n in ticked | chosen]


EXPORT_WORDS = {"changed": "Đoạn sửa", "added": "Đoạn thêm", "deleted": "Đoạn xóa", "figure": "Số liệu"}


def review_row(change) -> ReviewRow:
    """A row for an ``importers.merge.ExportChange`` (an edited Word export): its notes under what it is."""
    what = EXPORT_WORDS[str(change.kind)]
    if change.kind == "figure":
        what += f": {change.old.split(': ', 1)[0]}"
        ours, theirs = change.old.split(": ", 1)[-1], change.new.split(": ", 1)[-1]
    else:
        ours, theirs = change.old, change.new
    if change.notes:
        if change.conflict:  # the label is rich text then (its red first line)
            from html import escape

            what = escape(what) + "<br>" + "<br>".join(f"({escape(note)})" for note in change.notes)
        else:
            what += "\n" + "\n".join(f"({note})" for note in change.notes)
    return ReviewRow(what, ours, theirs, change, conflict=change.conflict)
