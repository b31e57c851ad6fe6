"""A rotating log file in the user's log folder, so a clerk can send it when something goes wrong."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import user_dir


class _QuietHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (a full disk) is skipped: never a traceback on the clerk's console."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def log_dir() -> Path:
    return user_dir("BAOCAO_LOG_DIR", "Logs", "XDG_STATE_HOME", ".local/state", "log")


def setup_logging(level: int = logging.INFO) -> Path | None:
    root = logging.getLogger("baocao_gui")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return None
    root.setLevel(level)
    root.propagate = False
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = _QuietHandler(folder / "baocao-gui.log", maxBytes=1_000_000,
                                 backupCount=3, encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())  # no writable log folder must not stop the program
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return folder / "baocao-gui.log"
