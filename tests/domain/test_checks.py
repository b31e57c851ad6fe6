"""Checks before signing find what a careful reader would, say where, and stay quiet on a clean report."""

import dataclasses
import datetime as dt

import pytest

from baocao_gui.domain.checks import Severity, check_report, tidy_text
from baocao_gui.domain.model import (
    Agency,
    Block,
    BlockKind,
    Indicator,
    Part,
    Period,
    PeriodKind,
    PlanMeaning,
    Report,
    Role,
    Sector,
    Values,
    Workbook,
)
from baocao_gui.domain.rules import Missing, Rule
from baocao_gui.store import load_workbook, open_workbook

SECTORS = (Sector("lao_dong", Role.SECTOR, "Công tác Lao động", "Lao động"),
           Sector("tre_em", Role.SECTOR, "Công tác Trẻ em", "Trẻ em"))
INDICATORS = (
    Indicator("viec_lam", "lao_dong", "Số lao động được tạo việc làm", "lượt người"),
    Indicator("viec_lam_trong_nuoc", "lao_dong", "Trong nước", "lượt người", parent="viec_lam"),
    Indicator("xkld", "lao_dong", "Xuất khẩu lao động", "lượt người", parent="viec_lam"),
    Indicator("tien", "lao_dong", "Trợ cấp thất nghiệp", "đồng"),
    Indicator("tu_vong", "tre_em", "Trẻ em tử vong", "trẻ em", parts_complete=True),
    Indicator("duoi_nuoc", "tre_em", "Do đuối nước", "trẻ em", parent="tu_vong"),
    Indicator("khac", "tre_em", "Do nguyên nhân khác", "trẻ em", parent="tu_vong"),
    Indicator("ho_ngheo", "tre_em", "Tỷ lệ hộ nghèo", "%", plan_meaning=PlanMeaning.DECREASE, pad=False),
)
VALUES = {
    "viec_lam": Values(actual=18498, plan=18200, last=17000),
    "viec_lam_trong_nuoc": Values(actual=17896), "xkld": Values(actual=602),
    "tien": Values(actual=37774519980),
    "tu_vong": Values(actual=42), "duoi_nuoc": Values(actual=32, overrides={"pct_parent": 76.19}),
    "khac": Values(actual=10),
    "ho_ngheo": Values(actual=5.18, last=7.97, plan=3),
}
BLOCKS = {
    (Part.INTRO, ""): (Block(BlockKind.PARAGRAPH, "Năm {{year}}, Sở đã hoàn thành các nhiệm vụ.", 1),),
    (Part.RESULTS, "lao_dong"): (
        Block(BlockKind.PARAGRAPH, "Tạo việc làm cho {{viec_lam}} lượt người, đạt {{viec_lam.pct_plan}} kế hoạch.", 2),
        Block(BlockKind.HEADING, "Trợ cấp thất nghiệp", 3),
        Block(BlockKind.PARAGRAPH, "Tổng số tiền chi trả là {{tien}} đồng.", 4),
        Block(BlockKind.BULLET, "Trong nước: {{viec_lam_trong_nuoc}} lượt người;", 5),
    ),
    (Part.RESULTS, "tre_em"): (
        Block(BlockKind.PARAGRAPH, "Có {{tu_vong}} trẻ em tử vong, đuối nước chiếm {{duoi_nuoc.pct_parent}}; "
                                   "tỷ lệ hộ nghèo {{ho_ngheo.change}}.", 6),
    ),
}
RULES = (Rule("tro_cap_binh_quan", "tien / viec_lam", "<=", "5000000", "warning",
              "Trợ cấp bình quân hơn 5 triệu đồng một người: kiểm tra lại."),)


AGENCY = Agency("UBND TỈNH ĐẮK NÔNG", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "SLĐTBXH", "Đắk Nông")


def clean_book(**report_changes) -> tuple[Workbook, Report]:
    report = Report(1, Period(PeriodKind.YEAR, 2023), agency=AGENCY, number=15, date=dt.date(2024, 1, 18), type_name="BÁO CÁO",
                    summary="Kết quả năm 2023", signer_authority="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC",
                    signer_name="Nguyễn Văn An", recipients=("UBND tỉnh", "Lưu: VT, VP"),
                    values=dict(VALUES), blocks=dict(BLOCKS))
    report = dataclasses.replace(report, **report_changes)
    return Workbook(AGENCY, {}, SECTORS, INDICATORS, (report,), RULES), report


def findings_of(**changes):
    wb, report = clean_book(**changes)
    return check_report(wb, report)


def with_values(**values):
    return findings_of(values={**VALUES, **values})


