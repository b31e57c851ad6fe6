"""How sent-v1.baocao.gz was made (kept for the record; run once by the version that began keeping sent files,
whose last migration was m010_sent_files — running it again with a later version makes another file):

    PYTHONPATH=src python tests/data/previous-version/make_sent_v1.py

A workbook of 2030 with invented figures, exported as bao-cao-2030.docx and marked sent; the SHA-256 of that file
goes to sent-v1.sha256. tests/app/test_sent_files.py opens it with the current version and exports it again.
"""

from __future__ import annotations

import gzip
import hashlib
import tempfile
from pathlib import Path

from baocao_gui.app import Document, export_report, new_workbook
from baocao_gui.app.edits import figures, paragraphs, reports

HERE = Path(__file__).resolve().parent

with tempfile.TemporaryDirectory() as folder:
    path = new_workbook(Path(folder) / "sent-v1.baocao", "sldtbxh", 2030)
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 31415))
        doc.apply(figures.set_value(doc, "viec_lam", "plan", 30000))
        doc.apply(paragraphs.insert_block(doc, "intro", None, 0,
                                          text="Năm {{year}} tạo việc làm cho {{viec_lam}} lao động, đạt "
                                               "{{viec_lam.pct_plan}} kế hoạch."))
        sent = export_report(doc.workbook, doc.report, Path(folder) / "bao-cao-2030.docx").path
        doc.apply(reports.mark_sent(doc, sent))
    finally:
        doc.close()
    (HERE / "sent-v1.baocao.gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    (HERE / "sent-v1.sha256").write_text(f"{hashlib.sha256(sent.read_bytes()).hexdigest()}  bao-cao-2030.docx\n",
                                         encoding="ascii")
