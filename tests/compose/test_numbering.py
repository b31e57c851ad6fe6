"""The program numbers every heading: A/B, I/II/III, 1/2/3, 2.1, a)/b) — in sequence, no gaps, no repeats."""

import dataclasses

from baocao_gui.compose import Heading, Level, compose_outline
from baocao_gui.compose.report import diem, recipient_lines
from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook


def outline_of(path):
    wb = load_workbook(open_workbook(path, readonly=True))
    return wb, compose_outline(wb, wb.report_for(2023))


def headings(outline, level=None):
    return [h for h in outline.body if isinstance(h, Heading) and (level is None or h.level == level)]


def test_report_opens_with_part_one_and_its_title(sample_workbook):
    _, outline = outline_of(sample_workbook)
    part = outline.body[0]
    assert (part.level, part.number, part.text) == (Level.PART, "PHẦN THỨ NHẤT", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023")


def test_sections_and_muc_are_numbered_in_sequence_and_upper_case(sample_workbook):
    _, outline = outline_of(sample_workbook)
    lines = [h.line for h in headings(outline) if h.level in (Level.SECTION, Level.MUC)]
    assert lines == [
        "A. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC NĂM 2023:",
        "I. CÔNG TÁC THAM MƯU VĂN BẢN VÀ TRIỂN KHAI THỰC HIỆN CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU, NHIỆM VỤ",
        "III. ĐÁNH GIÁ CHUNG",
        "B. PHƯƠNG HƯỚNG, NHIỆM VỤ, NĂM 2024",
        "I. MỤC TIÊU CHUNG VÀ CHỈ TIÊU CHỦ YẾU",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP NĂM 2024",
    ]


def test_the_reference_numbering_mistakes_come_out_right(sample_workbook):
    _, outline = outline_of(sample_workbook)
    lines = [h.line for h in headings(outline)]
    # the reference prints "2. Nguyên nhân" after "2. Khó khăn, vướng mắc", and "3.3.", "4.4." under "2."
    assert "3. Nguyên nhân" in lines and "2. Nguyên nhân" not in lines
    assert lines.index("2. Khó khăn, vướng mắc") < lines.index("3. Nguyên nhân")
    subs = [h.number for h in headings(outline, Level.SUBKHOAN)]
    assert subs == ["2.1.", "2.2.", "2.3.", "2.4."]
    assert "2.3. Tham mưu thực hiện tốt các chính sách đối với người có công" in lines


def test_points_restart_at_a_under_each_khoan(sample_workbook):
    _, outline = outline_of(sample_workbook)
    body = list(outline.body)
    runs, current = [], []
    for item in body:
        if isinstance(item, Heading) and item.level < Level.DIEM:
            if current:
                runs.append(current)
            current = []
        elif isinstance(item, Heading):
            current.append(item.number)
    if current:
        runs.append(current)
    assert ["a)", "b)", "c)"] in runs  # người có công
    assert ["a)", "b)"] in runs  # giảm nghèo / bảo trợ xã hội
    for run in runs:
        assert run == [diem(i) for i in range(1, len(run) + 1)]


def test_points_follow_the_vietnamese_alphabet():
    assert [diem(i) for i in range(1, 8)] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]


def test_an_empty_sector_leaves_no_gap_in_the_numbers(sample_workbook):
    wb, _ = outline_of(sample_workbook)
    report = wb.report_for(2023)
    blocks = {k: v for k, v in report.blocks.items() if k != (Part.RESULTS, "giam_ngheo_btxh")}
    outline = compose_outline(wb, dataclasses.replace(report, blocks=blocks))
    khoan = [h.line for h in outline.body if isinstance(h, Heading) and h.level == Level.KHOAN][:5]
    assert khoan == [
        "1. Công tác Lao động – Việc làm và Giáo dục nghề nghiệp",
        "2. Công tác Người có công",
        "3. Công tác Trẻ em và Bình đẳng giới",
        "4. Công tác Thanh tra, kiểm tra, thực hiện công tác tiếp công dân, giải quyết đơn thư khiếu nại tố cáo",
        "1. Thuận lợi",
    ]


def test_recipients_start_with_a_dash_and_the_last_ends_with_a_full_stop():
    assert recipient_lines(["Bộ LĐTBXH;", "- UBND tỉnh", "Lưu: VT, VP."]) == (
        "- Bộ LĐTBXH;", "- UBND tỉnh;", "- Lưu: VT, VP.")


def test_sample_signature_block_is_ready_for_the_signer(sample_workbook):
    _, outline = outline_of(sample_workbook)
    s = outline.signature
    assert (s.authority, s.title, s.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "")
    assert s.recipients[-1].startswith("- Lưu: VT") and s.recipients[-1].endswith(".")
    assert all(r.endswith(";") for r in s.recipients[:-1])
