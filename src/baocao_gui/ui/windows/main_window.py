"""The main window: assembly of the tab host, the preview, the findings dock, menus and the status bar.

Tabs live in ``tab_host``, the file and period workflows in ``workflows``, settings in ``settings``.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.checks import Place
from ..dialogs.boxes import choose
from ..editors.binding import flush_all, notifier, saving_typed_text, unsaved_bindings
from ..editors.spelling import reread_dictionary
from ..editors.typing import notifier as typing_notifier
from ..flows.workflows import Workflows
from ..session import WorkbookSession
from ..settings import app_settings, remember_splitter, remember_workbook
from ..tabs.tab_host import TabHost
from ..workers import errors as background_errors
from .banner import SentBanner
from .findings_panel import FindingsPanel
from .menus import WindowMenus
from .preview import PREVIEW_SHARE, Preview, PreviewPane
from .window_fit import first_start

log = logging.getLogger(__name__)
STOP_SECONDS = 3.0  # a held file is tried again this long when the system stops the program


class MainWindow(QMainWindow):
    replace_requested = Signal(object)  # Tệp › Mới, Mở, Đóng sổ: a path, "open", "new", "from-word", or None

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
        reread_dictionary(self.settings)  # the clerk's words, for every field of this window
        self.tabs = TabHost(session)
        self.preview = Preview(session)
        self.tabs.sector_shown.connect(self.preview.show_heading)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.preview_pane = PreviewPane(self.preview)
        split.addWidget(self.tabs)
        split.addWidget(self.preview_pane)
        # the page fits the pane's width ("Vừa chiều rộng"): the figures keep most of a laptop's width, and the two
        # share a wider window in the same proportion
        shares = [round(100 * (1 - PREVIEW_SHARE)), round(100 * PREVIEW_SHARE)]
        split.setStretchFactor(0, shares[0])
        split.setStretchFactor(1, shares[1])
        split.setSizes([10 * x for x in shares])
        self.banner = SentBanner(self.flows.unlock, self.flows.show_changes)
        self.banner_text, self.unlock_button = self.banner.text, self.banner.unlock_button
        self.changes_button = self.banner.changes_button
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
        self.refusal_box: QMessageBox | None = None  # the one box for an action the file refused for a while
        self._telling = False
        self.stopping = False  # closed by the system: nothing is asked  # a box about a refused edit is up: a second refusal meanwhile goes to the status bar
        self.menus = WindowMenus(self)
        # Ctrl+Z says what it undid: typing in the field (typing.py), or the report's last edit
        self.undo_action.triggered.connect(self._undone)
        self.redo_action.triggered.connect(self._redone)
        typing_notifier.said.connect(self._field_undone)
        self._fill_periods()
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
            self.statusBar().showMessage(self._why_read_only(), 30000)

    def _undone(self) -> None:
        self.statusBar().showMessage(f"Hoàn tác: {self.session.undo_stack.redoText()}", 5000)

    def _redone(self) -> None:
        self.statusBar().showMessage(f"Làm lại: {self.session.undo_stack.undoText()}", 5000)

    def _field_undone(self, field: QObject, text: str) -> None:
        if isinstance(field, QWidget) and field.window() is self:
            self.statusBar().showMessage(text, 5000)

    def _why_read_only(self) -> str:
        """What opened the workbook read-only, and what will help (a copy elsewhere helps only a read-only place:
        a copy of a workbook with unreadable cells holds the same cells)."""
        because = self.session.doc.readonly_because
        if because == "problems" or self.session.problems:
            return (f"Có {len(self.session.problems)} chỗ trong sổ báo cáo không đọc được nên sổ được mở chỉ để xem "
                    "và xuất. Để sửa tiếp: mở bản lưu gần nhất (hộp thông báo có nút mở bản lưu), hoặc hỏi người đã "
                    "sửa tệp bằng chương trình khác.")
        if because == "locked":
            return (f"{self.session.doc.held_by} nên ở cửa sổ này sổ chỉ để xem và xuất; thay đổi không được lưu. "
                    "Muốn sửa: đóng cửa sổ kia rồi mở lại sổ.")
        if because == "chosen":
            return "Sổ báo cáo được mở chỉ để xem và xuất; thay đổi không được lưu."
        return ("Sổ báo cáo nằm ở chỗ không ghi được (tệp hoặc thư mục chỉ đọc) nên được mở chỉ để xem và xuất. "
                "Hãy chép sổ ra thư mục khác để sửa.")

    # --- the parts, for tests and the workflows ------------------------------------------------------------
    general = property(lambda self: self.tabs.general)
    assessment = property(lambda self: self.tabs.assessment)
    direction = property(lambda self: self.tabs.direction)
    sector_tabs = property(lambda self: self.tabs.sector_tabs)

    def sector_tab(self, code: str):
        return self.tabs.sector_tab(code)

    def select_tab(self, name: str) -> None:
        self.tabs.select(name)

    def _show_banner(self) -> None:
        self.banner.show_for(self.session.report)

    def replace_with(self, target) -> None:
        """Tệp › Mới, Mở, Mở gần đây, Đóng sổ: this window closes (everything saved, the lock released), then
        the window opens on the other workbook, or the start screen shows (``ui/app.py`` listens: the window does
        not know how windows are opened)."""
        self.replace_requested.emit(target)


    def _fill_periods(self) -> None:
        """The period box, filled again only when the reports or their labels changed (not at every edit)."""
        items = [(f"Báo cáo {r.period.label}" + (" (đã gửi)" if r.frozen else ""), r.id)
                 for r in self.session.workbook.in_order()]
        if items != [(self.period.itemText(i), self.period.itemData(i)) for i in range(self.period.count())]:
            self.period.clear()
            for label, rid in items:
                self.period.addItem(label, rid)
        self.period.setCurrentIndex(max(self.period.findData(self.session.report_id), 0))

    def period_chosen(self, _index: int) -> None:
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
        """A refused edit, said in the status bar. Typed text or a typed figure the file refused for a while (held
        by another program, a full disk) stays where it was typed and is retried: the red status bar says it
        until it is saved, and no box waits for a click. Another action refused that way gets one box that does
        not block (shown again, never stacked); an edit refused by a rule (a signed report, a read-only workbook)
        the box that says why, never two at once."""
        self.show_saved_state(message)
        self.statusBar().showMessage(message, 15000)
        refusal = self.session.last_refusal
        retryable = refusal is not None and refusal.retryable
        if retryable and saving_typed_text():
            return
        if retryable:
            self._tell_without_blocking(message)
        elif not self._telling:
            self._telling = True
            try:
                QMessageBox.warning(self, "Chưa lưu được", message)
            finally:
                self._telling = False

    def _tell_without_blocking(self, message: str) -> None:
        box = self.refusal_box
        if box is None:
            box = self.refusal_box = QMessageBox(QMessageBox.Icon.Warning, "Chưa lưu được", message,
                                                 QMessageBox.StandardButton.Ok, self)
            box.setWindowModality(Qt.WindowModality.NonModal)
        box.setText(message)
        box.show()

    def _background_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

    def _saved(self, text: str) -> None:
        self.last_saved = text
        self.show_saved_state(text)

    def show_saved_state(self, text: str | None = None) -> None:
        text = self.last_saved if text is None else text
        pending = unsaved_bindings()
        if pending:
            text = (f"Chưa lưu được {len(pending)} ô vừa gõ — chương trình đang tự thử lại "
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

    def close_for_the_system(self) -> None:
        """The system stops the program (SIGTERM, logging off): save what is typed — a held file is tried again
        for a few seconds — release the lock and close, without a question."""
        deadline = time.monotonic() + STOP_SECONDS
        while not flush_all() and time.monotonic() < deadline:
            time.sleep(0.25)
        self.stopping = True
        self.close()

    def closeEvent(self, event) -> None:
        while self.session.db is not None and not flush_all():
            if self.stopping:  # nobody to ask: the log keeps the text that could not be saved
                for binding in unsaved_bindings():
                    log.error("stopped by the system with text it could not save: %r", binding.typed)
                    binding.discard()
                break
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
