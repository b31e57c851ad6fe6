"""Start the window: the workbook given, else the last one used, else the start screen."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..errors import UserError
from ..paths import resource
from ..store.lock import LockedError
from .main_window import MainWindow
from .session import WorkbookSession
from .settings import app_settings
from .start_dialog import StartDialog

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("baocao-gui")
        app.setOrganizationName("baocao-gui")
        app.setApplicationDisplayName("Báo cáo")
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resource("icons", "baocao-gui.png"))))
    return app


def open_window(path: Path) -> MainWindow | None:
    """The main window on ``path``, or None after telling the clerk in one sentence why not."""
    try:
        session = WorkbookSession(path)
    except LockedError as exc:
        log.warning("%s is locked: %s", path, exc.gloss)
        answer = QMessageBox.question(None, "Sổ báo cáo đang được mở",
                                      exc.message + " Mở sổ chỉ để xem (không sửa)?")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return open_window_readonly(path)
    except UserError as exc:
        log.warning("cannot open %s: %s", path, exc.gloss)
        QMessageBox.warning(None, "Không mở được sổ báo cáo", exc.message)
        return None
    return MainWindow(session)


def open_window_readonly(path: Path) -> MainWindow | None:
    try:
        return MainWindow(WorkbookSession(path, readonly=True))
    except UserError as exc:
        QMessageBox.warning(None, "Không mở được sổ báo cáo", exc.message)
        return None


def choose_workbook(argument: str | None) -> Path | None:
    if argument:
        return Path(argument)
    last = app_settings().value("last_workbook")
    if last and Path(str(last)).exists():
        return Path(str(last))
    dialog = StartDialog()
    return dialog.chosen if dialog.exec() else None


def run_window(argument: str | None) -> int:
    app = application()
    window = None
    path = choose_workbook(argument)
    while path is not None and window is None:
        window = open_window(path)
        if window is None:  # refused: back to the start screen rather than quitting on the clerk
            dialog = StartDialog()
            path = dialog.chosen if dialog.exec() else None
    if window is None:
        return 0
    window.show()
    return app.exec()
