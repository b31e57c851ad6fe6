"""Figures as other departments write them: one decimal, growth, ranges, targets met, money in tỷ đồng.

Invented figures for an invented Sở Y tế of a made-up province; nothing here comes from the bundled sample.
"""

import pytest

from baocao_gui.domain.checks import Severity, check_report
from baocao_gui.domain.figures import FigureWriter, MissingFigure, PlanStatus, plan_status, targets_met
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
from baocao_gui.domain.periods import carry

SECTORS = (Sector("kham_chua_benh", Role.SECTOR, "Công tác khám, chữa bệnh", "Khám, chữa bệnh"),
           Sector("tai_chinh", Role.SECTOR, "Công tác tài chính", "Tài chính"))
LUOT_KHAM = Indicator("luot_kham", "kham_chua_benh", "Số lượt khám bệnh", "lượt")
GIUONG = Indicator("giuong_benh", "kham_chua_benh", "Số giường bệnh", "giường")
SUY_DINH_DUONG = Indicator("suy_dinh_duong", "kham_chua_benh", "Tỷ lệ trẻ em suy dinh dưỡng", "%",
                           plan_meaning=PlanMeaning.DECREASE, pad=False)
BHYT = Indicator("bao_hiem_y_te", "kham_chua_benh", "Tỷ lệ bao phủ bảo hiểm y tế", "%", pad=False)
CHI = Indicator("chi_ngan_sach", "tai_chinh", "Chi ngân sách", "tỷ đồng")
CHI_DONG = Indicator("chi_thuong_xuyen", "tai_chinh", "Chi thường xuyên", "đồng")
VIEN_PHI = Indicator("vien_phi", "tai_chinh", "Thu viện phí", "triệu đồng")
INDICATORS = (LUOT_KHAM, GIUONG, SUY_DINH_DUONG, BHYT, CHI, CHI_DONG, VIEN_PHI)


def report(values, *, pct_precision=None, blocks=None, indicators=INDICATORS):
    rep = Report(7, Period(PeriodKind.YEAR, 2031), values=values, blocks=blocks or {}, pct_precision=pct_precision)
    return Workbook(Agency(name="Sở Y tế", place="Hòa Lâm", abbreviation="SYT"), {}, SECTORS, indicators, (rep,)), rep


def write(text, values, **kw):
    return FigureWriter(*report(values, **kw)).render(text)


def one_decimal(ind: Indicator) -> Indicator:
    from dataclasses import replace

    return replace(ind, precision=1)


# --- precision -------------------------------------------------------------------------------------------------

def test_an_indicator_written_with_one_decimal_prints_97_3_percent_of_plan():
    values = {"luot_kham": Values(actual=292_000, plan=300_000)}  # 97,333…%
    assert write("đạt {{luot_kham.pct_plan}} kế hoạch", values) == "đạt 97,33% kế hoạch"
    indicators = (one_decimal(LUOT_KHAM), *INDICATORS[1:])
    assert write("đạt {{luot_kham.pct_plan}} kế hoạch", values, indicators=indicators) == "đạt 97,3% kế hoạch"


def test_a_report_default_and_a_citation_suffix_set_the_decimals_the_citation_winning():
    values = {"luot_kham": Values(actual=292_000, plan=300_000, last=250_000)}
    assert write("{{luot_kham.pct_plan}}; {{luot_kham.pct_last}}", values, pct_precision=1) == "97,3%; 116,8%"
    assert write("{{luot_kham.pct_plan:0}} / {{luot_kham.pct_plan:3}}", values, pct_precision=1) == "97% / 97,333%"


def test_rounding_is_half_up_at_the_printed_precision():
    values = {"luot_kham": Values(actual=245, plan=200), "giuong_benh": Values(actual=1, plan=8)}  # 122,5%; 12,5%
    assert write("{{luot_kham.pct_plan:0}}", values) == "123%"  # not 122% (half to even)
    assert write("{{giuong_benh.pct_plan:0}}", values) == "13%"
    assert write("{{bao_hiem_y_te:1}}", {"bao_hiem_y_te": Values(actual=92.25)}) == "92,3%"


def test_a_one_decimal_figure_typed_by_hand_is_no_false_warning():
    values = {"luot_kham": Values(actual=292_000, plan=300_000, overrides={"pct_plan": 97.3})}
    workbook, rep = report(values, indicators=(one_decimal(LUOT_KHAM), *INDICATORS[1:]))
    assert not [f for f in check_report(workbook, rep) if "ghi tay" in f.message]
    workbook, rep = report(values)  # printed with two decimals, 97,3 still rounds the computed 97,333…
    assert not [f for f in check_report(workbook, rep) if "ghi tay" in f.message]


def test_a_typed_figure_that_is_not_the_computed_one_rounded_is_still_found():
    values = {"luot_kham": Values(actual=292_000, plan=300_000, overrides={"pct_plan": 97.5})}
    workbook, rep = report(values, indicators=(one_decimal(LUOT_KHAM), *INDICATORS[1:]))
    finding = next(f for f in check_report(workbook, rep) if "ghi tay" in f.message)
    assert finding.severity == Severity.WARNING
    assert "97,5%" in finding.message and "97,3%" in finding.message and finding.place.field == "pct_plan"


