"""A report marked sent keeps the file it was sent as, in the workbook: exporting it again gives those very bytes,
before and after the workbook is upgraded, and after a dump and a load; what changed since sending is still told."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from baocao_gui.app import Document, export_report
from baocao_gui.app.edits import figures, reports
from baocao_gui.app.sent import SentCopyDamaged, differences
from baocao_gui.app.textfile import dump_workbook as dump_text
from baocao_gui.app.textfile import load_text_workbook as load_text
from baocao_gui.store import load_workbook, open_workbook

PREVIOUS = Path(__file__).resolve().parent.parent / "data" / "previous-version"


def _export_again(path: Path, target: Path) -> bytes:
    doc = Document(path, readonly=True)
    try:
        export_report(doc.workbook, doc.report, target)
    finally:
        doc.close()
    return target.read_bytes()


def test_exporting_a_sent_report_gives_the_very_bytes_that_were_sent(sent_workbook, tmp_path):
    sent = (tmp_path / "gửi.docx").read_bytes()
    again = _export_again(sent_workbook, tmp_path / "lại.docx")
    assert again == sent
    doc = Document(sent_workbook, readonly=True)
    try:
        assert doc.report.sent.sha256 == hashlib.sha256(again).hexdigest()
        kept = doc.report.sent.kept(".docx")
        assert kept.name == "gửi.docx" and kept.size == len(sent) and len(kept.data) < len(sent)  # compressed
    finally:
        doc.close()


def test_a_report_composed_again_would_not_be_the_same_bytes(sent_workbook, tmp_path):
    """Why the file is kept: the same report written again differs (the time it was written is inside), so only
    the kept file is what was sent."""
    conn = sqlite3.connect(sent_workbook)
    conn.execute("DELETE FROM sent_file")
    conn.commit()
    conn.close()
    import time

    time.sleep(1.1)
    assert _export_again(sent_workbook, tmp_path / "soạn lại.docx") != (tmp_path / "gửi.docx").read_bytes()


def test_a_sent_workbook_dumped_and_loaded_still_exports_the_bytes_sent(sent_workbook, tmp_path):
    text = tmp_path / "sổ.toml"
    dump_text(sent_workbook, text)
    assert "[[report.sent.files]]" in text.read_text(encoding="utf-8")
    loaded = load_text(text, tmp_path / "nạp lại.baocao")
    assert _export_again(loaded, tmp_path / "sau khi nạp.docx") == (tmp_path / "gửi.docx").read_bytes()


def test_after_unlocking_the_report_exports_as_edited_and_the_changes_since_sending_are_listed(sent_workbook, tmp_path):
    doc = Document(sent_workbook)
    try:
        doc.apply(reports.unlock(doc))
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 2600))
        changed = differences(doc.workbook, doc.report)
        assert [(d.kind, d.before, d.after) for d in changed] == [("figure", "2.500", "2.600")]
        export_report(doc.workbook, doc.report, tmp_path / "đã sửa.docx")
        assert (tmp_path / "đã sửa.docx").read_bytes() != (tmp_path / "gửi.docx").read_bytes()
        assert doc.report.sent.kept(".docx") is not None  # the copy stays what was sent
    finally:
        doc.close()


def test_marking_sent_then_undoing_it_removes_the_file_kept(tmp_path):
    from baocao_gui.app import new_workbook

    path = new_workbook(tmp_path / "Phòng Nội vụ.baocao", "sldtbxh", 2031)
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 731))
        sent = export_report(doc.workbook, doc.report, tmp_path / "bản gửi.docx").path
        edit = reports.mark_sent(doc, sent)
        doc.apply(edit)
        assert [f.suffix for f in doc.report.sent.files] == [".docx"]
        doc.run(edit.undo, edit.change)
        assert doc.report.sent is None
        assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM sent_file").fetchone()[0] == 0
    finally:
        doc.close()


def test_a_kept_file_changed_after_sending_is_one_sentence_and_nothing_is_written(sent_workbook, tmp_path):
    import zlib

    conn = sqlite3.connect(sent_workbook)
    conn.execute("UPDATE sent_file SET data = ?", [zlib.compress(b"PK not what was sent")])
    conn.commit()
    conn.close()
    doc = Document(sent_workbook, readonly=True)
    try:
        with pytest.raises(SentCopyDamaged) as caught:
            export_report(doc.workbook, doc.report, tmp_path / "giả.docx")
    finally:
        doc.close()
    assert "“gửi.docx”" in caught.value.message and "SHA-256" in caught.value.message
    assert not (tmp_path / "giả.docx").exists()


@pytest.mark.libreoffice
def test_a_report_sent_as_pdf_exports_that_pdf_and_the_word_file_it_was_made_from(tmp_path):
    from baocao_gui.app import new_workbook
    from baocao_gui.render.pdf import converter_name

    if converter_name() is None:
        pytest.skip("no PDF converter (LibreOffice) here")
    path = new_workbook(tmp_path / "Sở Y tế.baocao", "sldtbxh", 2032)
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 1207))
        sent = export_report(doc.workbook, doc.report, tmp_path / "ký số.pdf").path
        doc.apply(reports.mark_sent(doc, sent))
        assert sorted(f.suffix for f in doc.report.sent.files) == [".docx", ".pdf"]
    finally:
        doc.close()
    (tmp_path / "lại").mkdir()
    again = _export_again(path, tmp_path / "lại" / "ký số.pdf")
    assert again == (tmp_path / "ký số.pdf").read_bytes()
    assert (tmp_path / "lại" / "ký số.docx").read_bytes() == (tmp_path / "ký số.docx").read_bytes()
    assert _export_again(path, tmp_path / "lại" / "chỉ word.docx") == (tmp_path / "ký số.docx").read_bytes()


def test_a_sent_report_of_a_workbook_written_before_an_upgrade_exports_the_bytes_sent(tmp_path):
    """tests/data/previous-version/sent-v1.baocao: written by the version that began keeping sent files (its last
    migration m010), a report of 2030 marked sent as ``bao-cao-2030.docx``; opened by this version (upgraded in
    place), it exports exactly the bytes sent, whose SHA-256 is written here."""
    path = tmp_path / "sent-v1.baocao"
    path.write_bytes(gzip.decompress((PREVIOUS / "sent-v1.baocao.gz").read_bytes()))
    expected = (PREVIOUS / "sent-v1.sha256").read_text(encoding="ascii").split()[0]
    db = open_workbook(path)  # every later migration applied
    report = next(r for r in load_workbook(db).reports if r.sent is not None)
    db.close()
    assert report.frozen and report.sent.file == "bao-cao-2030.docx"
    again = _export_again(path, tmp_path / "xuất lại.docx")
    assert hashlib.sha256(again).hexdigest() == expected
    copy = tmp_path / "bản sao.baocao"
    shutil.copyfile(path, copy)
    dumped = tmp_path / "sent-v1.toml"
    dump_text(copy, dumped)
    loaded = load_text(dumped, tmp_path / "nạp.baocao")
    assert hashlib.sha256(_export_again(loaded, tmp_path / "sau nạp.docx")).hexdigest() == expected
