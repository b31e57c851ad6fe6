"""Numbers in imported text that equal a figure of the sector are offered as citations, whichever Vietnamese way
they are written; years, dates, decree numbers, small counts without their unit and numbers two indicators share
are not offered. Nothing changes unless accepted. Sample figures; sentences invented."""

from __future__ import annotations

import pytest

from baocao_gui.domain.figures import sheet
from baocao_gui.domain.model import Block, BlockKind
from baocao_gui.importers.figures import cite, find_figures
from baocao_gui.store import load_workbook, open_workbook


@pytest.fixture
def sample(sample_workbook):
    db = open_workbook(sample_workbook, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    return workbook, workbook.report_for(2023)


def offers(sample, text, sector="lao_dong"):
    workbook, report = sample
    return [(f.written, f.token) for f in find_figures([Block(BlockKind.PARAGRAPH, text)], workbook, report, sector)]


@pytest.mark.parametrize("written", ["18.498", "18498"])
def test_a_count_written_with_or_without_the_thousands_dot_is_offered(sample, written):
    assert offers(sample, f"Tạo việc làm cho {written} lượt người.") == [(written, "{{viec_lam}}")]


def test_percentages_plans_and_targets_are_offered_with_their_field(sample):
    text = "Đạt 101,64% kế hoạch (18.200 lượt người); năm sau phấn đấu 18.300 lượt người."
    assert offers(sample, text) == [("101,64%", "{{viec_lam.pct_plan}}"), ("18.200", "{{viec_lam.plan}}"),
                                    ("18.300", "{{viec_lam.target}}")]


def test_a_rate_needs_its_percent_sign_and_a_count_must_not_have_one(sample):
    assert offers(sample, "Tỷ lệ hộ nghèo còn 5,18%.", "giam_ngheo_btxh") == [("5,18%", "{{ho_ngheo}}")]
    assert offers(sample, "Có 5,18 điểm.", "giam_ngheo_btxh") == []
    assert offers(sample, "Tăng 18498% so với trước.") == []


def test_years_dates_and_document_numbers_are_never_offered(sample):
    assert offers(sample, "Theo Nghị định 30/2020/NĐ-CP, ngày 18/01/2024, trong năm 2023 và Số 2023.") == []


def test_only_the_figures_of_the_sector_the_text_goes_to(sample):
    assert offers(sample, "Tỷ lệ hộ nghèo còn 5,18%.", "lao_dong") == []


def test_a_small_count_is_offered_only_when_its_unit_follows(sample):
    workbook, report = sample
    small = next(i for i in workbook.indicators if i.sector == "tham_muu" and report.values.get(i.code)
                 and report.values[i.code].actual is not None and report.values[i.code].actual < 10)
    written = sheet(workbook, report).render("{{" + small.code + "}}")
    number = str(int(report.values[small.code].actual))
    assert offers(sample, f"Đã trình {written} {small.unit} trong năm.", "tham_muu")[:1] == [
        (written, "{{" + small.code + "}}")]
    assert (number, "{{" + small.code + "}}") not in offers(sample, f"Có {number} nội dung khác.", "tham_muu")


def test_accepted_offers_become_citations_and_the_rest_stays_as_typed(sample):
    workbook, report = sample
    blocks = [Block(BlockKind.PARAGRAPH, "Tạo việc làm cho 18498 lượt người, đạt 101,64% kế hoạch."),
              Block(BlockKind.TABLE, '{"header":[["18.498"]],"rows":[]}')]
    found = find_figures(blocks, workbook, report, "lao_dong")
    assert len(found) == 2  # tables are left as they are
    cited = cite(blocks, [found[0]])
    assert cited[0].text == "Tạo việc làm cho {{viec_lam}} lượt người, đạt 101,64% kế hoạch."
    assert cited[1] == blocks[1]
    assert sheet(workbook, report).render(cited[0].text) == "Tạo việc làm cho 18.498 lượt người, đạt 101,64% kế hoạch."
