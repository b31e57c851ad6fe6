"""The main window: assembly of the tab host, the preview, the findings dock, menus and the status bar.

Tabs live in ``tab_host``, the file and period workflows in ``workflows``, settings in ``settings``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from ..domain.checks import Place
from .background import errors as background_errors
from .binding import flush_all, notifier, unsaved_bindings
from .boxes import choose
from .findings_panel import FindingsPanel
from .preview import PAGE_TEXT_WIDTH_PX, Preview
from .session import WorkbookSession
from .settings import app_settings, remember_workbook
from .tab_host import TabHost
from .workflows import Workflows

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.others: list[QMainWindow] = []  # windows opened from this one (a backup beside a damaged workbook)
        self.settings = app_settings()
        remember_workbook(self.settings, session.path)
        self.setWindowTitle(f"{session.path.name}{' (chỉ đọc)' if session.readonly else ''} — baocao-gui")
        self.flows = Workflows(self)
        self.tabs = TabHost(session)
        self.preview = Preview(session)
        self.tabs.sector_shown.connect(self.preview.show_heading)
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
        self.last_saved = ""
        self._build_actions()
        session.changed.connect(self._changed)
        session.saved.connect(self._saved)
        session.failed.connect(self._failed)
        notifier.changed.connect(self.show_saved_state)
        background_errors.failed.connect(self._background_failed)
        self._restore_state()
        if session.readonly:
            self.saved_label.setText("Chỉ đọc: thay đổi không được lưu")
            self.statusBar().showMessage("Sổ báo cáo nằm ở chỗ không ghi được (tệp hoặc thư mục chỉ đọc) nên được mở "
                                         "chỉ để xem và xuất. Hãy chép sổ ra thư mục khác để sửa.", 30000)

    # --- the parts, for tests and the workflows ------------------------------------------------------------
    general = property(lambda self: self.tabs.general)
    assessment = property(lambda self: self.tabs.assessment)
    direction = property(lambda self: self.tabs.direction)
    sector_tabs = property(lambda self: self.tabs.sector_tabs)

    def sector_tab(self, code: str):
        return self.tabs.sector_tab(code)

    def select_tab(self, name: str) -> None:
        self.tabs.select(name)

    # --- building ------------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        flows, menu = self.flows, self.menuBar()
        file_menu = menu.addMenu("&Tệp")
        self.export_action = QAction("&Xuất tệp Word…", self, shortcut=QKeySequence("Ctrl+E"), triggered=flows.export)
        self.save_action = QAction("&Lưu", self, shortcut=QKeySequence.StandardKey.Save,
                                   triggered=flows.confirm_saved)
        self.copy_action = QAction("Lưu &bản sao…", self, triggered=flows.save_copy)
        self.restore_action = QAction("&Khôi phục từ bản lưu…", self, triggered=flows.restore_backup)
        self.restore_action.setEnabled(not self.session.readonly)
        file_menu.addActions([self.save_action, self.export_action, self.copy_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(QAction("Th&oát", self, shortcut=QKeySequence("Ctrl+Q"), triggered=self.close))

        edit_menu = menu.addMenu("&Sửa")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "&Hoàn tác")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, "&Làm lại")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.add_sector_action = QAction("Thêm &lĩnh vực…", self, triggered=flows.add_sector)
        edit_menu.addAction(self.add_sector_action)

        view_menu = menu.addMenu("&Xem")
        view_menu.addAction(QAction("&Kiểm tra trước khi ký", self, shortcut=QKeySequence("F8"),
                                    triggered=self.show_findings))

        period_menu = menu.addMenu("&Kỳ báo cáo")
        self.next_action = QAction("Tạo báo cáo &kỳ tiếp theo…", self, triggered=flows.create_next_report)
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

    def _fill_periods(self) -> None:
        self.period.clear()
        for r in sorted(self.session.workbook.reports, key=lambda r: (r.period.year, r.period.kind != "year")):
            self.period.addItem(f"Báo cáo {r.period.label}", r.id)
        self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))

    def _period_chosen(self, _index: int) -> None:
        if not self.flows.choose_period(self.period.currentData()):
            self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))

    # --- model → window ------------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.tabs.refresh()
        if self.period.count() != len(self.session.workbook.reports) or \
                self.period.currentData() != self.session.report_id:
            self._fill_periods()
        self.preview.schedule()
        self.findings.schedule()

    def _failed(self, message: str) -> None:
        """A refused edit: red in the status bar; a box the first time (not at every retry of the same text)."""
        self.show_saved_state(message)
        self.statusBar().showMessage(message, 15000)
        if unsaved_bindings():
            return  # typed text kept in its field and retried: the red status says it, no box at every retry
        QMessageBox.warning(self, "Chưa lưu được", message)

    def _background_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def _saved(self, text: str) -> None:
        self.last_saved = text
        self.show_saved_state(text)

    def show_saved_state(self, text: str | None = None) -> None:
        text = self.last_saved if text is None else text
        pending = unsaved_bindings()
        if pending:
            text = (f"Chưa lưu được {len(pending)} ô chữ đang soạn — chương trình đang thử lại "
                    "(ổ đĩa đầy hoặc tệp đang bị chương trình khác giữ).")
        self.saved_label.setStyleSheet("color: #b91c1c; font-weight: bold;" if pending else "")
        self.saved_label.setText(text)

    # --- actions -------------------------------------------------------------------------------------------
    def show_findings(self) -> None:
        self.findings_dock.show()
        self.findings.update_now()
        self.findings.tree.setFocus()

    def go_to(self, place: Place) -> None:
        """Jump to the field a finding is about, and put the cursor there."""
        self.tabs.focus(place)

    # --- state ---------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        last = self.settings.value("last_tab")
        if last:
            self.tabs.select(str(last))

    def closeEvent(self, event) -> None:
        while self.session.db is not None and not flush_all():
            if not self._ask_before_losing_text():
                event.ignore()
                return
        self.settings.setValue("geometry", self.saveGeometry())
        if self.tabs.currentWidget() is not None:
            self.settings.setValue("last_tab", self.tabs.currentWidget().objectName())
        self.settings.sync()
        self.session.close()  # the file is whole on disk and the lock is released
        super().closeEvent(event)

    def _ask_before_losing_text(self) -> bool:
        """Closing with text that cannot be saved: True to go on (try again, or drop it), False to stay."""
        choice = choose(self, QMessageBox.Icon.Warning, "Chưa lưu được",
                        "Có chữ vừa gõ chưa lưu được vào sổ báo cáo (ổ đĩa đầy hoặc tệp đang bị chương trình khác "
                        "giữ). Đóng bây giờ thì phần chữ đó sẽ mất.",
                        [("Thử &lưu lại", QMessageBox.ButtonRole.AcceptRole),
                         ("Đóng và &bỏ phần chưa lưu", QMessageBox.ButtonRole.DestructiveRole),
                         ("Ở lại", QMessageBox.ButtonRole.RejectRole)], default=2, escape=2)
        if choice == 1:
            for binding in unsaved_bindings():
                log.warning("closed with unsaved text discarded by the clerk")
                binding.discard()
            return True
        return choice == 0
