""".docx → PDF through Microsoft Word (Windows): the one place the program talks to Word.

Word is driven by COM from a short PowerShell script (PowerShell ships with every Windows; no Python COM
package to bundle): Word is started invisible, with alerts and macros off, opens the .docx read-only, exports
PDF/A-1b (fonts embedded) with the document's properties, and is closed in a ``finally`` even when the export
fails. Cancelling does not kill Word (a killed Word leaves its process and a lock file behind): the script is
left to finish and close Word, and its PDF is thrown away.

Not run on the developers' Linux machines: the tests check the script and the command line it is given.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .conversion import ConversionError, move_into_place, run_cancellable

log = logging.getLogger(__name__)

# ExportAsFixedFormat(OutputFileName, ExportFormat=17 PDF, OpenAfterExport, OptimizeFor=0 print, Range=0 whole
# document, From, To, Item=0 content, IncludeDocProps, KeepIRM, CreateBookmarks=1 headings, DocStructureTags,
# BitmapMissingFonts, UseISO19005_1 = PDF/A)
SCRIPT = r"""
$ErrorActionPreference = 'Stop'
$source = $args[0]
$target = $args[1]
$word = $null
$document = $null
try {
    $word = New-Object -ComObject Word.Application
    $word.Visible = $false
    $word.DisplayAlerts = 0
    $word.AutomationSecurity = 3
    $document = $word.Documents.Open($source, $false, $true, $false)
    $document.ExportAsFixedFormat($target, 17, $false, 0, 0, 1, 1, 0, $true, $true, 1, $true, $true, $true)
} finally {
    if ($document -ne $null) { $document.Close(0) | Out-Null }
    if ($word -ne $null) {
        $word.Quit(0) | Out-Null
        [void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($word)
    }
}
"""


def word_installed() -> bool:
    """Is Microsoft Word registered for automation (Windows only)?"""
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"):
            return True
    except OSError:
        return False


def command(script: Path, source: Path, target: Path) -> list[str]:
    return ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", str(script),
            str(source.resolve()), str(target.resolve())]


def _let_finish(process) -> None:
    """On cancel: Word closes itself at the end of the script; only wait for it, elsewhere."""
    threading.Thread(target=process.wait, name="baocao-word-closing", daemon=True).start()


def word_to_pdf(source: Path, target: Path, cancel: threading.Event | None = None,
                waiting: Callable[[], None] | None = None) -> Path:
    with tempfile.TemporaryDirectory(prefix="baocao-word-", ignore_cleanup_errors=True) as work:
        script = Path(work) / "to-pdf.ps1"
        script.write_text(SCRIPT, encoding="utf-8-sig")  # the BOM makes Windows PowerShell read UTF-8
        made = Path(work) / (source.stem + ".pdf")
        # not killed with the program either (die_with_us): the script, left to finish, closes Word
        result = run_cancellable(command(script, source, made), cancel, on_cancel=_let_finish, die_with_us=False,
                                 waiting=waiting)
        if result.returncode != 0 or not made.exists():
            log.error("Word failed (%s): %s", result.returncode, result.stderr.decode(errors="replace")[-2000:])
            raise ConversionError("Microsoft Word không chuyển được tệp sang PDF; tệp Word vẫn được giữ.",
                                  f"Word wrote no PDF for {source}")
        move_into_place(made, target)
    return target
