"""Reading a Word file from an office into blocks: what lands as a heading, a list item, a paragraph, a table;
typed numbering and dashes gone (the program numbers), legacy text in Unicode, line breaks, tabs and double
spaces cleaned. Nothing is written anywhere. Texts invented."""

from __future__ import annotations

import unicodedata

import docx
from office_files import TCVN3_SENTENCE, _font, numbered_list_file, office_file, tcvn3

from baocao_gui.domain.model import BlockKind
from baocao_gui.domain.tables import Table
from baocao_gui.importers.word import classify, read_word, strip_number


def kinds_and_texts(content):
    return [(b.kind, b.text) for b in content.blocks]


def test_an_office_file_reads_into_headings_items_paragraphs_and_a_table_in_order(tmp_path):
    content = read_word(office_file(tmp_path / "phong.docx"))
    got = kinds_and_texts(content)
    H, P, B = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.BULLET
    assert got[:11] == [
        (H, "Công tác giải quyết việc làm"),  # "1." typed
        (P, "Trong năm, toàn tỉnh đã giải quyết việc làm cho 12.345 lượt lao động, đạt 102,5% kế hoạch năm."),
        (B, "Tư vấn, giới thiệu việc làm tại sàn giao dịch;"),  # "-"
        (B, "Tổ chức 14 phiên giao dịch việc làm lưu động;"),  # "+"
        (B, "Hỗ trợ vay vốn tạo việc làm."),  # "•"
        (B, "Xuất khẩu lao động theo hợp đồng"),  # Word's own bullet
        (H, "Công tác đào tạo nghề nông thôn"),  # a bold line
        (H, "Đào tạo nghề cho lao động nông thôn"),  # "1.1."
        (H, "Đào tạo trình độ sơ cấp"),  # "a)"
        (H, "Bảo trợ xã hội"),  # Heading 2 style
        (H, "KHÓ KHĂN, VƯỚNG MẮC"),  # "II."
    ]
    table = Table.from_json(content.blocks[11].text)
    assert content.blocks[11].kind == BlockKind.TABLE
    assert table.header == (("Chỉ tiêu", "Đơn vị", "Thực hiện"),)
    assert table.rows == (("Lao động được tạo việc làm", "người", "12.345"), ("Phiên giao dịch", "phiên", "14"))
    assert got[12] == (P, TCVN3_SENTENCE) and 12 in content.legacy  # typed in .VnTime, reads as Unicode
    assert got[13] == (P, "Dòng thứ nhất bị ngắt ở giữa câu bằng Shift+Enter.")
    assert len(got) == 14 and content.problems == ()
    assert all(unicodedata.is_normalized("NFC", b.text) for b in content.blocks)


def test_no_typed_number_survives_in_a_heading():
    for typed in ("1. Việc làm", "1.1. Việc làm", "1.1 Việc làm", "I. Việc làm", "IV. Việc làm", "a) Việc làm",
                  "đ) Việc làm", "b. Việc làm", "2/ Việc làm", "PHẦN I. Việc làm", "3) Việc làm"):
        assert classify(typed, False, False, None) .text == "Việc làm", typed
        assert classify(typed, False, False, None).kind == BlockKind.HEADING, typed


def test_figures_dates_and_decree_numbers_at_the_start_of_a_line_are_not_heading_numbers():
    for text in ("18.498 lượt lao động có việc làm mới.", "30/2020/NĐ-CP quy định thể thức.",
                 "2023 là năm thứ ba thực hiện kế hoạch.", "12 tháng qua, tỉnh đã…", "a. b là hai biến."):
        assert strip_number(text) is None, text
        assert classify(text, False, False, None).kind == BlockKind.PARAGRAPH, text


def test_a_word_numbered_short_line_is_a_heading_and_a_long_bold_paragraph_stays_a_paragraph(tmp_path):
    content = read_word(numbered_list_file(tmp_path / "so.docx"))
    assert kinds_and_texts(content) == [(BlockKind.HEADING, "Công tác người có công"),
                                        (BlockKind.PARAGRAPH, "Đã chi trả trợ cấp đầy đủ, kịp thời cho các đối tượng.")]
    long = "Nội dung rất dài " * 30
    assert classify(long, True, False, None).kind == BlockKind.PARAGRAPH


