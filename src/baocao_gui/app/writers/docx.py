"""The Word file: the report as the State's layout wants it (``render/word.py``)."""

from __future__ import annotations

import threading
from pathlib import Path

from . import ExportInput, Progress, Writer


def write(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    # python-docx and lxml load at the first export, not at start
    from ...render.word import save_whole, write_docx

    progress("Đang ghi tệp Word…")
    if ".docx" in data.sent_files:  # the report as it was sent: the very file
        return save_whole(target, lambda f: f.write(data.sent_files[".docx"]))
    return write_docx(data.outline, target)


WRITER = Writer(".docx", "Tệp Word", "&Xuất tệp Word…", write, shortcut="Ctrl+E")