def with_paragraph(text, kind=BlockKind.PARAGRAPH):
    blocks = dict(BLOCKS)
    blocks[(Part.RESULTS, "lao_dong")] = (*blocks[(Part.RESULTS, "lao_dong")], Block(kind, text, 99))
    return findings_of(blocks=blocks)


def only(findings):
    assert len(findings) == 1, [f.line() for f in findings]
    return findings[0]


def test_a_clean_report_gives_no_finding():
    assert [f.line() for f in findings_of()] == []


def test_a_breakdown_larger_than_its_total_is_an_error_at_that_indicator():
    f = only(with_values(xkld=Values(actual=20000)))
    assert f.severity == Severity.ERROR and "lớn hơn tổng" in f.message
    assert (f.place.group, f.place.sector, f.place.indicator) == ("sector", "lao_dong", "xkld")


def test_complete_parts_that_do_not_add_up_are_an_error():
    f = only(with_values(khac=Values(actual=8)))
    assert "cộng lại được 40, khác tổng 42" in f.message and f.place.indicator == "tu_vong"


def test_a_typed_percentage_that_contradicts_its_figures_is_found_beyond_rounding():
    assert with_values(duoi_nuoc=Values(actual=32, overrides={"pct_parent": 76.2})) == []  # 76,19 → rounding
    f = only(with_values(duoi_nuoc=Values(actual=32, overrides={"pct_parent": 76.1})))
    assert "76,1%" in f.message and "76,19%" in f.message and f.place.field == "pct_parent"


def test_an_implausible_figure_against_last_year_or_the_plan_is_a_warning():
    f = only(with_values(viec_lam=Values(actual=184980, plan=18200, last=17000)))
    assert f.severity == Severity.WARNING and "chênh nhiều lần" in f.message


def test_a_money_unit_multiplied_twice_is_an_error():
    f = only(with_paragraph("Tặng 100 suất quà, trị giá 50.000.000 triệu đồng."))
    assert f.severity == Severity.ERROR and "nhân hai lần" in f.message and f.place.block_id == 99
    g = only(with_paragraph("Tổng số tiền {{tien}} triệu đồng."))
    assert "nhân hai lần" in g.message


@pytest.mark.parametrize("typed, fix", [("18,498", "18.498"), ("7.97%", "7,97")])
def test_a_number_typed_english_style_is_a_warning(typed, fix):
    f = only(with_paragraph(f"Kết quả là {typed} trong năm."))
    assert "kiểu tiếng Anh" in f.message and fix in f.fix


def test_vietnamese_numbers_dates_and_heading_like_text_are_not_taken_for_english_style():
    assert with_paragraph("Ngày 27/7/1947-27/7/2023, tổng 1.595.000.000 đồng, đạt 101,64% và 40,8%.") == []


def test_a_paragraph_citing_a_missing_or_empty_figure_is_an_error():
    f = only(with_paragraph("Đạt {{khong_co}} người."))
    assert f.severity == Severity.ERROR and "khong_co" in f.message
    g = only(with_paragraph("Đạt {{tien.pct_plan}} kế hoạch."))
    assert "chưa có số liệu" in g.message


@pytest.mark.parametrize("field, value, where", [
    ("number", None, "Số văn bản"), ("date", None, "Ngày ban hành"), ("signer_name", "", "Họ tên người ký"),
    ("summary", "", "Trích yếu"), ("recipients", (), "Nơi nhận"),
])
def test_required_parts_left_empty_are_found_with_their_field(field, value, where):
    f = only(findings_of(**{field: value}))
    assert where in f.where and f.place.group == "general"


def test_a_sector_with_no_figures_and_no_text_is_found():
    wb, report = clean_book()
    empty = Sector("thanh_tra", Role.SECTOR, "Công tác Thanh tra", "Thanh tra")
    f = only(check_report(dataclasses.replace(wb, sectors=(*SECTORS, empty)), report))
    assert f.place.sector == "thanh_tra" and "chưa có số liệu" in f.message


@pytest.mark.parametrize("text, message", [
    ("Cu\u0309a ho\u0323", "tổ hợp"),
    ("Có  hai dấu cách.", "hai dấu cách"),
    ("Có dấu cách , trước dấu phẩy.", "dấu cách trước dấu câu"),
    ("Có ký tự\x07 lạ.", "ký tự điều khiển"),
    ("2.1. Thực hiện tốt chính sách", "số đề mục gõ tay"),
    ("a) Thăm, tặng quà", "số đề mục gõ tay"),
    ("II. ĐÁNH GIÁ CHUNG", "số đề mục gõ tay"),
    ("- Các cá nhân tiêu biểu", "gạch đầu dòng gõ tay"),
    ("Tổng trị giá 4.394.824.000đồng.", "thiếu dấu cách"),
])
def test_untidy_text_is_a_warning_at_its_paragraph(text, message):
    f = only(with_paragraph(text))
    assert f.severity == Severity.WARNING and message in f.message and f.place.block_id == 99


