""".docx → PDF, what every converter shares: its errors (one sentence each), running a converter as a process
that can be cancelled, and moving the PDF into place whole. ``pdf`` (LibreOffice, and the choice of converter) and
``word_pdf`` (Microsoft Word) both build on this.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..paths import usual_permissions

if TYPE_CHECKING:  # subprocess and signal load when a converter runs: every export imports this module's errors
    import subprocess

TIMEOUT_S = 300
POLL_S = 0.1
INSTALL = ("chưa có Microsoft Word hoặc LibreOffice để tạo tệp PDF: hãy cài LibreOffice (miễn phí) rồi xuất lại, "
           "hoặc mở tệp Word và chọn Lưu dưới dạng PDF.")


class ConversionError(UserError):
    """No PDF was made: one sentence for the clerk; the .docx it was made from stays."""


class NoConverter(ConversionError):
    def __init__(self, written: Path | None = None):
        beside = f"Đã ghi tệp Word “{written.name}”, nhưng máy " if written else "Máy "
        super().__init__(beside + INSTALL, "no PDF converter (Word or LibreOffice) found")


class Cancelled(ConversionError):
    def __init__(self):
        super().__init__("Đã hủy việc tạo tệp PDF; tệp Word vẫn được giữ.", "PDF conversion cancelled")


def _stop(process: subprocess.Popen) -> None:
    """End a conversion we started, and every process it started (soffice runs soffice.bin)."""
    import signal
    import subprocess

    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, ProcessLookupError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def run_cancellable(command: list[str], cancel: threading.Event | None, timeout: float = TIMEOUT_S,
                    on_cancel: Callable[[subprocess.Popen], None] = _stop) -> subprocess.CompletedProcess:
    """Run ``command`` in its own process group, polling ``cancel``; Cancelled when it is set."""
    import subprocess

    flags = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW} \
        if sys.platform == "win32" else {"start_new_session": True}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               **flags)
    started = time.monotonic()
    while True:
        try:
            out, err = process.communicate(timeout=POLL_S)
            return subprocess.CompletedProcess(command, process.returncode, out, err)
        except subprocess.TimeoutExpired:
            pass
        if cancel is not None and cancel.is_set():
            on_cancel(process)
            raise Cancelled()
        if time.monotonic() - started > timeout:
            _stop(process)
            raise ConversionError("Chương trình chuyển sang PDF không trả lời sau năm phút; tệp Word vẫn được giữ.",
                                  f"conversion timed out: {command[0]}")


def move_into_place(made: Path, target: Path) -> None:
    """Copy ``made`` beside ``target`` under a temporary name, then rename: never a half-written PDF."""
    fd, tmp_name = tempfile.mkstemp(prefix=".~baocao-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(made, tmp)
        usual_permissions(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConversionError(f"Không ghi được tệp “{target.name}”: tệp đang mở (trong trình đọc PDF) hoặc thư mục "
                              "chỉ đọc; hãy đóng tệp rồi xuất lại.", f"cannot write {target}: {exc}") from exc
