"""Word files like those the offices send, built with python-docx: typed numbering, bullets typed and Word's own,
a bold line, a heading style, a table, a paragraph typed in .VnTime (TCVN3). Texts and figures are invented."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from baocao_gui.domain import legacy

_TO_TCVN3 = {letter: code for code, letter in legacy._TCVN3.items() if code != "\u2212"}


def tcvn3(text: str) -> str:
    """What Word stores for text typed with the TCVN3 keyboard in a .VnTime font."""
    return "".join(_TO_TCVN3.get(c, c) for c in text)


TCVN3_SENTENCE = "Tổ chức tập huấn nghiệp vụ cho cán bộ cấp xã về chính sách người có công."


def _font(run, name: str) -> None:
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:hAnsi"), name)


def _word_bullet(paragraph) -> None:
    """Word's own bullet: the built-in "List Bullet" style carries a numbering of format bullet."""
    paragraph.style = paragraph.part.document.styles["List Bullet"]


def office_file(path: Path) -> Path:
    """A typical office's contribution to the results of its sector."""
    d = docx.Document()
    d.add_paragraph("1. Công tác giải quyết việc làm")
    d.add_paragraph("Trong năm, toàn tỉnh đã giải quyết việc làm cho 12.345 lượt lao động,\tđạt  "
                    "102,5% kế hoạch năm.")
    d.add_paragraph("- Tư vấn, giới thiệu việc làm tại sàn giao dịch;")
    d.add_paragraph("+ Tổ chức 14 phiên giao dịch việc làm lưu động;")
    d.add_paragraph("• Hỗ trợ vay vốn tạo việc làm.")
    p = d.add_paragraph("Xuất khẩu lao động theo hợp đồng")
    _word_bullet(p)
    p = d.add_paragraph()
    p.add_run("Công tác đào tạo nghề nông thôn").bold = True
    d.add_paragraph("1.1. Đào tạo nghề cho lao động nông thôn")
    d.add_paragraph("a) Đào tạo trình độ sơ cấp")
    d.add_paragraph("Bảo trợ xã hội", style="Heading 2")
    d.add_paragraph("II. KHÓ KHĂN, VƯỚNG MẮC")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate((("Chỉ tiêu", "Đơn vị", "Thực hiện"), ("Lao động được tạo việc làm", "người", "12.345"),
                             ("Phiên giao dịch", "phiên", "14"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    p = d.add_paragraph()
    _font(p.add_run(tcvn3(TCVN3_SENTENCE)), ".VnTime")
    p = d.add_paragraph("Dòng thứ nhất bị ngắt")
    p.add_run().add_break()
    p.add_run("ở giữa câu bằng Shift+Enter.")
    d.save(path)
    return path


def numbered_list_file(path: Path) -> Path:
    """Word's own decimal numbering on short headings (nothing typed to strip)."""
    d = docx.Document()
    d.add_paragraph("Công tác người có công", style="List Number")
    d.add_paragraph("Đã chi trả trợ cấp đầy đủ, kịp thời cho các đối tượng.")
    d.save(path)
    return path


def set_heading_outline(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)


def long_report(path: Path, pages: int = 200) -> Path:
    """A long contribution: about ``pages`` pages of A4 at 13 pt (12 paragraphs of ~60 words a page), a heading
    every page, a list every other page and a table every ten pages."""
    d = docx.Document()
    sentence = ("Trong kỳ, đơn vị đã triển khai đồng bộ các giải pháp hỗ trợ người lao động tìm kiếm việc làm, "
                "nâng cao chất lượng đào tạo nghề gắn với nhu cầu của doanh nghiệp trên địa bàn tỉnh. ")
    for page in range(1, pages + 1):
        d.add_paragraph(f"{page}. Nội dung công tác số {page}")
        for _ in range(10):
            d.add_paragraph(sentence * 2)
        if page % 2 == 0:
            d.add_paragraph("- Kiểm tra, giám sát việc thực hiện chính sách;")
        if page % 10 == 0:
            table = d.add_table(rows=4, cols=3)
            for r in range(4):
                for c in range(3):
                    table.cell(r, c).text = f"Ô {r}.{c}"
    d.save(path)
    return path


UNRELATED_LINES = 30


def unrelated_file(path: Path) -> Path:
    """A Word file that is not the report at all (minutes of a meeting, picked by mistake): 30 paragraphs."""
    d = docx.Document()
    d.add_paragraph("BIÊN BẢN HỌP BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ")
    for n in range(1, UNRELATED_LINES):
        d.add_paragraph(f"Nội dung thứ {n}: đồng chí chủ trì cuộc họp thông qua kế hoạch tổ chức hội thao mừng "
                        f"ngày thành lập công đoàn, phân công {n + 2} đồng chí chuẩn bị sân bãi và giải thưởng.")
    d.save(path)
    return path
