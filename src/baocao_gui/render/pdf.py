""".docx → PDF with LibreOffice, where it is installed (used by the tests, and later by the preview)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"):
        if Path(path).exists():
            return path
    return None


def docx_to_pdf(source: Path, out_dir: Path, timeout: float = 180) -> Path:
    """Convert with a private LibreOffice profile, so a running LibreOffice or another test never interferes."""
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
