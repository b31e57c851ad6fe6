""".docx → PDF: through Microsoft Word on Windows where it is installed (``word_pdf``), otherwise through
LibreOffice. The PDF is written whole or not at all (a temporary file beside the target, then renamed), can be
cancelled, and carries the .docx's title and author. LibreOffice writes PDF/A-2b (every font embedded, no
scripts or form fields); Word writes PDF/A-1b.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import UserError
from ..paths import usual_permissions

log = logging.getLogger(__name__)
CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_S = 300
POLL_S = 0.1
# LibreOffice's PDF export filter, as JSON (LibreOffice 7.4 and later): PDF/A-2b, tagged, no form fields.
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps({
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportFormFields": {"type": "boolean", "value": "false"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}, separators=(",", ":"))
INSTALL = ("chưa có Microsoft Word hoặc LibreOffice để tạo tệp PDF: hãy cài LibreOffice (miễn phí) rồi xuất lại, "
           "hoặc mở tệp Word và chọn Lưu dưới dạng PDF.")


class ConversionError(UserError):
    pass


class NoConverter(ConversionError):
    def __init__(self, written: Path | None = None):
        beside = f"Đã ghi tệp Word “{written.name}”, nhưng máy " if written else "Máy "
        super().__init__(beside + INSTALL, "no PDF converter (Word or LibreOffice) found")


class Cancelled(ConversionError):
    def __init__(self):
        super().__init__("Đã hủy việc tạo tệp PDF; tệp Word vẫn được giữ.", "PDF conversion cancelled")


def find_soffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    # soffice.com first: the console launcher waits for the conversion to end (soffice.exe may return at once)
    for path in (r"C:\Program Files\LibreOffice\program\soffice.com",
                 r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.com",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"):
        if Path(path).exists():
            return path
    return None


def converter_name() -> str | None:
    """"Microsoft Word", "LibreOffice", or None: what ``convert`` would use on this machine."""
    from . import word_pdf

    if word_pdf.word_installed():
        return "Microsoft Word"
    return "LibreOffice" if find_soffice() else None


def _stop(process: subprocess.Popen) -> None:
    """End a conversion we started, and every process it started (soffice runs soffice.bin)."""
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


def libreoffice_to_pdf(source: Path, target: Path, cancel: threading.Event | None = None, tries: int = 2) -> Path:
    """Convert with a private LibreOffice profile, so a running LibreOffice or another conversion never
    interferes; the PDF is moved into place whole. A LibreOffice that exits without a PDF (it happens on a busy
    machine, with a fresh profile) is given one more try."""
    soffice = find_soffice()
    if soffice is None:
        raise NoConverter()
    for attempt in range(1, tries + 1):
        with tempfile.TemporaryDirectory(prefix="baocao-lo-") as work:
            profile, out_dir = Path(work) / "profile", Path(work) / "out"
            result = run_cancellable(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
                 "--convert-to", PDF_FILTER, "--outdir", str(out_dir), str(source)], cancel)
            pdf = out_dir / (source.stem + ".pdf")
            if result.returncode == 0 and pdf.exists():
                move_into_place(pdf, target)
                return target
            log.error("soffice failed (try %d, exit %s): %s", attempt, result.returncode,
                      result.stderr.decode(errors="replace")[-2000:])
    raise ConversionError("LibreOffice không chuyển được tệp Word sang PDF; tệp Word vẫn được giữ.",
                          f"soffice wrote no PDF for {source}")


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


def convert(source: Path, target: Path, cancel: threading.Event | None = None) -> Path:
    """``source`` (.docx) → ``target`` (.pdf) with the best converter here; NoConverter when there is none."""
    from . import word_pdf

    if word_pdf.word_installed():
        try:
            return word_pdf.word_to_pdf(source, target, cancel)
        except Cancelled:
            raise
        except ConversionError as exc:  # Word unlicensed, damaged, or its automation blocked: try LibreOffice
            if not find_soffice():
                raise
            log.warning("Word could not convert (%s); trying LibreOffice", exc.gloss)
    if find_soffice():
        return libreoffice_to_pdf(source, target, cancel)
    raise NoConverter(source)


def docx_to_pdf(source: Path, out_dir: Path, timeout: float = 180) -> Path:
    """The tests' converter: LibreOffice's plain PDF in ``out_dir`` (what a reader sees of the .docx)."""
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="baocao-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
            check=True, capture_output=True, timeout=timeout,
        )
    pdf = out_dir / (source.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {source}")
    return pdf
