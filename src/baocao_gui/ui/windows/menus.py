"""The main window's menus (Tệp, Sửa, Xem, Kỳ báo cáo) and its toolbar with the period box: each action calls a
conversation of ``flows/`` or the window. The actions are kept on the window too (``window.export_action``…), where
the tests and the tabs look for them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QMainWindow, QMenu, QToolBar

from ...app.edits import figures
from ...app.export import WRITERS
from ..dialogs.find_replace import open_find
from ..flows.catalogue_actions import import_catalogue_dialog, save_structure_dialog
from ..settings import recent_workbooks


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._build()

    def show_about(self) -> None:
        """The version, the workbook format, the log folder, the licence and the third-party notices."""
        from ...app.about import about
        from ..dialogs.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(about(), self.window)
        self.about_dialog.exec()

    def choose_precision(self) -> None:
        """The report's default decimals for percentages ("đạt 97,3%" is one); an indicator may set its own."""
        report = self.window.session.report
        if report is None:
            return
        current = report.pct_precision if report.pct_precision is not None else 2
        value, ok = QInputDialog.getInt(
            self.window,
            "Số chữ số thập phân của tỷ lệ",
            "Số chữ số sau dấu phẩy của các tỷ lệ phần trăm trong báo cáo này\n"
            "(chỉ tiêu có số chữ số riêng thì theo chỉ tiêu):",
            current,
            0,
            4,
        )
        if ok and value != current:
            self.window.session.edit(figures.set_report_precision, value)

    def _add_catalogue_actions(self, file_menu) -> None:
        window = self.window
        file_menu.addAction(
            QAction("&Nhập danh mục…", window, triggered=lambda: import_catalogue_dialog(window))
        )
        file_menu.addAction(
            QAction(
                "Lưu cấu trúc sổ thành &danh mục…",
                window,
                triggered=lambda: save_structure_dialog(window, window.session.workbook),
            )
        )

    def _build(self) -> None:
        window = self.window
        flows, menu = window.flows, window.menuBar()
        file_menu = menu.addMenu("&Tệp")
        new_action = QAction(
            "&Mới…",
            window,
            shortcut=QKeySequence.StandardKey.New,
            triggered=lambda: window.replace_with("new"),
        )
        open_action = QAction(
            "Mở&…",
            window,
            shortcut=QKeySequence.StandardKey.Open,
            triggered=lambda: window.replace_with("open"),
        )
        self.recent_menu = window.recent_menu = QMenu("Mở &gần đây", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        close_action = QAction(
            "Đó&ng sổ", window, shortcut=QKeySequence("Ctrl+W"), triggered=lambda: window.replace_with(None)
        )
        from_word_action = QAction(
            "Tạo sổ từ báo cáo &Word…", window, triggered=lambda: window.replace_with("from-word")
        )
        file_menu.addActions([new_action, from_word_action, open_action])
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(close_action)
        file_menu.addSeparator()
        # one item per export format the application has (app.export.WRITERS); Word's and PDF's keep their names
        self.export_actions = window.export_actions = {}
        for suffix, writer in WRITERS.items():
            action = QAction(writer.action, window, triggered=lambda _=False, s=suffix: flows.export_as(s))
            if writer.shortcut:
                action.setShortcut(QKeySequence(writer.shortcut))
            if writer.tip:
                action.setToolTip(writer.tip)
            self.export_actions[suffix] = action
        self.export_action = window.export_action = self.export_actions[".docx"]
        self.pdf_action = window.pdf_action = self.export_actions[".pdf"]
        # the figures writers (Excel, CSV, DHIS2…) are one item, their formats the save box's file types
        figures_writers = {k for k, w in WRITERS.items() if w.figures}
        self.document_actions = [a for k, a in self.export_actions.items() if k not in figures_writers]
        self.figures_action = window.figures_action = QAction(
            "Xuất &số liệu…", window, triggered=lambda: flows.export_figures())
        self.figures_action.setToolTip("Số liệu của báo cáo ra tệp Excel, CSV hoặc tệp nhập vào DHIS2")
        self.dhis2_action = window.dhis2_action = QAction(
            "Thiết lập &DHIS2…", window, triggered=lambda: flows.dhis2_settings())
        self.save_action = window.save_action = QAction(
            "&Lưu", window, shortcut=QKeySequence.StandardKey.Save, triggered=flows.confirm_saved
        )
        self.copy_action = window.copy_action = QAction("Lưu &bản sao…", window, triggered=flows.save_copy)
        self.restore_action = window.restore_action = QAction(
            "&Khôi phục từ bản lưu…", window, triggered=flows.restore_backup
        )
        self.restore_action.setEnabled(not self.window.session.readonly)
        file_menu.addActions(
            [self.save_action, *self.document_actions, self.figures_action, self.dhis2_action, self.copy_action,
             self.restore_action]
        )
        self.import_figures_action = window.import_figures_action = QAction(  # issue 23.5
            "Nhập số liệu từ tệp &Excel…", window, triggered=flows.import_figures)
        self.import_figures_action.setEnabled(not self.window.session.readonly)
        file_menu.addAction(self.import_figures_action)
        file_menu.addSeparator()
        self._add_catalogue_actions(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(
            QAction("Th&oát", window, shortcut=QKeySequence("Ctrl+Q"), triggered=window.close)
        )

        edit_menu = menu.addMenu("&Sửa")
        self.undo_action = window.undo_action = self.window.session.undo_stack.createUndoAction(
            window, "&Hoàn tác"
        )
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = window.redo_action = self.window.session.undo_stack.createRedoAction(
            window, "&Làm lại"
        )
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        # find and replace over the whole report (issue 24.1)
        self.find_action = window.find_action = QAction(
            "&Tìm trong báo cáo…", window, shortcut=QKeySequence("Ctrl+F"), triggered=lambda: open_find(window)
        )
        self.replace_action = window.replace_action = QAction(
            "Tha&y thế…", window, shortcut=QKeySequence("Ctrl+H"), triggered=lambda: open_find(window, True)
        )
        edit_menu.addActions([self.find_action, self.replace_action])
        edit_menu.addSeparator()
        self.add_sector_action = window.add_sector_action = QAction(
            "Thêm &lĩnh vực…", window, triggered=flows.add_sector
        )
        edit_menu.addAction(self.add_sector_action)
        edit_menu.addAction(QAction("Chu&yển lĩnh vực sang cơ quan khác…", window, triggered=flows.hand_over_sector))
        edit_menu.addAction(QAction("Nhận lĩnh vực từ cơ &quan khác…", window, triggered=flows.receive_sector))
        edit_menu.addAction(QAction("Đổi tên &cơ quan từ kỳ này…", window, triggered=flows.rename_agency))

        view_menu = menu.addMenu("&Xem")
        view_menu.addAction(
            QAction(
                "&Kiểm tra trước khi ký", window, shortcut=QKeySequence("F8"), triggered=window.show_findings
            )
        )

        period_menu = menu.addMenu("&Kỳ báo cáo")
        self.next_action = window.next_action = QAction("Báo cáo &mới…", window, triggered=flows.new_report)
        self.change_period_action = window.change_period_action = QAction(
            "Đổi &kỳ của báo cáo này…", window, triggered=flows.change_period
        )
        self.delete_report_action = window.delete_report_action = QAction(
            "&Xóa báo cáo này…", window, triggered=flows.delete_report
        )
        self.mark_sent_action = window.mark_sent_action = QAction(
            "Đánh dấu đã &ký, đã gửi…", window, triggered=flows.mark_sent
        )
        self.unlock_action = window.unlock_action = QAction(
            "Mở khóa để &sửa…", window, triggered=flows.unlock
        )
        self.changes_action = window.changes_action = QAction(
            "Xem &thay đổi từ khi gửi…", window, triggered=flows.show_changes
        )
        self.merge_action = window.merge_action = QAction(
            "Nhận &lại tệp Word đã sửa…", window, triggered=flows.merge_edited_word
        )
        period_menu.addActions([self.next_action, self.change_period_action, self.delete_report_action])
        self.rollup_action = window.rollup_action = QAction(
            "Tổng &hợp số liệu từ các sổ…", window, triggered=flows.roll_up
        )
        period_menu.addSeparator()
        period_menu.addAction(self.merge_action)
        period_menu.addAction(self.rollup_action)
        period_menu.addSeparator()
        period_menu.addActions([self.mark_sent_action, self.unlock_action, self.changes_action])
        period_menu.aboutToShow.connect(self._enable_period_actions)
        period_menu.addSeparator()
        self.precision_action = window.precision_action = QAction(
            "Số chữ số &thập phân của tỷ lệ…", window, triggered=self.choose_precision
        )
        period_menu.addAction(self.precision_action)

        help_menu = menu.addMenu("&Trợ giúp")
        self.about_action = QAction("&Giới thiệu baocao-gui…", window, triggered=self.show_about)
        help_menu.addAction(self.about_action)

        toolbar = self.toolbar = QToolBar("Kỳ báo cáo", window)
        toolbar.setObjectName("toolbar")
        toolbar.addWidget(QLabel(" Kỳ báo cáo: "))
        self.period = window.period = QComboBox()
        self.period.setObjectName("period")
        # the longest label in full ("Báo cáo 9 tháng năm 2024", "Báo cáo tháng 10 năm 2024"), and any added later
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.setMinimumContentsLength(len("Báo cáo 6 tháng đầu năm 2024"))
        self.period.activated.connect(window.period_chosen)
        toolbar.addWidget(self.period)
        toolbar.addSeparator()
        toolbar.addActions([*self.document_actions, self.figures_action])
        # in the menu bar's free right end, not a row of its own: a laptop's height goes to the figures (issue 21.7)
        toolbar.setMovable(False)
        toolbar.setStyleSheet("QToolBar { border: 0px; padding: 0px; spacing: 2px; }")
        window.menuBar().setCornerWidget(toolbar, Qt.Corner.TopRightCorner)

    def _enable_period_actions(self) -> None:
        report, writable = self.window.session.report, not self.window.session.readonly
        for action in (self.next_action, self.delete_report_action):
            action.setEnabled(writable)
        self.change_period_action.setEnabled(writable and report is not None and not report.frozen)
        self.mark_sent_action.setEnabled(writable and report is not None and not report.frozen)
        self.unlock_action.setEnabled(writable and report is not None and report.frozen)
        self.changes_action.setEnabled(report is not None and report.sent is not None)
        self.merge_action.setEnabled(writable and report is not None)  # a sent report says how to unlock
        self.rollup_action.setEnabled(writable and report is not None)  # a sent report says how to unlock

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_workbooks(self.window.settings):
            if Path(path) != self.window.session.path:
                action = self.recent_menu.addAction(Path(path).name)
                action.setToolTip(path)
                action.triggered.connect(lambda _=False, p=path: self.window.replace_with(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(chưa có sổ nào khác)").setEnabled(False)
