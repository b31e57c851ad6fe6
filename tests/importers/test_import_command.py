"""`baocao-gui import SỔ FILE.docx --sector CODE [--part results|tasks] [--period P --year N] [--figures]`, run as
a real process: the file's blocks land at the end of the chosen part of the chosen report; a file that cannot be
read, an unknown sector or a signed report change nothing and say why in one sentence."""

from __future__ import annotations

import hashlib

import docx
from helpers import run_cli
from office_files import TCVN3_SENTENCE, office_file

from baocao_gui.domain.model import BlockKind, Part
from baocao_gui.store import load_workbook, open_workbook


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(2023)
    finally:
        db.close()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_puts_every_paragraph_in_the_results_of_the_sector(sample_workbook, tmp_path):
    before = stored(sample_workbook)
    r = run_cli("import", str(sample_workbook), str(office_file(tmp_path / "phong.docx")), "--sector", "lao_dong",
                "--year", "2023")
    assert r.returncode == 0, r.stderr
    assert "Đã nhập 14 mục" in r.stdout and "6 đề mục" in r.stdout and "1 bảng" in r.stdout
    assert "TCVN3" in r.stdout
    after = stored(sample_workbook)
    old = before.part(Part.RESULTS, "lao_dong")
    new = after.part(Part.RESULTS, "lao_dong")[len(old):]
    assert [(b.kind, b.text) for b in after.part(Part.RESULTS, "lao_dong")[:len(old)]] == \
        [(b.kind, b.text) for b in old]
    assert len(new) == 14 and new[0].kind == BlockKind.HEADING and new[0].text == "Công tác giải quyết việc làm"
    assert TCVN3_SENTENCE in [b.text for b in new]
    assert all(not b.text[:1].isdigit() for b in new if b.kind == BlockKind.HEADING)
    assert after.part(Part.TASKS, "lao_dong") == before.part(Part.TASKS, "lao_dong")


def test_import_into_the_tasks_with_figures_cites_the_sectors_figures(sample_workbook, tmp_path):
    d = docx.Document()
    d.add_paragraph("Phấn đấu tạo việc làm cho 18.300 lượt người.")
    path = tmp_path / "nv.docx"
    d.save(path)
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong", "--part", "tasks", "--figures")
    assert r.returncode == 0, r.stderr
    assert stored(sample_workbook).part(Part.TASKS, "lao_dong")[-1].text == \
        "Phấn đấu tạo việc làm cho {{viec_lam.target}} lượt người."


def test_without_figures_the_numbers_stay_as_typed_and_the_count_is_said(sample_workbook, tmp_path):
    d = docx.Document()
    d.add_paragraph("Phấn đấu tạo việc làm cho 18.300 lượt người.")
    path = tmp_path / "nv.docx"
    d.save(path)
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong", "--part", "tasks")
    assert r.returncode == 0, r.stderr
    assert "1 số trùng" in r.stdout and "--figures" in r.stdout
    assert stored(sample_workbook).part(Part.TASKS, "lao_dong")[-1].text == \
        "Phấn đấu tạo việc làm cho 18.300 lượt người."


def test_an_unknown_sector_or_report_or_a_signed_report_changes_nothing(sample_workbook, tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import reports

    path = office_file(tmp_path / "phong.docx")
    before = stored(sample_workbook).blocks
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "khong_co")
    assert r.returncode == 2 and "lao_dong" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong", "--year", "2019")
    assert r.returncode == 2 and "2019" in r.stderr
    assert stored(sample_workbook).blocks == before
    doc = Document(sample_workbook)
    doc.apply(reports.mark_sent(doc, None))
    doc.close()
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong")
    assert r.returncode == 2 and "đã gửi" in r.stderr and "Traceback" not in r.stderr
    assert stored(sample_workbook).blocks == before


def test_a_file_that_is_not_a_word_file_is_refused_before_the_workbook_is_opened(sample_workbook, tmp_path):
    path = tmp_path / "bang.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    before = digest(sample_workbook)
    r = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong")
    assert r.returncode == 2 and "bị hỏng" in r.stderr and "Chưa có gì được ghi" in r.stderr
    assert digest(sample_workbook) == before
