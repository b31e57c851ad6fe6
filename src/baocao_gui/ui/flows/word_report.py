"""“Tạo sổ từ báo cáo Word…” on the start screen: last year's report, which exists only as a .docx, becomes a new
workbook (``app.files.workbook_from_docx``), read in the worker; the clerk is told what was read and what was not
found before the workbook opens."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ...errors import UserError
from ..workers import Worker

log = logging.getLogger(__name__)
TITLE = "Tạo sổ từ báo cáo Word"
MADE_NOTHING = "Không tạo được sổ từ tệp này; chi tiết đã được ghi vào tệp nhật ký. Chưa có tệp nào được tạo."


def _make(target: Path, source: str):
    """On the worker: the new workbook's path and notes, or one sentence saying why not."""
    from ...app.files import workbook_from_docx

    try:
        return workbook_from_docx(target, source)
    except UserError as exc:
        log.warning("workbook from docx refused: %s", exc.gloss)
        return exc.message
    except Exception:
        log.exception("workbook from docx failed")
        return MADE_NOTHING


def workbook_from_word(parent: QWidget, folder: Path) -> Path | None:
    """Ask for the .docx and where the new workbook goes, make it; the new workbook's path, or None."""
    source, _ = QFileDialog.getOpenFileName(parent, TITLE, str(folder), "Tệp Word (*.docx *.docm);;Mọi tệp (*)")
    if not source:
        return None
    suggested = folder / (Path(source).stem + ".baocao")
    target, _ = QFileDialog.getSaveFileName(parent, "Lưu sổ báo cáo mới", str(suggested), "Sổ báo cáo (*.baocao)")
    if not target:
        return None
    target_path = Path(target) if target.lower().endswith(".baocao") else Path(target + ".baocao")
    if target_path.exists():
        QMessageBox.warning(parent, TITLE, f"Đã có tệp “{target_path.name}”; hãy chọn tên khác (tệp cũ không bị "
                            "ghi đè).")
        return None

    progress = QProgressDialog(f"Đang đọc “{Path(source).name}”…", "", 0, 0, parent)
    progress.setWindowTitle(TITLE)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    loop = QEventLoop()
    outcome: dict = {}

    def done(result) -> None:  # an exception the work did not turn into a sentence still ends the wait
        outcome["result"] = MADE_NOTHING if isinstance(result, Exception) else result
        loop.quit()

    Worker(progress, lane="files").run(_make, target_path, source, done=done, failed=None)
    if "result" not in outcome:
        loop.exec()  # the window keeps drawing while the worker reads
    progress.close()
    progress.deleteLater()
    result = outcome["result"]
    if isinstance(result, str):
        QMessageBox.warning(parent, TITLE, result)
        return None
    path, notes = result
    text = f"Đã tạo sổ báo cáo “{path.name}” từ “{Path(source).name}”."
    if notes:
        text += "\n\nCần xem lại:\n" + "\n".join(f"• {note}" for note in notes)
    QMessageBox.information(parent, TITLE, text)
    return path