# --- growth ----------------------------------------------------------------------------------------------------

def test_growth_against_last_year_is_the_relative_change_in_words():
    assert write("{{luot_kham.growth}}", {"luot_kham": Values(actual=29_610, last=26_320)}) == "tăng 12,5%"
    assert write("{{luot_kham.growth:1}}", {"luot_kham": Values(actual=24_200, last=25_000)}) == "giảm 3,2%"
    assert write("{{luot_kham.growth}}", {"luot_kham": Values(actual=25_000, last=25_000)}) == "bằng cùng kỳ"
    assert write("tăng {{luot_kham.pct_growth}}", {"luot_kham": Values(actual=29_610, last=26_320)}) == "tăng 12,5%"


def test_a_rate_keeps_its_change_in_points():
    values = {"suy_dinh_duong": Values(actual=11.4, last=12.6)}
    assert write("{{suy_dinh_duong.growth}}", values) == "giảm 1,2%"


def test_against_plan_an_excess_is_vuot_and_a_shortfall_keeps_the_ratio():
    assert write("{{luot_kham.vs_plan:1}}", {"luot_kham": Values(actual=31_620, plan=30_000)}) == "vượt 5,4% kế hoạch"
    assert write("{{luot_kham.vs_plan:1}}", {"luot_kham": Values(actual=28_380, plan=30_000)}) == "đạt 94,6% kế hoạch"
    assert write("{{luot_kham.vs_plan}}", {"luot_kham": Values(actual=30_000, plan=30_000)}) == "đạt 100% kế hoạch"


# --- ranges ----------------------------------------------------------------------------------------------------

def test_a_range_plan_is_printed_with_an_en_dash():
    values = {"suy_dinh_duong": Values(actual=11.4, last=12.6, plan=1, plan_high=1.5, target=0.8, target_high=1.2)}
    assert write("giảm {{suy_dinh_duong.plan}}; năm sau giảm {{suy_dinh_duong.target}}", values) == \
        "giảm 1–1,5%; năm sau giảm 0,8–1,2%"
    values = {"giuong_benh": Values(plan=1_200, plan_high=1_250)}
    assert write("{{giuong_benh.plan}} giường", values) == "1.200–1.250 giường"


@pytest.mark.parametrize("actual, status, words", [
    (11.9, PlanStatus.SHORT, "chưa đạt kế hoạch"),  # fell 0,7 point: short of 1–1,5
    (11.4, PlanStatus.WITHIN, "đạt kế hoạch"),  # fell 1,2 points
    (10.8, PlanStatus.BEYOND, "vượt kế hoạch"),  # fell 1,8 points
])
def test_a_range_reduction_plan_is_checked_in_its_direction(actual, status, words):
    values = Values(actual=actual, last=12.6, plan=1, plan_high=1.5)
    assert plan_status(SUY_DINH_DUONG, values) == status
    assert write("{{suy_dinh_duong.vs_plan}}", {"suy_dinh_duong": values}) == words


@pytest.mark.parametrize("actual, status", [(1_150, PlanStatus.SHORT), (1_230, PlanStatus.WITHIN),
                                            (1_300, PlanStatus.BEYOND)])
def test_a_range_level_plan_is_checked_upward(actual, status):
    assert plan_status(GIUONG, Values(actual=actual, plan=1_200, plan_high=1_250)) == status


def test_a_range_has_no_single_percent_of_plan_and_says_so():
    workbook, rep = report({"giuong_benh": Values(actual=1_230, plan=1_200, plan_high=1_250)})
    with pytest.raises(MissingFigure) as missing:
        FigureWriter(workbook, rep).figure("giuong_benh", "pct_plan")
    assert "khoảng" in missing.value.reason


def test_a_range_target_becomes_the_next_reports_range_plan():
    figures = {Period(PeriodKind.YEAR, 2031): {
        "suy_dinh_duong": Values(actual=11.4, last=12.6, plan=1, plan_high=1.5, target=0.8, target_high=1.2)}}
    nxt = carry(Period(PeriodKind.YEAR, 2032), figures).values["suy_dinh_duong"]
    assert (nxt.plan, nxt.plan_high, nxt.last, nxt.actual, nxt.target) == (0.8, 1.2, 11.4, None, None)
    nine_months = carry(Period(PeriodKind.NINE_MONTHS, 2032), figures).values["suy_dinh_duong"]
    assert (nine_months.plan, nine_months.plan_high) == (0.8, 1.2)  # the same annual plan


# --- targets met -----------------------------------------------------------------------------------------------

