"""Plans that are limits and figures printed with the decimals asked for (issue 21, points 1–3).

Invented figures for an invented Sở Nông nghiệp và Môi trường of a made-up province (Hòa Lâm); nothing here comes
from the bundled sample.
"""

import tomllib
from dataclasses import replace
from decimal import Decimal

import pytest

from baocao_gui.compose.annex import compose_annex
from baocao_gui.domain.catalogue import LABEL_KEYS, CatalogueError, catalogue_text, parse_catalogue
from baocao_gui.domain.figures import (
    FigureWriter,
    MissingFigure,
    PlanStatus,
    plan_status,
    read_plan_words,
    targets_met,
)
from baocao_gui.domain.model import (
    Agency,
    AnnexChoice,
    Indicator,
    Period,
    PeriodKind,
    PlanDirection,
    PlanMeaning,
    Report,
    Role,
    Sector,
    Values,
    Workbook,
)
from baocao_gui.domain.vnformat import format_number

SECTORS = (Sector("moi_truong", Role.SECTOR, "Công tác môi trường", "Môi trường"),)
THAT_NGHIEP = Indicator("that_nghiep", "moi_truong", "Tỷ lệ thất nghiệp khu vực thành thị", "%", pad=False,
                        plan_direction=PlanDirection.BELOW)
VI_PHAM = Indicator("vi_pham", "moi_truong", "Tỷ lệ cơ sở vi phạm môi trường", "%", pad=False,
                    plan_direction=PlanDirection.AT_MOST)
CHE_PHU = Indicator("che_phu", "moi_truong", "Tỷ lệ che phủ rừng", "%", pad=False,
                    plan_direction=PlanDirection.AT_LEAST)
TANG_TRUONG = Indicator("tang_truong", "moi_truong", "Tốc độ tăng giá trị sản xuất", "%", pad=False,
                        plan_direction=PlanDirection.ABOVE)
NGHEO = Indicator("ngheo_da_chieu", "moi_truong", "Tỷ lệ hộ nghèo đa chiều", "%", pad=False,
                  plan_meaning=PlanMeaning.DECREASE, plan_direction=PlanDirection.AT_LEAST)
O_NHIEM = Indicator("o_nhiem", "moi_truong", "Tỷ lệ sông bị ô nhiễm", "%", pad=False,
                    plan_meaning=PlanMeaning.DECREASE, plan_direction=PlanDirection.ABOVE)
CAY_XANH = Indicator("cay_xanh", "moi_truong", "Số cây xanh trồng mới", "cây")
INDICATORS = (THAT_NGHIEP, VI_PHAM, CHE_PHU, TANG_TRUONG, NGHEO, O_NHIEM, CAY_XANH)


def report(values, *, pct_precision=None, indicators=INDICATORS):
    rep = Report(3, Period(PeriodKind.YEAR, 2032), values=values, pct_precision=pct_precision)
    return Workbook(Agency(name="Sở Nông nghiệp và Môi trường", place="Hòa Lâm"), {}, SECTORS, indicators,
                    (rep,)), rep


def write(text, values, **kw):
    return FigureWriter(*report(values, **kw)).render(text)


# --- 1. exact decimals ---------------------------------------------------------------------------------------

def test_a_growth_cited_with_one_decimal_prints_5_0_not_5():
    values = {"cay_xanh": Values(actual=42_000, last=40_000)}  # exactly +5 %
    assert write("{{cay_xanh.growth:1}}", values) == "tăng 5,0%"
    assert write("{{cay_xanh.pct_last:2}}", values) == "105,00%"
    assert write("{{cay_xanh.growth}}", values) == "tăng 5%"  # no precision set: trailing zeros dropped


def test_the_indicator_and_the_report_precision_print_exactly_their_decimals():
    values = {"cay_xanh": Values(actual=42_000, plan=40_000, last=40_000)}
    assert write("{{cay_xanh.pct_plan}}", values, pct_precision=1) == "105,0%"
    assert write("{{cay_xanh.vs_plan}}", values, pct_precision=1) == "vượt 5,0% kế hoạch"
    indicators = (*INDICATORS[:-1], replace(CAY_XANH, precision=2))
    assert write("{{cay_xanh.pct_plan}}", values, indicators=indicators) == "105,00%"
    assert write("{{cay_xanh.pct_plan:0}}", values, indicators=indicators) == "105%"  # the citation wins


