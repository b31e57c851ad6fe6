"""The main window: assembly of the tab host, the preview, the findings dock, menus and the status bar.

Tabs live in ``tab_host``, the file and period workflows in ``workflows``, settings in ``settings``.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...domain.checks import Place
from ..dialogs.boxes import choose
from ..editors.binding import flush_all, notifier, unsaved_bindings
from ..flows.catalogue_actions import import_catalogue_dialog, save_structure_dialog
from ..flows.workflows import Workflows
from ..session import WorkbookSession
from ..settings import app_settings, remember_splitter, remember_workbook
from ..tabs.tab_host import TabHost
from ..workers import errors as background_errors
from .findings_panel import FindingsPanel
from .preview import PAGE_TEXT_WIDTH_PX, Preview
from .window_fit import first_start

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.others: list[QMainWindow] = []  # windows opened from this one (a backup beside a damaged workbook)
        self.settings = app_settings()
        remember_workbook(self.settings, session.path)
        from ...app.parts import part_title

        part = part_title(session.doc)  # a part an office edits says so: it is not the whole workbook
        self.setWindowTitle(f"{session.path.name}{' (chỉ đọc)' if session.readonly else ''}"
                            f"{f' — {part}' if part else ''} — baocao-gui")
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
        self.banner = self._build_banner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        remember_splitter(split, "splitter/main")
        column.addWidget(split, 1)
        self.setCentralWidget(central)
        self.findings = FindingsPanel(session)
        self.findings.go_to.connect(self.go_to)
        self.findings_dock = QDockWidget("Kiểm tra trước khi ký", self)
        self.findings_dock.setObjectName("findings-dock")
        self.findings_dock.setWidget(self.findings)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.saved_label = QLabel("")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.last_saved = ""
        self._build_actions()
        self.tabs.rename_agency.connect(self.flows.rename_agency)
        session.changed.connect(self._changed)
        session.saved.connect(self._saved)
        session.failed.connect(self._failed)
        notifier.changed.connect(self.show_saved_state)
        background_errors.failed.connect(self._background_failed)
        self._restore_state()
        self._show_banner()
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
    def _build_banner(self) -> QFrame:
        """Above the tabs, for a report signed and sent: what it is, and the way to edit it anyway."""
        banner = QFrame()
        banner.setObjectName("sent-banner")
        banner.setStyleSheet("#sent-banner { background: #fef3c7; border-bottom: 1px solid #d97706; }")
        row = QHBoxLayout(banner)
        row.setContentsMargins(10, 4, 10, 4)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("banner-text")
        self.banner_text.setWordWrap(True)
        self.unlock_button = QPushButton("Mở &khóa để sửa…")
        self.unlock_button.setProperty("navigation", True)
        self.unlock_button.clicked.connect(self.flows.unlock)
        self.changes_button = QPushButton("Xem &thay đổi từ khi gửi…")
        self.changes_button.setProperty("navigation", True)
        self.changes_button.clicked.connect(self.flows.show_changes)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.changes_button)
        row.addWidget(self.unlock_button)
        banner.hide()
        return banner

    def _show_banner(self) -> None:
        report = self.session.report
        if report is None or report.sent is None:
            self.banner.hide()
            return
        try:
            when = dt.datetime.fromisoformat(report.sent.at).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = report.sent.at
        sent_file = f" (tệp “{report.sent.file}”)" if report.sent.file else ""
        if report.frozen:
            self.banner_text.setText(f"Báo cáo {report.period.label} đã ký, đã gửi lúc {when}{sent_file}: chỉ để xem, "
                                     "xuất lại ra đúng bản đã gửi.")
        else:
            self.banner_text.setText(f"Báo cáo {report.period.label} đã gửi lúc {when}{sent_file} và đã được mở khóa "
                                     "để sửa: bản trong sổ có thể khác bản đã gửi.")
        self.unlock_button.setVisible(report.frozen)
        self.banner.show()

    def choose_precision(self) -> None:
        """The report's default decimals for percentages ("đạt 97,3%" is one); an indicator may set its own."""
        report = self.session.report
        if report is None:
            return
        current = report.pct_precision if report.pct_precision is not None else 2
        value, ok = QInputDialog.getInt(self, "Số chữ số thập phân của tỷ lệ",
                                        "Số chữ số sau dấu phẩy của các tỷ lệ phần trăm trong báo cáo này\n"
                                        "(chỉ tiêu có số chữ số riêng thì theo chỉ tiêu):", current, 0, 4)
        if ok and value != current:
            self.session.set_report_precision(value)

    def _add_catalogue_actions(self, file_menu) -> None:
        file_menu.addAction(QAction("&Nhập danh mục…", self, triggered=lambda: import_catalogue_dialog(self)))
        file_menu.addAction(QAction("Lưu cấu trúc sổ thành &danh mục…", self,
                                    triggered=lambda: save_structure_dialog(self, self.session.workbook)))

    def _build_actions(self) -> None:
        flows, menu = self.flows, self.menuBar()
        file_menu = menu.addMenu("&Tệp")
        new_action = QAction("&Mới…", self, shortcut=QKeySequence.StandardKey.New,
                             triggered=lambda: self.replace_with("new"))
        open_action = QAction("Mở&…", self, shortcut=QKeySequence.StandardKey.Open,
                              triggered=lambda: self.replace_with("open"))
        self.recent_menu = QMenu("Mở &gần đây", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        close_action = QAction("Đó&ng sổ", self, shortcut=QKeySequence("Ctrl+W"),
                               triggered=lambda: self.replace_with(None))
        from_word_action = QAction("Tạo sổ từ báo cáo &Word…", self, triggered=lambda: self.replace_with("from-word"))
        file_menu.addActions([new_action, from_word_action, open_action])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(close_action)
        file_menu.addSeparator()
        self.export_action = QAction("&Xuất tệp Word…", self, shortcut=QKeySequence("Ctrl+E"), triggered=flows.export)
        self.pdf_action = QAction("Xuất &PDF…", self, shortcut=QKeySequence("Ctrl+Shift+E"),
                                  triggered=flows.export_pdf)
        self.pdf_action.setToolTip("Xuất tệp PDF để ký số (kèm tệp Word bên cạnh)")
        self.save_action = QAction("&Lưu", self, shortcut=QKeySequence.StandardKey.Save,
                                   triggered=flows.confirm_saved)
        self.copy_action = QAction("Lưu &bản sao…", self, triggered=flows.save_copy)
        self.restore_action = QAction("&Khôi phục từ bản lưu…", self, triggered=flows.restore_backup)
        self.restore_action.setEnabled(not self.session.readonly)
        file_menu.addActions([self.save_action, self.export_action, self.pdf_action, self.copy_action,
                              self.restore_action])
        file_menu.addSeparator()
        self._add_catalogue_actions(file_menu)
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
        edit_menu.addAction(QAction("Đổi tên &cơ quan từ kỳ này…", self, triggered=flows.rename_agency))

        view_menu = menu.addMenu("&Xem")
        view_menu.addAction(QAction("&Kiểm tra trước khi ký", self, shortcut=QKeySequence("F8"),
                                    triggered=self.show_findings))

        period_menu = menu.addMenu("&Kỳ báo cáo")
        self.next_action = QAction("Báo cáo &mới…", self, triggered=flows.new_report)
        self.change_period_action = QAction("Đổi &kỳ của báo cáo này…", self, triggered=flows.change_period)
        self.delete_report_action = QAction("&Xóa báo cáo này…", self, triggered=flows.delete_report)
        self.mark_sent_action = QAction("Đánh dấu đã &ký, đã gửi…", self, triggered=flows.mark_sent)
        self.unlock_action = QAction("Mở khóa để &sửa…", self, triggered=flows.unlock)
        self.changes_action = QAction("Xem &thay đổi từ khi gửi…", self, triggered=flows.show_changes)
        self.merge_action = QAction("Nhận &lại tệp Word đã sửa…", self, triggered=flows.merge_edited_word)
        period_menu.addActions([self.next_action, self.change_period_action, self.delete_report_action])
        period_menu.addSeparator()
        period_menu.addAction(self.merge_action)
        period_menu.addSeparator()
        period_menu.addActions([self.mark_sent_action, self.unlock_action, self.changes_action])
        period_menu.aboutToShow.connect(self._enable_period_actions)
        period_menu.addSeparator()
        self.precision_action = QAction("Số chữ số &thập phân của tỷ lệ…", self, triggered=self.choose_precision)
        period_menu.addAction(self.precision_action)

        toolbar = QToolBar("Kỳ báo cáo")
        toolbar.setObjectName("toolbar")
        toolbar.addWidget(QLabel(" Kỳ báo cáo: "))
        self.period = QComboBox()
        self.period.setObjectName("period")
        # the longest label in full ("Báo cáo 9 tháng năm 2024", "Báo cáo tháng 10 năm 2024"), and any added later
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.setMinimumContentsLength(len("Báo cáo 6 tháng đầu năm 2024"))
        self.period.activated.connect(self._period_chosen)
        toolbar.addWidget(self.period)
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)
        toolbar.addAction(self.pdf_action)
        self.addToolBar(toolbar)
        self._fill_periods()

    def _enable_period_actions(self) -> None:
        report, writable = self.session.report, not self.session.readonly
        for action in (self.next_action, self.delete_report_action):
            action.setEnabled(writable)
        self.change_period_action.setEnabled(writable and report is not None and not report.frozen)
        self.mark_sent_action.setEnabled(writable and report is not None and not report.frozen)
        self.unlock_action.setEnabled(writable and report is not None and report.frozen)
        self.changes_action.setEnabled(report is not None and report.sent is not None)
        self.merge_action.setEnabled(writable and report is not None)  # a sent report says how to unlock

    def _fill_recent(self) -> None:
        from ..settings import recent_workbooks

        self.recent_menu.clear()
        for path in recent_workbooks(self.settings):
            if Path(path) != self.session.path:
                action = self.recent_menu.addAction(Path(path).name)
                action.setToolTip(path)
                action.triggered.connect(lambda _=False, p=path: self.replace_with(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(chưa có sổ nào khác)").setEnabled(False)

    def replace_with(self, target) -> None:
        """Tệp › Mới, Mở, Mở gần đây, Đóng sổ: this window closes (everything saved, the lock released), then
        the window opens on the other workbook, or the start screen shows."""
        from ..app import replace_window

        replace_window(self, target)

    def _fill_periods(self) -> None:
        """The period box, filled again only when the reports or their labels changed (not at every edit)."""
        items = [(f"Báo cáo {r.period.label}" + (" (đã gửi)" if r.frozen else ""), r.id)
                 for r in self.session.workbook.in_order()]
        if items != [(self.period.itemText(i), self.period.itemData(i)) for i in range(self.period.count())]:
            self.period.clear()
            for label, rid in items:
                self.period.addItem(label, rid)
        self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))

    def _period_chosen(self, _index: int) -> None:
        if not self.flows.choose_period(self.period.currentData()):
            self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))

    # --- model → window ------------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.tabs.refresh()
        self._fill_periods()
        self._show_banner()
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
            first_start(self, self.findings_dock)
        state = self.settings.value("window_state")  # the findings dock's place and height, the toolbar
        if state is not None:
            self.restoreState(state)
        last = self.settings.value("last_tab")
        if last:
            self.tabs.select(str(last))

    def closeEvent(self, event) -> None:
        while self.session.db is not None and not flush_all():
            if not self._ask_before_losing_text():
                event.ignore()
                return
        if self.flows.pdf_job is not None:  # a conversion still running stops with the window (the .docx stays)
            self.flows.pdf_job.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
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