def test_targets_met_counts_reduction_and_range_plans_in_their_direction():
    values = {
        "luot_kham": Values(actual=31_620, plan=30_000),  # met
        "giuong_benh": Values(actual=1_150, plan=1_200, plan_high=1_250),  # short of the range
        "suy_dinh_duong": Values(actual=11.4, last=12.6, plan=1, plan_high=1.5),  # fell 1,2: in the range
        "bao_hiem_y_te": Values(actual=93.1, plan=93),  # met
        "chi_ngan_sach": Values(actual=315.6),  # no plan: not counted
        "vien_phi": Values(actual=4_100, plan=4_000),  # met, another sector
    }
    workbook, rep = report(values)
    met, short, unknown = targets_met(workbook, rep)
    assert (sorted(met), short, unknown) == (["bao_hiem_y_te", "luot_kham", "suy_dinh_duong", "vien_phi"],
                                            ["giuong_benh"], [])
    writer = FigureWriter(workbook, rep)
    assert writer.render("đạt và vượt {{targets_met}} chỉ tiêu") == "đạt và vượt 4/5 chỉ tiêu"
    assert writer.render("{{kham_chua_benh.targets_met}}; {{tai_chinh.targets_met}}") == "3/4; 1/1"


def test_targets_met_is_not_written_while_a_planned_figure_is_missing():
    workbook, rep = report({"luot_kham": Values(plan=30_000), "bao_hiem_y_te": Values(actual=93.1, plan=93)})
    with pytest.raises(MissingFigure) as missing:
        FigureWriter(workbook, rep).figure("targets_met", "actual")
    assert "Số lượt khám bệnh" in missing.value.reason


# --- units with scale ------------------------------------------------------------------------------------------

def money_findings(text, values):
    blocks = {(Part.RESULTS, "tai_chinh"): (Block(BlockKind.PARAGRAPH, text, 41),)}
    workbook, rep = report(values, blocks=blocks)
    return [f for f in check_report(workbook, rep) if f.place.block_id == 41]


def test_an_amount_in_ty_dong_followed_by_ty_dong_is_no_finding():
    values = {"chi_ngan_sach": Values(actual=315.6)}
    assert write("chi {{chi_ngan_sach}} tỷ đồng", values) == "chi 315,6 tỷ đồng"
    assert money_findings("Tổng chi ngân sách là {{chi_ngan_sach}} tỷ đồng.", values) == []


@pytest.mark.parametrize("text, values", [
    ("Tổng chi {{chi_ngan_sach}} tỷ tỷ đồng.", {"chi_ngan_sach": Values(actual=315.6)}),
    ("Thu viện phí {{vien_phi}} triệu triệu đồng.", {"vien_phi": Values(actual=4_100)}),
    ("Thu viện phí {{vien_phi}} tỷ đồng.", {"vien_phi": Values(actual=4_100)}),
    ("Tổng chi {{chi_ngan_sach}} đồng.", {"chi_ngan_sach": Values(actual=315.6)}),
    ("Chi thường xuyên {{chi_thuong_xuyen}} triệu đồng.", {"chi_thuong_xuyen": Values(actual=1_250_000_000)}),
])
def test_an_amount_whose_words_scale_it_again_or_drop_its_scale_is_an_error(text, values):
    findings = money_findings(text, values)
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "đơn vị" in findings[0].message


def test_an_amount_in_dong_may_be_printed_in_ty_dong_with_the_right_decimals():
    values = {"chi_thuong_xuyen": Values(actual=315_612_000_000)}
    assert write("{{chi_thuong_xuyen@tỷ đồng:1}} tỷ đồng", values) == "315,6 tỷ đồng"
    assert write("{{chi_thuong_xuyen@tỷ đồng}} tỷ đồng", values) == "315,61 tỷ đồng"
    assert write("{{chi_thuong_xuyen@triệu đồng:0}}", values) == "315.612"
    assert money_findings("Chi {{chi_thuong_xuyen@tỷ đồng:1}} tỷ đồng.", values) == []
    assert len(money_findings("Chi {{chi_thuong_xuyen@tỷ đồng:1}} đồng.", values)) == 1


def test_a_unit_of_another_kind_cannot_be_printed_into_and_says_so():
    workbook, rep = report({"luot_kham": Values(actual=29_610)})
    with pytest.raises(MissingFigure) as missing:
        FigureWriter(workbook, rep).figure("luot_kham", "actual", unit="tỷ đồng")
    assert "không đổi được" in missing.value.reason


def test_a_hand_typed_targets_met_count_is_a_warning_that_offers_the_citation():
    blocks = {(Part.RESULTS, "kham_chua_benh"): (
        Block(BlockKind.PARAGRAPH, "Năm 2031, ngành đạt và vượt 7/9 chỉ tiêu chủ yếu.", 51),
        Block(BlockKind.PARAGRAPH, "Ngành đạt và vượt {{targets_met}} chỉ tiêu; tỷ lệ 3/4 xã đạt chuẩn.", 52))}
    workbook, rep = report({"luot_kham": Values(actual=31_620, plan=30_000)}, blocks=blocks)
    found = [f for f in check_report(workbook, rep) if "gõ tay" in f.message and f.place.block_id in (51, 52)]
    assert [(f.place.block_id, f.severity) for f in found] == [(51, Severity.WARNING)]
    assert "{{targets_met}}" in found[0].fix
