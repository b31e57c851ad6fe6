"""The main window: one tab per sector plus general, assessment and direction tabs, the preview, export."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ..app import export_report, export_target
from ..domain.checks import Place
from ..domain.model import PeriodKind
from ..errors import UserError
from .background import errors as background_errors
from .binding import flush_all, notifier, unsaved_bindings
from .export_gate import ExportGate
from .findings_panel import FindingsPanel
from .general_tab import GeneralTab
from .indicator_table import FIELD_COLUMN
from .parts_tab import ASSESSMENT, DIRECTION, PartsTab
from .preview import PAGE_TEXT_WIDTH_PX, Preview
from .sector_tab import SectorTab
from .session import WorkbookSession
from .settings import app_settings, remember_workbook

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.others: list[QMainWindow] = []  # windows opened from this one (a backup beside a damaged workbook)
        self.settings = app_settings()
        remember_workbook(self.settings, session.path)
        self.setWindowTitle(f"{session.path.name} — baocao-gui")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.preview = Preview(session)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([800, PAGE_TEXT_WIDTH_PX + 40])  # the page and its scroll bar
        self.setCentralWidget(split)
        self.findings = FindingsPanel(session)
        self.findings.go_to.connect(self.go_to)
        self.findings_dock = QDockWidget("Kiểm tra trước khi ký", self)
        self.findings_dock.setObjectName("findings-dock")
        self.findings_dock.setWidget(self.findings)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [170], Qt.Orientation.Vertical)
        self.saved_label = QLabel("")
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_actions()
        self._build_tabs()
        self.tabs.currentChanged.connect(self._tab_shown)
        session.changed.connect(self._changed)
        self.last_saved = ""
        session.saved.connect(self._saved)
        notifier.changed.connect(self._show_saved_state)
        background_errors.failed.connect(self._background_failed)
        session.failed.connect(self._failed)
        self._restore_state()
        if session.readonly:
            self.setWindowTitle(f"{session.path.name} (chỉ đọc) — baocao-gui")
            self.saved_label.setText("Chỉ đọc: thay đổi không được lưu")
            self.statusBar().showMessage("Sổ báo cáo nằm ở chỗ không ghi được (tệp hoặc thư mục chỉ đọc) nên được mở "
                                         "chỉ để xem và xuất. Hãy chép sổ ra thư mục khác để sửa.", 30000)

    # --- building ------------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&Tệp")
        self.export_action = QAction("&Xuất tệp Word…", self, shortcut=QKeySequence("Ctrl+E"),
                                     triggered=self.export)
        self.save_action = QAction("&Lưu", self, shortcut=QKeySequence.StandardKey.Save, triggered=self.confirm_saved)
        close_action = QAction("Th&oát", self, shortcut=QKeySequence("Ctrl+Q"), triggered=self.close)
        copy_action = QAction("Lưu &bản sao…", self, triggered=self.save_copy)
        restore_action = QAction("&Khôi phục từ bản lưu…", self, triggered=self.restore_backup)
        restore_action.setEnabled(not self.session.readonly)
        file_menu.addActions([self.save_action, self.export_action, copy_action, restore_action])
        file_menu.addSeparator()
        file_menu.addAction(close_action)

        edit_menu = menu.addMenu("&Sửa")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "&Hoàn tác")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, "&Làm lại")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(QAction("Thêm &lĩnh vực…", self, triggered=self.add_sector))

        view_menu = menu.addMenu("&Xem")
        show_findings = QAction("&Kiểm tra trước khi ký", self, shortcut=QKeySequence("F8"),
                                triggered=self.show_findings)
        view_menu.addAction(show_findings)

        period_menu = menu.addMenu("&Kỳ báo cáo")
        self.next_action = QAction("Tạo báo cáo &kỳ tiếp theo…", self, triggered=self.create_next_report)
        period_menu.addAction(self.next_action)

        toolbar = QToolBar("Kỳ báo cáo")
        toolbar.setObjectName("toolbar")
        toolbar.addWidget(QLabel(" Kỳ báo cáo: "))
        self.period = QComboBox()
        self.period.setObjectName("period")
        self.period.activated.connect(self._period_chosen)
        toolbar.addWidget(self.period)
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        self.addToolBar(toolbar)
        self._fill_periods()

    def _build_tabs(self) -> None:
        """Sector tabs are built the first time they are shown (a workbook may have forty)."""
        current = self.tabs.currentWidget().objectName() if self.tabs.currentWidget() else None
        self.tabs.blockSignals(True)
        self.tabs.clear()
        self.general = GeneralTab(self.session)
        self.tabs.addTab(self.general, "Thông tin chung")
        self.sector_tabs: list[SectorTab] = []
        self.sector_codes = [s.code for s in self.session.workbook.sectors]
        for sector in self.session.workbook.sectors:
            placeholder = QWidget()
            placeholder.setObjectName(f"tab-{sector.code}")
            self.tabs.addTab(placeholder, _short(sector.title))
            self.tabs.setTabToolTip(self.tabs.count() - 1, sector.title)
        self.assessment = PartsTab(self.session, ASSESSMENT, "tab-assessment")
        self.tabs.addTab(self.assessment, "Mở đầu, đánh giá chung")
        self.direction = PartsTab(self.session, DIRECTION, "tab-direction")
        self.tabs.addTab(self.direction, "Phương hướng kỳ tới")
        self.stale: set[str] = set()
        self.tabs.blockSignals(False)
        self.select_tab(current or "tab-general")
        self._tab_shown(self.tabs.currentIndex())

    def sector_tab(self, code: str) -> SectorTab | None:
        """The tab of a sector, built now if it has not been shown yet."""
        built = next((t for t in self.sector_tabs if t.sector == code), None)
        if built is not None:
            return built
        index = next((i for i in range(self.tabs.count()) if self.tabs.widget(i).objectName() == f"tab-{code}"), -1)
        if index < 0:
            return None
        placeholder = self.tabs.widget(index)
        tab = SectorTab(self.session, code)
        label, tip, current = self.tabs.tabText(index), self.tabs.tabToolTip(index), self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, label)
        self.tabs.setTabToolTip(index, tip)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        self.sector_tabs.append(tab)
        return tab

    def select_tab(self, name: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).objectName() == name:
                self.tabs.setCurrentIndex(i)

    def _fill_periods(self) -> None:
        self.period.clear()
        for r in sorted(self.session.workbook.reports, key=lambda r: (r.period.year, r.period.kind != "year")):
            self.period.addItem(f"Báo cáo {r.period.label}", r.id)
        index = self.period.findData(self.session.report_id)
        self.period.setCurrentIndex(max(index, 0))

    # --- model → window ------------------------------------------------------------------------------------
    def _tabs(self) -> list:
        return [self.general, *self.sector_tabs, self.assessment, self.direction]

    def _changed(self) -> None:
        """Redraw the tab in view now; the others when they are next shown."""
        sectors = [s.code for s in self.session.workbook.sectors]
        if sectors != self.sector_codes:
            self._build_tabs()
        else:
            current = self.tabs.currentWidget()
            for tab in self._tabs():
                if tab is current:
                    tab.refresh()
                else:
                    self.stale.add(tab.objectName())
        if self.period.count() != len(self.session.workbook.reports) or \
                self.period.currentData() != self.session.report_id:
            self._fill_periods()
        self.preview.schedule()
        self.findings.schedule()

    def _tab_shown(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if tab is None:
            return
        name = tab.objectName()
        if name.startswith("tab-") and name[4:] in self.sector_codes and not isinstance(tab, SectorTab):
            tab = self.sector_tab(name[4:])
            self.tabs.setCurrentWidget(tab)
        elif name in self.stale:
            tab.refresh()
        self.stale.discard(name)
        if isinstance(tab, SectorTab) and tab.sector_info() is not None:
            self.preview.show_heading(tab.sector_info().title)

    def _failed(self, message: str) -> None:
        """A refused edit: red in the status bar; a box the first time (not at every retry of the same text)."""
        self._show_saved_state(message)
        self.statusBar().showMessage(message, 15000)
        if unsaved_bindings():
            return  # typed text kept in its field and retried: the red status says it, no box at every retry
        QMessageBox.warning(self, "Chưa lưu được", message)

    def _background_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def _saved(self, text: str) -> None:
        self.last_saved = text
        self._show_saved_state(text)

    def _show_saved_state(self, text: str | None = None) -> None:
        text = self.last_saved if text is None else text
        pending = unsaved_bindings()
        if pending:
            text = (f"Chưa lưu được {len(pending)} ô chữ đang soạn — chương trình đang thử lại "
                    "(ổ đĩa đầy hoặc tệp đang bị chương trình khác giữ).")
        self.saved_label.setStyleSheet("color: #b91c1c; font-weight: bold;" if pending else "")
        self.saved_label.setText(text)

    def _unsaved_refusal(self, doing: str) -> bool:
        """True (after saying so) when typed text cannot be saved yet: ``doing`` waits until it is."""
        if flush_all():
            return False
        self._show_saved_state()
        QMessageBox.warning(self, "Chưa lưu được", f"Có chữ vừa gõ chưa lưu được vào sổ báo cáo (ổ đĩa đầy hoặc tệp "
                            f"đang bị chương trình khác giữ); chưa {doing}. Chữ vẫn còn trong ô và chương trình "
                            "đang thử lưu lại.")
        return True

    # --- actions -------------------------------------------------------------------------------------------
    def show_findings(self) -> None:
        self.findings_dock.show()
        self.findings.update_now()
        self.findings.tree.setFocus()

    def go_to(self, place: Place) -> None:
        """Jump to the field a finding is about, and put the cursor there."""
        if place.tab == "general":
            self.select_tab("tab-general")
            widget = {"date": self.general.date, "signer_authority": self.general.authority}.get(
                place.field or "", self.general.fields.get(place.field or ""))
            if widget is not None:
                widget.setFocus()
            return
        if place.tab == "sector":
            self.select_tab(f"tab-{place.sector}")
            tab = self.sector_tab(place.sector)
            if tab is None:
                return
            if place.indicator:
                codes = tab.table.codes()
                if place.indicator in codes:
                    column = FIELD_COLUMN.get(place.field or "actual", FIELD_COLUMN["actual"])
                    tab.table.setCurrentCell(codes.index(place.indicator), column)
                    tab.table.setFocus()
                return
            editor = tab.results if place.part != "tasks" else tab.tasks
            tab.parts.setCurrentWidget(editor)
        else:
            holder = self.assessment if place.tab == "assessment" else self.direction
            self.select_tab(holder.objectName())
            editor = next((e for e in holder.editors if e.part == place.part), None)
            if editor is None:
                return
            holder.setCurrentWidget(editor)
        if place.block_id is not None:
            editor.select_block(place.block_id)
            editor.editor.setFocus()
        else:
            editor.list.setFocus()

    def confirm_saved(self) -> None:
        if flush_all():
            self.statusBar().showMessage("Mọi thay đổi đều đã được lưu vào sổ báo cáo.", 5000)
        else:
            self._show_saved_state()
            self.statusBar().showMessage("Có chữ vừa gõ chưa lưu được; chữ vẫn còn trong ô và chương trình đang "
                                         "thử lưu lại.", 15000)

    def _period_chosen(self, _index: int) -> None:
        if self._unsaved_refusal("chuyển kỳ báo cáo"):
            self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))
            return
        self.session.choose_report(self.period.currentData())

    def create_next_report(self) -> None:
        if self._unsaved_refusal("tạo báo cáo kỳ mới"):
            return
        report = self.session.report
        if report is None:
            return
        kinds = [(PeriodKind.YEAR, "Báo cáo năm"), (PeriodKind.SIX_MONTHS, "Báo cáo 6 tháng"),
                 (PeriodKind.NINE_MONTHS, "Báo cáo 9 tháng")]
        labels = [label for _, label in kinds]
        current = [k for k, _ in kinds].index(report.period.kind)
        label, ok = QInputDialog.getItem(self, "Tạo báo cáo kỳ tiếp theo", "Loại báo cáo:", labels, current, False)
        if not ok:
            return
        kind = kinds[labels.index(label)][0]
        year, ok = QInputDialog.getInt(self, "Tạo báo cáo kỳ tiếp theo", "Năm:", report.period.year + 1, 2000, 2100)
        if not ok:
            return
        edit = self.session.create_next_report(kind, year)
        if edit is not None:
            carried = ("kế hoạch lấy từ chỉ tiêu kỳ trước, cùng kỳ lấy từ số thực hiện" if edit.created["carried"]
                       else "không có số liệu nào được chuyển sang (kỳ khác loại hoặc không liền năm)")
            self.statusBar().showMessage(f"Đã tạo báo cáo {edit.created['period'].label}: {carried}; các đoạn văn "
                                         "được chép sang để soát lại.", 15000)

    def save_copy(self) -> Path | None:
        flush_all()
        name = f"{self.session.path.stem} - bản sao.baocao"
        target, _ = QFileDialog.getSaveFileName(self, "Lưu bản sao sổ báo cáo", str(self.session.path.with_name(name)),
                                                "Sổ báo cáo (*.baocao)")
        if not target:
            return None
        target = Path(target if target.endswith(".baocao") else target + ".baocao")
        if target.resolve() == self.session.path.resolve():
            QMessageBox.warning(self, "Chưa lưu bản sao", "Bản sao phải có tên khác với sổ báo cáo đang mở.")
            return None
        try:
            self.session.save_copy(target)
        except UserError as exc:
            QMessageBox.warning(self, "Chưa lưu bản sao", exc.message)
            return None
        self.statusBar().showMessage(f"Đã lưu bản sao: {target}", 15000)
        return target

    def restore_backup(self) -> bool:
        if self._unsaved_refusal("khôi phục"):
            return False
        backups = self.session.backups()
        if not backups:
            QMessageBox.information(self, "Khôi phục từ bản lưu", "Chưa có bản lưu nào của sổ báo cáo này.")
            return False
        labels = [b.label for b in backups]
        label, ok = QInputDialog.getItem(self, "Khôi phục từ bản lưu",
                                         "Chọn bản lưu (nội dung hiện tại sẽ được lưu lại trước khi khôi phục):",
                                         labels, 0, False)
        if not ok:
            return False
        try:
            self.session.restore(backups[labels.index(label)].path)
        except UserError as exc:
            QMessageBox.warning(self, "Chưa khôi phục được", exc.message)
            return False
        self.statusBar().showMessage(f"Đã khôi phục bản lưu {label}.", 15000)
        return True

    def add_sector(self) -> None:
        title, ok = QInputDialog.getText(self, "Thêm lĩnh vực", "Tên lĩnh vực (ví dụ: Công tác Phòng, chống tệ nạn xã hội):")
        if ok and title.strip():
            code = self.session.add_sector(title)
            if code:
                self.select_tab(f"tab-{code}")

    def default_export_path(self) -> Path:
        report = self.session.report
        folder = self.settings.value("export_dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = f"{report.type_name.capitalize()} {report.period.label}.docx" if report else "Báo cáo.docx"
        return Path(folder) / name

    def export(self) -> Path | None:
        if self._unsaved_refusal("xuất báo cáo (bản xuất sẽ thiếu phần đó)"):
            return None
        report = self.session.report
        if report is None:
            QMessageBox.information(self, "Xuất tệp Word", "Sổ báo cáo chưa có báo cáo nào để xuất.")
            return None
        gate_passed = []

        def confirm(findings) -> bool:
            gate_passed.append(ExportGate.ask(self, findings))
            return gate_passed[-1]

        def choose() -> Path | None:
            target, _ = QFileDialog.getSaveFileName(self, "Xuất báo cáo ra tệp Word", str(self.default_export_path()),
                                                    "Tệp Word (*.docx)")
            return export_target(target, add_suffix=True) if target else None

        try:
            exported = export_report(self.session.workbook, report, choose, confirm=confirm)
        except UserError as exc:
            log.warning("export failed: %s", exc.gloss)
            QMessageBox.warning(self, "Chưa xuất được", exc.message + " Sổ báo cáo không bị ảnh hưởng.")
            return None
        except Exception:  # never silence: one sentence here, the traceback in the log
            log.exception("export failed")
            QMessageBox.warning(self, "Chưa xuất được", "Không xuất được báo cáo; chi tiết đã được ghi vào tệp nhật "
                                "ký. Sổ báo cáo không bị ảnh hưởng.")
            return None
        if exported is None:
            if gate_passed and not gate_passed[-1]:
                self.show_findings()
            return None
        target = exported.path
        self.settings.setValue("export_dir", str(target.parent))
        self.statusBar().showMessage(f"Đã xuất báo cáo: {target}", 15000)
        box = QMessageBox(QMessageBox.Icon.Information, "Đã xuất báo cáo", f"Đã ghi tệp “{target.name}”.", parent=self)
        open_file = box.addButton("Mở &tệp", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("Mở &thư mục", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
        return target

    # --- state ---------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        last = self.settings.value("last_tab")
        if last:
            self.select_tab(str(last))

    def closeEvent(self, event) -> None:
        while self.session.db is not None and not flush_all():
            box = QMessageBox(QMessageBox.Icon.Warning, "Chưa lưu được",
                              "Có chữ vừa gõ chưa lưu được vào sổ báo cáo (ổ đĩa đầy hoặc tệp đang bị chương trình "
                              "khác giữ). Đóng bây giờ thì phần chữ đó sẽ mất.", parent=self)
            retry = box.addButton("Thử &lưu lại", QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton("Đóng và &bỏ phần chưa lưu", QMessageBox.ButtonRole.DestructiveRole)
            stay = box.addButton("Ở lại", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(stay)
            box.setEscapeButton(stay)
            box.exec()
            if box.clickedButton() is discard:
                for binding in unsaved_bindings():
                    log.warning("closed with unsaved text (%d characters) discarded by the clerk",
                                len(binding.widget.toPlainText() if hasattr(binding.widget, "toPlainText")
                                    else binding.widget.text()))
                    binding.discard()
                break
            if box.clickedButton() is not retry:
                event.ignore()
                return
        self.settings.setValue("geometry", self.saveGeometry())
        if self.tabs.currentWidget() is not None:
            self.settings.setValue("last_tab", self.tabs.currentWidget().objectName())
        self.settings.sync()
        self.session.close()  # the file is whole on disk and the lock is released
        super().closeEvent(event)


def _short(title: str) -> str:
    """A tab label from a sector title: "Công tác Lao động – Việc làm và …" → "Lao động – Việc làm và …"."""
    text = title.removeprefix("Công tác ").strip()
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 32 else text[:30].rstrip() + "…"
