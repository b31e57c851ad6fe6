"""The periods of the reporting regime (Decree 09/2019/NĐ-CP) and what a new report starts with."""

import datetime as dt

import pytest

from baocao_gui.domain.model import Period, PeriodKind, Values
from baocao_gui.domain.periods import carried_summary, carry

K = PeriodKind


@pytest.mark.parametrize("kind, label, following, start, end", [
    (K.YEAR, "năm 2024", "năm 2025", dt.date(2023, 12, 15), dt.date(2024, 12, 14)),
    (K.NINE_MONTHS, "9 tháng năm 2024", "quý IV năm 2024", dt.date(2023, 12, 15), dt.date(2024, 9, 14)),
    (K.SIX_MONTHS, "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", dt.date(2023, 12, 15), dt.date(2024, 6, 14)),
    (K.Q1, "quý I năm 2024", "quý II năm 2024", dt.date(2023, 12, 15), dt.date(2024, 3, 14)),
    (K.Q3, "quý III năm 2024", "quý IV năm 2024", dt.date(2024, 6, 15), dt.date(2024, 9, 14)),
    (K.Q4, "quý IV năm 2024", "quý I năm 2025", dt.date(2024, 9, 15), dt.date(2024, 12, 14)),
    (K.M1, "tháng 1 năm 2024", "tháng 2 năm 2024", dt.date(2023, 12, 15), dt.date(2024, 1, 14)),
    (K.M10, "tháng 10 năm 2024", "tháng 11 năm 2024", dt.date(2024, 9, 15), dt.date(2024, 10, 14)),
    (K.M12, "tháng 12 năm 2024", "tháng 1 năm 2025", dt.date(2024, 11, 15), dt.date(2024, 12, 14)),
])
def test_each_period_has_its_label_its_next_period_and_its_data_cut_off(kind, label, following, start, end):
    period = Period(kind, 2024)
    assert (period.label, period.next_label, period.cutoff) == (label, following, (start, end))


def test_reports_sort_in_time_the_shorter_period_first_when_two_end_together():
    periods = [Period(k, 2024) for k in (K.YEAR, K.Q4, K.M12, K.NINE_MONTHS, K.Q3, K.M1, K.SIX_MONTHS)]
    assert [p.label for p in sorted(periods, key=lambda p: p.order)] == [
        "tháng 1 năm 2024", "6 tháng đầu năm 2024", "quý III năm 2024", "9 tháng năm 2024",
        "tháng 12 năm 2024", "quý IV năm 2024", "năm 2024"]


def test_every_period_kind_is_allowed_by_the_workbook_schema():
    from baocao_gui.store.schema import PERIOD_KINDS

    assert set(PERIOD_KINDS) == {k.value for k in PeriodKind}


def test_a_years_plan_comes_from_the_targets_set_the_year_before_and_last_year_from_the_same_period():
    figures = {Period(K.YEAR, 2029): {"x": Values(actual=80, target=100), "y": Values(actual=5)},
               Period(K.NINE_MONTHS, 2029): {"x": Values(actual=60, plan=90)}}
    nine = carry(Period(K.NINE_MONTHS, 2030), figures)
    assert nine.values == {"x": Values(plan=100, last=60)}
    assert nine.say() == ("kế hoạch của 1 chỉ tiêu lấy từ chỉ tiêu năm 2030 trong báo cáo năm 2029; "
                          "cùng kỳ của 1 chỉ tiêu lấy từ số thực hiện 9 tháng năm 2029")


def test_without_the_annual_report_of_the_year_before_the_plan_of_a_report_of_the_same_year_is_used():
    figures = {Period(K.NINE_MONTHS, 2030): {"x": Values(actual=70, plan=100)}}
    year = carry(Period(K.YEAR, 2030), figures)
    assert year.values == {"x": Values(plan=100)}
    assert year.say() == "kế hoạch của 1 chỉ tiêu lấy từ kế hoạch trong báo cáo 9 tháng năm 2030"


def test_nothing_to_carry_is_said_plainly():
    assert carry(Period(K.M3, 2030), {}).say().startswith("không có số liệu nào được mang sang")


@pytest.mark.parametrize("summary, source, target, expected", [
    ("Kết quả năm 2023 - Phương hướng nhiệm vụ năm 2024", Period(K.YEAR, 2023), Period(K.YEAR, 2024),
     "Kết quả năm 2024 - Phương hướng nhiệm vụ năm 2025"),
    ("Kết quả 9 tháng năm 2024 - Phương hướng quý IV năm 2024", Period(K.NINE_MONTHS, 2024), Period(K.YEAR, 2024),
     "Kết quả năm 2024 - Phương hướng năm 2025"),
    ("Tình hình tháng 10 năm 2024, nhiệm vụ tháng 11 năm 2024", Period(K.M10, 2024), Period(K.M11, 2024),
     "Tình hình tháng 11 năm 2024, nhiệm vụ tháng 12 năm 2024"),
    ("Kết quả {{period}} - Phương hướng {{next_period}}", Period(K.YEAR, 2023), Period(K.Q1, 2024),
     "Kết quả {{period}} - Phương hướng {{next_period}}"),
])
def test_a_summary_is_carried_with_its_periods_renamed_and_its_years_moved(summary, source, target, expected):
    assert carried_summary(summary, source, target) == expected
