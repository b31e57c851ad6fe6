"""Years and periods typed into a paragraph that no longer match the report, and the citations that replace them.
The texts are invented, in the manner of provincial reports."""

import pytest
from test_checks import clean_book

from baocao_gui.domain.checks import STALE_FIX, Severity, check_report
from baocao_gui.domain.figures import FigureWriter
from baocao_gui.domain.model import Block, BlockKind, Part, Period, PeriodKind
from baocao_gui.domain.stale import cite_period, stale_mentions

YEAR_2024 = Period(PeriodKind.YEAR, 2024)
NINE_2024 = Period(PeriodKind.NINE_MONTHS, 2024)
Q3_2024 = Period(PeriodKind.Q3, 2024)


def stale(text, period=YEAR_2024):
    return [m.text for m in stale_mentions(text, period)]


@pytest.mark.parametrize("period, text, found", [
    (YEAR_2024, "Năm 2023, toàn tỉnh giải quyết việc làm cho 18.000 lao động.", ["Năm 2023"]),
    (YEAR_2024, "Trong năm 2023, Sở đã tham mưu UBND tỉnh ban hành 12 văn bản.", ["năm 2023"]),
    (YEAR_2024, "Kết quả thực hiện 9 tháng năm 2024 như sau:", ["9 tháng năm 2024"]),
    (YEAR_2024, "6 tháng đầu năm 2024, toàn tỉnh đã chi trả trợ cấp kịp thời.", ["6 tháng đầu năm 2024"]),
    (NINE_2024, "9 tháng năm 2023, toàn tỉnh đào tạo nghề cho 6.000 người.", ["9 tháng năm 2023"]),
    (NINE_2024, "Kết quả 6 tháng đầu năm 2024 cho thấy…", ["6 tháng đầu năm 2024"]),
    (Q3_2024, "Trong quý II năm 2024, đã tổ chức 3 phiên giao dịch việc làm.", ["quý II năm 2024"]),
    (YEAR_2024, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023", ["NĂM 2023"]),
    (Period(PeriodKind.Q1, 2024), "Trong quý IV năm 2023, đã tổ chức 4 phiên giao dịch.", ["quý IV năm 2023"]),
    (Period(PeriodKind.M1, 2024), "Tháng 12 năm 2023, toàn tỉnh có 300 lao động đi làm việc ở nước ngoài.",
     ["Tháng 12 năm 2023"]),
    (Period(PeriodKind.M10, 2024), "Trong tháng 9 năm 2024, đã chi trả trợ cấp cho 1.200 người.",
     ["tháng 9 năm 2024"]),
])
def test_a_year_or_period_left_from_another_report_is_found(period, text, found):
    assert stale(text, period) == found


@pytest.mark.parametrize("text", [
    "Tạo việc làm cho 19.000 lao động, tăng 5,6% so với năm 2023.",  # a comparison
    "Tỷ lệ lao động qua đào tạo bằng 102% so với cùng kỳ năm 2023.",
    "Số hộ nghèo giảm mạnh, cùng kỳ năm 2023 là 7.200 hộ.",
    "Tỷ lệ hộ nghèo giảm 2,79% (từ 7,97% năm 2022 xuống còn 5,18% năm 2023).",  # the two ends of a change
    "Thực hiện Chương trình mục tiêu quốc gia giai đoạn 2021–2025.",  # a span
    "Kế hoạch phát triển năm 2021-2025 đã được phê duyệt.",
    "Kế hoạch phát triển năm 2021 - 2025 đã được phê duyệt.",
    "Phấn đấu đến năm 2030 tỷ lệ lao động qua đào tạo đạt 70%.",  # a horizon
    "Triển khai Nghị định 30/2020/NĐ-CP về công tác văn thư.",  # a document's year
    "Tuyên truyền Luật Trẻ em năm 2016 và Bộ luật Lao động năm 2019.",  # laws' years
    "Thực hiện Luật Việc làm năm 2023 và Nghị quyết của HĐND tỉnh năm 2023 về chính sách đặc thù.",
    "Theo Quyết định số 12/QĐ-UBND ngày 10 tháng 7 năm 2023 của UBND tỉnh.",  # a date
    "Cuối năm 2023, toàn tỉnh còn 5.000 hộ nghèo.",  # a baseline
    "Từ đầu năm 2023 đến nay, đã hỗ trợ 1.200 hộ.",
    "Tỷ lệ thất nghiệp 2,1% (năm 2023: 2,4%).",
    "Năm 2024, toàn tỉnh tạo việc làm cho 19.000 lao động, năm 2023 là 18.000 lao động.",  # two years side by side
    "Năm {{year}} tạo việc làm cho 19.000 lao động, năm 2023 là 18.000 lao động.",
    "Trong quý IV năm 2024, tổ chức 4 phiên giao dịch việc làm.",  # a quarter inside the year reported on
    "Riêng tháng 10 năm 2024 có 300 lao động đi làm việc ở nước ngoài.",
    "Năm 2022, tỉnh được công nhận đạt chuẩn.",  # an older year: history, not a left-over
    "Năm 2024, toàn tỉnh giải quyết việc làm cho 19.000 lao động.",  # the report's own year
    "Năm {{year}}, toàn tỉnh giải quyết việc làm cho {{viec_lam}} lao động.",
    "Phương hướng, nhiệm vụ năm 2025.",  # the year to come
])
def test_comparisons_spans_horizons_laws_and_dates_are_not_flagged(text):
    assert stale(text) == []


@pytest.mark.parametrize("period, text", [
    (NINE_2024, "Phương hướng nhiệm vụ quý IV năm 2024"),  # the next period, which section B plans for
    (Q3_2024, "Nhiệm vụ trọng tâm quý IV năm 2024"),
    (NINE_2024, "Phấn đấu hoàn thành kế hoạch năm 2024"),
    (Period(PeriodKind.Q1, 2024), "Số lao động tăng 3% so với quý IV năm 2023."),  # a comparison stays
    (Period(PeriodKind.Q2, 2024), "Trong quý IV năm 2023, đã tổ chức 4 phiên giao dịch."),  # not the report before
])
def test_a_later_period_of_the_same_year_is_what_comes_next_not_a_left_over(period, text):
    assert stale(text, period) == []


def test_a_report_carried_from_the_sample_warns_about_its_old_years_and_not_about_its_next_period(tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import reports
    from baocao_gui.app.files import write_sample

    write_sample(tmp_path / "mau.baocao")
    doc = Document(tmp_path / "mau.baocao")
    try:
        edit = reports.create_report(doc, NINE_2024, "previous")
        doc.run(edit.do, edit.change)
        doc.choose_report(doc.workbook.find(NINE_2024).id)
        found = [f for f in check_report(doc.workbook, doc.report) if f.kind == "stale-period"]
    finally:
        doc.close()
    assert found and all("“năm 2023”" in f.message or "“Năm 2023”" in f.message for f in found)


def test_the_replacement_cites_the_period_and_keeps_a_capital_at_the_head_of_a_sentence():
    assert cite_period("Năm 2023, toàn tỉnh…", YEAR_2024) == "Năm {{year}}, toàn tỉnh…"
    assert cite_period("Kết quả 9 tháng năm 2024 như sau:", YEAR_2024) == "Kết quả {{period}} như sau:"
    assert cite_period("9 tháng năm 2024, toàn tỉnh…", YEAR_2024) == "Năm {{year}}, toàn tỉnh…"
    assert cite_period("Quý II năm 2024, toàn tỉnh…", Q3_2024) == "Quý III năm {{year}}, toàn tỉnh…"


def test_the_replaced_text_prints_the_reports_own_year_and_period():
    wb, report = clean_book(period=NINE_2024)
    writer = FigureWriter(wb, report)
    fixed = cite_period("Kết quả 6 tháng đầu năm 2024, toàn tỉnh…", NINE_2024)
    assert writer.render(fixed) == "Kết quả 9 tháng năm 2024, toàn tỉnh…"
    assert stale(fixed, NINE_2024) == []


def test_a_stale_paragraph_is_one_warning_with_its_fix_and_its_place():
    wb, report = clean_book(period=YEAR_2024, summary="Kết quả năm 2024", blocks={
        (Part.RESULTS, "viec_lam"): (Block(BlockKind.PARAGRAPH, "Năm 2023, toàn tỉnh tạo việc làm cho "
                                            "{{viec_lam}} lao động, so với năm 2022 tăng 5%.", 7),)})
    found = [f for f in check_report(wb, report) if f.kind == "stale-period"]
    assert len(found) == 1 and found[0].severity == Severity.WARNING
    assert found[0].place.block_id == 7 and "“Năm 2023”" in found[0].message and "năm 2024" in found[0].message
    assert STALE_FIX in found[0].fix and "“Năm 2023” thành “Năm 2024”" in found[0].fix


def test_a_stale_summary_is_a_warning_about_the_summary():
    wb, report = clean_book(period=YEAR_2024, summary="Kết quả thực hiện nhiệm vụ 9 tháng năm 2024")
    found = [f for f in check_report(wb, report) if f.kind == "stale-period"]
    assert [f.place.field for f in found] == ["summary"]


def test_the_sample_report_has_no_stale_text():
    wb, report = clean_book()
    assert [f for f in check_report(wb, report) if f.kind == "stale-period"] == []


def test_an_earlier_part_of_the_year_set_beside_the_whole_year_is_not_a_left_over():
    # an annual report that gives the 9 months beside the estimate for the whole year does so on purpose
    assert stale("Ước cả năm 2024 giải quyết việc làm cho 19.500 lao động, trong đó 9 tháng đầu năm 2024 đã giải "
                 "quyết 14.260 lao động.") == []
    # a paragraph that opens with the 9 months and never names the year is what the 9-month report left behind
    assert stale("9 tháng đầu năm 2024, toàn tỉnh giải quyết việc làm cho 14.260 lao động.") == \
        ["9 tháng đầu năm 2024"]
