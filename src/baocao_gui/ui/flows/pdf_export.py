"""Writing a PDF off the window's thread: the .docx, then Word or LibreOffice, with a progress box that says
what is being done and for how long, and a Hủy button that stops the conversion (the .docx is kept). A long
Word export (a large workbook's annex) runs the same way."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...app import UserError, write_report
from ...domain.model import Report, Workbook
from ..workers import Worker

log = logging.getLogger(__name__)


def _export(workbook: Workbook, report: Report, target: Path, writer: str | None, cancel: threading.Event,
            progress) -> object:
    """On the worker: the ``Exported``, the ``UserError`` that refused it, or the exception that broke it."""
    try:
        return write_report(workbook, report, target, cancel=cancel, progress=progress, writer=writer)
    except UserError as exc:
        log.warning("PDF export: %s", exc.gloss)
        return exc
    except Exception as exc:  # never silent: the window says one sentence, the log has the traceback
        log.exception("PDF export failed")
        return exc


class PdfExport(QObject):
    """One export under way; ``done`` carries the ``Exported``, a ``UserError`` or another exception."""

    done = Signal(object)  # on the window's thread, once the box is closed and ``result`` is set

    def __init__(self, parent: QWidget, workbook: Workbook, report: Report, target: Path, writer: str | None = None,
                 title: str = ""):
        super().__init__(parent)
        self.workbook, self.report, self.target, self.writer = workbook, report, target, writer
        self.cancel = threading.Event()
        self.result: object = None
        self.doing = "Đang chuẩn bị…"
        self.started = time.monotonic()
        self.dialog = QProgressDialog(self.doing, "&Hủy", 0, 0, parent)
        self.dialog.setObjectName("pdf-progress")
        self.dialog.setWindowTitle(title or ("Xuất tệp PDF" if target.suffix.lower() == ".pdf" else "Xuất tệp Word"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(460)
        self.dialog.canceled.connect(self.stop)
        self.clock = QTimer(self, interval=1000)
        self.clock.timeout.connect(self._show)
        self.worker = Worker(self, lane="files")

    def start(self) -> None:
        self.dialog.show()
        self.clock.start()
        self.worker.run(_export, self.workbook, self.report, self.target, self.writer, self.cancel, done=self._finished,
                        progress=self._doing, failed=None)

    def running(self) -> bool:
        return self.result is None and self.worker.busy()

    def stop(self) -> None:
        """Hủy: the conversion is stopped (Word is left to close itself), the .docx stays."""
        if self.result is None:
            self.cancel.set()
            self.doing = "Đang dừng…"
            self._show()

    def _doing(self, text: str) -> None:
        if not self.cancel.is_set():
            self.doing = text
            self._show()

    def _show(self) -> None:
        seconds = int(time.monotonic() - self.started)
        self.dialog.setLabelText(self.doing + (f" ({seconds} giây)" if seconds >= 2 else ""))

    def _finished(self, result: object) -> None:
        self.result = result
        self.clock.stop()
        self.dialog.canceled.disconnect(self.stop)
        self.dialog.close()
        self.done.emit(result)
