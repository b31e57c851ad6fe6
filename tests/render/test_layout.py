"""The generated .docx follows Decree 30/2020, Phụ lục I, as far as a .docx can express it."""

import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from helpers import assert_valid_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=["report", "report with its annex"])
def exported(request, exported_sample, exported_sample_with_annex):
    """Every layout rule holds for the report alone and for the report followed by its figures annex."""
    return exported_sample if request.param == "report" else exported_sample_with_annex


@pytest.fixture(scope="module")
def document(exported):
    return docx.Document(str(exported))


def effective(paragraph, attr):
    """A paragraph-format or font attribute as Word resolves it: direct, then the style chain."""
    kind, name = attr.split(".")
    direct = getattr(paragraph.paragraph_format if kind == "p" else paragraph.runs[0].font, name, None) \
        if (kind == "p" or paragraph.runs) else None
    if direct is not None:
        return direct
    style = paragraph.style
    while style is not None:
        value = getattr(style.paragraph_format if kind == "p" else style.font, name)
        if value is not None:
            return value
        style = style.base_style
    return None


def body_paragraph(document, starts):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def test_export_passes_the_ooxml_schema_word_uses(exported):
    assert_valid_ooxml(exported)


def test_page_is_a4_portrait_with_decree_margins(document):
    s = document.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
    assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20