def test_text_in_a_legacy_encoding_is_an_error_with_a_one_click_fix():
    tcvn3 = b"Ch\xad\xacng tr\xd7nh gi\xb6m ngh\xcco".decode("cp1252")
    f = only(with_paragraph(tcvn3))
    assert f.severity == Severity.ERROR and f.kind == "legacy-encoding"


def test_a_catalogue_rule_that_fails_reports_its_message_and_both_sides():
    f = only(with_values(tien=Values(actual=100_000_000_000)))
    assert f.severity == Severity.WARNING and f.message == "Trợ cấp bình quân hơn 5 triệu đồng một người: kiểm tra lại."
    assert f.kind == "rule:tro_cap_binh_quan" and f.place.indicator == "tien" and "5.000.000" in f.fix


def test_a_rule_is_skipped_when_its_values_are_missing():
    wb, report = clean_book()
    rule = Rule("r", "viec_lam.target", ">=", "viec_lam", "error", "x", Missing.SKIP_IF_ANY_VALUE_MISSING)
    assert check_report(dataclasses.replace(wb, rules=(rule,)), report) == []
    never = dataclasses.replace(rule, missing=Missing.NEVER_SKIP)
    assert only(check_report(dataclasses.replace(wb, rules=(never,)), report)).message == "x"


def test_tidy_text_fixes_what_the_text_checks_find():
    assert tidy_text("Cu\u0309a  ho\u0323 , xong\x07.") == "Của họ, xong."


def test_the_sample_shows_the_reference_reports_own_inconsistencies(sample_workbook):
    wb = load_workbook(open_workbook(sample_workbook, readonly=True))
    findings = check_report(wb, wb.report_for(2023))
    text = "\n".join(f.line() for f in findings)
    assert "cộng lại được 40, khác tổng 42" in text  # 42 child deaths, causes add up to 40
    assert "76,1%" in text and "76,19%" in text  # 32 of 42 is 76,19%, printed 76,1%
    assert "50.000.000 triệu đồng" in text or "đơn vị bị nhân hai lần" in text
    deaths = next(f for f in findings if "khác tổng 42" in f.message)
    assert deaths.place.indicator == "tre_em_tu_vong"
    gift = next(f for f in findings if "nhân hai lần" in f.message)
    assert gift.place.sector == "tre_em_bdg" and gift.place.block_id is not None


@pytest.mark.parametrize(("left", "says"), [
    ("viec_lam ** 2", "có phần không được phép"),
    ("viec_lam +", "không phải là công thức"),
    (" + ".join(["viec_lam"] * 1000), "quá dài"),
    ("(" * 300 + "viec_lam" + ")" * 300, "công thức"),
    ("khong_co_chi_tieu", "không có chỉ tiêu “khong_co_chi_tieu”"),
])
def test_a_rule_that_cannot_be_applied_is_one_vietnamese_finding_never_a_crash(sample_workbook, left, says):
    import dataclasses

    from baocao_gui.domain.rules import Rule
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(sample_workbook, readonly=True)
    workbook = load_workbook(db)
    db.close()
    rule = Rule("thu_nghiem", left, ">=", "0", "error", "Thử.")
    workbook = dataclasses.replace(workbook, rules=(rule,))
    findings = [f for f in check_report(workbook, workbook.report_for(2023)) if "thu_nghiem" in f.where]
    assert len(findings) == 1 and says in findings[0].message
    assert "Expression" not in findings[0].message and "ast" not in findings[0].message


@pytest.mark.parametrize("text", [
    "9 tháng đầu năm 2024, toàn tỉnh giải quyết việc làm cho 14.260 lao động.",
    "6 tháng cuối năm, Sở tập trung rà soát hộ cận nghèo.",
    "3 năm qua, tỉnh đã hỗ trợ 512 hộ làm nhà ở.",
    "12 tháng liên tục không để xảy ra tai nạn lao động nghiêm trọng.",
    "Quý III năm 2024, tổ chức 5 phiên giao dịch việc làm.",
    "04 Nghị quyết được HĐND tỉnh thông qua.",
])
def test_a_count_of_months_quarters_or_years_opening_a_sentence_is_not_a_heading_number(text):
    assert not any("số đề mục" in f.message for f in with_paragraph(text))


@pytest.mark.parametrize("text", ["1. Kết quả đạt được", "1) Kết quả đạt được", "1.2 Kết quả đạt được",
                                  "2.1. Thực hiện tốt chính sách"])
def test_a_real_heading_number_typed_by_hand_is_still_found(text):
    assert any("số đề mục gõ tay" in f.message for f in with_paragraph(text))