def test_a_raw_figure_cited_with_decimals_prints_them():
    values = {"that_nghiep": Values(actual=3, last=2.5)}
    assert write("{{that_nghiep:1}}", values) == "3,0%"
    assert write("{{that_nghiep.change:2}}", values) == "tăng 0,50%"


def test_a_range_plan_typed_with_a_trailing_zero_prints_as_typed():
    values = {"vi_pham": Values(plan=0.6, plan_high=1.0, places={"plan_high": 1})}
    assert write("{{vi_pham.plan}}", values) == "0,6–1,0%"
    assert write("{{vi_pham.plan}}", {"vi_pham": Values(plan=0.6, plan_high=1.0)}) == "0,6–1%"  # typed "0,6–1"


def test_a_plan_and_a_target_typed_with_trailing_zeros_keep_them():
    values = {"cay_xanh": Values(plan=12_000.5, target=15_000.50, places={"target": 2}),
              "che_phu": Values(plan=40.0, places={"plan": 1})}
    assert write("{{cay_xanh.target}}", values) == "15.000,50"
    assert write("{{che_phu.plan}}", values) == "40,0%"
    assert write("{{che_phu.plan_text}}", values) == "từ 40,0% trở lên"


def test_format_number_writes_exactly_the_places_asked_for():
    assert format_number(Decimal(5), places=1) == "5,0"
    assert format_number(1234.5, places=2) == "1.234,50"
    assert format_number(Decimal("-0.04"), places=1) == "0,0"
    assert format_number(40.80) == "40,8"  # none asked: as before


# --- 2. plans that are limits --------------------------------------------------------------------------------

@pytest.mark.parametrize("indicator, values, status", [
    (THAT_NGHIEP, Values(actual=2.7, plan=3), PlanStatus.WITHIN),  # "dưới 3%": 2,7 is met
    (THAT_NGHIEP, Values(actual=3, plan=3), PlanStatus.SHORT),  # strictly under: 3 is not
    (THAT_NGHIEP, Values(actual=3.4, plan=3), PlanStatus.SHORT),
    (VI_PHAM, Values(actual=5, plan=5), PlanStatus.WITHIN),  # "không quá 5%": 5 is met
    (VI_PHAM, Values(actual=5.1, plan=5), PlanStatus.SHORT),
    (CHE_PHU, Values(actual=42, plan=42), PlanStatus.WITHIN),  # "từ 42% trở lên"
    (CHE_PHU, Values(actual=43, plan=42), PlanStatus.BEYOND),
    (CHE_PHU, Values(actual=41.9, plan=42), PlanStatus.SHORT),
    (TANG_TRUONG, Values(actual=2, plan=2), PlanStatus.SHORT),  # "trên 2%": 2 is not
    (TANG_TRUONG, Values(actual=2.1, plan=2), PlanStatus.WITHIN),
    (NGHEO, Values(actual=6.1, last=8.1, plan=2), PlanStatus.WITHIN),  # "giảm từ 2% trở lên": fell by 2
    (NGHEO, Values(actual=6.5, last=8.1, plan=2), PlanStatus.SHORT),
    (O_NHIEM, Values(actual=10, last=12, plan=2), PlanStatus.SHORT),  # "giảm trên 2%": fell by exactly 2
    (O_NHIEM, Values(actual=9.5, last=12, plan=2), PlanStatus.WITHIN),
])
def test_each_direction_is_met_or_not_as_its_words_say(indicator, values, status):
    assert plan_status(indicator, values) == status


