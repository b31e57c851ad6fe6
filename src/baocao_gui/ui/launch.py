"""``baocao-gui [WORKBOOK]``: a window on screen before the program has loaded.

Loading the main window, the application layer and the store takes several times as long as Qt alone
(benchmarks/launch_bench.py), and opening a workbook checks it whole. So the start shows a small window at once —
the program's icon and the workbook being opened — while the rest loads and the workbook is opened; the main window
takes its place. Before it shows, only Qt and this module's few neighbours (settings, the Vietnamese words, the
resource path) are loaded.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ..paths import resource
from .settings import known_workbook
from .vietnamese import use_vietnamese


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # The preview and the checks run in a worker thread. Each time the window's thread lets go of the GIL (every
        # SQLite call does) it waited up to 5 ms to get it back from a busy worker: a save of a paragraph made of
        # a dozen calls held the window 100–200 ms. A shorter interval gives the window its turn sooner.
        sys.setswitchinterval(0.0005)
        # What the imports made so far lives as long as the program: out of the collector's sight (``app.start``
        # freezes again once the window's modules are loaded). No window or workbook exists yet to be frozen.
        gc.freeze()
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("baocao-gui")
        app.setOrganizationName("baocao-gui")
        app.setApplicationDisplayName("Báo cáo")
        use_vietnamese(app)
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resource("icons", "baocao-gui.png"))))
    return app


def opening_screen(path: Path) -> QWidget:
    """The first window: the program's icon and “Đang mở sổ …”, until the main window replaces it. A plain widget
    (QSplashScreen waits up to a second for the window system to say the window is shown)."""
    screen = QWidget(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    screen.setObjectName("opening")
    screen.setWindowTitle("Báo cáo")
    screen.setStyleSheet("#opening { background: white; border: 1px solid #9ca3af; }")
    icon = QLabel()
    icon.setPixmap(QPixmap(str(resource("icons", "baocao-gui.png"))).scaled(
        128, 128, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text = QLabel(f"Đang mở sổ “{path.name}”…")
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column = QVBoxLayout(screen)
    column.setContentsMargins(32, 24, 32, 24)
    column.addWidget(icon)
    column.addWidget(text)
    return screen


def run_window(argument: str | None) -> int:
    app = application()
    path = known_workbook(argument)
    screen = None
    if path is not None:
        screen = opening_screen(path)
        screen.show()
        app.processEvents()  # painted now, before the rest of the program loads
    from .app import (
        start,  # the main window, the application layer, the store: loaded behind the first window
    )

    return start(app, path, screen)
