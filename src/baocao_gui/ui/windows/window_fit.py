"""The window on a laptop's screen: 1366×768 (less the taskbar), or 1920×1080 at 125 % (1536×864 logical)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

FIRST_SIZE = QSize(1280, 800)  # the window's first size where the screen has room to spare
SMALL_SCREEN = QSize(1600, 900)  # logical pixels: below either, the first start fills the screen
DOCK_HEIGHT = {False: 170, True: 110}  # the findings' first height: on a small screen the figures need the room


def is_small(available: QSize) -> bool:
    return available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height()


def first_start(window: QMainWindow, dock: QDockWidget) -> None:
    """No size remembered yet: maximised on a small screen, else a comfortable window that fits the screen."""
    screen = window.screen()
    available = screen.availableGeometry().size() if screen is not None else FIRST_SIZE
    small = is_small(available)
    window.resize(FIRST_SIZE.boundedTo(available))
    window.resizeDocks([dock], [DOCK_HEIGHT[small]], Qt.Orientation.Vertical)
    if small:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
