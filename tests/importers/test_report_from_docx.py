"""`baocao-gui new SỔ --from-docx FILE.docx`: last year's report, which exists only as a Word file, becomes a
workbook. The program's own export comes back paragraph for paragraph; a report typed by hand in another layout
(header as paragraphs, "PHẦN I", headings without numbers, a sector the catalogue does not have) is read where it
can be and what is missing is said. Texts of the hand-typed report invented."""

from __future__ import annotations

import datetime as dt

import docx
from helpers import run_cli
from office_files import _font, tcvn3

from baocao_gui.domain.model import BlockKind, Part, PeriodKind
from baocao_gui.store import load_workbook, open_workbook


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db)
    finally:
        db.close()


def texts(path):
    """Every paragraph of a .docx, then every table cell, in order."""
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]


def test_the_samples_export_read_back_and_exported_again_gives_the_same_text(exported_sample, tmp_path):
    book, again = tmp_path / "tu-word.baocao", tmp_path / "lan-hai.docx"
    r = run_cli("new", str(book), "--from-docx", str(exported_sample))
    assert r.returncode == 0, r.stderr
    assert "năm 2023" in r.stdout and r.stderr == ""  # nothing missing, nothing added
    r = run_cli("export", str(book), "-o", str(again))
    assert r.returncode == 0, r.stderr
    assert texts(again) == texts(exported_sample)


def test_the_header_signer_and_sectors_of_the_export_land_in_their_fields(exported_sample, tmp_path):
    book = tmp_path / "tu-word.baocao"
    assert run_cli("new", str(book), "--from-docx", str(exported_sample)).returncode == 0
    workbook = stored(book)
    (report,) = workbook.reports
    assert report.period.kind == PeriodKind.YEAR and report.period.year == 2023
    assert report.agency.parent_name == "UBND TỈNH ĐẮK NÔNG" and report.agency.abbreviation == "SLĐTBXH"
    assert report.agency.place == "Đắk Nông" and report.number == 15 and report.date == dt.date(2024, 1, 18)
    assert report.type_name == "BÁO CÁO TÓM TẮT" and report.signer_authority == "KT. GIÁM ĐỐC"
    assert report.recipients[-1] == "Lưu: VT, VP"
    assert report.part(Part.RESULTS, "giam_ngheo_btxh")[0] == report.part(Part.RESULTS, "giam_ngheo_btxh")[0]
    assert [b.kind for b in report.part(Part.RESULTS, "giam_ngheo_btxh")][:2] == [BlockKind.HEADING,
                                                                                  BlockKind.PARAGRAPH]
    assert report.part(Part.RESULTS, "giam_ngheo_btxh")[0].text == "Công tác Giảm nghèo"
    assert len(report.part(Part.TASKS, "nguoi_co_cong")) == 2 and report.part(Part.MAIN_TARGETS)