def test_an_unemployment_rate_under_its_ceiling_counts_as_met_in_x_of_y():
    values = {"that_nghiep": Values(actual=2.7, plan=3), "vi_pham": Values(actual=5.5, plan=5),
              "che_phu": Values(actual=43, plan=42), "tang_truong": Values(actual=2, plan=2),
              "ngheo_da_chieu": Values(actual=6.1, last=8.1, plan=2)}
    workbook, rep = report(values)
    met, short, unknown = targets_met(workbook, rep)
    assert sorted(met) == ["che_phu", "ngheo_da_chieu", "that_nghiep"]
    assert sorted(short) == ["tang_truong", "vi_pham"] and unknown == []
    assert FigureWriter(workbook, rep).render("đạt {{targets_met}} chỉ tiêu") == "đạt 3/5 chỉ tiêu"


@pytest.mark.parametrize("code, values, printed, bare", [
    ("that_nghiep", Values(plan=3), "dưới 3%", "3%"),
    ("vi_pham", Values(plan=5), "không quá 5%", "5%"),
    ("che_phu", Values(plan=42), "từ 42% trở lên", "42%"),
    ("tang_truong", Values(plan=2), "trên 2%", "2%"),
    ("ngheo_da_chieu", Values(plan=2), "giảm từ 2% trở lên", "2%"),
    ("o_nhiem", Values(plan=2), "giảm trên 2%", "2%"),
    ("o_nhiem", Values(plan=1, plan_high=1.5), "giảm 1–1,5%", "1–1,5%"),  # a range stays a range
    ("cay_xanh", Values(plan=12_000), "12.000", "12.000"),  # a bare plan: its figure
])
def test_a_plan_is_printed_in_its_direction(code, values, printed, bare):
    assert write("{{" + code + ".plan_text}}", {code: values}) == printed
    target = Values(target=values.plan, target_high=values.plan_high)
    assert write("{{" + code + ".target_text}}", {code: target}) == printed
    # {{x.plan}} stays the figure alone, for a sentence that writes its own words ("mục tiêu giảm từ … trở lên")
    assert write("{{" + code + ".plan}}", {code: values}) == bare


def test_the_annex_prints_the_plan_in_its_direction():
    values = {"that_nghiep": Values(actual=2.7, plan=3, target=2.5),
              "ngheo_da_chieu": Values(actual=6.1, last=8.1, plan=2, target=1.5)}
    workbook, rep = report(values)
    annex = compose_annex(workbook, rep, AnnexChoice())
    assert annex.cell("that_nghiep", "plan") == "dưới 3%"
    assert annex.cell("that_nghiep", "target") == "dưới 2,5%"
    assert annex.cell("that_nghiep", "pct_plan") == ""  # a ceiling has no % of plan (docs/data-format.md)
    assert annex.cell("ngheo_da_chieu", "plan") == "giảm từ 2% trở lên"


def test_vs_plan_of_a_ceiling_is_said_in_words():
    assert write("{{that_nghiep.vs_plan}}", {"that_nghiep": Values(actual=2.7, plan=3)}) == "đạt kế hoạch"
    assert write("{{that_nghiep.vs_plan}}", {"that_nghiep": Values(actual=3, plan=3)}) == "chưa đạt kế hoạch"
    with pytest.raises(MissingFigure, match="không được vượt"):
        FigureWriter(*report({"that_nghiep": Values(actual=2.7, plan=3)}), missing="raise").figure(
            "that_nghiep", "pct_plan")


@pytest.mark.parametrize("typed, meaning, direction, rest", [
    ("dưới 3%", None, PlanDirection.BELOW, "3%"),
    ("không quá 5", None, PlanDirection.AT_MOST, "5"),
    ("Không vượt quá 5%", None, PlanDirection.AT_MOST, "5%"),
    ("từ 2% trở lên", None, PlanDirection.AT_LEAST, "2%"),
    ("trên 2%", None, PlanDirection.ABOVE, "2%"),
    ("giảm trên 2%", PlanMeaning.DECREASE, PlanDirection.ABOVE, "2%"),
    ("giảm từ 2% trở lên", PlanMeaning.DECREASE, PlanDirection.AT_LEAST, "2%"),
    ("giảm 1–1,5%", PlanMeaning.DECREASE, None, "1–1,5%"),
    ("18.200", None, None, "18.200"),
])
def test_the_words_of_a_plan_are_read_back(typed, meaning, direction, rest):
    assert read_plan_words(typed) == (rest, meaning, direction)


