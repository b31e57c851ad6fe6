"""A rotating log file in the user's log folder, so a clerk can send it when something goes wrong."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .paths import user_dir

MAX_BYTES = 1_000_000
BACKUPS = 3


class RotatingLog(logging.FileHandler):
    """``baocao-gui.log``, moved to ``.1`` (``.1`` to ``.2``, ``.2`` to ``.3``) before it would pass ``max_bytes``,
    as ``logging.handlers.RotatingFileHandler`` does; that module loads socket, pickle and queue, ~4 ms of every
    command. A log that cannot be written (a full disk) is skipped: never a traceback on the clerk's console."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full(record):
                self._rotate()
            super().emit(record)
        except Exception:  # noqa: BLE001 - as logging.Handler.emit: a log record must never stop the program
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _full(self, record: logging.LogRecord) -> bool:
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False  # never rotate what is not a regular file (os.devnull)
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)
        return self.stream.tell() + len(f"{self.format(record)}\n") >= self.max_bytes

    def _rotate(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        for n in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{n + 1}")
        if os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def log_dir() -> Path:
    return user_dir("BAOCAO_LOG_DIR", "Logs", "XDG_STATE_HOME", ".local/state", "log")


def setup_logging(level: int = logging.INFO) -> Path | None:
    root = logging.getLogger("baocao_gui")
    if any(isinstance(h, RotatingLog) for h in root.handlers):
        return None
    root.setLevel(level)
    root.propagate = False
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(folder / "baocao-gui.log")
    except OSError:
        root.addHandler(logging.NullHandler())  # no writable log folder must not stop the program
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return folder / "baocao-gui.log"
