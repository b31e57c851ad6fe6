""".docx → PDF: through Microsoft Word on Windows where it is installed (``word_pdf``), otherwise through
LibreOffice (here). The PDF is written whole or not at all (a temporary file beside the target, then renamed), can
be cancelled, and carries the .docx's title and author. LibreOffice writes PDF/A-2b (every font embedded, no
scripts or form fields); Word writes PDF/A-1b. What both converters share is ``conversion``; its errors
(``ConversionError``, ``NoConverter``, ``Cancelled``) are named here too, for the callers of ``convert``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from . import word_pdf
from .conversion import Cancelled, ConversionError, NoConverter, move_into_place, run_cancellable, work_folder

__all__ = ["Cancelled", "ConversionError", "NoConverter", "convert", "converter_name", "docx_to_pdf", "find_soffice",
           "libreoffice_to_pdf"]

log = logging.getLogger(__name__)
CANDIDATES = ("soffice", "libreoffice")
# LibreOffice's PDF export filter, as JSON (LibreOffice 7.4 and later): PDF/A-2b, tagged, no form fields.
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps({
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportFormFields": {"type": "boolean", "value": "false"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}, separators=(",", ":"))


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
    if word_pdf.word_installed():
        return "Microsoft Word"
    return "LibreOffice" if find_soffice() else None


def libreoffice_to_pdf(source: Path, target: Path, cancel: threading.Event | None = None, tries: int = 2,
                       waiting: Callable[[], None] | None = None) -> Path:
    """Convert with a private LibreOffice profile, so a running LibreOffice or another conversion never
    interferes; the PDF is moved into place whole. A LibreOffice that exits without a PDF (it happens on a busy
    machine, with a fresh profile) is given one more try; one that hangs is stopped after TIMEOUT_S, not tried
    again. Cancelled, given up or interrupted, every LibreOffice process has ended and the profile is removed
    when this returns; if the program is killed, LibreOffice ends with it (``processes``)."""
    soffice = find_soffice()
    if soffice is None:
        raise NoConverter()
    for attempt in range(1, tries + 1):
        with work_folder("baocao-lo-") as work:
            profile, out_dir = work / "profile", work / "out"
            result = run_cancellable(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
                 "--convert-to", PDF_FILTER, "--outdir", str(out_dir), str(source)], cancel, waiting=waiting,
                env=temporary_files_in(work))
            pdf = out_dir / (source.stem + ".pdf")
            if result.returncode == 0 and pdf.exists():
                move_into_place(pdf, target)
                return target
            log.error("soffice failed (try %d, exit %s): %s", attempt, result.returncode,
                      result.stderr.decode(errors="replace")[-2000:])
    raise ConversionError("LibreOffice không chuyển được tệp Word sang PDF; tệp Word vẫn được giữ.",
                          f"soffice wrote no PDF for {source}")


def temporary_files_in(work: Path) -> dict[str, str]:
    """The environment for LibreOffice with its own temporary files (``lu…tmp``) in ``work``: a LibreOffice
    killed mid-way leaves them there, removed with ``work``, not in the system's temporary folder."""
    temp = work / "tmp"
    temp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}


def convert(source: Path, target: Path, cancel: threading.Event | None = None,
            waiting: Callable[[], None] | None = None) -> Path:
    """``source`` (.docx) → ``target`` (.pdf) with the best converter here; NoConverter when there is none.
    ``waiting`` is called about once a second while a converter runs."""
    if word_pdf.word_installed():
        try:
            return word_pdf.word_to_pdf(source, target, cancel, waiting)
        except Cancelled:
            raise
        except ConversionError as exc:  # Word unlicensed, damaged, or its automation blocked: try LibreOffice
            if not find_soffice():
                raise
            log.warning("Word could not convert (%s); trying LibreOffice", exc.gloss)
    if find_soffice():
        return libreoffice_to_pdf(source, target, cancel, waiting=waiting)
    raise NoConverter(source)


def docx_to_pdf(source: Path, out_dir: Path, timeout: float = 180) -> Path:
    """The tests' converter: LibreOffice's plain PDF in ``out_dir`` (what a reader sees of the .docx)."""
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with work_folder("baocao-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
            check=True, capture_output=True, timeout=timeout, env=temporary_files_in(profile),
        )
    pdf = out_dir / (source.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {source}")
    return pdf