CATALOGUE = """
[catalogue]
id = "nnmt_hoa_lam"
name = "Sở Nông nghiệp và Môi trường"

[labels]
{labels}

[[sector]]
code = "moi_truong"
title = "Công tác môi trường"

[[sector.indicator]]
code = "that_nghiep"
name = "Tỷ lệ thất nghiệp"
unit = "%"
plan_direction = "below"

[[sector.indicator]]
code = "ngheo"
name = "Tỷ lệ hộ nghèo"
unit = "%"
plan_direction = "decrease_above"

[[sector.indicator]]
code = "ngheo_cu"
name = "Tỷ lệ hộ nghèo (danh mục cũ)"
unit = "%"
plan_meaning = "decrease"
""".replace("{labels}", "\n".join(f'{key} = "{key}"' for key in LABEL_KEYS))


def test_the_catalogue_key_plan_direction_is_read_written_and_the_old_key_still_read():
    catalogue = parse_catalogue(tomllib.loads(CATALOGUE), strict=False)
    by_code = {i.code: i for i in catalogue.indicators}
    assert (by_code["that_nghiep"].plan_meaning, by_code["that_nghiep"].plan_direction) == \
        (PlanMeaning.LEVEL, PlanDirection.BELOW)
    assert (by_code["ngheo"].plan_meaning, by_code["ngheo"].plan_direction) == \
        (PlanMeaning.DECREASE, PlanDirection.ABOVE)
    assert (by_code["ngheo_cu"].plan_meaning, by_code["ngheo_cu"].plan_direction) == \
        (PlanMeaning.DECREASE, PlanDirection.REACH)
    written = catalogue_text(catalogue)
    assert 'plan_direction = "below"' in written and 'plan_direction = "decrease"' in written
    assert parse_catalogue(tomllib.loads(written), strict=False).indicators == catalogue.indicators


def test_a_catalogue_direction_the_program_does_not_know_is_refused_in_one_sentence():
    with pytest.raises(CatalogueError, match="plan_direction phải là một trong"):
        parse_catalogue(tomllib.loads(CATALOGUE.replace('"below"', '"duoi"')), strict=False)
    with pytest.raises(CatalogueError, match="trái với plan_direction"):
        parse_catalogue(tomllib.loads(CATALOGUE.replace('plan_direction = "below"',
                                                        'plan_direction = "below"\nplan_meaning = "decrease"')),
                        strict=False)


# --- 3. the % of plan of a reduction plan ----------------------------------------------------------------------

def test_the_percent_of_plan_of_a_reduction_plan_is_the_fall_over_the_fall_planned():
    # 9,40 → 7,66: a fall of 1,74 points against 2 planned = 87 %
    values = {"ngheo_da_chieu": Values(actual=7.66, last=9.4, plan=2)}
    assert write("{{ngheo_da_chieu.pct_plan}}", values) == "87%"
    assert write("{{ngheo_da_chieu.vs_plan}}", values) == "đạt 87% kế hoạch"
    workbook, rep = report(values)
    assert compose_annex(workbook, rep, AnnexChoice()).cell("ngheo_da_chieu", "pct_plan") == "87%"
    beyond = {"ngheo_da_chieu": Values(actual=6.9, last=9.4, plan=2)}  # fell by 2,5 = 125 %
    assert write("{{ngheo_da_chieu.pct_plan}} / {{ngheo_da_chieu.vs_plan}}", beyond) == "125% / vượt 25% kế hoạch"


def test_a_reduction_that_did_not_happen_is_not_met_in_words():
    values = {"ngheo_da_chieu": Values(actual=9.6, last=9.4, plan=2)}
    assert write("{{ngheo_da_chieu.vs_plan}}", values) == "chưa đạt kế hoạch"


def test_a_reduction_plan_without_last_years_figure_has_no_percent_of_plan_and_says_why():
    with pytest.raises(MissingFigure, match="cùng kỳ"):
        FigureWriter(*report({"ngheo_da_chieu": Values(actual=7.66, plan=2)}), missing="raise").figure(
            "ngheo_da_chieu", "pct_plan")