def test_vni_text_in_a_vni_font_and_vntimeh_capitals_read_as_unicode(tmp_path):
    d = docx.Document()
    _font(d.add_paragraph().add_run("Vieät Nam ñoåi môùi"), "VNI-Times")
    _font(d.add_paragraph().add_run(tcvn3("báo cáo tổng kết")), ".VnTimeH")
    path = tmp_path / "vni.docx"
    d.save(path)
    content = read_word(path)
    assert [b.text for b in content.blocks] == ["Việt Nam đổi mới", "BÁO CÁO TỔNG KẾT"]
    assert content.legacy == {0, 1}


def test_unicode_text_in_an_ordinary_font_is_never_converted(tmp_path):
    d = docx.Document()
    d.add_paragraph("Cà phê có giá ổn định; façade Zürich.")
    path = tmp_path / "u.docx"
    d.save(path)
    content = read_word(path)
    assert [b.text for b in content.blocks] == ["Cà phê có giá ổn định; façade Zürich."]
    assert not content.legacy


def test_line_breaks_before_a_dash_make_separate_items_and_empty_lines_are_dropped(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Các hoạt động chính:")
    p.add_run().add_break()
    p.add_run("- Khảo sát nhu cầu;")
    p.add_run().add_break()
    p.add_run("- Tổ chức lớp học.")
    d.add_paragraph("   ")
    d.add_paragraph("\t")
    path = tmp_path / "br.docx"
    d.save(path)
    assert kinds_and_texts(read_word(path)) == [(BlockKind.PARAGRAPH, "Các hoạt động chính:"),
                                                (BlockKind.BULLET, "Khảo sát nhu cầu;"),
                                                (BlockKind.BULLET, "Tổ chức lớp học.")]


def test_a_merged_header_cell_is_written_once_and_images_are_said_not_imported(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 1).merge(t.cell(0, 2)).text = "Năm 2023"
    t.cell(0, 0).text = "Chỉ tiêu"
    t.cell(1, 0).text = "Hộ nghèo"
    t.cell(1, 1).text = "5,18%"
    path = tmp_path / "t.docx"
    d.save(path)
    table = Table.from_json(read_word(path).blocks[0].text)
    assert table.header == (("Chỉ tiêu", "Năm 2023", ""),)
    assert table.rows[0][:2] == ("Hộ nghèo", "5,18%")


def test_tracked_changes_are_read_as_accepted_and_said(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph("Đã hỗ trợ ")
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "Phó Giám đốc")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "kịp thời "
    run.append(t)
    inserted.append(run)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "Phó Giám đốc")
    gone = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "chậm trễ "
    gone.append(dt)
    deleted.append(gone)
    p._p.append(inserted)
    p._p.append(deleted)
    p.add_run("cho các hộ.")
    path = tmp_path / "sua.docx"
    d.save(path)
    content = read_word(path)
    assert [b.text for b in content.blocks] == ["Đã hỗ trợ kịp thời cho các hộ."]
    assert any("Track Changes" in line for line in content.problems)


def test_a_bullet_inserted_as_a_symbol_makes_a_list_item(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), "F0A7")
    run._r.append(sym)
    p.add_run("\tRà soát hộ cận nghèo.")
    path = tmp_path / "sym.docx"
    d.save(path)
    assert kinds_and_texts(read_word(path)) == [(BlockKind.BULLET, "Rà soát hộ cận nghèo.")]


def test_a_vni_letter_split_across_two_runs_by_word_still_reads_as_one_letter(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    for piece in ("Vie", "ät Nam ño", "åi môùi"):  # Word splits runs anywhere (spelling marks, revisions)
        _font(p.add_run(piece), "VNI-Times")
    path = tmp_path / "vni-tach.docx"
    d.save(path)
    assert [b.text for b in read_word(path).blocks] == ["Việt Nam đổi mới"]