def test_times_new_roman_fills_all_four_font_slots_and_no_theme_font(exported):
    with zipfile.ZipFile(exported) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "Theme=" not in styles.split("<w:latentStyles")[0] and "Theme=" not in document
    from lxml import etree

    root = etree.fromstring(styles.encode())
    fonts = root.findall(f".//{W}rFonts")
    assert fonts, "fonts are set"
    for f in fonts:
        assert {f.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    default = root.find(f"{W}docDefaults//{W}rFonts")
    assert default is not None


def test_body_is_justified_14pt_with_first_line_indent_and_space_between(document):
    p = body_paragraph(document, "Ngay từ đầu năm 2023")
    assert p.style.name == "Normal"
    assert effective(p, "p.alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= effective(p, "p.first_line_indent") <= Cm(1.27) + 1
    assert effective(p, "p.space_after") >= Pt(6)
    assert Pt(13) <= effective(p, "f.size") <= Pt(14)


@pytest.mark.parametrize("starts, bold, italic, upper", [
    ("PHẦN THỨ NHẤT", True, None, True),
    ("A. KẾT QUẢ", True, None, True),
    ("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", True, None, True),
    ("1. Công tác Lao động", True, None, False),
    ("a) Thăm, tặng quà", None, None, False),
])
def test_headings_carry_their_decree_style(document, starts, bold, italic, upper):
    p = body_paragraph(document, starts)
    assert bool(effective(p, "f.bold")) == bool(bold)
    assert bool(effective(p, "f.italic")) == bool(italic)
    assert (p.text == p.text.upper()) == upper


def test_part_heading_and_its_title_are_centred_on_their_own_lines(document):
    texts = [p.text for p in document.paragraphs]
    i = texts.index("PHẦN THỨ NHẤT")
    assert texts[i + 1] == "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023"
    for p in document.paragraphs[i:i + 2]:
        assert effective(p, "p.alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_first_page_header_is_a_borderless_two_column_table(document):
    table = document.tables[0]
    left, right = table.rows[0].cells
    # the agency's name breaks where a clerk breaks it, by an explicit line break (issue 21.5)
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH ĐẮK NÔNG", "SỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI", "Số: 15/BC-SLĐTBXH"]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày 18 tháng 01 năm 2024"]
    widths = [c.width for c in table.columns]  # about 2/5 and 3/5, a little wider than the text (Mẫu 1.4)
    assert abs(widths[0] - Mm(73)) < Mm(1) and abs(widths[1] - Mm(96.5)) < Mm(1)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)


def _styled(cell, text):
    return next(p for p in cell.paragraphs if " ".join(p.text.split()) == text)


def test_header_lines_have_the_decree_sizes_and_weights(document):
    left, right = document.tables[0].rows[0].cells
    expect = [
        (left, "UBND TỈNH ĐẮK NÔNG", False, False, (12, 13)),
        (left, "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", True, False, (12, 13)),
        (left, "Số: 15/BC-SLĐTBXH", False, False, (13, 13)),
        (right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, (12, 13)),
        (right, "Độc lập - Tự do - Hạnh phúc", True, False, (13, 14)),
        (right, "Đắk Nông, ngày 18 tháng 01 năm 2024", False, True, (13, 14)),
    ]
    for cell, text, bold, italic, (lo, hi) in expect:
        p = _styled(cell, text)
        assert bool(effective(p, "f.bold")) == bold, text
        assert bool(effective(p, "f.italic")) == italic, text
        assert Pt(lo) <= effective(p, "f.size") <= Pt(hi), text


def test_agency_and_motto_are_underlined_by_a_solid_rule_of_the_right_length(document):
    from baocao_gui.render.textwidth import text_width_pt

    left, right = document.tables[0].rows[0].cells
    for cell, text, size, lo, hi in ((left, "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", 13, 1 / 3, 1 / 2),
                                     (right, "Độc lập - Tự do - Hạnh phúc", 14, 0.95, 1.05)):
        paragraphs = cell.paragraphs
        i = next(k for k, p in enumerate(paragraphs) if " ".join(p.text.split()) == text)
        rule = paragraphs[i + 1]
        assert rule.style.name == "BC Rule"
        bottom = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert bottom.get(qn("w:val")) == "single"
        inner = cell.width  # the header's cells have no side margins
        length = inner - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
        assert rule.paragraph_format.left_indent == rule.paragraph_format.right_indent  # centred
        lines = paragraphs[i].text.split("\n")  # the longest printed line
        longest = min(max(Pt(text_width_pt(line, size, True)) for line in lines), inner)
        assert lo * longest <= length <= hi * longest, text


def test_type_name_and_summary_are_bold_centred_with_a_rule_under(document):
    texts = [p.text for p in document.paragraphs]
    i = texts.index("BÁO CÁO TÓM TẮT")
    name, summary, rule = document.paragraphs[i:i + 3]
    assert summary.text.startswith("Đánh giá kết quả thực hiện nhiệm vụ")
    for p in (name, summary):
        assert effective(p, "f.bold") and effective(p, "p.alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert Pt(13) <= effective(p, "f.size") <= Pt(14)
    assert rule._p.pPr.find(qn("w:pBdr")) is not None


def signature_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def test_signature_block_has_recipients_left_and_signer_right(document):
    table = signature_table(document)
    left, right = table.rows[0].cells
    title = left.paragraphs[0]
    assert title.text == "Nơi nhận:"
    assert effective(title, "f.bold") and effective(title, "f.italic") and effective(title, "f.size") == Pt(12)
    items = [p for p in left.paragraphs[1:] if p.text]
    assert all(p.text.startswith("- ") for p in items)
    assert items[-1].text.startswith("- Lưu: VT") and items[-1].text.endswith(".")
    assert all(effective(p, "f.size") == Pt(11) and not effective(p, "f.bold") for p in items)
    signer = [p for p in right.paragraphs]
    assert [p.text for p in signer[:2]] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert all(effective(p, "f.bold") for p in signer)
    assert sum(1 for p in signer[2:-1] if not p.text) >= 4  # room for signature and seal
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)


def test_page_number_field_from_page_two_and_an_empty_first_page_header(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "".join(p.text for p in section.first_page_header.paragraphs).strip() == ""
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'fldCharType="begin"' in header_xml
    number = section.header.paragraphs[0]
    assert effective(number, "p.alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert Pt(13) <= effective(number, "f.size") <= Pt(14)
