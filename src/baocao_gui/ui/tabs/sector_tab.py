"""One generic tab for every sector of the catalogue: its titles, its figures, its results and its tasks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...app.edits import paragraphs, sectors
from ...domain.figures import targets_met
from ...domain.model import Part
from ...domain.units import COMMON_UNITS
from ..dialogs.indicator_dialog import IndicatorDialog
from ..editors.binding import TextBinding
from ..editors.blocks_editor import BlocksEditor
from ..editors.indicator_table import FIELD_COLUMN, IndicatorTable
from ..editors.note import Note
from ..session import WorkbookSession
from ..settings import remember_splitter


class SectorTab(QWidget):
    def _say(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)

    def __init__(self, session: WorkbookSession, sector: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.sector = session, sector
        self.setObjectName(f"tab-{sector}")

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.task_title = QLineEdit()
        self.task_title.setObjectName("task_title")
        def save_title(field: str, text: str) -> bool:
            return session.edit(sectors.set_sector_field, sector, field, text) is not None

        self.title_binding = TextBinding(self.title, lambda t: save_title("title", t), session.readonly)
        self.task_binding = TextBinding(self.task_title, lambda t: save_title("task_title", t), session.readonly)
        titles = QHBoxLayout()  # one row, not two: on a laptop the figures need the height
        for text, edit in (("Tên &lĩnh vực (phần kết quả):", self.title), ("Tên phần nhiệ&m vụ:", self.task_title)):
            label = QLabel(text)
            label.setBuddy(edit)
            titles.addWidget(label)
            titles.addWidget(edit, 1)

        self.table = IndicatorTable(session, sector)
        self.message = Note()  # no room taken while empty: on a laptop the figures need the height
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.table.refused.connect(lambda text: self._say(text, "#b91c1c"))
        self.table.noted.connect(lambda text: self._say(text, "#1d4ed8"))
        add = QPushButton("Thêm &chỉ tiêu…")
        add.clicked.connect(lambda: self.add_indicator(child=False))
        add_child = QPushButton("Thêm chỉ tiêu &trong đó…")
        add_child.clicked.connect(lambda: self.add_indicator(child=True))
        properties = QPushButton("Thuộc tính…")
        properties.setObjectName("indicator-properties")
        properties.setToolTip("Tên, đơn vị, số chữ số thập phân, cách so với kế hoạch, câu mặc định của chỉ tiêu đang chọn")
        properties.clicked.connect(self.edit_properties)
        # short buttons, their words in the tooltip: a laptop's row keeps room for the targets met beside them
        remove = QPushButton("Xóa")
        remove.setToolTip("Xóa chỉ tiêu đang chọn")
        remove.clicked.connect(self.delete_indicator)
        up = QToolButton()
        up.setArrowType(Qt.ArrowType.UpArrow)
        up.setToolTip("Chuyển chỉ tiêu đang chọn lên trên")
        up.setAccessibleName("Chuyển lên")
        up.clicked.connect(lambda: self.move_indicator(-1))
        down = QToolButton()
        down.setArrowType(Qt.ArrowType.DownArrow)
        down.setAccessibleName("Chuyển xuống")
        down.setToolTip("Chuyển chỉ tiêu đang chọn xuống dưới")
        down.clicked.connect(lambda: self.move_indicator(+1))
        buttons = QHBoxLayout()
        for b in (add, add_child, properties, remove, up, down):
            buttons.addWidget(b)
        # which planned indicators met their plan: beside the buttons, so a small screen keeps its table rows; the
        # counts only (they fit beside the buttons on a laptop), the names of those short of plan in the tooltip
        self.met = QLabel()
        self.met.setObjectName("targets-met")
        self.met.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons.addSpacing(12)
        buttons.addWidget(self.met, 1)
        figures = QWidget()
        fl = QVBoxLayout(figures)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addLayout(buttons)
        fl.addWidget(self.table, 1)
        fl.addWidget(self.message)

        self.suggest = QPushButton("Chèn câu &gợi ý")  # a push button sizes itself around its menu arrow
        self.suggest.setObjectName("suggest")
        self.suggest.setToolTip("Câu mẫu của từng chỉ tiêu trong danh mục, trích số liệu đã nhập")
        self.suggest.setMenu(QMenu(self.suggest))
        self.suggest.menu().aboutToShow.connect(self._fill_suggestions)
        self.leave_out = QPushButton("&Bỏ lĩnh vực khỏi kỳ này…")
        self.leave_out.setObjectName("leave_out")
        self.leave_out.clicked.connect(self.leave_out_of_report)
        corner = QWidget()
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 0)
        corner_row.addWidget(self.suggest)
        corner_row.addWidget(self.leave_out)
        # an office that has the program edits its sector in a part file; a signed report can still be sent out
        # (reading it), and taking a part back into it is refused with how to unlock, so the button stays on
        self.parts_button = QPushButton("&Phòng…")
        self.parts_button.setObjectName("office_parts")
        self.parts_button.setProperty("navigation", True)
        self.parts_button.setToolTip("Gửi lĩnh vực này cho phòng làm trong tệp riêng, rồi nhận lại")
        menu = QMenu(self.parts_button)
        self.send_part_action = menu.addAction("Gửi phần cho phòng…", self.send_part)
        self.take_part_action = menu.addAction("Nhận phần từ phòng…", self.take_part)
        self.parts_button.setMenu(menu)
        corner_row.addWidget(self.parts_button)

        self.parts = QTabWidget()
        self.results = BlocksEditor(session, Part.RESULTS, sector)
        self.tasks = BlocksEditor(session, Part.TASKS, sector)
        self.parts.addTab(self.results, "Kết quả thực hiện")
        self.parts.addTab(self.tasks, "Nhiệm vụ kỳ tới")

        self.parts.setCornerWidget(corner, Qt.Corner.TopRightCorner)  # beside the tabs: no extra height
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(figures)
        split.addWidget(self.parts)
        split.setSizes([600, 400])  # the figures first: ten rows and more on a laptop (the paragraphs' least below)
        remember_splitter(split, "splitter/sector")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(titles)
        layout.addWidget(split, 1)
        self._show_titles()  # the table and the editors filled themselves
        self._show_met()

    def focus(self, place) -> None:
        """The figure or the paragraph a finding is about."""
        if place.indicator:
            codes = self.table.codes()
            if place.indicator in codes:
                column = FIELD_COLUMN.get(place.field or "actual", FIELD_COLUMN["actual"])
                self.table.setCurrentCell(codes.index(place.indicator), column)
                self.table.setFocus()
            return
        if place.field in ("title", "task_title"):  # the sector's printed title (a hit of find and replace)
            getattr(self, place.field).setFocus()
            return
        editor = self.tasks if place.part == Part.TASKS else self.results
        self.parts.setCurrentWidget(editor)
        editor.focus(place.block_id)

    def sector_info(self):
        return next((s for s in self.session.workbook.sectors if s.code == self.sector), None)

    def _show_titles(self) -> None:
        info = self.sector_info()
        if info is not None:
            self.title_binding.show(info.title)
            self.task_binding.show(info.task_title)
            for edit in (self.title, self.task_title):  # side by side they are narrow: show a title's beginning
                if not edit.hasFocus():
                    edit.setCursorPosition(0)

    def refresh(self) -> None:
        if self.sector_info() is None:  # removed (or its removal undone later): the window rebuilds its tabs
            return
        self._show_titles()
        self.table.refresh()
        self._show_met()
        self.results.refresh()
        self.tasks.refresh()
        self.message.clear() if not self.table.hasFocus() else None

    def _show_met(self) -> None:
        """Which of the sector's planned indicators met their plan: what {{sector.targets_met}} prints."""
        report = self.session.report
        wb = self.session.workbook
        met, short, unknown = targets_met(wb, report, self.sector) if report is not None else ([], [], [])
        if not (met or short or unknown):
            self.met.clear()
            self.met.setToolTip("")
            return
        name = lambda code: f"“{wb.indicator(code).name}”"
        counts = f"{len(met)}/{len(met) + len(short)} chỉ tiêu"
        text, shown = f"Đạt và vượt kế hoạch: {counts}", f"Đạt và vượt KH: {counts}"
        if short:
            text += "; chưa đạt: " + ", ".join(map(name, short))
            shown += f", {len(short)} chưa đạt"
        if unknown:
            text += "; chưa đủ số liệu để so: " + ", ".join(map(name, unknown))
            shown += f", {len(unknown)} thiếu số liệu"
        self.met.setText(shown + ".")
        self.met.setToolTip(text + ".")

    def add_indicator(self, child: bool) -> None:
        parent = None
        if child:
            parent = self.table.current_code()
            if parent is None:
                self.message.setText("Chọn chỉ tiêu tổng trước khi thêm chỉ tiêu “trong đó”.")
                return
            ind = self.session.workbook.indicator(parent)
            parent = ind.parent or ind.code  # a breakdown of a breakdown goes under the same total
        name, ok = QInputDialog.getText(self, "Thêm chỉ tiêu", "Tên chỉ tiêu:")
        if not ok or not name.strip():
            return
        # a list of the usual units, or any other typed; the rest of its properties are in "Thuộc tính…". A breakdown
        # ("trong đó") is offered its total's unit first: its figures are parts of the total's
        units = list(COMMON_UNITS)
        total_unit = self.session.workbook.indicator(parent).unit if parent else ""
        if total_unit:
            units = [total_unit, *(u for u in units if u != total_unit)]
        unit, ok = QInputDialog.getItem(self, "Thêm chỉ tiêu", "Đơn vị tính (chọn hoặc gõ, ví dụ: người, tỷ đồng, %):",
                                        units, 0, True)
        if not ok:
            return
        unit = " ".join(unit.split())
        edit = self.session.edit(sectors.add_indicator, self.sector, name, unit, parent)
        if edit is not None:
            self.table.setCurrentCell(self.table.codes().index(edit.created["code"]), 2)
            self.table.setFocus()

    def edit_properties(self) -> None:
        code = self.table.current_code()
        if code is None:
            self._say("Chọn một chỉ tiêu trong bảng trước.", "#b91c1c")
            return
        wb = self.session.workbook
        dialog = IndicatorDialog(wb.indicator(code), any(i.parent == code for i in wb.indicators), self,
                                 wb.indicators if wb.indicator(code).is_rate else ())
        if dialog.exec() != IndicatorDialog.DialogCode.Accepted:
            return
        changes = dialog.changes()
        if "name" in changes and not changes["name"]:
            self._say("Tên chỉ tiêu không được để trống; chưa lưu thay đổi.", "#b91c1c")
            return
        if changes:
            self.session.edit(sectors.set_indicator_properties, code, changes)

    def delete_indicator(self) -> None:
        code = self.table.current_code()
        if code is None:
            return
        ind = self.session.workbook.indicator(code)
        answer = QMessageBox.question(self, "Xóa chỉ tiêu",
                                      f"Xóa chỉ tiêu “{ind.name}” cùng số liệu của nó? (Có thể hoàn tác bằng Ctrl+Z.)")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.edit(sectors.delete_indicator, code)

    # --- suggested sentences ------------------------------------------------------------------------------
    def suggestions(self) -> list[tuple[str, str, bool]]:
        """(indicator name, its catalogue sentence, whether the indicator's figure has been typed)."""
        report = self.session.report
        if report is None:
            return []
        out = []
        for ind in self.session.workbook.indicators:
            if ind.sector == self.sector and ind.sentence.strip():
                values = report.values.get(ind.code)
                out.append((ind.name, ind.sentence, values is not None and values.actual is not None))
        return out

    def _fill_suggestions(self) -> None:
        menu = self.suggest.menu()
        menu.clear()
        found = self.suggestions()
        ready = [sentence for _, sentence, typed in found if typed]
        every = menu.addAction(f"Chèn {len(ready)} câu của các chỉ tiêu đã có số liệu")
        every.setEnabled(bool(ready))
        every.triggered.connect(lambda: self.insert_suggestions(ready))
        menu.addSeparator()
        for name, sentence, typed in found:
            action = menu.addAction(("" if typed else "(chưa có số liệu) ") + name)
            action.setToolTip(sentence)
            action.triggered.connect(lambda _=False, s=sentence: self.insert_suggestions([s]))
        if not found:
            menu.addAction("Danh mục không có câu gợi ý cho lĩnh vực này").setEnabled(False)

    def insert_suggestions(self, sentences: list[str]) -> None:
        """Suggested sentences at the end of the results, each one undo step (Ctrl+Z removes the last)."""
        self.parts.setCurrentWidget(self.results)
        for sentence in sentences:
            at = len(self.session.report.part(Part.RESULTS, self.sector)) if self.session.report else 0
            if self.session.edit(paragraphs.insert_block, Part.RESULTS.value, self.sector, at, "paragraph",
                                 sentence) is None:
                return

    def send_part(self) -> None:
        from ..flows.part_actions import send

        send(self, self.session, self.sector)

    def take_part(self) -> None:
        from ..flows.part_actions import take

        take(self, self.session, self.sector)

    def leave_out_of_report(self) -> None:
        info, report = self.sector_info(), self.session.report
        if info is None or report is None:
            return
        answer = QMessageBox.question(
            self, "Bỏ lĩnh vực khỏi báo cáo",
            f"Bỏ lĩnh vực “{info.title}” khỏi báo cáo {report.period.label}? Lĩnh vực không được in và không được "
            "kiểm tra trong báo cáo này; số liệu, đoạn văn của nó và các báo cáo khác vẫn giữ nguyên. Đưa lại bằng "
            "Sửa › Thêm lĩnh vực, hoặc Ctrl+Z.")
        if answer == QMessageBox.StandardButton.Yes:
            self.session.edit(sectors.set_sector_off, self.sector, True)

    def move_indicator(self, step: int) -> None:
        code = self.table.current_code()
        if code is None:
            return
        row = self.table.currentRow()
        if self.session.edit(sectors.move_indicator, code, row + step):
            self.table.setCurrentCell(max(0, min(row + step, self.table.rowCount() - 1)), self.table.currentColumn())
