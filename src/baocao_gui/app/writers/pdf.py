"""The PDF to sign digitally: the .docx written beside it first, then converted by Microsoft Word or LibreOffice
(``render/pdf.py``); with no converter the .docx is still there and one sentence says what to install."""

from __future__ import annotations

import threading
from pathlib import Path

from . import ExportInput, Progress, Writer
from . import docx as word


def write(data: ExportInput, target: Path, cancel: threading.Event | None, progress: Progress) -> Path:
    from ...render.pdf import NoConverter, convert, converter_name

    if ".pdf" in data.sent_files:  # the report as it was sent: the very PDF (and the .docx it was made from, if kept)
        from ...render.word import save_whole

        progress("Đang ghi tệp PDF đã gửi…")
        if ".docx" in data.sent_files:
            save_whole(target.with_suffix(".docx"), lambda f: f.write(data.sent_files[".docx"]))
        return save_whole(target, lambda f: f.write(data.sent_files[".pdf"]))
    written = word.write(data, target.with_suffix(".docx"), cancel, progress)
    engine = converter_name()
    if engine is None:
        raise NoConverter(written)
    doing = f"Đang chuyển sang PDF bằng {engine}…"
    progress(doing)
    return convert(written, target, cancel, waiting=lambda: progress(doing))  # said again each second it runs


WRITER = Writer(".pdf", "Tệp PDF", "Xuất &PDF…", write, shortcut="Ctrl+Shift+E",
                tip="Xuất tệp PDF để ký số (kèm tệp Word bên cạnh)", slow=True,
                beside=lambda target: (target.with_suffix(".docx"),))
