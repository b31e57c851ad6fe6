"""A stop the system asks for: SIGTERM, SIGHUP or Ctrl+C (SIGINT) on Linux and macOS; on Windows, logging off or
shutting down (Qt's session-end request). What the clerk typed is saved, each workbook's lock released and the
windows closed — as when the clerk closes them, but without a question: nobody may be there to answer one.

Why a wakeup socket and not a timer: Python runs a signal handler only on the main thread, between bytecodes.
While Qt's event loop waits in C no bytecode runs, so the handler would wait for the next event — forever in an
idle window (the program had to be killed 9 times of 9). ``signal.set_wakeup_fd`` has Python's C-level handler
write the signal's number to a socket the moment it arrives; a ``QSocketNotifier`` on the other end wakes Qt's loop,
and its slot — Python, on the window's thread, between two events — does the stop. A ``QTimer`` waking the
interpreter every few hundred milliseconds would also get the handler run, but late by up to its period, at the
cost of a wake-up forever for a signal that comes once, and the handler would then run at whatever bytecode was
executing — possibly in the middle of a save. Here the Python handler does nothing; the work is the slot's.

On Windows: Qt answers WM_QUERYENDSESSION with ``commitDataRequest``; the same stop runs there (typed text saved,
locks released, windows closed) before Windows ends the process. ``saveStateRequest`` is not used: the program keeps
no session state beyond what a window writes to its settings when it closes.
"""

from __future__ import annotations

import logging
import signal
import socket
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QDialog

from .windows.main_window import MainWindow

log = logging.getLogger(__name__)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def install(app: QApplication) -> None:
    """Answer the system's requests to stop with ``stop_politely`` (once per application; main thread only)."""
    if app.property("polite-stop"):
        return
    app.setProperty("polite-stop", True)
    app.commitDataRequest.connect(lambda _manager: stop_politely("the session ends"))
    if sys.platform == "win32":  # no SIGTERM for a windowed program: the session-end request above is the stop
        return
    read, write = socket.socketpair()
    read.setblocking(False)
    write.setblocking(False)
    signal.set_wakeup_fd(write.fileno(), warn_on_full_buffer=False)
    for number in STOP_SIGNALS:
        signal.signal(number, _noted)
    notifier = QSocketNotifier(read.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            numbers = read.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        stops = [n for n in numbers if n in STOP_SIGNALS]
        if stops:
            stop_politely(signal.Signals(stops[0]).name)

    notifier.activated.connect(woken)
    app._stop_socket = (read, write, notifier)  # alive as long as the application


def _noted(_number, _frame) -> None:
    """The signal's number is already on the wakeup socket; the notifier's slot does the stop."""


def stop_politely(reason: str) -> None:
    """Save what is typed, release the locks, close every window, end the event loop."""
    log.warning("stopping at the system's request (%s)", reason)
    app = QApplication.instance()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()  # a question waiting for the clerk: nobody will answer it
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.session.db is not None:
            widget.close_for_the_system()
    if app is not None:
        app.quit()
