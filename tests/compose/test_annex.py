"""The figures annex is composed from the report's own figures: what it prints is what the text prints."""

import dataclasses
import datetime as dt

import pytest

from baocao_gui.compose import compose_outline
from baocao_gui.compose.annex import agency_in_sentence
from baocao_gui.domain.figures import MissingFigure, citations, sheet
from baocao_gui.domain.model import AnnexChoice, Values
from baocao_gui.store import load_workbook, open_workbook


@pytest.fixture
def sample(sample_workbook):
    db = open_workbook(sample_workbook, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    return workbook, workbook.report_for(2023)


def test_a_report_has_no_annex_until_one_is_chosen(sample):
    workbook, report = sample
    assert report.annex is None
    assert compose_outline(workbook, report).annex is None
    assert compose_outline(workbook, report, annex=True).annex is not None
    chosen = dataclasses.replace(report, annex=AnnexChoice())
    assert compose_outline(workbook, chosen).annex is not None
    assert compose_outline(workbook, chosen, annex=False).annex is None


def test_every_figure_the_text_cites_is_the_figure_in_the_annex(sample):
    """Both come from one figure sheet: for every citation in the report's paragraphs whose figure has a column
    in the annex, the annex cell is the text's figure, to the digit."""
    workbook, report = sample
    outline = compose_outline(workbook, report, annex=True)
    annex = outline.annex
    writer = sheet(workbook, report)
    column_of = {"actual": "actual", "plan": "plan", "last": "last", "target": "target", "pct_plan": "pct_plan",
                 "pct_last": "pct_last", "change": "pct_last"}
    compared = 0
    for blocks in report.blocks.values():
        for block in blocks:
            for c in citations(block.text):
                indicator = workbook.indicator(c.code)
                if indicator is None or c.field not in column_of:
                    continue
                if (c.field == "change") != indicator.is_rate and c.field in ("change", "pct_last"):
                    continue  # a rate's "so với cùng kỳ" is its change in points; a count's is the ratio
                stated = c.field in ("plan", "target")  # the annex states a plan in its direction: {{x.plan_text}}
                try:
                    in_text = writer.figure(c.code, c.field + "_text" if stated else c.field)
                except MissingFigure:
                    continue
                cell = annex.cell(c.code, column_of[c.field])
                assert cell == in_text, (c.code, c.field)
                compared += 1
    assert compared >= 20


def test_the_rows_are_sectors_then_their_indicators_with_breakdowns_under_their_total(sample):
    workbook, report = sample
    annex = compose_outline(workbook, report, annex=True).annex
    rows = annex.rows
    assert rows[0].sector and rows[0].cells[0] == "I"
    assert rows[0].cells[1] == "Công tác tham mưu văn bản và triển khai thực hiện chỉ đạo, điều hành"
    total = next(i for i, r in enumerate(rows) if r.code == "viec_lam")
    assert [r.code for r in rows[total + 1:total + 3]] == ["viec_lam_trong_nuoc", "xuat_khau_lao_dong"]
    assert [r.depth for r in rows[total:total + 3]] == [0, 1, 1]
    assert rows[total].cells[0] == "1" and rows[total + 1].cells[0] == "-"
    assert [r.cells[0] for r in rows if r.sector] == ["I", "II", "III", "IV", "V", "VI"]


def test_an_empty_figure_is_an_empty_cell_never_zero(sample):
    workbook, report = sample
    annex = compose_outline(workbook, report, annex=True).annex
    assert annex.cell("viec_lam_trong_nuoc", "actual") == "17.896"
    assert annex.cell("viec_lam_trong_nuoc", "plan") == ""
    assert annex.cell("viec_lam_trong_nuoc", "pct_plan") == ""
    assert all("0%" != cell and cell != "0" for row in annex.rows for cell in row.cells)


def test_reductions_and_rates_are_written_as_the_text_writes_them(sample):
    workbook, report = sample
    annex = compose_outline(workbook, report, annex=True).annex
    assert annex.cell("ho_ngheo", "plan") == "giảm từ 3% trở lên"  # as the reference states it
    assert annex.cell("ho_ngheo", "pct_plan") == "93%"  # the fall 7,97 → 5,18 (2,79 points) over the 3 planned
    assert annex.cell("ho_ngheo", "actual") == "5,18%"
    assert annex.cell("ho_ngheo", "pct_last") == "giảm 2,79%"
    assert annex.cell("dao_tao_nghe", "pct_plan") == "212,27%"  # the clerk's typed figure, as in the text
    assert annex.cell("nghi_quyet", "actual") == "04"  # small counts padded, as in the text


def test_a_changed_figure_changes_the_annex_and_the_text_together(sample):
    workbook, report = sample
    values = dict(report.values)
    values["viec_lam"] = dataclasses.replace(values["viec_lam"], actual=19000.0)
    changed = dataclasses.replace(report, values=values)
    outline = compose_outline(workbook, changed, annex=True)
    assert outline.annex.cell("viec_lam", "actual") == "19.000"
    assert outline.annex.cell("viec_lam", "pct_plan") == "104,4%"
    assert any("19.000 lượt người, đạt 104,4%" in line for line in outline.lines())


def test_the_clerk_chooses_the_sectors_and_the_columns(sample):
    workbook, report = sample
    choice = AnnexChoice(sectors=("lao_dong", "giam_ngheo_btxh"), columns=("unit", "actual", "plan", "pct_plan"))
    annex = compose_outline(workbook, dataclasses.replace(report, annex=choice)).annex
    assert [r.cells[1] for r in annex.rows if r.sector] == [
        "Công tác Lao động – Việc làm và Giáo dục nghề nghiệp", "Công tác Giảm nghèo - Bảo trợ xã hội"]
    assert annex.header == ("STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2023", "Kế hoạch năm 2023",
                            "So với kế hoạch")
    assert all(len(r.cells) == 6 for r in annex.rows)


def test_a_sector_left_out_of_the_report_is_left_out_of_its_annex(sample):
    workbook, report = sample
    off = dataclasses.replace(report, sectors_off=frozenset({"nguoi_co_cong"}))
    annex = compose_outline(workbook, off, annex=True).annex
    assert "Công tác Người có công" not in [r.cells[1] for r in annex.rows if r.sector]
    assert [r.cells[0] for r in annex.rows if r.sector] == ["I", "II", "III", "IV", "V"]


def test_indicators_without_a_figure_in_the_chosen_columns_are_left_out(sample):
    workbook, report = sample
    choice = AnnexChoice(columns=("unit", "last"))
    annex = compose_outline(workbook, dataclasses.replace(report, annex=choice)).annex
    assert {r.code for r in annex.rows if not r.sector} == {"dao_tao_nghe", "ho_ngheo", "ho_ngheo_dtts",
                                                             "ho_ngheo_dtts_tai_cho"}
    nothing = AnnexChoice(sectors=("tham_muu",), columns=("target",))
    assert compose_outline(workbook, dataclasses.replace(report, annex=nothing)).annex is None


def test_the_annex_names_the_report_it_goes_with_and_leaves_number_and_day_blank_for_the_van_thu(sample):
    workbook, report = sample
    annex = compose_outline(workbook, report, annex=True).annex
    assert (annex.label, annex.title) == ("Phụ lục", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023")
    assert annex.attached == ("(Kèm theo Báo cáo tóm tắt số 15/BC-SLĐTBXH ngày 18/01/2024 của Sở Lao động - "
                              "Thương binh và Xã hội)")
    blank = dataclasses.replace(report, number=None, date=None)
    line = compose_outline(workbook, blank, annex=True).annex.attached
    assert line.startswith("(Kèm theo Báo cáo tóm tắt số \u00a0") and "/BC-SLĐTBXH ngày \u00a0" in line
    assert "/2024 của Sở" in line
    assert "15" not in line and "18" not in line


def test_a_six_month_report_names_its_columns_by_its_period(sample):
    from baocao_gui.domain.model import Period, PeriodKind

    workbook, report = sample
    half = dataclasses.replace(report, period=Period(PeriodKind.SIX_MONTHS, 2024), date=dt.date(2024, 6, 20),
                               values={"viec_lam": Values(actual=9000, plan=18300, last=8800, target=9300)})
    annex = compose_outline(workbook, half, annex=True).annex
    assert annex.header[3:] == ("Kế hoạch năm 2024", "Thực hiện 6 tháng đầu năm 2024", "So với kế hoạch",
                                "Cùng kỳ 6 tháng đầu năm 2023", "So với cùng kỳ", "Kế hoạch 6 tháng cuối năm 2024")
    assert annex.attached.endswith("ngày 20/06/2024 của Sở Lao động - Thương binh và Xã hội)")


@pytest.mark.parametrize("typed, written", [
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SỞ Y TẾ", "Sở Y tế"),
    ("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Ủy ban nhân dân tỉnh Đắk Nông"),
    ("SỞ NỘI VỤ TỈNH LÂM ĐỒNG", "Sở Nội vụ tỉnh Lâm Đồng"),
    ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI HUYỆN CƯ JÚT", "Phòng Lao động - Thương binh và Xã hội huyện Cư Jút"),
    ("UBND THÀNH PHỐ GIA NGHĨA", "UBND thành phố Gia Nghĩa"),
    ("Sở Nội vụ tỉnh Lâm Đồng", "Sở Nội vụ tỉnh Lâm Đồng"),  # typed as a sentence writes it: kept
    ("", ""),
])
def test_the_agency_is_named_in_the_annex_as_a_sentence_names_it(typed, written):
    assert agency_in_sentence(typed) == written


def test_ranges_and_precision_are_printed_in_the_annex_as_the_text_prints_them(sample):
    """#12's figures as departments write them reach the annex through the same sheet: a range plan with an en
    dash, a reduction range, one decimal for an indicator's percentages."""
    workbook, report = sample
    indicators = tuple(dataclasses.replace(i, precision=1) if i.code == "viec_lam" else i for i in workbook.indicators)
    workbook = dataclasses.replace(workbook, indicators=indicators)
    values = dict(report.values)
    values["viec_lam"] = dataclasses.replace(values["viec_lam"], plan=18000.0, plan_high=18500.0)
    values["ho_ngheo"] = dataclasses.replace(values["ho_ngheo"], plan=1.0, plan_high=1.5)
    report = dataclasses.replace(report, values=values)
    writer = sheet(workbook, report)
    annex = compose_outline(workbook, report, annex=True).annex
    assert annex.cell("viec_lam", "plan") == writer.figure("viec_lam", "plan")
    assert "–" in annex.cell("viec_lam", "plan")
    assert annex.cell("ho_ngheo", "plan") == "giảm " + writer.figure("ho_ngheo", "plan")
    assert "–" in annex.cell("ho_ngheo", "plan")
    for field in ("actual", "pct_plan", "target"):
        try:
            in_text = writer.figure("viec_lam", field)
        except MissingFigure:
            in_text = ""
        assert annex.cell("viec_lam", field) == in_text, field
