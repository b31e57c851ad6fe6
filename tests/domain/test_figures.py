import pytest

from baocao_gui.domain.figures import FigureWriter, MissingFigure
from baocao_gui.domain.model import (
    Agency,
    Indicator,
    Period,
    PeriodKind,
    PlanMeaning,
    Report,
    Role,
    Sector,
    Values,
    Workbook,
)

SECTOR = Sector("lao_dong", Role.SECTOR, "Công tác Lao động", "Lao động")


def book(values, indicators=None, kind=PeriodKind.YEAR):
    indicators = indicators or (
        Indicator("viec_lam", "lao_dong", "Việc làm", "lượt người"),
        Indicator("xkld", "lao_dong", "Xuất khẩu lao động", "người", parent="viec_lam"),
        Indicator("ho_ngheo", "lao_dong", "Tỷ lệ hộ nghèo", "%", plan_meaning=PlanMeaning.DECREASE, pad=False),
        Indicator("doan", "lao_dong", "Số đoàn", "đoàn"),
    )
    report = Report(1, Period(kind, 2023), values=values)
    return FigureWriter(Workbook(Agency(), {}, (SECTOR,), tuple(indicators), (report,)), report)


def test_a_sentence_cites_the_figure_and_its_percent_of_plan():
    w = book({"viec_lam": Values(actual=18498, plan=18200)})
    text = "Số lao động được tạo việc làm là {{viec_lam}} lượt người, đạt {{viec_lam.pct_plan}} so với kế hoạch năm."
    assert w.render(text) == "Số lao động được tạo việc làm là 18.498 lượt người, đạt 101,64% so với kế hoạch năm."


def test_a_rate_change_is_given_in_points_with_both_ends():
    w = book({"ho_ngheo": Values(actual=5.18, last=7.97, plan=3)})
    text = "{{ho_ngheo.change}} (từ {{ho_ngheo.last}} cuối năm {{last_year}} xuống còn {{ho_ngheo}} cuối năm {{year}})"
    assert w.render(text) == "giảm 2,79% (từ 7,97% cuối năm 2022 xuống còn 5,18% cuối năm 2023)"
    assert w.render("mục tiêu giảm từ {{ho_ngheo.plan}} trở lên") == "mục tiêu giảm từ 3% trở lên"


def test_a_rise_is_written_as_tang_and_no_change_as_khong_doi():
    assert book({"ho_ngheo": Values(actual=8, last=7.5)}).render("{{ho_ngheo.change}}") == "tăng 0,5%"
    assert book({"ho_ngheo": Values(actual=7, last=7)}).render("{{ho_ngheo.change}}") == "không đổi"


def test_a_typed_override_wins_over_the_computed_percentage():
    values = Values(actual=8491, plan=4000, overrides={"pct_plan": 212.27})
    assert book({"viec_lam": values}).render("{{viec_lam.pct_plan}}") == "212,27%"
    assert book({"viec_lam": Values(actual=8491, plan=4000)}).render("{{viec_lam.pct_plan}}") == "212,28%"


def test_share_of_the_parent_total():
    w = book({"viec_lam": Values(actual=42), "xkld": Values(actual=32)})
    assert w.render("{{xkld.pct_parent}}") == "76,19%"


def test_small_counts_are_padded_in_sentences_but_rates_are_not():
    w = book({"doan": Values(actual=4), "ho_ngheo": Values(actual=5)})
    assert w.render("Tổ chức {{doan}} Đoàn, tỷ lệ {{ho_ngheo}}") == "Tổ chức 04 Đoàn, tỷ lệ 5%"


def test_changing_a_figure_changes_every_sentence_that_cites_it():
    text = "{{viec_lam}} lượt người; đạt {{viec_lam.pct_plan}}"
    assert book({"viec_lam": Values(actual=18498, plan=18200)}).render(text) == "18.498 lượt người; đạt 101,64%"
    assert book({"viec_lam": Values(actual=20000, plan=18200)}).render(text) == "20.000 lượt người; đạt 109,89%"


@pytest.mark.parametrize("kind, period, next_period", [
    (PeriodKind.YEAR, "năm 2023", "năm 2024"),
    (PeriodKind.SIX_MONTHS, "6 tháng đầu năm 2023", "6 tháng cuối năm 2023"),
    (PeriodKind.NINE_MONTHS, "9 tháng năm 2023", "quý IV năm 2023"),
])
def test_period_words_follow_the_kind_of_report(kind, period, next_period):
    assert book({}, kind=kind).render("{{period}} / {{next_period}}") == f"{period} / {next_period}"


def test_a_missing_figure_is_refused_or_visibly_marked():
    w = book({"viec_lam": Values(actual=18498)})
    with pytest.raises(MissingFigure):
        w.render("{{viec_lam.pct_plan}}")
    with pytest.raises(MissingFigure):
        w.render("{{khong_co}}")
    w.missing = "mark"
    assert w.render("đạt {{viec_lam.pct_plan}}") == "đạt [viec_lam.pct_plan?]"


def test_a_percentage_beyond_what_can_be_written_shows_as_not_computable_and_is_a_finding():
    from baocao_gui.domain.checks import Severity, check_report
    from baocao_gui.domain.figures import FigureWriter, MissingFigure
    from baocao_gui.domain.model import (
        Agency,
        Indicator,
        Period,
        PeriodKind,
        Report,
        Role,
        Sector,
        Values,
        Workbook,
    )

    sector = Sector("viec_lam_x", Role.SECTOR, "Công tác Việc làm", "Việc làm")
    ind = Indicator("lao_dong_moi", "viec_lam_x", "Lao động có việc làm mới", "người")
    report = Report(1, Period(PeriodKind.YEAR, 2031),
                    values={"lao_dong_moi": Values(actual=999_999_999_999, plan=0.000001, last=1e-9)})
    workbook = Workbook(Agency(name="Sở X"), {}, (sector,), (ind,), (report,))
    writer = FigureWriter(workbook, report)
    with pytest.raises(MissingFigure) as missing:
        writer.figure("lao_dong_moi", "pct_plan")
    assert missing.value.reason.startswith("không tính được")
    assert writer.figure("lao_dong_moi", "actual") == "999.999.999.999"
    findings = [f for f in check_report(workbook, report) if "không tính được tỷ lệ" in f.message]
    assert {f.place.field for f in findings} == {"pct_plan", "pct_last"}
    assert all(f.severity == Severity.ERROR for f in findings)
