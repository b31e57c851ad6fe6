""".docx → PDF, what every converter shares: its errors (one sentence each), running a converter as a process
that can be cancelled (``processes``: it ends with the program, and is stopped whole), its private temporary
folder (``work_folder``: a killed program's is removed at the next conversion), and moving the PDF into place
whole. ``pdf`` (LibreOffice, and the choice of converter) and ``word_pdf`` (Microsoft Word) both build on this.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..paths import usual_permissions

if TYPE_CHECKING:  # subprocess loads when a converter runs: every export imports this module's errors
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


class Interrupted(KeyboardInterrupt):
    """Ctrl+C on the command line while a converter ran: it was stopped whole, its temporary folder removed."""

    message = "Đã dừng việc tạo tệp PDF (Ctrl+C); tệp Word vẫn được giữ, chưa có tệp PDF nào được ghi."


def run_cancellable(command: list[str], cancel: threading.Event | None, timeout: float = TIMEOUT_S,
                    on_cancel: Callable[[subprocess.Popen], None] | None = None, *, die_with_us: bool = True,
                    waiting: Callable[[], None] | None = None, env: dict[str, str] | None = None) \
        -> subprocess.CompletedProcess:
    """Run ``command`` in its own process group, polling ``cancel``; Cancelled when it is set, after every process
    of the converter has ended (or after ``on_cancel``, which replaces that stop). With ``die_with_us`` the
    converter also ends if this program is killed (``processes``). Ctrl+C stops it the same way and raises
    ``Interrupted``. ``waiting`` is called about once a second while it runs; ``env``: its environment."""
    import subprocess

    from . import processes

    started = processes.start(command, die_with_us, env)
    process = started.popen
    began = last = time.monotonic()
    try:
        while True:
            try:
                out, err = process.communicate(timeout=POLL_S)
                return subprocess.CompletedProcess(command, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                pass
            if cancel is not None and cancel.is_set():
                (on_cancel or (lambda _: started.stop()))(process)
                raise Cancelled()
            now = time.monotonic()
            if now - began > timeout:
                started.stop()
                raise ConversionError("Chương trình chuyển sang PDF không trả lời sau năm phút; tệp Word vẫn được "
                                      "giữ.", f"conversion timed out: {command[0]}")
            if waiting is not None and now - last >= 1:
                last = now
                waiting()
    except KeyboardInterrupt:
        (on_cancel or (lambda _: started.stop()))(process)
        raise Interrupted() from None
    finally:
        started.release()


STALE_S = 600  # a work folder without its lock file (one being made, or an older version's) this old is abandoned


@contextmanager
def work_folder(prefix: str) -> Iterator[Path]:
    """A private temporary folder for one conversion (the converter's profile, its output), removed after it. A
    program killed meanwhile (SIGKILL, a power cut) runs no clean-up: its folder is removed at the next start of
    a conversion, once nothing holds its lock (``.in-use``, held while the conversion runs)."""
    _remove_abandoned(prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lock = _hold(folder)
    try:
        yield folder
    finally:
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)


def _hold(folder: Path):
    lock = open(folder / ".in-use", "wb")  # noqa: SIM115 (held open for the conversion; closed by work_folder)
    if sys.platform != "win32":  # on Windows an open file cannot be removed: holding it open is the lock
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return lock


def _remove_abandoned(prefix: str) -> None:
    try:
        folders = [p for p in Path(tempfile.gettempdir()).glob(prefix + "*") if p.is_dir()]
    except OSError:
        return
    for folder in folders:
        try:
            if _abandoned(folder):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _abandoned(folder: Path) -> bool:
    lock = folder / ".in-use"
    if not lock.exists():
        return time.time() - folder.stat().st_mtime > STALE_S
    if sys.platform == "win32":
        try:
            lock.unlink()  # refused while the conversion that made it holds it open
        except OSError:
            return False
        return True
    import fcntl

    with open(lock, "rb") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a conversion under way, in this program or another
        return True


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