def hand_typed_report(path):
    """A report another program (or a typist) made: header in paragraphs, "PHẦN I", a sector heading with no
    number, a sector the catalogue lacks, a TCVN3 paragraph, no "Nơi nhận"."""
    d = docx.Document()
    for line in ("UBND TỈNH LAI CHÂU", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 07/BC-SLĐTBXH",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Lai Châu, ngày 05 tháng 07 năm 2025"):
        d.add_paragraph(line)
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả công tác 6 tháng đầu năm 2025 và nhiệm vụ 6 tháng cuối năm")
    d.add_paragraph("PHẦN I")
    d.add_paragraph("Sáu tháng đầu năm, tình hình kinh tế - xã hội của tỉnh ổn định.")
    d.add_paragraph("A. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    d.add_paragraph("I. CÔNG TÁC THAM MƯU")
    d.add_paragraph("Tham mưu ban hành 05 văn bản chỉ đạo.")
    d.add_paragraph("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU, NHIỆM VỤ")
    p = d.add_paragraph()
    p.add_run("Công tác Người có công").bold = True  # no number: found by the catalogue's title
    d.add_paragraph("- Chi trả trợ cấp kịp thời;")
    _font(d.add_paragraph().add_run(tcvn3("Tổ chức thăm hỏi gia đình chính sách.")), ".VnTime")
    d.add_paragraph("3. Công tác phòng chống tệ nạn xã hội")
    d.add_paragraph("Lập hồ sơ cai nghiện cho 12 người.")
    d.add_paragraph("III. ĐÁNH GIÁ CHUNG")
    d.add_paragraph("1. Thuận lợi")
    d.add_paragraph("Được sự quan tâm của lãnh đạo tỉnh.")
    d.add_paragraph("B. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025")
    d.add_paragraph("I. MỤC TIÊU CHUNG VÀ CHỈ TIÊU CHỦ YẾU")
    d.add_paragraph("1. Mục tiêu chung")
    d.add_paragraph("Bảo đảm an sinh xã hội.")
    d.add_paragraph("GIÁM ĐỐC")
    path = path.with_suffix(".docx")
    d.save(path)
    return path


def test_a_hand_typed_report_is_read_where_it_can_be_and_what_is_missing_is_said(tmp_path):
    book = tmp_path / "lai-chau.baocao"
    r = run_cli("new", str(book), "--from-docx", str(hand_typed_report(tmp_path / "bao-cao")))
    assert r.returncode == 0, r.stderr
    assert "Nơi nhận" in r.stderr and "Công tác phòng chống tệ nạn xã hội" in r.stderr
    assert "chức vụ người ký" not in r.stderr  # "GIÁM ĐỐC" at the end, without a table, is the signer
    assert "Traceback" not in r.stderr
    workbook = stored(book)
    (report,) = workbook.reports
    assert (report.period.kind, report.period.year) == (PeriodKind.SIX_MONTHS, 2025)
    assert report.agency.parent_name == "UBND TỈNH LAI CHÂU" and report.agency.place == "Lai Châu"
    assert report.number == 7 and report.date == dt.date(2025, 7, 5)
    assert [b.text for b in report.part(Part.INTRO)] == ["Sáu tháng đầu năm, tình hình kinh tế - xã hội của tỉnh ổn định."]
    assert [b.text for b in report.part(Part.RESULTS, "tham_muu")] == ["Tham mưu ban hành 05 văn bản chỉ đạo."]
    assert [(b.kind, b.text) for b in report.part(Part.RESULTS, "nguoi_co_cong")] == [
        (BlockKind.BULLET, "Chi trả trợ cấp kịp thời;"),
        (BlockKind.PARAGRAPH, "Tổ chức thăm hỏi gia đình chính sách.")]
    new = next(s for s in workbook.sectors if s.title == "Công tác phòng chống tệ nạn xã hội")
    assert [b.text for b in report.part(Part.RESULTS, new.code)] == ["Lập hồ sơ cai nghiện cho 12 người."]
    assert [b.text for b in report.part(Part.ADVANTAGES)] == ["Được sự quan tâm của lãnh đạo tỉnh."]
    assert [b.text for b in report.part(Part.OBJECTIVE)] == ["Bảo đảm an sinh xã hội."]
    assert "lao_dong" in report.sectors_off  # in the catalogue, not in this report


def test_a_file_that_cannot_be_read_makes_no_workbook(tmp_path):
    bad = tmp_path / "cu.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    book = tmp_path / "khong.baocao"
    r = run_cli("new", str(book), "--from-docx", str(bad))
    assert r.returncode == 2 and ".docx" in r.stderr and not book.exists()


def test_a_report_whose_period_cannot_be_found_asks_for_it_and_then_takes_it(tmp_path):
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả công tác")
    d.add_paragraph("PHẦN THỨ NHẤT")
    d.add_paragraph("Nội dung chung.")
    path = tmp_path / "khong-ky.docx"
    d.save(path)
    book = tmp_path / "s.baocao"
    r = run_cli("new", str(book), "--from-docx", str(path))
    assert r.returncode == 2 and "--period" in r.stderr and not book.exists()
    r = run_cli("new", str(book), "--from-docx", str(path), "--period", "q2", "--year", "2024")
    assert r.returncode == 0, r.stderr
    (report,) = stored(book).reports
    assert (report.period.kind, report.period.year) == (PeriodKind.Q2, 2024)
    assert [b.text for b in report.part(Part.INTRO)] == ["Nội dung chung."]
